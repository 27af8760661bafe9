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

var (
	awardHeader = []string{"券种", "条款", "统一社会信用代码", "企业名称", "合格单据数", "基数", "国产算力基数",
		"非国产算力基数", "测算补助额", "单家上限", "是否触顶", "封顶后金额", "分配系数", "兑付金额", "评审结论", "状态"}
	rejectHeader = []string{"券种", "来源文件", "工作表", "行号", "统一社会信用代码", "企业名称", "单据编号", "金额",
		"原因代码", "原因", "说明"}
	summaryHeader = []string{"券种", "政策条款", "申报企业数", "通过评审企业数", "符合条件金额", "测算补助额",
		"资金池", "分配系数", "兑付金额", "资金池使用率"}
)

func TestBureauWorkbook(t *testing.T) {
	tests := []struct {
		bureau                string
		vouchers              []string // 汇总 rows
		total                 bool     // 汇总 has a 合计 row
		awards, rejected      int
		awardSum, entitlement string // 兑付明细 合计 of 兑付金额 and 测算补助额
		lines                 string // 合计 of 合格单据数
	}{
		{"jxj", []string{"算力券", "模型券"}, true, 7, 4, "21890740.73", "29435740.767", "9"},
		{"fgj", []string{"语料券"}, false, 2, 2, "750000.15", "1050000.15", "2"},
		{"kjj", []string{"创新券"}, false, 2, 3, "590000", "690000", "2"},
	}
	r := testResult(t)
	for _, tc := range tests {
		t.Run(tc.bureau, func(t *testing.T) {
			f := openXLSX(t, writeBureauFile(t, r, tc.bureau))
			if got, want := f.GetSheetList(), []string{"汇总", "兑付明细", "剔除明细", "参数说明"}; !slices.Equal(got, want) {
				t.Errorf("sheets %q, want %q", got, want)
			}
			summary := rowsOf(t, f, "汇总")
			if !strings.Contains(summary[0][0], r.Policy.BureauName(tc.bureau)) || !strings.Contains(summary[1][0], "杭高新〔2025〕9号") {
				t.Errorf("title rows %q", summary[:2])
			}
			if !slices.Equal(summary[2], summaryHeader) {
				t.Errorf("汇总 header %q", summary[2])
			}
			for i, v := range tc.vouchers {
				if summary[3+i][0] != v {
					t.Errorf("汇总 row %d: %q, want %s", 4+i, summary[3+i][0], v)
				}
			}
			totalRow := 4 + len(tc.vouchers)
			if hasTotal := rawValue(t, f, "汇总", fmt.Sprintf("A%d", totalRow)) == "合计"; hasTotal != tc.total {
				t.Errorf("汇总 合计 row: %v, want %v", hasTotal, tc.total)
			}
			if tc.total {
				checkNumber(t, f, "汇总", fmt.Sprintf("I%d", totalRow), tc.awardSum)
			}
			checkHeader(t, f, "兑付明细", awardHeader)
			checkHeader(t, f, "剔除明细", rejectHeader)
			awards := rowsOf(t, f, "兑付明细")
			if got := len(awards) - 2; got != tc.awards {
				t.Errorf("兑付明细 has %d award rows, want %d", got, tc.awards)
			}
			last := len(awards)
			if awards[last-1][0] != "合计" {
				t.Errorf("last row of 兑付明细 %q, want 合计", awards[last-1])
			}
			checkNumber(t, f, "兑付明细", fmt.Sprintf("N%d", last), tc.awardSum)
			checkNumber(t, f, "兑付明细", fmt.Sprintf("I%d", last), tc.entitlement)
			checkNumber(t, f, "兑付明细", fmt.Sprintf("E%d", last), tc.lines)
			if got := len(rowsOf(t, f, "剔除明细")) - 1; got != tc.rejected {
				t.Errorf("剔除明细 has %d rows, want %d", got, tc.rejected)
			}
			for _, sheet := range f.GetSheetList() {
				headerRows := 1
				if sheet == "汇总" {
					headerRows = 3 // title, basis, header
				}
				checkPrintable(t, f, sheet, headerRows)
			}
			checkNoFormulas(t, f)
		})
	}
}

