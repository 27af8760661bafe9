package writers

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"settle/internal/testkit"
	"settle/pipeline"
)

var disbursementSheets = []string{"兑付清单", "暂缓拨付", "按局汇总", "拨付(区发改局)", "拨付(区经信局)",
	"拨付(区科技局)", "参数说明"}

func TestDisbursementWorkbook(t *testing.T) {
	r := testResult(t)
	f := openXLSX(t, writeDisbursementFile(t, r))
	if got := f.GetSheetList(); !slices.Equal(got, disbursementSheets) {
		t.Errorf("sheets %q, want %q", got, disbursementSheets)
	}
	payees := []string{"序号", "统一社会信用代码", "户名（企业名称）", "开户银行", "账号",
		"算力券（元）", "语料券（元）", "模型券（元）", "创新券（元）", "合计（元）"}
	checkHeader(t, f, "兑付清单", payees)
	checkHeader(t, f, "暂缓拨付", append(slices.Clone(payees[:5]), "涉及券种", "合计（元）", "暂缓原因"))
	checkHeader(t, f, "按局汇总", []string{"局", "券种", "条款", "获兑付企业数", "兑付金额（元）",
		"其中：可拨付（元）", "其中：暂缓拨付（元）", "资金池（元）", "资金池使用率"})
	for _, sheet := range f.GetSheetList() {
		rows := 1
		if strings.HasPrefix(sheet, "拨付(") {
			rows = 3
		}
		checkPrintable(t, f, sheet, rows, "财政拨付", false)
	}
	checkNoFormulas(t, f)
}

// TestDisbursementPayees checks one row per enterprise paid (e5 is paid
// nothing), sorted by USCC, the amounts per voucher as values, the bank
// details; e3, whose account is missing, is held with its reason; payable
// and held add up to the awards.
func TestDisbursementPayees(t *testing.T) {
	r := testResult(t)
	f := openXLSX(t, writeDisbursementFile(t, r))
	tests := []struct {
		sheet                             string
		row, n                            int // row, enterprise
		compute, corpus, model, inno, sum string
	}{
		{"兑付清单", 2, 1, "890740.73", "0", "257142.85", "0", "1147883.58"},
		{"兑付清单", 3, 2, "20000000", "0", "171428.58", "0", "20171428.58"},
		{"兑付清单", 4, 4, "0", "750000.15", "571428.57", "0", "1321428.72"},
		{"兑付清单", 5, 6, "0", "0", "0", "500000", "500000"},
		{"兑付清单", 6, 0, "20890740.73", "750000.15", "1000000", "500000", "23140740.88"}, // 合计
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.sheet, tc.row), func(t *testing.T) {
			rows := rowsOf(t, f, tc.sheet)
			row := rows[tc.row-1]
			if tc.n == 0 {
				if row[0] != "合计" || tc.row != len(rows) {
					t.Errorf("row %d %q, want the last, 合计", tc.row, row)
				}
			} else {
				e := r.Inputs.Registry.Enterprises[testkit.USCC(t, tc.n)]
				if want := []string{fmt.Sprint(tc.row - 1), e.USCC, e.Name, e.Bank, e.Account}; !slices.Equal(row[:5], want) {
					t.Errorf("row %d: %q, want %q", tc.row, row[:5], want)
				}
			}
			for j, want := range []string{tc.compute, tc.corpus, tc.model, tc.inno, tc.sum} {
				checkNumber(t, f, tc.sheet, fmt.Sprintf("%c%d", 'F'+j, tc.row), want)
			}
		})
	}
	held := rowsOf(t, f, "暂缓拨付")
	if e3 := r.Inputs.Registry.Enterprises[testkit.USCC(t, 3)]; len(held) != 3 ||
		!slices.Equal(held[1][1:], []string{e3.USCC, e3.Name, e3.Bank, "", "创新券", "90,000.00", "银行账号缺失"}) {
		t.Errorf("暂缓拨付 %q", held)
	}
	checkNumber(t, f, "暂缓拨付", "G2", "90000")
	checkNumber(t, f, "暂缓拨付", "G3", "90000")
}

