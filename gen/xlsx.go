package gen

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"

	"settle/internal/xlsxzip"
	"settle/pipeline"
)

// bookInfo is what every workbook of one run shares.
type bookInfo struct {
	year int
	seed int64
	dir  string
}

// book is a workbook being written, sheet after sheet, with StreamWriter.
type book struct {
	f      *excelize.File
	info   bookInfo
	sheets int
	st     styles
}

// styles are the cell styles of a book.
type styles struct {
	header, title, money, date, datetime, whole int
}

func newBook(info bookInfo) (*book, error) {
	f := excelize.NewFile()
	// BestSpeed: a million-line sheet is ~400 MB of XML; level 1 compresses
	// it several times faster than the default for a file ~20% larger.
	f.SetZipWriter(xlsxzip.WithLevel(1))
	b := &book{f: f, info: info}
	var err error
	add := func(s *excelize.Style) int {
		id, e := f.NewStyle(s)
		if err == nil {
			err = e
		}
		return id
	}
	dateFmt, datetimeFmt := "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
	b.st = styles{
		header: add(&excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center"},
		}),
		title:    add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}),
		money:    add(&excelize.Style{NumFmt: 4}), // #,##0.00
		date:     add(&excelize.Style{CustomNumFmt: &dateFmt}),
		datetime: add(&excelize.Style{CustomNumFmt: &datetimeFmt}),
		whole:    add(&excelize.Style{NumFmt: 1}), // 0
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return b, nil
}

// sheetWriter streams the rows of one sheet.
type sheetWriter struct {
	sw  *excelize.StreamWriter
	row int // last row written
}

// sheet starts the next sheet: the first one renames Sheet1.
func (b *book) sheet(name string, widths []float64) (*sheetWriter, error) {
	var err error
	if b.sheets == 0 {
		err = b.f.SetSheetName("Sheet1", name)
	} else {
		_, err = b.f.NewSheet(name)
	}
	if err != nil {
		return nil, err
	}
	b.sheets++
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	return &sheetWriter{sw: sw}, nil
}

// table writes a whole sheet: the column widths, a header row, then the
// rows that fill adds, in order. The first error skips the rest and is
// returned.
func (b *book) table(name string, widths []float64, headers []string, fill func(add func(values ...any))) error {
	s, err := b.sheet(name, widths)
	if err != nil {
		return err
	}
	err = s.header(b.st.header, headers...)
	fill(func(values ...any) {
		if err == nil {
			err = s.add(values)
		}
	})
	if err != nil {
		return err
	}
	return s.flush()
}

// add writes the next row.
func (s *sheetWriter) add(values []any) error {
	s.row++
	return s.sw.SetRow(fmt.Sprintf("A%d", s.row), values)
}

// flush ends the sheet.
func (s *sheetWriter) flush() error { return s.sw.Flush() }

// header writes a row of header cells.
func (s *sheetWriter) header(style int, headers ...string) error {
	row := make([]any, len(headers))
	for i, h := range headers {
		row[i] = excelize.Cell{StyleID: style, Value: h}
	}
	return s.add(row)
}

// dateValue is a date cell: its serial number with the date style.
func (b *book) dateValue(d pipeline.Date) excelize.Cell {
	return excelize.Cell{StyleID: b.st.date, Value: excelSerial(d)}
}

// save writes the workbook to dir/name with fixed document properties (the
// defaults are fixed too, but a generated file should say what it is).
// The caller closes the book.
func (b *book) save(name, title string) error {
	stamp := fmt.Sprintf("%04d-01-05T09:00:00Z", b.info.year+1)
	if err := b.f.SetDocProps(&excelize.DocProperties{
		Creator:        "settle gen",
		LastModifiedBy: "settle gen",
		Created:        stamp,
		Modified:       stamp,
		Title:          title,
		Description:    fmt.Sprintf("合成数据：settle gen --year %d --seed %d", b.info.year, b.info.seed),
		Language:       "zh-CN",
	}); err != nil {
		return err
	}
	out, err := os.Create(filepath.Join(b.info.dir, name))
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	if err := b.f.Write(out); err != nil {
		out.Close()
		return fmt.Errorf("gen: 写入 %s 失败：%w", name, err)
	}
	return out.Close()
}
