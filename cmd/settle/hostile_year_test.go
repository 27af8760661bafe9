package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"settle/gen"
	"settle/pipeline"
	"settle/pipeline/policy"
	"settle/readers"
)

// hostileYear is the valid small year every hostile case starts from, and
// an eligible compute line of it that cases copy and spoil one cell of.
type hostileYear struct {
	dir  string        // never changed: cases work on copies
	tmpl pipeline.Line // eligible, without an invoice number

	computeLines, computeEligible int // of compute_billing.xlsx
}

// newHostileYear generates the year and settles it in process to find the
// template line.
func newHostileYear(tb testing.TB) *hostileYear {
	tb.Helper()
	dir := tb.TempDir()
	if _, err := gen.Generate(gen.Options{Year: 2025, Out: dir, Seed: 1, Lines: 300}); err != nil {
		tb.Fatal(err)
	}
	in, err := readers.ReadYear(context.Background(), dir, readers.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	p, err := policy.Default()
	if err != nil {
		tb.Fatal(err)
	}
	res, err := pipeline.Settle(context.Background(), pipeline.Run{Year: 2025}, p, in)
	if err != nil {
		tb.Fatal(err)
	}
	y := &hostileYear{dir: dir, computeLines: res.Lines(pipeline.Compute).Len()}
	for _, l := range res.Lines(pipeline.Compute).All() {
		if l.Eligible {
			y.computeEligible++
		}
		if l.Eligible && l.InvoiceNo == "" && l.CounterpartyName != "" && y.tmpl.EnterpriseUSCC == "" {
			y.tmpl = l
		}
	}
	if y.tmpl.EnterpriseUSCC == "" {
		tb.Fatal("the generated year has no eligible compute line to copy")
	}
	return y
}

// copy copies the year into a new folder.
func (y *hostileYear) copy(tb testing.TB) string {
	tb.Helper()
	dst := tb.TempDir()
	entries, err := os.ReadDir(y.dir)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(y.dir, e.Name()))
		if err == nil {
			err = os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644)
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
	return dst
}

// computeHeader is the header row of 算力结算, every column of SPEC §2.
var computeHeader = []string{"统一社会信用代码", "企业名称", "服务商统一社会信用代码", "服务商名称", "账单编号",
	"结算日期", "算力类型", "用途", "结算金额", "发票号码"}

// computeCol is the index in computeHeader of a column, by its alias.
var computeCol = map[string]int{"uscc": 0, "name": 1, "provider_uscc": 2, "provider_name": 3, "bill_no": 4,
	"settled_on": 5, "origin": 6, "purpose": 7, "amount": 8, "invoice_no": 9}

func headerCells(headers []string) []xc {
	cells := make([]xc, len(headers))
	for i, h := range headers {
		cells[i] = txt(h)
	}
	return cells
}

// row is the template line as cells of computeHeader, with its own bill
// number and the given cells (by alias) replaced; a zero xc empties one.
// The replacing cells' values may name the template's (see resolve).
func (y *hostileYear) row(bill string, set map[string]xc) []xc {
	l := y.tmpl
	cells := []xc{txt(l.EnterpriseUSCC), txt(l.EnterpriseName), txt(l.CounterpartyUSCC), txt(l.CounterpartyName),
		txt(bill), serial(excelSerial(l.Date)), txt(l.ComputeOrigin), txt(l.Purpose), num("1000"), {}}
	for alias, c := range set {
		i, ok := computeCol[alias]
		if !ok {
			panic("no compute column " + alias)
		}
		cells[i] = c.resolved(y)
	}
	return cells
}

// excelSerial is the 1900-system serial of a date after February 1900.
func excelSerial(d pipeline.Date) string {
	return strconv.Itoa(int(d - pipeline.NewDate(1899, 12, 30)))
}

// writeCompute replaces compute_billing.xlsx with sheet 算力结算 holding
// computeHeader in row 1 and rows from row 2.
func writeCompute(tb testing.TB, dir string, rows ...[]xc) {
	tb.Helper()
	writeSheet(tb, dir, "compute_billing.xlsx", "算力结算", append([][]xc{headerCells(computeHeader)}, rows...)...)
}

// writeSheet replaces dir/file with a workbook of one sheet holding rows
// from row 1.
func writeSheet(tb testing.TB, dir, file, sheet string, rows ...[]xc) {
	tb.Helper()
	writeZip(tb, filepath.Join(dir, file), rawBook(rawSheet{name: sheet, rows: rows}))
}

// serial1904 is the template date in the 1904 date system.
func serial1904(y *hostileYear) string {
	return strconv.Itoa(int(y.tmpl.Date - pipeline.NewDate(1904, 1, 1)))
}

// digits is the template date written as the number 20250701.
func digits(y *hostileYear) string {
	return strings.ReplaceAll(y.tmpl.Date.String(), "-", "")
}
