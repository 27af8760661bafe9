package writers

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"settle/internal/testkit"
	"settle/pipeline"
)

// TestPublicity checks the public notice: one row per enterprise and
// voucher with a positive award, 小计 per voucher and 合计 equal to the
// awards, the notice texts (defaults when the policy has none), no bank
// data, printable.
func TestPublicity(t *testing.T) {
	r := testResult(t)
	r.Stage = pipeline.Draft
	f := openXLSX(t, writePublicityFile(t, r))
	if got, want := f.GetSheetList(), []string{"公示说明", "公示名单"}; !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	checkHeader(t, f, "公示名单", []string{"序号", "企业名称", "统一社会信用代码", "券种", "政策条款", "主管部门", "拟兑付金额（元）"})
	rows := rowsOf(t, f, "公示名单")
	if len(rows) != 1+8+4+1 {
		t.Fatalf("公示名单 has %d rows, want 14", len(rows))
	}
	if want := []string{"1", "杭州测试1科技有限公司", testkit.USCC(t, 1), "算力券", "二(六)", "区经信局"}; !slices.Equal(rows[1][:6], want) {
		t.Errorf("row 2 %q", rows[1])
	}
	checkNumber(t, f, "公示名单", "G2", "890740.73")
	for _, c := range []struct {
		row         int
		label, want string
	}{
		{10, "算力券 小计", "20890740.73"}, {11, "语料券 小计", "750000.15"}, {12, "模型券 小计", "1000000"},
		{13, "创新券 小计", "590000"}, {14, "合计", "23230740.88"},
	} {
		if got := rows[c.row-1][1]; got != c.label {
			t.Errorf("row %d label %q, want %q", c.row, got, c.label)
		}
		checkNumber(t, f, "公示名单", fmt.Sprintf("G%d", c.row), c.want)
	}
	if got := rows[13][2]; got != "5 家（8 项）" {
		t.Errorf("合计 counts %q", got)
	}
	notice := fmt.Sprint(rowsOf(t, f, "公示说明"))
	for _, want := range []string{"公示期：" + defaultPeriod, "联系方式：" + defaultContact, "异议受理：" + defaultObjection,
		"杭高新〔2025〕9号", "（草稿）"} {
		if !strings.Contains(notice, want) {
			t.Errorf("公示说明 lacks %q", want)
		}
	}
	checkNumber(t, f, "公示说明", "D13", "23230740.88")
	for _, e := range r.Inputs.Registry.Enterprises {
		for _, sheet := range f.GetSheetList() {
			text := fmt.Sprint(rowsOf(t, f, sheet))
			if (e.Account != "" && strings.Contains(text, e.Account)) || strings.Contains(text, e.Bank) {
				t.Errorf("%s shows bank data of %s", sheet, e.Name)
			}
		}
	}
	for _, sheet := range f.GetSheetList() {
		checkPrintable(t, f, sheet, map[string]int{"公示名单": 1}[sheet], "人工智能券公示", true)
	}
	checkNoFormulas(t, f)
}

// TestPublicityNotice prints the policy's own notice texts.
func TestPublicityNotice(t *testing.T) {
	r := testResult(t)
	r.Policy.Notice = pipeline.Notice{Period: "5个工作日", Contact: "区经信局 张三 0571-00000000", Objection: "书面实名反映"}
	notice := fmt.Sprint(rowsOf(t, openXLSX(t, writePublicityFile(t, r)), "公示说明"))
	for _, want := range []string{"公示期：5个工作日", "联系方式：区经信局 张三 0571-00000000", "异议受理：书面实名反映"} {
		if !strings.Contains(notice, want) {
			t.Errorf("公示说明 lacks %q", want)
		}
	}
	if strings.Contains(notice, defaultPeriod) || strings.Contains(notice, "草稿") {
		t.Errorf("公示说明 shows a default or 草稿: %s", notice)
	}
}

func TestPublicityDeterministic(t *testing.T) {
	checkDeterministic(t, "publicity")
}