// TestBureauAwardRow checks every step of SPEC §5 on one compute row and
// the oversubscribed model rows.
func TestBureauAwardRow(t *testing.T) {
	f := openXLSX(t, writeBureauFile(t, testResult(t), "jxj"))
	rows := rowsOf(t, f, "兑付明细")
	want := []string{"算力券", "二(六)", testkit.USCC(t, 1), "杭州测试1科技有限公司", "3", "1,734,567.90",
		"1,234,567.89", "500,000.01", "890,740.74", "20,000,000.00", "否", "890,740.73", "1.000000",
		"890,740.73", "通过", "予以兑付 AWARDED"}
	if !slices.Equal(rows[1], want) {
		t.Errorf("row 2:\n got %q\nwant %q", rows[1], want)
	}
	checkNumber(t, f, "兑付明细", "I2", "890740.737") // the exact entitlement behind the display
	if rows[2][10] != "是" || rows[3][15] != "评审未通过 REJECTED_BY_REVIEW" {
		t.Errorf("rows 3-4: %q %q", rows[2], rows[3])
	}
	if rows[4][6] != "" || rows[4][7] != "" {
		t.Errorf("model row has compute bases: %q", rows[4])
	}
	if rows[4][12] != "0.285714" || rows[7][15] != "未达规模门槛 BELOW_THRESHOLD" {
		t.Errorf("model rows: %q %q", rows[4], rows[7])
	}
	summary := rowsOf(t, f, "汇总")
	if got := summary[4]; got[7] != "0.285714" || got[9] != "100.00%" {
		t.Errorf("汇总 model row %q", got)
	}
}

func TestBureauRejectedSplit(t *testing.T) {
	defer func(n int) { rejectSheetRows = n }(rejectSheetRows)
	tests := []struct {
		limit int
		want  map[string]int // data rows per sheet
	}{
		{10, map[string]int{"剔除明细": 4}},
		{4, map[string]int{"剔除明细": 4}},
		{3, map[string]int{"剔除明细": 3, "剔除明细(2)": 1}},
		{1, map[string]int{"剔除明细": 1, "剔除明细(2)": 1, "剔除明细(3)": 1, "剔除明细(4)": 1}},
	}
	r := testResult(t)
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.limit), func(t *testing.T) {
			rejectSheetRows = tc.limit
			f := openXLSX(t, writeBureauFile(t, r, "jxj"))
			var docs []string
			for _, sheet := range f.GetSheetList() {
				if !strings.HasPrefix(sheet, "剔除明细") {
					continue
				}
				rows := rowsOf(t, f, sheet)
				if got := len(rows) - 1; got != tc.want[sheet] {
					t.Errorf("%s: %d rows, want %d", sheet, got, tc.want[sheet])
				}
				checkHeader(t, f, sheet, rejectHeader)
				checkPrintable(t, f, sheet, 1)
				for _, row := range rows[1:] {
					docs = append(docs, row[6])
				}
				delete(tc.want, sheet)
			}
			if len(tc.want) > 0 {
				t.Errorf("missing sheets %v", tc.want)
			}
			if want := []string{"B-001", "B-011", "B-021", "M-005"}; !slices.Equal(docs, want) {
				t.Errorf("rejected documents %q, want %q", docs, want)
			}
		})
	}
}

func TestBureauRejectedRow(t *testing.T) {
	f := openXLSX(t, writeBureauFile(t, testResult(t), "jxj"))
	rows := rowsOf(t, f, "剔除明细")
	want := []string{"算力券", "compute_billing.xlsx", "算力结算", "7", testkit.USCC(t, 2), "杭州测试2科技有限公司",
		"B-011", "", "BAD_AMOUNT", "金额无效", `I7 (结算金额) "12,5x"`}
	if !slices.Equal(rows[2], want) {
		t.Errorf("row 3:\n got %q\nwant %q", rows[2], want)
	}
	checkNumber(t, f, "剔除明细", "H2", "1000000")
	checkNumber(t, f, "剔除明细", "D2", "5")
}

// TestBureauEmpty writes a bureau whose voucher had no input at all.
func TestBureauEmpty(t *testing.T) {
	r := testResult(t)
	r.Inputs.Lines[pipeline.Innovation] = nil
	r.Awards = slices.DeleteFunc(r.Awards, func(a pipeline.Award) bool { return a.Voucher == pipeline.Innovation })
	r.Totals[3] = testTotals(r.Policy.Vouchers[pipeline.Innovation], nil, nil)
	f := openXLSX(t, writeBureauFile(t, r, "kjj"))
	if rows := rowsOf(t, f, "兑付明细"); len(rows) != 2 || rows[1][0] != "合计" {
		t.Errorf("兑付明细 %q, want the header and 合计", rows)
	}
	checkNumber(t, f, "兑付明细", "N2", "0")
	if rows := rowsOf(t, f, "剔除明细"); len(rows) != 1 {
		t.Errorf("剔除明细 has %d rows, want the header only", len(rows))
	}
	checkNumber(t, f, "汇总", "I4", "0")
}

func TestBureauUnknown(t *testing.T) {
	if err := WriteBureau(t.TempDir()+"/x.xlsx", testResult(t), "nope"); err == nil {
		t.Error("no error for a bureau without vouchers")
	}
}

