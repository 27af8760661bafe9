package gen

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

var allFiles = []string{"enterprises.xlsx", "reference.xlsx", "compute_billing.xlsx",
	"corpus_contracts.xlsx", "model_transactions.xlsx", "innovation_contracts.xlsx", "prior_funding.xlsx"}

// sample generates the default sample of 2025 into a temporary folder,
// recording every line.
func sample(tb testing.TB, seed int64) (string, *records) {
	tb.Helper()
	return generated(tb, Options{Year: 2025, Seed: seed})
}

// generated generates opt into a temporary folder, recording every line.
func generated(tb testing.TB, opt Options) (string, *records) {
	tb.Helper()
	dir := tb.TempDir()
	opt.Out = dir
	_, rec, err := generate(opt, true)
	if err != nil {
		tb.Fatal(err)
	}
	return dir, rec
}

func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if _, err := Generate(Options{Year: 2025, Out: dir, Seed: 7, Lines: 1500}); err != nil {
			t.Fatal(err)
		}
	}
	c := t.TempDir()
	if _, err := Generate(Options{Year: 2025, Out: c, Seed: 8, Lines: 1500}); err != nil {
		t.Fatal(err)
	}
	for _, name := range allFiles {
		x, y, z := readFile(t, a, name), readFile(t, b, name), readFile(t, c, name)
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same options", name)
		}
		if bytes.Equal(x, z) {
			t.Errorf("%s is the same for seeds 7 and 8", name)
		}
	}
}

func readFile(tb testing.TB, dir, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// rowsOf reads a sheet's cells as text (raw values: serials, not dates).
func rowsOf(tb testing.TB, dir, file, sheet string) [][]string {
	tb.Helper()
	f, err := excelize.OpenFile(filepath.Join(dir, file), excelize.Options{RawCellValue: true})
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		tb.Fatalf("%s: %v", file, err)
	}
	return rows
}

func TestWorkbooksHaveSheetsAndHeaders(t *testing.T) {
	dir, rec := sample(t, 1)
	sheets := map[string][]string{
		"enterprises.xlsx":   {"企业名录", "关联关系", "评审结果", "核减明细"},
		"reference.xlsx":     {"算力合作伙伴", "备案模型", "交易平台"},
		"prior_funding.xlsx": {"已资助发票"},
	}
	for _, v := range pipeline.Vouchers {
		sheets[layouts[v].file] = []string{layouts[v].sheet}
	}
	for _, name := range allFiles {
		f, err := excelize.OpenFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := f.GetSheetList(); !slices.Equal(got, sheets[name]) {
			t.Errorf("%s: sheets %v, want %v", name, got, sheets[name])
		}
		props, err := f.GetDocProps()
		if err != nil {
			t.Fatal(err)
		}
		if props.Created != "2026-01-05T09:00:00Z" || props.Modified != props.Created {
			t.Errorf("%s: created %q, modified %q, want a fixed time", name, props.Created, props.Modified)
		}
		f.Close()
	}
	headers := map[string][]string{
		"企业名录":   {"统一社会信用代码", "企业名称", "注册区域", "经营状态", "所属集团", "开户银行", "银行账号"},
		"关联关系":   {"统一社会信用代码", "企业名称", "关联方统一社会信用代码", "关联方名称", "关联类型"},
		"评审结果":   {"统一社会信用代码", "企业名称", "券种", "评审结论", "审定金额", "备注"},
		"核减明细":   {"统一社会信用代码", "企业名称", "券种", "单据编号", "核减原因"},
		"已资助发票":  {"统一社会信用代码", "企业名称", "发票号码", "资助事项", "资助年度", "申报金额"},
		"算力合作伙伴": {"统一社会信用代码", "企业名称", "入库日期", "出库日期"},
		"备案模型":   {"备案编号", "模型名称", "备案主体", "备案类型", "备案日期"},
		"交易平台":   {"平台名称", "平台类型"},
	}
	for file, names := range sheets {
		for _, sheet := range names {
			rows := rowsOf(t, dir, file, sheet)
			if want, ok := headers[sheet]; ok && !slices.Equal(rows[0], want) {
				t.Errorf("%s %s: header %v, want %v", file, sheet, rows[0], want)
			}
		}
	}
	for _, v := range pipeline.Vouchers {
		lay := layouts[v]
		rows := rowsOf(t, dir, lay.file, lay.sheet)
		if got := rows[lay.firstRow()-2]; !slices.Equal(got, lay.headers()) {
			t.Errorf("%s: header %v, want %v", lay.file, got, lay.headers())
		}
		lines := rec.lines[v]
		if want := lay.firstRow() - 1 + len(lines) + 1; len(rows) != want {
			t.Errorf("%s: %d rows, want %d", lay.file, len(rows), want)
		}
		last := rows[len(rows)-1]
		if !slices.Contains(last, "合计") || last[slices.Index(lay.headers(), "统一社会信用代码")] != "" {
			t.Errorf("%s: last row %v is not a 合计 row", lay.file, last)
		}
	}
}

