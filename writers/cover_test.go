package writers

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// rowStarting returns the 1-based row whose first cell is label, or 0.
func rowStarting(tb testing.TB, f *excelize.File, sheet, label string) (int, []string) {
	tb.Helper()
	for i, row := range rowsOf(tb, f, sheet) {
		if len(row) > 0 && row[0] == label {
			return i + 1, row
		}
	}
	return 0, nil
}

// checkDaxie checks that a sheet states its total in figures and in 大写,
// both equal to fen.
func checkDaxie(tb testing.TB, f *excelize.File, sheet string, fen pipeline.Money) {
	tb.Helper()
	for label, want := range map[string]string{"合计金额（小写）": "¥" + moneyText(fen), "合计金额（大写）": Daxie(fen)} {
		_, row := rowStarting(tb, f, sheet, label)
		if i := slices.IndexFunc(row[1:], func(s string) bool { return s != "" }); i < 0 || row[1+i] != want {
			tb.Errorf("%s %s: %q, want %s", sheet, label, row, want)
		}
	}
}

// coverTotal is the 合计 of the 兑付审批表, checked against its 大写.
func coverTotal(tb testing.TB, f *excelize.File) pipeline.Money {
	tb.Helper()
	n, _ := rowStarting(tb, f, "兑付审批表", "合计")
	if n == 0 {
		tb.Fatal("兑付审批表 has no 合计 row")
	}
	m := moneyAt(tb, f, "兑付审批表", fmt.Sprintf("E%d", n))
	checkDaxie(tb, f, "兑付审批表", m)
	return m
}

// TestCover checks the page a bureau head signs: per voucher the clause,
// the enterprises approved and paid and the amount, the 合计 with distinct
// enterprises, the total in figures, 万元 and 大写, the date line, the
// signature block, and 草稿 on a draft.
func TestCover(t *testing.T) {
	tests := []struct {
		name  string
		stage pipeline.Stage
		date  string
	}{
		{"draft, blank date", pipeline.Draft, ""},
		{"final, dated", pipeline.Final, "2026年1月15日"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := testResult(t)
			r.Stage = tc.stage
			path := filepath.Join(t.TempDir(), "jxj.xlsx")
			if err := saveBureau(context.Background(), path, r, "jxj", DocOptions{Date: tc.date}); err != nil {
				t.Fatal(err)
			}
			f := openXLSX(t, path)
			rows := rowsOf(t, f, "兑付审批表")
			draft := tc.stage == pipeline.Draft
			if got := strings.Contains(rows[0][0], "草稿"); !strings.HasPrefix(rows[0][0], "区经信局 2025年度") || got != draft {
				t.Errorf("title %q (draft %v)", rows[0][0], draft)
			}
			if !strings.Contains(rows[1][0], "杭高新〔2025〕9号") {
				t.Errorf("policy line %q", rows[1][0])
			}
			for _, c := range []struct{ cell, want string }{
				{"C5", "2"}, {"D5", "2"}, {"E5", "20890740.73"},
				{"C6", "3"}, {"D6", "3"}, {"E6", "1000000"},
				{"C7", "3"}, {"D7", "3"}, {"E7", "21890740.73"}, {"F7", "2189.074073"},
			} {
				checkNumber(t, f, "兑付审批表", c.cell, c.want)
			}
			// As printed, the 万元 rows add up to the 合计.
			shown := func(s string) decimal.Decimal { return mustDecimal(t, strings.ReplaceAll(s, ",", "")) }
			if a, b, c := shown(rows[4][5]), shown(rows[5][5]), shown(rows[6][5]); !a.Add(b).Equal(c) {
				t.Errorf("万元 as printed: %s + %s ≠ %s", a, b, c)
			}
			if rows[4][1] != "二(六)" || rows[6][0] != "合计" {
				t.Errorf("rows %q", rows[4:7])
			}
			if got := coverTotal(t, f); got != 21890740_73 {
				t.Errorf("合计 %s", got)
			}
			text := fmt.Sprint(rows)
			date := "制表日期：        年      月      日"
			if tc.date != "" {
				date = "制表日期：" + tc.date
			}
			for _, want := range []string{"人民币贰仟壹佰捌拾玖万零柒佰肆拾元柒角叁分", date, "单位：元",
				"经办人：", "复核人：", "负责人：", "分管领导：", "日期："} {
				if !strings.Contains(text, want) {
					t.Errorf("兑付审批表 lacks %q", want)
				}
			}
			if got := strings.Contains(text, "不作为拨付依据"); got != draft {
				t.Errorf("draft notice %v, want %v", got, draft)
			}
			checkPrintable(t, f, "兑付审批表", 0, "区经信局", draft)
		})
	}
}
