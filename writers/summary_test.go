package writers

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"settle/internal/testkit"
	"settle/pipeline"
)

// summaryRow returns the cells of the 汇总 row whose label starts with
// label (after the label).
func summaryCells(tb testing.TB, f *excelize.File, label string) (int, []string) {
	tb.Helper()
	for i, row := range rowsOf(tb, f, "汇总") {
		if len(row) > 0 && strings.HasPrefix(strings.TrimLeft(row[0], "　"), label) {
			return i + 1, row[1:]
		}
	}
	tb.Fatalf("汇总 has no row %s", label)
	return 0, nil
}

// TestSummary checks 汇总 as arithmetic, per voucher and 合计 (distinct
// enterprises, sums of money), with the factor written as the division.
func TestSummary(t *testing.T) {
	path := writeBureauFile(t, testResult(t), "jxj")
	f := openXLSX(t, path)
	if got := rowsOf(t, f, "汇总")[2]; !slices.Equal(got, []string{"项目", "算力券", "模型券", "合计"}) {
		t.Errorf("header %q", got)
	}
	tests := []struct {
		label string
		want  []string // 算力券, 模型券, 合计: exact values
	}{
		{"申报企业数", []string{"3", "4", "5"}},
		{"其中：通过评审企业数", []string{"2", "3", "3"}},
		{"评审不通过企业数", []string{"1", "0", "1"}},
		{"待评审企业数", []string{"0", "0", "0"}},
		{"未达起点企业数", []string{"0", "1", "1"}},
		{"合格单据金额合计", []string{"41834567.9", "15050000.1", "56884568"}},
		{"加：红字冲销", []string{"0", "0", "0"}},
		{"符合条件金额", []string{"41834567.9", "15050000.1", "56884568"}},
		{"测算补助额", []string{"24920740.73", "4515000.03", "29435740.76"}},
		{"评审不通过企业封顶后金额", []string{"30000", "0", "30000"}},
		{"通过评审企业封顶后金额合计", []string{"20890740.73", "3500000.03", "24390740.76"}},
		{"资金池（元）", []string{"100000000", "1000000", "101000000"}},
		{"兑付金额", []string{"20890740.73", "1000000", "21890740.73"}},
		{"获兑付企业数", []string{"2", "3", "3"}},
		{"资金池结余", []string{"79109259.27", "0", "79109259.27"}},
	}
	for _, tc := range tests {
		t.Run(tc.label, func(t *testing.T) {
			n, _ := summaryCells(t, f, tc.label)
			for i, want := range tc.want {
				checkNumber(t, f, "汇总", fmt.Sprintf("%c%d", 'B'+i, n), want)
			}
		})
	}
	_, factor := summaryCells(t, f, "分配系数")
	if factor[0] != "未超出资金池，系数 1" || factor[1] != "1,000,000.00 ÷ 3,500,000.03 = 0.285714" {
		t.Errorf("分配系数 %q", factor)
	}
	checkPrintable(t, f, "汇总", 3, "区经信局", false)
	// The chart plots the pool and the award, labelled, with dark axis text.
	pool, _ := summaryCells(t, f, "资金池（元）")
	paid, _ := summaryCells(t, f, "兑付金额")
	chart := testkit.ZipEntry(t, path, "xl/charts/chart1.xml")
	for _, want := range []string{fmt.Sprintf("&#39;汇总&#39;!$A$%d", pool),
		fmt.Sprintf("&#39;汇总&#39;!$B$%d:$C$%d", paid, paid), `<showVal val="1">`, `<a:srgbClr val="000000">`} {
		if !strings.Contains(chart, want) {
			t.Errorf("chart lacks %s", want)
		}
	}
	// Counts are defined once: the 合计 of 兑付明细 and of 待跟进 count
	// enterprises as 汇总 does.
	awards := rowsOf(t, f, "兑付明细")
	if got := awards[len(awards)-1][2]; got != "5 家" {
		t.Errorf("兑付明细 合计 counts %q, 汇总 5", got)
	}
	if got := rowsOf(t, f, "待跟进"); got[len(got)-1][3] != "1 家" {
		t.Errorf("待跟进 %q", got)
	}
}

// TestSummaryReconciles checks that the eligible amount ties to the lines:
// a credit note that made e2's foreign base negative (counted as zero) is
// shown as the reconciling item.
func TestSummaryReconciles(t *testing.T) {
	r := testResult(t)
	lines := r.Lines(pipeline.Compute).Slice()
	credit := lines[4]
	credit.Origin.Row, credit.DocumentNo, credit.Amount = 99, "B-012", -20_000_000
	credit.ComputeOrigin, credit.Rate = "foreign", mustDecimal(t, "0.3")
	r.SetLines(pipeline.Compute, append(lines, credit)...)
	if credit.EnterpriseUSCC != testkit.USCC(t, 2) || !credit.Eligible {
		t.Fatalf("line 5 is not e2's eligible domestic line: %+v", credit)
	}
	f := openXLSX(t, writeBureauFile(t, r, "jxj"))
	for label, want := range map[string]string{"合格单据金额合计": "41634567.9", "加：红字冲销": "200000",
		"符合条件金额": "41834567.9"} {
		n, _ := summaryCells(t, f, label)
		checkNumber(t, f, "汇总", fmt.Sprintf("B%d", n), want)
	}
}
