package writers

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// maxCellChars is Excel's limit on the text of one cell, in UTF-16 units.
const maxCellChars = 32767

// truncatedMark ends a text that was cut to fit a cell.
const truncatedMark = "…〔超出单元格长度，已截断〕"

// safeText makes text from the inputs safe to store in a cell: invalid UTF-8
// (lone surrogates included) and characters XML 1.0 forbids (control
// characters other than tab, LF and CR; U+FFFE, U+FFFF) become U+FFFD, and
// text longer than a cell holds is cut with a marker. Formula-like text
// (=, +, -, @) needs nothing here: it is always written as a string cell.
func safeText(s string) string {
	if isPlainText(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == 0xFFFE, r == 0xFFFF:
			return '\uFFFD'
		}
		return r
	}, s)
	if utf16Len(s) <= maxCellChars {
		return s
	}
	room, n := maxCellChars-utf16Len(truncatedMark), 0
	for i, r := range s {
		if n += utf16Units(r); n > room {
			return s[:i] + truncatedMark
		}
	}
	return s
}

// isPlainText reports, in one pass, that safeText has nothing to change:
// valid UTF-8 without characters XML forbids, and short enough for a cell
// (a valid string never has more UTF-16 units than bytes).
func isPlainText(s string) bool {
	if len(s) > maxCellChars {
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF {
			return false // invalid, or U+FFFD itself: the long way decides
		}
		i += size
	}
	return true
}

func utf16Units(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Units(r)
	}
	return n
}

// textWidth is the column width s needs: CJK and other wide characters
// take about two units.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x1100 && utf8.RuneLen(r) >= 3 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// fitWidth is a column width for the widest of texts, between lo and 60.
func fitWidth(lo float64, texts ...string) float64 {
	w := lo
	for _, s := range texts {
		w = max(w, textWidth(s)+2)
	}
	return min(w, 60)
}

// yuan and exact are the only places money becomes a float: at the cell.
func yuan(m pipeline.Money) float64 { return m.Float64() }

func exact(d decimal.Decimal) float64 { return d.InexactFloat64() }

// book is a workbook being written, with the styles every sheet shares.
type book struct {
	f                                           *excelize.File
	year                                        int
	header, title, bold, text, money, moneyBold int
	count, countBold, factor, percent, pctBold  int
}

// newBook starts a workbook whose first sheet is named first. Document
// properties are fixed (derived from the year) and the zip entries are
// sorted, so that identical inputs give identical bytes.
func newBook(year int, first, title string) (*book, error) {
	f := excelize.NewFile()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &sortedZip{w: w} })
	b := &book{f: f, year: year}
	stamp := fmt.Sprintf("%04d-01-01T00:00:00Z", year+1)
	err := errors.Join(
		f.SetSheetName("Sheet1", first),
		f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "settle", LastModifiedBy: "settle",
			Created: stamp, Modified: stamp, Language: "zh-CN"}),
	)
	border := []excelize.Border{{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1}}
	money, factor, bold := "#,##0.00", "0.000000", &excelize.Font{Bold: true}
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&b.header, excelize.Style{Font: bold, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&b.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&b.bold, excelize.Style{Font: bold}},
		{&b.text, excelize.Style{NumFmt: 49}}, // "@": stays text when edited
		{&b.money, excelize.Style{CustomNumFmt: &money}},
		{&b.moneyBold, excelize.Style{CustomNumFmt: &money, Font: bold}},
		{&b.count, excelize.Style{NumFmt: 3}}, // #,##0
		{&b.countBold, excelize.Style{NumFmt: 3, Font: bold}},
		{&b.factor, excelize.Style{CustomNumFmt: &factor}},
		{&b.percent, excelize.Style{NumFmt: 10}}, // 0.00%
		{&b.pctBold, excelize.Style{NumFmt: 10, Font: bold}},
	} {
		id, e := f.NewStyle(&s.style)
		*s.id, err = id, errors.Join(err, e)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("workbook styles: %w", err)
	}
	return b, nil
}

