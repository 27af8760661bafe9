package xlsx

import (
	"archive/zip"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const benchRows = 200_000

// BenchmarkRows reads a 200k-row × 10-column sheet three ways and reports
// ns/row: this package, excelize's Rows() in raw mode, and the floor,
// inflating the sheet XML to io.Discard. Two workbooks: one written by
// excelize's StreamWriter (inline strings), one shaped like Excel's own
// output (shared strings).
//
//	go test ./readers/xlsx/ -run '^$' -bench Rows -benchtime 3x
func BenchmarkRows(b *testing.B) {
	dir := b.TempDir()
	files := map[string]string{
		"inline": filepath.Join(dir, "inline.xlsx"),
		"shared": filepath.Join(dir, "shared.xlsx"),
	}
	writeBenchStream(b, files["inline"])
	writeBenchShared(b, files["shared"])
	for _, kind := range []string{"inline", "shared"} {
		path := files[kind]
		b.Run(kind+"/ours", func(b *testing.B) {
			for b.Loop() {
				if n := readOurs(b, path); n != benchRows*10 {
					b.Fatalf("%d cells", n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchRows), "ns/row")
		})
		b.Run(kind+"/excelize", func(b *testing.B) {
			for b.Loop() {
				if n := readExcelize(b, path); n != benchRows*10 {
					b.Fatalf("%d cells", n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchRows), "ns/row")
		})
		b.Run(kind+"/inflate", func(b *testing.B) {
			for b.Loop() {
				inflate(b, path)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchRows), "ns/row")
		})
	}
}

func readOurs(b *testing.B, path string) int {
	w, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	rows, err := w.Rows(w.Sheets()[0])
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		for _, c := range rows.Cells() {
			if c.Value != "" {
				n++
			}
		}
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	return n
}

func readExcelize(b *testing.B, path string) int {
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true, TmpDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetList()[0])
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			b.Fatal(err)
		}
		for _, v := range cols {
			if v != "" {
				n++
			}
		}
	}
	return n
}

func inflate(b *testing.B, path string) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		b.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			rc, err := f.Open()
			if err != nil {
				b.Fatal(err)
			}
			if _, err := io.Copy(io.Discard, rc); err != nil {
				b.Fatal(err)
			}
			rc.Close()
			return
		}
	}
	b.Fatal("no sheet1.xml")
}

// benchRow is the i-th row of the benchmark sheets: the kind of columns a
// settlement input has.
func benchRow(i int) (name, uscc string, amount float64, date, code int, note string) {
	return fmt.Sprintf("杭州某某科技有限公司%d", i), fmt.Sprintf("91330100MA%08d", i),
		float64(i%100000)*1.37 + 0.01, 45658 + i%365, 20250101 + i%28, fmt.Sprintf("note %d & more", i%1000)
}

func writeBenchStream(b *testing.B, path string) {
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		b.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	for i := 1; i <= benchRows; i++ {
		name, uscc, amount, date, code, note := benchRow(i)
		ref, _ := excelize.CoordinatesToCellName(1, i)
		if err := sw.SetRow(ref, []any{i, name, uscc, amount, excelize.Cell{StyleID: dateStyle, Value: date},
			code, note, amount * 0.2, i%2 == 0, "CNY"}); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
}

// writeBenchShared writes the same columns the way Excel does: strings in
// the shared string table, r attributes on every row and cell, styles.
func writeBenchShared(b *testing.B, path string) {
	var sst, sheet strings.Builder
	index := make(map[string]int)
	str := func(s string) string {
		i, ok := index[s]
		if !ok {
			i = len(index)
			index[s] = i
			sst.WriteString("<si><t>" + xmlEscape(s) + "</t></si>")
		}
		return strconv.Itoa(i)
	}
	sheet.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet ` + nsMain + `><sheetData>`)
	for i := 1; i <= benchRows; i++ {
		name, uscc, amount, date, code, note := benchRow(i)
		r := strconv.Itoa(i)
		fmt.Fprintf(&sheet, `<row r="%s" spans="1:10"><c r="A%s"><v>%d</v></c><c r="B%s" t="s"><v>%s</v></c><c r="C%s" t="s"><v>%s</v></c>`+
			`<c r="D%s" s="3"><v>%s</v></c><c r="E%s" s="1"><v>%d</v></c><c r="F%s"><v>%d</v></c><c r="G%s" t="s"><v>%s</v></c>`+
			`<c r="H%s" s="3"><v>%s</v></c><c r="I%s" t="b"><v>%d</v></c><c r="J%s" t="s"><v>%s</v></c></row>`,
			r, r, i, r, str(name), r, str(uscc), r, strconv.FormatFloat(amount, 'g', -1, 64), r, date, r, code, r, str(note),
			r, strconv.FormatFloat(amount*0.2, 'g', -1, 64), r, i%2, r, str("CNY"))
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	p := pkgDef{
		sheets: []sheetDef{{name: "Sheet1", xml: sheet.String()}},
		sst:    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<sst ` + nsMain + `>` + sst.String() + `</sst>`,
		styles: testStyles,
	}
	writeFileAt(b, path, zipBytes(b, p.files()))
}
