package writers

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// writeWorkbook runs write into a new file under tb's temp folder.
func writeWorkbook(tb testing.TB, name string, write func(path string) error) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), name)
	if err := write(path); err != nil {
		tb.Fatal(err)
	}
	return path
}

func writeBureauFile(tb testing.TB, r *pipeline.Result, bureau string) string {
	tb.Helper()
	return writeWorkbook(tb, "settlement-"+bureau+".xlsx", func(p string) error {
		return saveBureau(context.Background(), p, r, bureau, DocOptions{})
	})
}

func writeDisbursementFile(tb testing.TB, r *pipeline.Result) string {
	tb.Helper()
	return writeWorkbook(tb, "disbursement.xlsx", func(p string) error {
		return saveDisbursement(context.Background(), p, r, DocOptions{})
	})
}

func writePublicityFile(tb testing.TB, r *pipeline.Result) string {
	tb.Helper()
	return writeWorkbook(tb, "publicity.xlsx", func(p string) error {
		return savePublicity(context.Background(), p, r, DocOptions{})
	})
}

// writeKind writes the workbook of kind (a bureau code, "disbursement" or
// "publicity") of r to path.
func writeKind(kind, path string, r *pipeline.Result) error {
	ctx := context.Background()
	switch kind {
	case "disbursement":
		return saveDisbursement(ctx, path, r, DocOptions{})
	case "publicity":
		return savePublicity(ctx, path, r, DocOptions{})
	}
	return saveBureau(ctx, path, r, kind, DocOptions{})
}

// openXLSX opens a written workbook afresh, as a reader that does not
// recalculate would.
func openXLSX(tb testing.TB, path string) *excelize.File {
	tb.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

// rowsOf returns a sheet's cell texts as displayed.
func rowsOf(tb testing.TB, f *excelize.File, sheet string) [][]string {
	tb.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}

// rawValue returns a cell's stored value, unformatted.
func rawValue(tb testing.TB, f *excelize.File, sheet, cell string) string {
	tb.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

// checkNumber checks that a cell is a number cell without a formula whose
// stored value equals want (an exact decimal).
func checkNumber(tb testing.TB, f *excelize.File, sheet, cell, want string) {
	tb.Helper()
	if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
		tb.Errorf("%s!%s holds the formula %q, want a value", sheet, cell, fm)
	}
	if ty, _ := f.GetCellType(sheet, cell); ty != excelize.CellTypeUnset && ty != excelize.CellTypeNumber {
		tb.Errorf("%s!%s has type %v, want a number", sheet, cell, ty)
	}
	raw := rawValue(tb, f, sheet, cell)
	got, err := decimal.NewFromString(raw)
	if err != nil || !got.Equal(decimal.RequireFromString(want)) {
		tb.Errorf("%s!%s = %q, want %s", sheet, cell, raw, want)
	}
}

// checkNoFormulas checks that no cell of any sheet holds a formula.
func checkNoFormulas(tb testing.TB, f *excelize.File) {
	tb.Helper()
	for _, sheet := range f.GetSheetList() {
		for r, row := range rowsOf(tb, f, sheet) {
			for c := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
					tb.Errorf("%s!%s holds the formula %q", sheet, cell, fm)
				}
				if ty, _ := f.GetCellType(sheet, cell); ty == excelize.CellTypeFormula {
					tb.Errorf("%s!%s has the formula type", sheet, cell)
				}
			}
		}
	}
}

// checkHeader checks a sheet's first row.
func checkHeader(tb testing.TB, f *excelize.File, sheet string, want []string) {
	tb.Helper()
	rows := rowsOf(tb, f, sheet)
	if len(rows) == 0 || !slices.Equal(rows[0], want) {
		tb.Errorf("%s header:\n got %q\nwant %q", sheet, firstRow(rows), want)
	}
}

func firstRow(rows [][]string) []string {
	if len(rows) == 0 {
		return nil
	}
	return rows[0]
}

// checkPrintable checks the print setup of a sheet: A4, fitted to one
// page wide, page numbers in the footer, the owner and year in the header
// (and 草稿 when draft); with headerRows > 0, those rows frozen and
// repeated on every page.
func checkPrintable(tb testing.TB, f *excelize.File, sheet string, headerRows int, owner string, draft bool) {
	tb.Helper()
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		tb.Fatal(err)
	}
	if pl.Size == nil || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
		pl.FitToHeight == nil || *pl.FitToHeight != 0 {
		tb.Errorf("%s: page layout %+v, want A4 fitted to 1 page wide", sheet, pl)
	}
	props, err := f.GetSheetProps(sheet)
	if err != nil || props.FitToPage == nil || !*props.FitToPage {
		tb.Errorf("%s: FitToPage not set (%v)", sheet, err)
	}
	hf, err := f.GetHeaderFooter(sheet)
	if err != nil || !strings.Contains(hf.OddFooter, "&P") || !strings.Contains(hf.OddFooter, "&N") {
		tb.Errorf("%s: footer %q has no page numbers (%v)", sheet, hf.OddFooter, err)
	}
	if !strings.Contains(hf.OddHeader, owner+" 2025年度") || strings.Contains(hf.OddHeader, "草稿") != draft {
		tb.Errorf("%s: header %q, want %s 2025年度 (draft %v)", sheet, hf.OddHeader, owner, draft)
	}
	if headerRows == 0 {
		return
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != headerRows {
		tb.Errorf("%s: panes %+v, want the first %d rows frozen (%v)", sheet, panes, headerRows, err)
	}
	found := false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == sheet {
			found = true
		}
	}
	if !found {
		tb.Errorf("%s: no print titles", sheet)
	}
}

// zipNames lists the entries of a workbook in file order.
func zipNames(tb testing.TB, path string) []string {
	tb.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	return names
}

// checkDeterministic writes a workbook (kind: a bureau code or
// "disbursement") of testResult twice here and once in a child process,
// and compares the bytes. The child matters: excelize orders some parts by
// map iteration, which can agree within one process and differ between two.
// It also checks that the zip entries come sorted.
func checkDeterministic(tb testing.TB, kind string) {
	tb.Helper()
	r := testResult(tb)
	write := func(p string) error { return writeKind(kind, p, r) }
	a := writeWorkbook(tb, "a.xlsx", write)
	b := writeWorkbook(tb, "b.xlsx", write)
	c := filepath.Join(tb.TempDir(), "c.xlsx")
	cmd := exec.Command(os.Args[0], "-test.run=^TestXLSXChildWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), "SETTLE_XLSX_CHILD="+kind+"="+c)
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("child writer: %v\n%s", err, out)
	}
	ab, _ := os.ReadFile(a)
	for _, other := range []string{b, c} {
		if ob, _ := os.ReadFile(other); !bytes.Equal(ab, ob) {
			tb.Errorf("%s differs from %s", filepath.Base(other), filepath.Base(a))
		}
	}
	if names := zipNames(tb, a); !slices.IsSorted(names) {
		tb.Errorf("zip entries not sorted: %q", names)
	}
}

// TestXLSXChildWriter is the child process of checkDeterministic.
func TestXLSXChildWriter(t *testing.T) {
	spec := os.Getenv("SETTLE_XLSX_CHILD")
	if spec == "" {
		t.Skip("runs only as the child of checkDeterministic")
	}
	kind, path, _ := strings.Cut(spec, "=")
	if err := writeKind(kind, path, testResult(t)); err != nil {
		t.Fatal(err)
	}
}

func mustDecimal(tb testing.TB, s string) decimal.Decimal {
	tb.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		tb.Fatalf("%q is not a number: %v", s, err)
	}
	return d
}
