package writers

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"settle/internal/testkit"
	"settle/pipeline"
)

var (
	awardHeaderCompute = []string{"券种及条款", "统一社会信用代码", "企业名称", "国产算力基数（元）",
		"非国产算力基数（元）", "基数（元）", "测算补助额（元）", "封顶后金额（元）", "兑付金额（元）", "状态", "备注"}
	awardHeader = []string{"券种及条款", "统一社会信用代码", "企业名称", "基数（元）", "测算补助额（元）",
		"封顶后金额（元）", "兑付金额（元）", "状态", "备注"}
	rejectHeader = []string{"券种", "来源文件", "工作表", "行号", "统一社会信用代码", "企业名称", "单据编号", "金额（元）",
		"原因代码", "原因", "说明"}
	bureauSheets = []string{"兑付审批表", "汇总", "兑付明细", "待跟进", "剔除明细", "参数说明"}
)

// headerRowsOf is the number of rows repeated on every printed page.
var headerRowsOf = map[string]int{"兑付审批表": 0, "汇总": 3, "公示说明": 0}

func TestBureauWorkbook(t *testing.T) {
	tests := []struct {
		bureau           string
		header           []string
		awards, rejected int
		// 兑付明细 合计: 兑付金额, 测算补助额 (each floored to the fen), in columns
		award, entitlement [2]string
	}{
		{"jxj", awardHeaderCompute, 7, 4, [2]string{"I", "21890740.73"}, [2]string{"G", "29435740.76"}},
		{"fgj", awardHeader, 2, 2, [2]string{"G", "750000.15"}, [2]string{"E", "1050000.15"}},
		{"kjj", awardHeader, 2, 3, [2]string{"G", "590000"}, [2]string{"E", "690000"}},
	}
	r := testResult(t)
	r.Stage = pipeline.Draft
	for _, tc := range tests {
		t.Run(tc.bureau, func(t *testing.T) {
			f := openXLSX(t, writeBureauFile(t, r, tc.bureau))
			if got := f.GetSheetList(); !slices.Equal(got, bureauSheets) {
				t.Errorf("sheets %q, want %q", got, bureauSheets)
			}
			checkHeader(t, f, "兑付明细", tc.header)
			checkHeader(t, f, "剔除明细", rejectHeader)
			awards := rowsOf(t, f, "兑付明细")
			if got := len(awards) - 2; got != tc.awards {
				t.Errorf("兑付明细 has %d award rows, want %d", got, tc.awards)
			}
			last := len(awards)
			if awards[last-1][0] != "合计" {
				t.Errorf("last row of 兑付明细 %q, want 合计", awards[last-1])
			}
			for _, c := range [][2]string{tc.award, tc.entitlement} {
				checkNumber(t, f, "兑付明细", fmt.Sprintf("%s%d", c[0], last), c[1])
			}
			if got := len(rowsOf(t, f, "剔除明细")) - 1; got != tc.rejected {
				t.Errorf("剔除明细 has %d rows, want %d", got, tc.rejected)
			}
			owner := r.Policy.BureauName(tc.bureau)
			for _, sheet := range f.GetSheetList() {
				rows, ok := headerRowsOf[sheet]
				if !ok {
					rows = 1
				}
				checkPrintable(t, f, sheet, rows, owner, true)
			}
			checkNoFormulas(t, f)
		})
	}
}

// TestBureauAwardRow checks every step of SPEC §5 on the compute rows and
// the model rows, and the notes: a cap that bound, the review.
func TestBureauAwardRow(t *testing.T) {
	r := testResult(t)
	r.Awards[2].ReviewNote = "发票与合同金额不符"
	f := openXLSX(t, writeBureauFile(t, r, "jxj"))
	rows := rowsOf(t, f, "兑付明细")
	want := []string{"算力券 二(六)", testkit.USCC(t, 1), "杭州测试1科技有限公司", "1,234,567.89", "500,000.01",
		"1,734,567.90", "890,740.73", "890,740.73", "890,740.73", "予以兑付"}
	if got := rows[1]; !slices.Equal(got[:len(want)], want) || len(got) > len(want) {
		t.Errorf("row 2:\n got %q\nwant %q", got, want)
	}
	// The entitlement 890,740.737 is shown floored: never above the
	// after-cap amount it did not exceed.
	checkNumber(t, f, "兑付明细", "G2", "890740.73")
	if got := rows[2][10]; got != "已按单家上限 20,000,000.00 封顶" {
		t.Errorf("row 3 备注 %q", got)
	}
	if got := rows[3]; got[9] != "评审未通过" || got[10] != "评审：不通过；评审备注：发票与合同金额不符" {
		t.Errorf("row 4: %q", got)
	}
	if rows[4][3] != "" || rows[4][4] != "" {
		t.Errorf("model row has compute bases: %q", rows[4])
	}
	if rows[7][9] != "未达规模门槛" {
		t.Errorf("row 8: %q", rows[7])
	}
	for i, row := range rows[1 : len(rows)-1] {
		for _, cell := range row {
			if strings.ContainsAny(cell, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") && !strings.HasPrefix(cell, "91") {
				t.Errorf("row %d has English: %q", i+2, cell)
			}
		}
	}
}

