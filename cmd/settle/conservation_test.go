package main

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/parquet-go/parquet-go"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"settle/gen"
	"settle/internal/testkit"
)

// voucherSheets is how gen lays out the voucher workbooks (gen/README.md):
// the sheet and the row of its header.
var voucherSheets = []struct {
	voucher, file, sheet string
	header               int
}{
	{"compute", "compute_billing.xlsx", "算力结算", 3},
	{"corpus", "corpus_contracts.xlsx", "语料合同", 1},
	{"model", "model_transactions.xlsx", "模型交易", 2},
	{"innovation", "innovation_contracts.xlsx", "技术合同", 1},
}

// TestConservation: nothing is lost and nothing is counted twice. Over
// random years (gen, several seeds) with odd rows slipped between the data
// rows (blank rows, rows of spaces, 小计/总计 rows, stray lines), every
// non-empty, non-summary row of every voucher input, found independently by
// excelize, is exactly one row of the Parquet lines table; the manifest's
// control totals reconcile per file (lines = eligible + rejected, amount =
// eligible amount + rejected amount, to the fen), agree with the Parquet
// rows and with gen's own 合计 row; and every enterprise's eligible lines
// are counted in exactly one award row.
func TestConservation(t *testing.T) {
	cases := []struct {
		seed  int64
		lines int
	}{{1, 300}, {7, 600}, {2026, 1000}}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("seed %d, %d lines", tc.seed, tc.lines), func(t *testing.T) {
			in, generated := generateYear(t, tc.seed, tc.lines)
			rnd := rand.New(rand.NewPCG(uint64(tc.seed), 99))
			for _, vs := range voucherSheets {
				addOddRows(t, filepath.Join(in, vs.file), vs.sheet, vs.header, rnd)
			}
			out := t.TempDir()
			if code, _, stderr := run(t, "run", "--year", "2025", "--in", in, "--out", out); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			m := testkit.ReadManifest(t, filepath.Join(out, "2025"))
			eligibleBy := map[string]int64{} // voucher and USCC -> eligible lines
			for _, vs := range voucherSheets {
				want := readInputRows(t, filepath.Join(in, vs.file), vs.sheet, vs.header)
				if n := generated.Lines[vs.file] + oddLines; len(want.data) != n || want.summaryRows != 1+oddSummaries {
					t.Fatalf("%s: excelize finds %d lines and %d summary rows; gen wrote %d lines, 1 合计 row, and %d odd summary rows were added",
						vs.file, len(want.data), want.summaryRows, n, oddSummaries)
				}
				rows := readParquet[lineCheck](t, filepath.Join(out, "2025", "parquet", "lines", "year=2025", "voucher="+vs.voucher, "part-00000.parquet"))
				checkSameRows(t, vs.file, rows, want.data)
				checkFileTotals(t, vs.file, m.Totals(t, vs.file), rows, want)
				for _, r := range rows {
					if r.Eligible {
						eligibleBy[vs.voucher+" "+deref(r.EnterpriseUSCC)]++
					}
				}
			}
			awards := readParquet[awardCheck](t, filepath.Join(out, "2025", "parquet", "awards", "year=2025", "part-00000.parquet"))
			for _, a := range awards {
				k := a.Voucher + " " + a.EnterpriseUSCC
				if got := eligibleBy[k]; got != a.EligibleLines {
					t.Errorf("award %s: eligible_lines %d, the lines table has %d", k, a.EligibleLines, got)
				}
				delete(eligibleBy, k)
			}
			for k, n := range eligibleBy {
				t.Errorf("%s: %d eligible lines and no award row", k, n)
			}
		})
	}
}

// generateYear writes a synthetic 2025 (gen) into a new folder.
func generateYear(tb testing.TB, seed int64, lines int) (string, gen.Summary) {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "in")
	sum, err := gen.Generate(gen.Options{Year: 2025, Out: dir, Seed: seed, Lines: lines})
	if err != nil {
		tb.Fatal(err)
	}
	return dir, sum
}