// save writes the workbook to path and releases it.
func (b *book) save(path string) error {
	// Adding a chart appends the image types to [Content_Types].xml in map
	// order; sorting them keeps the bytes identical from run to run.
	if ct := b.f.ContentTypes; ct != nil {
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
	err := b.f.SaveAs(path)
	if cerr := b.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// column of a table: its header, width and the style of its data cells.
type column struct {
	title string
	width float64
	style int
}

// table is a streamed sheet: header row 1, then data rows, then total rows
// outside the filter. Its error is sticky and returned by close.
type table struct {
	b     *book
	sw    *excelize.StreamWriter
	name  string
	cols  []column
	rows  int // rows the sheet will have, header included
	row   int // last row written
	data  int // last data row (filter range)
	err   error
	total bool
	// The row being written, reused from row to row: SetRow reads them
	// before it returns. The values point into cells.
	cells  []excelize.Cell
	values []any
}

// newTable adds sheet name (or uses it when it exists, as the first sheet
// does) and writes its header. rows is the number of rows it will hold,
// header and totals included: a streamed sheet's dimension is written
// first, and readers that trust it must not see a stale one. The call
// order follows LIBRARY-NOTES: sheet properties before NewStreamWriter,
// widths and panes before the first row.
func (b *book) newTable(name string, cols []column, rows int) *table {
	t := &table{b: b, name: name, cols: cols, rows: rows, row: 1, data: 1}
	i, err := b.f.GetSheetIndex(name)
	if err == nil && i < 0 {
		_, err = b.f.NewSheet(name)
	}
	fit := true
	last, _ := excelize.CoordinatesToCellName(len(cols), rows)
	err = errors.Join(err, b.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}),
		b.f.SetSheetDimension(name, "A1:"+last))
	if err == nil {
		t.sw, err = b.f.NewStreamWriter(name)
	}
	if t.err = err; err != nil {
		return t
	}
	header := make([]any, len(cols))
	// The stream writer puts each width before the earlier ones: going
	// backwards leaves <cols> in ascending order, as Excel wants it.
	for i := len(cols) - 1; i >= 0; i-- {
		c := cols[i]
		t.err = errors.Join(t.err, t.sw.SetColWidth(i+1, i+1, max(c.width, textWidth(c.title)+2)))
		header[i] = excelize.Cell{StyleID: b.header, Value: c.title}
	}
	t.err = errors.Join(t.err, t.sw.SetPanes(frozen(1)),
		t.sw.SetRow("A1", header, excelize.RowOpts{Height: 30}))
	return t
}

// add writes a data row; nil leaves a cell blank, strings pass safeText.
func (t *table) add(values ...any) {
	if t.total {
		t.err = errors.Join(t.err, errors.New("data row after the total"))
	}
	t.put(values, nil)
	t.data = t.row
}

// addTotal writes a total row in bold with the given styles (by column).
func (t *table) addTotal(values []any, styles []int) {
	t.total = true
	t.put(values, styles)
}

func (t *table) put(values []any, styles []int) {
	if t.err != nil {
		return
	}
	t.row++
	if len(t.cells) < len(values) {
		t.cells, t.values = make([]excelize.Cell, len(values)), make([]any, len(values))
	}
	cells := t.values[:len(values)]
	for i, v := range values {
		style := t.cols[i].style
		if styles != nil {
			style = styles[i]
		}
		cells[i] = nil
		if v = cellValue(v); v != nil {
			t.cells[i] = excelize.Cell{StyleID: style, Value: v}
			cells[i] = &t.cells[i]
		}
	}
	t.err = t.sw.SetRow("A"+strconv.Itoa(t.row), cells)
}