func TestBureauParams(t *testing.T) {
	r := testResult(t)
	f := openXLSX(t, writeBureauFile(t, r, "fgj"))
	text := fmt.Sprint(rowsOf(t, f, "参数说明"))
	for _, want := range []string{r.RunID, r.Policy.ID, r.Policy.DocumentNo, r.Policy.Hash, "2025-06-10", "2028-06-09",
		"滨江区", "0.01 元", "vouchers.compute.cap", "二(六)", "compute_billing.xlsx", r.Inputs.Files[3].SHA256} {
		if !strings.Contains(text, want) {
			t.Errorf("参数说明 lacks %q", want)
		}
	}
}

func TestBureauDeterministic(t *testing.T) {
	for _, b := range []string{"jxj", "fgj", "kjj"} {
		checkDeterministic(t, b)
	}
	r := testResult(t)
	props, err := openXLSX(t, writeBureauFile(t, r, "jxj")).GetDocProps()
	if err != nil || props.Created != "2026-01-01T00:00:00Z" || props.Modified != props.Created {
		t.Errorf("document properties %+v (%v)", props, err)
	}
}

func TestSafeText(t *testing.T) {
	long := strings.Repeat("企", maxCellChars)
	tests := []struct{ name, in, want string }{
		{"plain", "杭州测试科技有限公司", "杭州测试科技有限公司"},
		{"formula", "=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0"},
		{"tab CR LF", "\tA\rB\nC", "\tA\rB\nC"},
		{"controls", "A\x00B\x01C\x1fD\x0bE", "A\uFFFDB\uFFFDC\uFFFDD\uFFFDE"},
		{"non-characters", "A\uFFFEB\uFFFF", "A\uFFFDB\uFFFD"},
		{"lone surrogate", "A\xed\xa0\x80B", "A\uFFFDB"},
		{"invalid UTF-8", "A\xffB", "A\uFFFDB"},
		{"full cell", long, long},
		{"one too many", long + "x", strings.Repeat("企", maxCellChars-utf16Len(truncatedMark)) + truncatedMark},
		{"astral at the edge", strings.Repeat("a", maxCellChars-utf16Len(truncatedMark)-1) + "😀" + long,
			strings.Repeat("a", maxCellChars-utf16Len(truncatedMark)-1) + truncatedMark},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := safeText(tc.in)
			if got != tc.want {
				t.Errorf("safeText(%.40q) = %.40q (%d units), want %.40q", tc.in, got, utf16Len(got), tc.want)
			}
			if utf16Len(got) > maxCellChars {
				t.Errorf("%d UTF-16 units, more than a cell holds", utf16Len(got))
			}
		})
	}
}

// TestSafeTextInWorkbook writes hostile text from the inputs and reads it
// back: formula-like text stays a plain string cell, illegal characters do
// not break the file, long text is cut to fit.
func TestSafeTextInWorkbook(t *testing.T) {
	tests := []struct{ in, want string }{
		{`=cmd|' /C calc'!A0`, `=cmd|' /C calc'!A0`},
		{`=HYPERLINK("x")`, `=HYPERLINK("x")`},
		{"+1", "+1"}, {"-1", "-1"}, {"@SUM(1)", "@SUM(1)"},
		{"\tX", "\tX"}, {"\rX", "\rX"}, {"X\r\nY", "X\r\nY"},
		{"_x0041_", "_x0041_"},
		{"A\x00B\x1bC\uFFFE", "A\uFFFDB\uFFFDC\uFFFD"},
		{strings.Repeat("长", maxCellChars), strings.Repeat("长", maxCellChars)},
		{strings.Repeat("长", maxCellChars+5), safeText(strings.Repeat("长", maxCellChars+5))},
	}
	r := testResult(t)
	lines := r.Lines(pipeline.Compute).Slice()
	var rejected []*pipeline.Line
	for i := range lines {
		if !lines[i].Eligible {
			rejected = append(rejected, &lines[i])
		}
	}
	for i, tc := range tests {
		l := rejected[i%len(rejected)]
		switch i / len(rejected) {
		case 0:
			l.EnterpriseName = tc.in
		case 1:
			l.DocumentNo = tc.in
		case 2:
			l.Detail = tc.in
		default:
			l.Origin.Sheet = tc.in
		}
		r.Awards[i%3].Name = tc.in
	}
	r.Inputs.Lines[pipeline.Compute] = pipeline.NewLines(lines...)
	f := openXLSX(t, writeBureauFile(t, r, "jxj"))
	checkNoFormulas(t, f)
	for i, tc := range tests {
		col := []string{"F", "G", "K", "C"}[i/len(rejected)]
		cell := fmt.Sprintf("%s%d", col, 2+i%len(rejected))
		got := rawValue(t, f, "剔除明细", cell)
		if got != tc.want {
			t.Errorf("剔除明细!%s = %.40q, want %.40q", cell, got, tc.want)
		}
		if ty, _ := f.GetCellType("剔除明细", cell); ty != excelize.CellTypeInlineString {
			t.Errorf("剔除明细!%s has type %v, want an inline string", cell, ty)
		}
	}
}