// oddRows are rows an export or a clerk slips between the data rows. Those
// whose line is true are lines (SPEC §3); the others are skipped, and the
// summary rows counted.
var oddRows = []struct {
	name  string
	cells map[string]string // by header: 统一社会信用代码, 企业名称, amount
	line  bool
}{
	{"blank row", nil, false},
	{"spaces only", map[string]string{"企业名称": " ", "amount": "\u3000"}, false},
	{"小计 row", map[string]string{"企业名称": "小计", "amount": "12345.6"}, false},
	{"总计 with spaces and a colon", map[string]string{"企业名称": " 总 计：", "amount": "1"}, false},
	{"a note without a buyer", map[string]string{"企业名称": "以下为补录数据"}, true},
	{"合计 with a buyer code", map[string]string{"统一社会信用代码": "9133010800000000X0", "企业名称": "合计"}, true},
}

// oddLines and oddSummaries count the lines and summary rows of oddRows.
const oddLines, oddSummaries = 2, 2

// addOddRows inserts each kind of odd row once, at random places between
// the header and gen's closing 合计 row.
func addOddRows(tb testing.TB, path, sheet string, header int, rnd *rand.Rand) {
	tb.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		tb.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[header-1] {
		switch h {
		case "统一社会信用代码", "企业名称":
			col[h] = i + 1
		case "结算金额", "合同金额":
			col["amount"] = i + 1
		}
	}
	last := len(rows) // gen's 合计 row
	for _, odd := range oddRows {
		row := header + 1 + rnd.IntN(last-header) // before the 合计 row
		if err := f.InsertRows(sheet, row, 1); err != nil {
			tb.Fatal(err)
		}
		last++
		for h, v := range odd.cells {
			cell, _ := excelize.CoordinatesToCellName(col[h], row)
			if err := f.SetCellStr(sheet, cell, v); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if err := f.Save(); err != nil {
		tb.Fatal(err)
	}
}

// inputRows is what excelize finds in one voucher sheet.
type inputRows struct {
	data        map[int]bool // rows that are lines, as Excel numbers them
	summaryRows int
	genTotal    decimal.Decimal // the amount of gen's closing 合计 row
}

// readInputRows classifies every row below the header as SPEC §3 says,
// without the readers package: a row of blanks is skipped; one whose
// 统一社会信用代码 cell is blank and one of whose cells reads 合计, 总计 or
// 小计 (spaces and a trailing colon aside) is a summary row; any other row
// is a line.
func readInputRows(tb testing.TB, path, sheet string, header int) inputRows {
	tb.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		tb.Fatal(err)
	}
	buyer, amount := -1, -1
	for i, h := range rows[header-1] {
		switch h {
		case "统一社会信用代码":
			buyer = i
		case "结算金额", "合同金额":
			amount = i
		}
	}
	if buyer < 0 || amount < 0 {
		tb.Fatalf("%s: no buyer or amount column in row %d: %q", path, header, rows[header-1])
	}
	got := inputRows{data: map[int]bool{}}
	for i := header; i < len(rows); i++ {
		cells := rows[i]
		if !slices.ContainsFunc(cells, func(c string) bool { return strings.TrimFunc(c, unicode.IsSpace) != "" }) {
			continue
		}
		if (buyer >= len(cells) || strings.TrimFunc(cells[buyer], unicode.IsSpace) == "") &&
			slices.ContainsFunc(cells, isSummaryWord) {
			got.summaryRows++
			if i == len(rows)-1 {
				got.genTotal = decimal.RequireFromString(cells[amount])
			}
			continue
		}
		got.data[i+1] = true
	}
	return got
}

func isSummaryWord(c string) bool {
	c = strings.Join(strings.FieldsFunc(c, unicode.IsSpace), "")
	c = strings.TrimRight(c, ":：")
	return c == "合计" || c == "总计" || c == "小计"
}

// lineCheck and awardCheck are the columns of the lines and awards tables
// these tests read.
type lineCheck struct {
	SourceFile       string  `parquet:"source_file"`
	SourceRow        int32   `parquet:"source_row"`
	EnterpriseUSCC   *string `parquet:"enterprise_uscc"`
	CounterpartyUSCC *string `parquet:"counterparty_uscc"`
	DocumentNo       *string `parquet:"document_no"`
	InvoiceNo        *string `parquet:"invoice_no"`
	Amount           *int64  `parquet:"amount,decimal(2:18)"`
	Eligible         bool    `parquet:"eligible"`
	ReasonCode       *string `parquet:"reason_code"`
}

type awardCheck struct {
	Voucher        string `parquet:"voucher"`
	EnterpriseUSCC string `parquet:"enterprise_uscc"`
	EligibleLines  int64  `parquet:"eligible_lines"`
}

// readParquet reads every row of a Parquet file into T, by column name.
func readParquet[T any](tb testing.TB, path string) []T {
	tb.Helper()
	rows, err := parquet.ReadFile[T](path)
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return rows
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// checkSameRows fails unless the (source_file, source_row) pairs of rows
// are exactly want, each once.
func checkSameRows(tb testing.TB, file string, rows []lineCheck, want map[int]bool) {
	tb.Helper()
	seen := map[int]int{}
	for _, r := range rows {
		if r.SourceFile != file {
			tb.Errorf("%s table holds a row of %s", file, r.SourceFile)
		}
		seen[int(r.SourceRow)]++
	}
	for row, n := range seen {
		switch {
		case n > 1:
			tb.Errorf("%s row %d: %d lines", file, row, n)
		case !want[row]:
			tb.Errorf("%s row %d: a line, but not a data row", file, row)
		}
	}
	for row := range want {
		if seen[row] == 0 {
			tb.Errorf("%s row %d: a data row, but no line", file, row)
		}
	}
}

// checkFileTotals checks one input's control totals in the manifest: they
// reconcile, count the rows excelize found, and agree with the Parquet
// rows and with gen's 合计 row (gen sums the amounts it wrote readable).
func checkFileTotals(tb testing.TB, file string, got testkit.ControlTotals, rows []lineCheck, want inputRows) {
	tb.Helper()
	amount, eligibleAmount, rejectedAmount := fen(tb, got.Amount), fen(tb, got.EligibleAmount), fen(tb, got.RejectedAmount)
	if got.Lines != got.Eligible+got.Rejected || amount != eligibleAmount+rejectedAmount || !got.Reconciles {
		tb.Errorf("%s: control totals do not reconcile: %+v", file, got)
	}
	if got.Lines != len(want.data) || got.SummaryRows != want.summaryRows {
		tb.Errorf("%s: manifest counts %d lines and %d summary rows; the workbook has %d and %d",
			file, got.Lines, got.SummaryRows, len(want.data), want.summaryRows)
	}
	if genTotal := want.genTotal.Shift(2).IntPart(); amount != genTotal {
		tb.Errorf("%s: manifest amount %s, gen's 合计 row %s", file, got.Amount, want.genTotal)
	}
	var pq testkit.ControlTotals
	var pqAmount, pqEligible, pqRejected int64
	pq.ByReason = map[string]int{}
	for _, r := range rows {
		pq.Lines++
		if r.Eligible {
			pq.Eligible++
			if r.ReasonCode != nil {
				tb.Errorf("%s row %d: eligible with reason %s", file, r.SourceRow, *r.ReasonCode)
			}
		} else {
			pq.Rejected++
			pq.ByReason[deref(r.ReasonCode)]++
		}
		if r.Amount == nil {
			pq.BadAmountLines++
			continue
		}
		pqAmount += *r.Amount
		if r.Eligible {
			pqEligible += *r.Amount
		} else {
			pqRejected += *r.Amount
		}
	}
	if pq.Lines != got.Lines || pq.Eligible != got.Eligible || pq.Rejected != got.Rejected || pq.BadAmountLines != got.BadAmountLines ||
		pqAmount != amount || pqEligible != eligibleAmount || pqRejected != rejectedAmount {
		tb.Errorf("%s: Parquet has %d lines (%d eligible, %d rejected, %d bad amounts), amounts %d = %d + %d fen; manifest %+v",
			file, pq.Lines, pq.Eligible, pq.Rejected, pq.BadAmountLines, pqAmount, pqEligible, pqRejected, got)
	}
	if fmt.Sprint(pq.ByReason) != fmt.Sprint(got.ByReason) {
		tb.Errorf("%s: rejections by reason: Parquet %v, manifest %v", file, pq.ByReason, got.ByReason)
	}
}

// fen reads a manifest amount ("1234.56") as fen, exactly.
func fen(tb testing.TB, s string) int64 {
	tb.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil || !d.Shift(2).IsInteger() {
		tb.Fatalf("manifest amount %q: %v", s, err)
	}
	return d.Shift(2).IntPart()
}