// close adds the filter (unless filter is false), the print setup and
// flushes the sheet; it returns the first error of the table.
func (t *table) close(filter bool) error {
	if t.err == nil && t.row != t.rows {
		t.err = fmt.Errorf("%d rows written, %d announced", t.row, t.rows)
	}
	if t.err == nil {
		last, _ := excelize.CoordinatesToCellName(len(t.cols), t.data)
		if filter {
			t.err = t.b.f.AutoFilter(t.name, "A1:"+last, nil)
		}
		t.err = errors.Join(t.err, t.b.printSetup(t.name, 1), t.sw.Flush())
	}
	if t.err != nil {
		return fmt.Errorf("sheet %s: %w", t.name, t.err)
	}
	return nil
}

// cellValue passes text through safeText; empty text is no cell at all
// (nil); other values are kept.
func cellValue(v any) any {
	if s, ok := v.(string); ok {
		if s == "" {
			return nil
		}
		return safeText(s)
	}
	return v
}

func frozen(rows int) *excelize.Panes {
	cell, _ := excelize.CoordinatesToCellName(1, rows+1)
	return &excelize.Panes{Freeze: true, YSplit: rows, TopLeftCell: cell, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: cell, ActiveCell: cell, Pane: "bottomLeft"}}}
}

// printSetup makes a sheet print on A4 landscape, fitted to the page
// width, with rows 1..headerRows repeated on every page and page numbers
// in the footer. On a streamed sheet it must come before Flush.
func (b *book) printSetup(sheet string, headerRows int) error {
	landscape, a4, one, zero := "landscape", 9, 1, 0
	return errors.Join(
		b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4,
			FitToWidth: &one, FitToHeight: &zero}),
		b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
			OddHeader: fmt.Sprintf("&L%d年度&C&A", b.year), OddFooter: "&C第 &P 页 / 共 &N 页"}),
		b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
			RefersTo: fmt.Sprintf("'%s'!$1:$%d", sheet, headerRows)}),
	)
}

// writeParams writes the 参数说明 sheet shared by every workbook: the
// policy, each parameter with its clause, the run id and the inputs.
func writeParams(b *book, r *pipeline.Result) error {
	p := r.Policy
	type line struct {
		values []any
		styles []int // nil: the columns' styles
	}
	var lines []line
	add := func(values ...any) { lines = append(lines, line{values: values}) }
	section := func(titles ...any) {
		add()
		lines = append(lines, line{titles, repeat(b.header, len(titles))})
	}
	for _, kv := range [][2]string{
		{"结算年度", fmt.Sprint(r.Year)}, {"政策编号", p.ID}, {"政策名称", p.Title}, {"文号", p.DocumentNo},
		{"施行日期", p.EffectiveFrom.String()}, {"截止日期", p.EffectiveTo.String()},
		{"适用区域", strings.Join(p.Jurisdictions, "、")}, {"取整", fmt.Sprintf("%s 元，%s", p.RoundingUnit, roundingText(p.RoundingMode))},
		{"政策文件 SHA-256", p.Hash}, {"运行编号", r.RunID},
	} {
		add(kv[0], kv[1])
	}
	section("政策参数", "取值", "单位", "条款", "说明")
	widest := []string{p.Title}
	for _, pr := range p.Params {
		add(pr.Name, pr.Value, pr.Unit, pr.Reference, pr.Description)
		widest = append(widest, pr.Description)
	}
	section("输入文件", "SHA-256", "字节数", "工作表", "合计行")
	for _, in := range r.Inputs.Files {
		lines = append(lines, line{[]any{in.Name, in.SHA256, in.Size, in.Sheet, in.SummaryRows},
			[]int{b.text, b.text, b.count, b.text, b.count}})
	}
	t := b.newTable("参数说明", []column{{"项目", 30, b.text}, {"取值", 40, b.text}, {"单位", 8, b.text},
		{"条款", 12, b.text}, {"说明", fitWidth(30, widest...), b.text}}, 1+len(lines))
	for _, l := range lines {
		t.put(l.values, l.styles)
	}
	return t.close(false)
}

func roundingText(mode string) string {
	if mode == "down" {
		return "向下取整 (down)"
	}
	return mode
}
