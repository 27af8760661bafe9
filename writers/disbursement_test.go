package writers

import (
	"fmt"
	"slices"
	"testing"

	"settle/internal/testkit"
	"settle/pipeline"
)

func TestDisbursementWorkbook(t *testing.T) {
	r := testResult(t)
	f := openXLSX(t, writeDisbursementFile(t, r))
	if got, want := f.GetSheetList(), []string{"兑付清单", "按科室汇总", "参数说明"}; !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	checkHeader(t, f, "兑付清单", []string{"序号", "统一社会信用代码", "企业名称", "开户银行", "银行账号",
		"算力券", "语料券", "模型券", "创新券", "合计", "备注"})
	checkHeader(t, f, "按科室汇总", []string{"科室", "科室代码", "券种", "条款", "获兑付企业数", "兑付金额",
		"资金池", "资金池使用率"})
	for _, sheet := range f.GetSheetList() {
		checkPrintable(t, f, sheet, 1)
	}
	checkNoFormulas(t, f)
}

// TestDisbursementPayees checks one row per enterprise paid (e5 is paid
// nothing), sorted by USCC, the amounts per voucher as values, the bank
// details and the note on the missing account.
func TestDisbursementPayees(t *testing.T) {
	r := testResult(t)
	f := openXLSX(t, writeDisbursementFile(t, r))
	tests := []struct {
		n                                 int // enterprise
		compute, corpus, model, inno, sum string
		note                              string
	}{
		{1, "890740.73", "0", "257142.85", "0", "1147883.58", ""},
		{2, "20000000", "0", "171428.58", "0", "20171428.58", ""},
		{3, "0", "0", "0", "90000", "90000", "开户信息缺失"},
		{4, "0", "750000.15", "571428.57", "0", "1321428.72", ""},
		{6, "0", "0", "0", "500000", "500000", ""},
	}
	rows := rowsOf(t, f, "兑付清单")
	if got, want := len(rows), len(tests)+2; got != want {
		t.Fatalf("兑付清单 has %d rows, want %d", got, want)
	}
	for i, tc := range tests {
		t.Run(fmt.Sprint("e", tc.n), func(t *testing.T) {
			row, e := rows[i+1], r.Inputs.Registry.Enterprises[testkit.USCC(t, tc.n)]
			if want := []string{fmt.Sprint(i + 1), e.USCC, e.Name, e.Bank, e.Account}; !slices.Equal(row[:5], want) {
				t.Errorf("row %d: %q, want %q", i+2, row[:5], want)
			}
			for j, want := range []string{tc.compute, tc.corpus, tc.model, tc.inno, tc.sum} {
				checkNumber(t, f, "兑付清单", fmt.Sprintf("%c%d", 'F'+j, i+2), want)
			}
			if got := rawValue(t, f, "兑付清单", fmt.Sprintf("K%d", i+2)); got != tc.note {
				t.Errorf("备注 %q, want %q", got, tc.note)
			}
		})
	}
	last := len(rows)
	if rows[last-1][0] != "合计" {
		t.Errorf("last row %q, want 合计", rows[last-1])
	}
	for j, want := range []string{"20890740.73", "750000.15", "1000000", "590000", "23230740.88"} {
		checkNumber(t, f, "兑付清单", fmt.Sprintf("%c%d", 'F'+j, last), want)
	}
}

func TestDisbursementByBureau(t *testing.T) {
	f := openXLSX(t, writeDisbursementFile(t, testResult(t)))
	tests := []struct {
		row          int
		label, count string
		amount, pool string
	}{
		{2, "区经信局", "2", "20890740.73", "100000000"},
		{3, "区发改局", "1", "750000.15", "50000000"},
		{4, "区经信局", "3", "1000000", "1000000"},
		{5, "区科技局", "2", "590000", "50000000"},
		{6, "区经信局 小计", "3", "21890740.73", "101000000"}, // e1, e2, e4 once each
		{7, "区发改局 小计", "1", "750000.15", "50000000"},
		{8, "区科技局 小计", "2", "590000", "50000000"},
		{9, "合计", "5", "23230740.88", "201000000"},
	}
	for _, tc := range tests {
		t.Run(tc.label, func(t *testing.T) {
			if got := rawValue(t, f, "按科室汇总", fmt.Sprintf("A%d", tc.row)); got != tc.label {
				t.Errorf("A%d = %q, want %q", tc.row, got, tc.label)
			}
			checkNumber(t, f, "按科室汇总", fmt.Sprintf("E%d", tc.row), tc.count)
			checkNumber(t, f, "按科室汇总", fmt.Sprintf("F%d", tc.row), tc.amount)
			checkNumber(t, f, "按科室汇总", fmt.Sprintf("G%d", tc.row), tc.pool)
		})
	}
	if got := len(rowsOf(t, f, "按科室汇总")); got != 9 {
		t.Errorf("按科室汇总 has %d rows, want 9", got)
	}
}

func TestDisbursementNobodyPaid(t *testing.T) {
	r := testResult(t)
	for i := range r.Awards {
		r.Awards[i].Amount = 0
	}
	f := openXLSX(t, writeDisbursementFile(t, r))
	rows := rowsOf(t, f, "兑付清单")
	if len(rows) != 2 || rows[1][0] != "合计" {
		t.Errorf("rows %q, want the header and 合计", rows)
	}
	checkNumber(t, f, "兑付清单", "J2", "0")
}

func TestDisbursementDeterministic(t *testing.T) {
	checkDeterministic(t, "disbursement")
}

// TestDisbursementMatchesBureaus checks that finance pays what the bureaus
// were told: the 兑付清单 合计 equals the sum of the 兑付明细 合计 rows.
func TestDisbursementMatchesBureaus(t *testing.T) {
	r := testResult(t)
	var sum pipeline.Money
	for _, a := range r.Awards {
		sum += a.Amount
	}
	f := openXLSX(t, writeDisbursementFile(t, r))
	checkNumber(t, f, "兑付清单", fmt.Sprintf("J%d", len(rowsOf(t, f, "兑付清单"))), sum.String())
	var bureaus pipeline.Money
	for _, b := range []string{"jxj", "fgj", "kjj"} {
		g := openXLSX(t, writeBureauFile(t, r, b))
		last := len(rowsOf(t, g, "兑付明细"))
		m, err := pipeline.MoneyFromDecimal(mustDecimal(t, rawValue(t, g, "兑付明细", fmt.Sprintf("N%d", last))))
		if err != nil {
			t.Fatal(err)
		}
		bureaus += m
	}
	if bureaus != sum {
		t.Errorf("bureaus' 合计 add up to %s, finance's to %s", bureaus, sum)
	}
}
