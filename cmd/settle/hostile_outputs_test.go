package main

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/parquet-go/parquet-go"
	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// What the hostile corpus reads back from a published year: the lines
// table, and every cell of every workbook.

// hostileLine is what the corpus reads back from the lines table.
type hostileLine struct {
	SourceRow      int32   `parquet:"source_row"`
	EnterpriseName *string `parquet:"enterprise_name"`
	DocumentNo     *string `parquet:"document_no"`
	Amount         *int64  `parquet:"amount,decimal(2:18)"`
	EventDate      *int32  `parquet:"event_date,date"`
	Eligible       bool    `parquet:"eligible"`
	ReasonCode     *string `parquet:"reason_code"`
}

// computeLines reads the compute lines published in year.
func computeLines(tb testing.TB, year string) []hostileLine {
	tb.Helper()
	rows, err := parquet.ReadFile[hostileLine](filepath.Join(year, "parquet/lines/year=2025/voucher=compute/part-00000.parquet"))
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}

// compareLines checks that the compute lines are exactly the wanted rows,
// each with its outcome (and amount, where rows gives one).
func compareLines(t *testing.T, year string, want map[int]pipeline.Reason, rows map[int]hostileRow) {
	t.Helper()
	got := map[int]hostileLine{}
	for _, l := range computeLines(t, year) {
		r := int(l.SourceRow)
		if _, dup := got[r]; dup {
			t.Errorf("row %d is two lines", r)
		}
		got[r] = l
		w, ok := want[r]
		what := rows[r].what
		switch {
		case !ok:
			t.Errorf("row %d is a line, but no such row was written", r)
		case l.Eligible != (w == ""):
			t.Errorf("row %d (%s): eligible %v (%s), want %q", r, what, l.Eligible, hostileStr(l.ReasonCode), w)
		case w != "" && hostileStr(l.ReasonCode) != string(w):
			t.Errorf("row %d (%s): %s, want %s", r, what, hostileStr(l.ReasonCode), w)
		}
		if a := rows[r].amount; a != "" && (l.Amount == nil || pipeline.Money(*l.Amount).String() != a) {
			t.Errorf("row %d (%s): amount %v, want %s", r, what, l.Amount, a)
		}
	}
	for r := range want {
		if _, ok := got[r]; !ok {
			t.Errorf("row %d (%s) was dropped: no line", r, rows[r].what)
		}
	}
}

// checkWorkbooks opens every workbook of the published year with
// excelize: each must open, and no cell of any sheet may hold a formula
// (settle writes none, so text from the inputs can never run).
func checkWorkbooks(t *testing.T, year string) {
	t.Helper()
	books, _ := filepath.Glob(filepath.Join(year, "*.xlsx"))
	if len(books) < 4 {
		t.Fatalf("%d workbooks published", len(books))
	}
	for _, path := range books {
		eachOutputCell(t, path, func(sheet, cell, value, formula string) {
			if formula != "" {
				t.Errorf("%s %s!%s holds the formula %q", filepath.Base(path), sheet, cell, formula)
			}
			if n := len(utf16.Encode([]rune(value))); n > 32767 {
				t.Errorf("%s %s!%s holds %d characters, more than a cell can", filepath.Base(path), sheet, cell, n)
			}
		})
	}
}

// eachOutputCell calls fn for every cell with a value of every sheet of
// the workbook at path, with its formula (if any).
func eachOutputCell(t *testing.T, path string, fn func(sheet, cell, value, formula string)) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("%s does not open again: %v", filepath.Base(path), err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("%s %s: %v", filepath.Base(path), sheet, err)
		}
		for r, row := range rows {
			for c := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				formula, err := f.GetCellFormula(sheet, cell)
				if err != nil {
					t.Fatalf("%s %s!%s: %v", filepath.Base(path), sheet, cell, err)
				}
				if row[c] != "" || formula != "" {
					fn(sheet, cell, row[c], formula)
				}
			}
		}
	}
}

func hostileStr(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// checkNoFormulaXML opens every worksheet part of every workbook of the
// published year and fails if one holds a formula element (<f>).
func checkNoFormulaXML(t *testing.T, year string) {
	t.Helper()
	books, _ := filepath.Glob(filepath.Join(year, "*.xlsx"))
	for _, path := range books {
		zr, err := zip.OpenReader(path)
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(path), err)
		}
		for _, f := range zr.File {
			if !strings.HasPrefix(f.Name, "xl/worksheets/") {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatalf("%s %s: %v", filepath.Base(path), f.Name, err)
			}
			if n, err := countFormulas(rc); err != nil || n > 0 {
				t.Errorf("%s %s: %d formulas (%v)", filepath.Base(path), f.Name, n, err)
			}
			rc.Close()
		}
		zr.Close()
	}
}

// countFormulas counts the <f> and <f ...> elements of a sheet's XML,
// with or without a namespace prefix.
func countFormulas(r io.Reader) (int, error) {
	d := xml.NewDecoder(r)
	n := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "f" {
			n++
		}
	}
}