func TestDisbursementByBureau(t *testing.T) {
	f := openXLSX(t, writeDisbursementFile(t, testResult(t)))
	tests := []struct {
		row                             int
		label, count                    string
		amount, payable, held, poolSize string
	}{
		{2, "区发改局", "1", "750000.15", "750000.15", "0", "50000000"},
		{3, "区发改局 小计", "1", "750000.15", "750000.15", "0", "50000000"},
		{4, "区经信局", "2", "20890740.73", "20890740.73", "0", "100000000"},
		{5, "区经信局", "3", "1000000", "1000000", "0", "1000000"},
		{6, "区经信局 小计", "3", "21890740.73", "21890740.73", "0", "101000000"}, // e1, e2, e4 once each
		{7, "区科技局", "2", "590000", "500000", "90000", "50000000"},
		{8, "区科技局 小计", "2", "590000", "500000", "90000", "50000000"},
		{9, "合计", "5", "23230740.88", "23140740.88", "90000", "201000000"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.row), func(t *testing.T) {
			if got := rawValue(t, f, "按局汇总", fmt.Sprintf("A%d", tc.row)); got != tc.label {
				t.Errorf("A%d = %q, want %q", tc.row, got, tc.label)
			}
			for j, want := range []string{tc.count, tc.amount, tc.payable, tc.held, tc.poolSize} {
				checkNumber(t, f, "按局汇总", fmt.Sprintf("%c%d", 'D'+j, tc.row), want)
			}
		})
	}
	if got := len(rowsOf(t, f, "按局汇总")); got != 9 {
		t.Errorf("按局汇总 has %d rows, want 9", got)
	}
}

// TestDisbursementTransfer checks a bureau's 拨付 sheet: its payable rows,
// the total in figures and in 大写, the held amount named, signatures.
func TestDisbursementTransfer(t *testing.T) {
	r := testResult(t)
	path := filepath.Join(t.TempDir(), "d.xlsx")
	if err := saveDisbursement(context.Background(), path, r, DocOptions{Date: "2026年1月15日"}); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, path)
	rows := rowsOf(t, f, "拨付(区科技局)")
	if got := rows[3]; got[1] != "杭州测试6科技有限公司" || got[3] != "330100000000006" || got[5] != "2025年度创新券补助" {
		t.Errorf("row 4 %q", got)
	}
	checkNumber(t, f, "拨付(区科技局)", "E4", "500000")
	if rows[4][0] != "合计" {
		t.Errorf("row 5 %q, want 合计", rows[4])
	}
	checkNumber(t, f, "拨付(区科技局)", "E5", "500000")
	text := fmt.Sprint(rows)
	for _, want := range []string{"¥500,000.00", "人民币伍拾万元整", "另有 1 户共 90,000.00 元", "制表日期：2026年1月15日",
		"经办人：", "复核人：", "负责人：", "分管领导："} {
		if !strings.Contains(text, want) {
			t.Errorf("拨付(区科技局) lacks %q", want)
		}
	}
	checkDaxie(t, f, "拨付(区经信局)", 21890740_73)
}

func TestDisbursementNobodyPaid(t *testing.T) {
	r := testResult(t)
	for i := range r.Awards {
		r.Awards[i].Amount = 0
	}
	f := openXLSX(t, writeDisbursementFile(t, r))
	for sheet, col := range map[string]string{"兑付清单": "J", "暂缓拨付": "G"} {
		rows := rowsOf(t, f, sheet)
		if len(rows) != 2 || rows[1][0] != "合计" {
			t.Errorf("%s rows %q, want the header and 合计", sheet, rows)
		}
		checkNumber(t, f, sheet, col+"2", "0")
	}
	checkDaxie(t, f, "拨付(区经信局)", 0)
}

func TestDisbursementDeterministic(t *testing.T) {
	checkDeterministic(t, "disbursement")
}

// TestDisbursementMatchesBureaus checks that finance pays what the bureaus
// were told: payable plus held equals the sum of the 兑付明细 合计 rows
// and of the covers' totals.
func TestDisbursementMatchesBureaus(t *testing.T) {
	r := testResult(t)
	var sum pipeline.Money
	for _, a := range r.Awards {
		sum += a.Amount
	}
	f := openXLSX(t, writeDisbursementFile(t, r))
	var finance pipeline.Money
	for sheet, col := range map[string]string{"兑付清单": "J", "暂缓拨付": "G"} {
		finance += moneyAt(t, f, sheet, fmt.Sprintf("%s%d", col, len(rowsOf(t, f, sheet))))
	}
	if finance != sum {
		t.Errorf("payable + held = %s, awards %s", finance, sum)
	}
	var bureaus, covers pipeline.Money
	for _, b := range []string{"jxj", "fgj", "kjj"} {
		g := openXLSX(t, writeBureauFile(t, r, b))
		last := len(rowsOf(t, g, "兑付明细"))
		col := "G"
		if b == "jxj" {
			col = "I"
		}
		bureaus += moneyAt(t, g, "兑付明细", fmt.Sprintf("%s%d", col, last))
		covers += coverTotal(t, g)
	}
	if bureaus != sum || covers != sum {
		t.Errorf("bureaus' 兑付明细 add up to %s, their covers to %s, awards to %s", bureaus, covers, sum)
	}
}

// moneyAt reads a money cell as an exact amount.
func moneyAt(tb testing.TB, f *excelize.File, sheet, cell string) pipeline.Money {
	tb.Helper()
	m, err := pipeline.MoneyFromDecimal(mustDecimal(tb, rawValue(tb, f, sheet, cell)))
	if err != nil {
		tb.Fatal(err)
	}
	return m
}
