package xlsx

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The differential tests read the same workbooks through this package and
// through excelize in raw mode, and require every cell to agree: value
// text, type (excelize's GetCellType) and formula presence; the Date flags
// are checked against the styles the test set.

// diffStyles are the number formats the differential workbooks use, with
// whether each is a date format.
var diffStyles = []struct {
	fmtID   int
	custom  string
	isDate  bool
	example any
}{
	{fmtID: 14, isDate: true, example: 45717},
	{fmtID: 22, isDate: true, example: 45717.75},
	{custom: "yyyy/m/d", isDate: true, example: 45717},
	{custom: "0.00", example: 1234.5599999999999},
	{custom: "[$-409]mmm d", isDate: true, example: 45717},
	{fmtID: 3, example: 20250301},
	{custom: `[h]:mm:ss`, isDate: true, example: 1.5},
	{custom: `#,##0.00 "元"`, example: 9144598.4},
}

// writeExcelizeWorkbook writes a workbook with every cell type excelize can
// write, on a normal sheet and a streamed one, and returns which cells
// carry a date style.
func writeExcelizeWorkbook(tb testing.TB, path string) map[string]bool {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	check := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	dates := make(map[string]bool)
	styleIDs := make([]int, len(diffStyles))
	for i, st := range diffStyles {
		s := &excelize.Style{NumFmt: st.fmtID}
		if st.custom != "" {
			s = &excelize.Style{CustomNumFmt: &st.custom}
		}
		id, err := f.NewStyle(s)
		check(err)
		styleIDs[i] = id
	}

	const sh = "Data 数据"
	check(f.SetSheetName("Sheet1", sh))
	values := []any{
		"企业名称", "a & b <c> \"q\" 'a'", "  spaced  ", "line1\r\nline2", "tab\there", "_x000D_ literal",
		0, -1, 42, 1234.56, 0.1 + 0.2, 1e20, 1e-10, -0.000123, int64(9007199254740993), float32(1.1),
		true, false, "", "=not a formula", "😀 emoji", strings.Repeat("长", 1000),
	}
	for i, v := range values {
		ref, _ := excelize.CoordinatesToCellName(i%6+1, i/6+1)
		check(f.SetCellValue(sh, ref, v))
	}
	check(f.SetCellRichText(sh, "H1", []excelize.RichTextRun{
		{Text: "bold", Font: &excelize.Font{Bold: true}}, {Text: " and plain"},
	}))
	check(f.SetCellFormula(sh, "H2", "SUM(A2:F2)"))
	check(f.SetCellFormula(sh, "H3", `A1&"x"`))
	check(f.SetCellValue(sh, "H4", time.Date(2025, 3, 1, 18, 0, 0, 0, time.UTC)))
	dates["'"+sh+"'!H4"] = true // excelize styles a time.Time with a date format
	for i, st := range diffStyles {
		ref, _ := excelize.CoordinatesToCellName(9+i, 5)
		check(f.SetCellValue(sh, ref, st.example))
		check(f.SetCellStyle(sh, ref, ref, styleIDs[i]))
		dates["'"+sh+"'!"+ref] = st.isDate
		// a styled cell without a value: not returned, as excelize gives ""
		empty, _ := excelize.CoordinatesToCellName(9+i, 6)
		check(f.SetCellStyle(sh, empty, empty, styleIDs[i]))
	}
	check(f.SetCellValue(sh, "B10", "after a gap"))

	const st = "Stream"
	_, err := f.NewSheet(st)
	check(err)
	sw, err := f.NewStreamWriter(st)
	check(err)
	for r := 1; r <= 50; r++ {
		row := []any{
			fmt.Sprintf("name %d & co", r),
			float64(r) * 1.01,
			excelize.Cell{StyleID: styleIDs[0], Value: 45717 + r},
			excelize.Cell{StyleID: styleIDs[5], Value: 20250300 + r},
			r%2 == 0,
			excelize.Cell{Formula: "B" + fmt.Sprint(r) + "*2"},
			excelize.Cell{StyleID: styleIDs[2], Value: time.Date(2025, 1, r%28+1, 0, 0, 0, 0, time.UTC)},
		}
		if r%7 == 0 {
			row[1] = nil // a gap in the row
		}
		ref, _ := excelize.CoordinatesToCellName(1, r+r/10) // gaps between rows
		check(sw.SetRow(ref, row))
		for _, col := range []int{3, 7} {
			dref, _ := excelize.CoordinatesToCellName(col, r+r/10)
			dates["'"+st+"'!"+dref] = true
		}
	}
	check(sw.Flush())
	check(f.SaveAs(path))
	return dates
}