// TestCodesValid: every USCC written is valid, except on the lines meant
// to get BAD_USCC (and blanks meant to get MISSING_FIELD).
func TestCodesValid(t *testing.T) {
	dir, rec := sample(t, 1)
	check := func(where, code string, mayBeBad bool) {
		if _, ok := pipeline.NormalizeUSCC(code); !ok && !mayBeBad {
			t.Errorf("%s: invalid USCC %q", where, code)
		}
	}
	for _, c := range []struct {
		file, sheet string
		cols        []int
	}{
		{"enterprises.xlsx", "企业名录", []int{0}}, {"enterprises.xlsx", "关联关系", []int{0, 2}},
		{"enterprises.xlsx", "评审结果", []int{0}}, {"reference.xlsx", "算力合作伙伴", []int{0}},
		{"enterprises.xlsx", "核减明细", []int{0}}, {"prior_funding.xlsx", "已资助发票", []int{0}},
	} {
		for _, row := range rowsOf(t, dir, c.file, c.sheet)[1:] {
			for _, i := range c.cols {
				check(c.file+" "+c.sheet, row[i], false)
			}
		}
	}
	bad := 0
	for _, v := range pipeline.Vouchers {
		lay := layouts[v]
		rows := rowsOf(t, dir, lay.file, lay.sheet)
		for _, l := range rec.lines[v] {
			row := rows[l.row-1]
			mayBeBad := l.want == pipeline.BadUSCC || l.want == pipeline.MissingField
			if l.want == pipeline.BadUSCC {
				bad++
			}
			for i, c := range lay.cols {
				if (c.f == fBuyer || c.f == fParty) && i < len(row) && !pipeline.IsBlank(row[i]) {
					check(lay.file, row[i], mayBeBad)
				}
			}
		}
	}
	if bad == 0 {
		t.Error("no BAD_USCC line was written")
	}
}

func TestSmallScaleIsFast(t *testing.T) {
	start := time.Now()
	sum, err := Generate(Options{Year: 2026, Out: t.TempDir(), Seed: 3, Lines: 200})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("200 lines took %v", d)
	}
	if sum.Enterprises != 300 {
		t.Errorf("%d enterprises, want 300", sum.Enterprises)
	}
	// The planted lines are always written, whatever the scale.
	if n := sum.Lines["compute_billing.xlsx"]; n < 60 {
		t.Errorf("%d compute lines, want at least the planted ones", n)
	}
}

func TestSizes(t *testing.T) {
	for _, tc := range []struct {
		lines, enterprises int
		compute            int
	}{
		{3000, 300, 2130},
		{21_000, 300, 14_910},
		{100_000, 1428, 71_000},
		{500_000, 7142, 355_000},
		{1_400_000, 20000, 994_000},
		{1_470_000, 20000, 1_043_700},
	} {
		s := sizesFor(tc.lines)
		if s.enterprises != tc.enterprises || s.lines[0] != tc.compute {
			t.Errorf("sizesFor(%d) = %+v", tc.lines, s)
		}
	}
}

func TestOptionsRefused(t *testing.T) {
	for _, opt := range []Options{
		{Year: 2025},
		{Year: 2024, Out: t.TempDir()},
		{Year: 2025, Out: t.TempDir(), Lines: MaxLines + 1},
	} {
		if _, err := Generate(opt); err == nil {
			t.Errorf("Generate(%+v) succeeded", opt)
		}
	}
}

// BenchmarkGenerate1M writes 1,400,000 lines (994,000 compute); run it
// with go test -run x -bench Generate1M -benchtime 1x ./gen/.
func BenchmarkGenerate1M(b *testing.B) {
	for b.Loop() {
		if _, err := Generate(Options{Year: 2025, Out: b.TempDir(), Seed: 1, Lines: 1_400_000}); err != nil {
			b.Fatal(err)
		}
	}
}
