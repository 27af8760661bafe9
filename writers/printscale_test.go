package writers

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// minPrintScale and minBodyPt are the floors of SPEC §6: printable on A4
// with body text of at least 8 pt, never shrunk below 80%.
const (
	minPrintScale = 0.80
	minBodyPt     = 8.0
	pxPerUnit     = 8.5
)

// printScale is the scale a spreadsheet program prints sheet at when it
// fits the sheet to the page width: the printable width of the paper
// (A4, the orientation and margins of the sheet) over the width of the
// columns or of the chart, whichever is wider; at most 1. A width unit is
// one digit of the default font: 7 pixels for Calibri 11, about 8.3 for
// 宋体 10 pt as LibreOffice prints it (measured on the rendered sample
// pages: the text's height in the PDF against the scale predicted); we
// count 8.5, plus 5 of padding per column.
func printScale(tb testing.TB, f *excelize.File, sheet string) float64 {
	tb.Helper()
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		tb.Fatal(err)
	}
	m, err := f.GetPageMargins(sheet)
	if err != nil {
		tb.Fatal(err)
	}
	paper := 8.27 // A4 portrait, inches
	if pl.Orientation != nil && *pl.Orientation == "landscape" {
		paper = 11.69
	}
	left, right := 0.7, 0.7
	if m.Left != nil {
		left = *m.Left
	}
	if m.Right != nil {
		right = *m.Right
	}
	printable := (paper - left - right) * 96
	dim, err := f.GetSheetDimension(sheet)
	if err != nil {
		tb.Fatal(err)
	}
	_, last, _ := strings.Cut(dim, ":")
	cols, _, err := excelize.CellNameToCoordinates(last)
	if err != nil {
		tb.Fatalf("%s: dimension %q: %v", sheet, dim, err)
	}
	content := 0.0
	for c := 1; c <= cols; c++ {
		name, _ := excelize.ColumnNumberToName(c)
		w, err := f.GetColWidth(sheet, name)
		if err != nil {
			tb.Fatal(err)
		}
		content += float64(int(w*pxPerUnit + 5))
	}
	if sheet == "汇总" {
		content = max(content, chartWidth)
	}
	return min(1, printable/content)
}

// smallestFont is the smallest font size of any style of the workbook
// (the default font included), in points.
func smallestFont(tb testing.TB, f *excelize.File) float64 {
	tb.Helper()
	least := 1e9
	for _, font := range f.Styles.Fonts.Font {
		if font.Sz != nil && font.Sz.Val != nil {
			least = min(least, *font.Sz.Val)
		}
	}
	return least
}

// checkPrintScale fails when a sheet of f prints below the floors.
func checkPrintScale(tb testing.TB, f *excelize.File, name string) {
	tb.Helper()
	font := smallestFont(tb, f)
	for _, sheet := range f.GetSheetList() {
		scale := printScale(tb, f, sheet)
		if scale < minPrintScale || font*scale < minBodyPt {
			tb.Errorf("%s %s prints at %.0f%%: %.1f pt text, want ≥ %.0f%% and ≥ %.0f pt",
				name, sheet, scale*100, font*scale, minPrintScale*100, minBodyPt)
		}
	}
}

// TestPrintScale checks every sheet of every workbook of the fixture, and
// of the fixture with texts long enough to reach every column's widest.
func TestPrintScale(t *testing.T) {
	long := testResult(t)
	wide := strings.Repeat("杭州", 40)
	for _, e := range long.Inputs.Registry.Enterprises {
		e.Name, e.Bank = wide, wide
	}
	for i := range long.Awards {
		long.Awards[i].Name, long.Awards[i].ReviewNote = wide, wide
	}
	lines := long.Lines(pipeline.Compute).Slice()
	for i := range lines {
		lines[i].EnterpriseName, lines[i].Detail, lines[i].Origin.File, lines[i].Origin.Sheet = wide, wide, wide, wide
	}
	long.SetLines(pipeline.Compute, lines...)
	for name, r := range map[string]*pipeline.Result{"fixture": testResult(t), "long texts": long} {
		for _, kind := range []string{"jxj", "fgj", "kjj", "disbursement", "publicity"} {
			t.Run(name+"/"+kind, func(t *testing.T) {
				path := writeWorkbook(t, kind+".xlsx", func(p string) error { return writeKind(kind, p, r) })
				checkPrintScale(t, openXLSX(t, path), kind)
			})
		}
	}
}

// TestPrintScaleOf reports and checks the print scale of every sheet of
// the workbooks of a settlement folder, e.g.
// SETTLE_PRINT_DIR=out/2025 go test ./writers -run TestPrintScaleOf -v
func TestPrintScaleOf(t *testing.T) {
	dir := os.Getenv("SETTLE_PRINT_DIR")
	if dir == "" {
		t.Skip("SETTLE_PRINT_DIR not set")
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	for _, path := range paths {
		f := openXLSX(t, path)
		font := smallestFont(t, f)
		for _, sheet := range f.GetSheetList() {
			pl, _ := f.GetPageLayout(sheet)
			t.Logf("%s %s: %s, %.0f%%, smallest text %.1f pt", filepath.Base(path), sheet, *pl.Orientation,
				printScale(t, f, sheet)*100, font*printScale(t, f, sheet))
		}
		checkPrintScale(t, f, filepath.Base(path))
	}
}