// handWrittenPackage covers what excelize does not write: t="d", t="e",
// t="str" with cached values, prefixed elements, rows and cells without r,
// a 1904 workbook, entities in values.
func handWrittenPackage() pkgDef {
	sheet := `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
		`<x:row r="1"><x:c r="A1" t="d"><x:v>2025-03-01T00:00:00Z</x:v></x:c><x:c r="B1" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c r="C1" t="str"><x:f>"a"&amp;"b"</x:f><x:v>ab</x:v></x:c><x:c r="D1" t="b"><x:v>0</x:v></x:c></x:row>` +
		`<x:row r="3"><x:c r="A3" s="1"><x:v>45717</x:v></x:c><x:c r="B3" s="2"><x:v>45717.5</x:v></x:c><x:c r="C3" s="3"><x:v>1234.5599999999999</x:v></x:c><x:c r="D3" t="s"><x:v>4</x:v></x:c></x:row>` +
		`<x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:t>x &amp; y</x:t></x:is></x:c><x:c r="B4"><x:v>4.5881E4</x:v></x:c></x:row>` +
		`<x:row r="5"><x:c r="A5"><x:v>1</x:v></x:c><x:c r="C5" t="s"><x:v>2</x:v></x:c><x:c r="D5"><x:v>3</x:v></x:c></x:row>` +
		`<x:row><x:c><x:v>7</x:v></x:c><x:c t="s"><x:v>0</x:v></x:c></x:row>` +
		`</x:sheetData></x:worksheet>`
	p := oneSheet(sheet)
	p.date1904 = true
	return p
}

func TestDifferentialExcelize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "excelize.xlsx")
	dates := writeExcelizeWorkbook(t, path)
	n := compareWithExcelize(t, path, dates)
	t.Logf("%d cells compared", n)
	if n < 150 {
		t.Errorf("compared only %d cells", n)
	}
}

func TestDifferentialHandWritten(t *testing.T) {
	path := writePkg(t, handWrittenPackage())
	dates := map[string]bool{"'S'!A3": true, "'S'!B3": true}
	if n := compareWithExcelize(t, path, dates); n != 15 {
		t.Errorf("compared %d cells, want 15", n)
	}
	w, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if !w.Date1904() {
		t.Error("Date1904() = false")
	}
}

// compareWithExcelize checks every sheet of the workbook cell by cell and
// returns the number of cells compared.
func compareWithExcelize(t *testing.T, path string, dates map[string]bool) int {
	t.Helper()
	ef, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ef.Close()
	w, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if got, want := strings.Join(w.Sheets(), "|"), strings.Join(ef.GetSheetList(), "|"); got != want {
		t.Errorf("sheets %q, excelize %q", got, want)
	}
	compared := 0
	for _, sheet := range w.Sheets() {
		theirs := make(map[string]string)
		grid, err := ef.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range grid {
			for c, v := range row {
				if v != "" {
					ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
					theirs[ref] = v
				}
			}
		}
		rows, err := w.Rows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		ours := make(map[string]bool)
		for rows.Next() {
			for _, c := range rows.Cells() {
				ref, _ := excelize.CoordinatesToCellName(c.Col, rows.Row())
				where := "'" + sheet + "'!" + ref
				ours[ref] = true
				compared++
				if c.Value != theirs[ref] {
					t.Errorf("%s: value %q, excelize %q", where, c.Value, theirs[ref])
				}
				typ, err := ef.GetCellType(sheet, ref)
				if err != nil {
					t.Fatal(err)
				}
				if want := typeFromExcelize(typ); c.Type != want {
					t.Errorf("%s: type %v, excelize %v (%v)", where, c.Type, want, typ)
				}
				formula, err := ef.GetCellFormula(sheet, ref)
				if err != nil {
					t.Fatal(err)
				}
				if c.Formula != (formula != "") {
					t.Errorf("%s: Formula %v, excelize formula %q", where, c.Formula, formula)
				}
				if c.Date != dates[where] {
					t.Errorf("%s: Date %v, want %v", where, c.Date, dates[where])
				}
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		for ref, v := range theirs {
			if !ours[ref] {
				t.Errorf("'%s'!%s: excelize has %q, we have no cell", sheet, ref, v)
			}
		}
	}
	return compared
}

func typeFromExcelize(t excelize.CellType) CellType {
	switch t {
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString, excelize.CellTypeFormula:
		return String
	case excelize.CellTypeBool:
		return Bool
	case excelize.CellTypeError:
		return Error
	case excelize.CellTypeDate:
		return ISODate
	}
	return Number
}