// TestBureauFollowUp checks 待跟进: the pending and rejected enterprises
// with their after-cap amounts and notes, and a 合计 for each.
func TestBureauFollowUp(t *testing.T) {
	r := testResult(t)
	r.Awards[3].ReviewNote = "补充材料中"
	f := openXLSX(t, writeBureauFile(t, r, "fgj"))
	rows := rowsOf(t, f, "待跟进")
	if len(rows) != 4 || rows[1][0] != "待定" || rows[1][2] != testkit.USCC(t, 1) || rows[1][7] != "补充材料中" {
		t.Fatalf("待跟进 %q", rows)
	}
	checkNumber(t, f, "待跟进", "F2", "300000")
	checkNumber(t, f, "待跟进", "F3", "300000")
	checkNumber(t, f, "待跟进", "F4", "0")
	g := openXLSX(t, writeBureauFile(t, r, "jxj"))
	rows = rowsOf(t, g, "待跟进")
	if len(rows) != 4 || rows[1][0] != "不通过" || rows[3][0] != "不通过 合计" {
		t.Fatalf("jxj 待跟进 %q", rows)
	}
	checkNumber(t, g, "待跟进", "F4", "30000")
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
				checkPrintable(t, f, sheet, 1, "区经信局", false)
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
	checkNumber(t, f, "兑付明细", "G2", "0")
	if rows := rowsOf(t, f, "剔除明细"); len(rows) != 1 {
		t.Errorf("剔除明细 has %d rows, want the header only", len(rows))
	}
	checkNumber(t, f, "兑付审批表", "E5", "0")
	checkDaxie(t, f, "兑付审批表", 0)
}

func TestBureauUnknown(t *testing.T) {
	if err := saveBureau(context.Background(), t.TempDir()+"/x.xlsx", testResult(t), "nope", DocOptions{}); err == nil {
		t.Error("no error for a bureau without vouchers")
	}
}

// TestBureauParams checks 参数说明: Chinese names, formatted money, the
// clauses, only the bureau's vouchers, whole checksums, run id and stage.
func TestBureauParams(t *testing.T) {
	r := testResult(t)
	r.Stage = pipeline.Final
	f := openXLSX(t, writeBureauFile(t, r, "fgj"))
	rows := rowsOf(t, f, "参数说明")
	text := fmt.Sprint(rows)
	for _, want := range []string{r.RunID, r.Policy.ID, r.Policy.DocumentNo, r.Policy.Hash, "2025-06-10", "2028-06-09",
		"滨江区", "正式", "语料券 单家企业年度补助上限", "语料券 年度资金池", "兑付区域（注册区域名称）", "50,000,000.00 元", "二(七)",
		"compute_billing.xlsx", r.Inputs.Files[3].SHA256} {
		if !strings.Contains(text, want) {
			t.Errorf("参数说明 lacks %q", want)
		}
	}
	for _, not := range []string{"vouchers.", "算力券 单家企业年度补助上限", "模型券", "创新券 年度资金池"} {
		if strings.Contains(text, not) {
			t.Errorf("参数说明 of fgj shows %q", not)
		}
	}
}

// TestBureauDeterministic writes each workbook three times (once in a
// child process) and checks that the document properties carry no date.
func TestBureauDeterministic(t *testing.T) {
	for _, b := range []string{"jxj", "fgj", "kjj"} {
		checkDeterministic(t, b)
	}
	r := testResult(t)
	props, err := openXLSX(t, writeBureauFile(t, r, "jxj")).GetDocProps()
	if err != nil || props.Created != "" || props.Modified != "" || props.Identifier != r.RunID {
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
	r.SetLines(pipeline.Compute, lines...)
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
