package readers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"settle/pipeline"
)

// computeHdr is the header row of 算力结算 with every column.
var computeHdr = []any{"统一社会信用代码", "企业名称", "服务商统一社会信用代码", "服务商名称", "账单编号", "结算日期", "算力类型", "用途", "结算金额", "发票号码"}

// billRow is a good compute line of enterprise n with bill and amount.
func billRow(n int, bill, amount any) []any {
	return []any{code(n), "甲", code(100), "算力公司", bill, date(2025, 7, 1), "国产", "模型研究", amount, "INV-" + fmt.Sprint(bill)}
}

// yearWith is minimalYear with enterprises.xlsx replaced by the given
// sheets (企业名录 added when absent) and a compute workbook of one line.
func yearWith(tb testing.TB, sheets ...sheet) string {
	tb.Helper()
	dir := minimalYear(tb)
	if sheets[0].name != "企业名录" {
		sheets = append([]sheet{{"企业名录", [][]any{
			{"统一社会信用代码", "企业名称", "注册区域", "经营状态"},
			{code(1), "甲", "滨江区", "存续"},
		}}}, sheets...)
	}
	writeBook(tb, dir, EnterprisesFile, sheets...)
	writeBook(tb, dir, "compute_billing.xlsx", sheet{"算力结算", [][]any{computeHdr, billRow(1, "B1", 100)}})
	return dir
}

func readYear(tb testing.TB, dir string) *pipeline.Inputs {
	tb.Helper()
	in, err := ReadYear(context.Background(), dir, Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return in
}

// warningsText is every warning, one a line.
func warningsText(in *pipeline.Inputs) string {
	var b strings.Builder
	for _, w := range in.Warnings {
		b.WriteString(w.String() + "\n")
	}
	return b.String()
}

// TestReviewApprovedAmount: 审定金额 is read as an amount (SPEC §3); one
// that cannot be read, or is negative, makes the review pending with a
// warning naming the cell, except on a 不通过 row.
func TestReviewApprovedAmount(t *testing.T) {
	cases := []struct {
		result, approved any
		note             string
		hasApproved      bool
		amount           pipeline.Money
		bad              string
		status           pipeline.Review
		warn             string
	}{
		{"通过", 150000.5, "核减 10%", true, 15000050, "", pipeline.Approved, ""},
		{"通过", "¥1,000,000.00", "", true, 100000000, "", pipeline.Approved, ""},
		{"通过", rawNumber("20000.0"), "", true, 2000000, "", pipeline.Approved, ""},
		{"通过", "", "", false, 0, "", pipeline.Approved, ""},
		{"通过", 0, "", true, 0, "", pipeline.Approved, ""},
		{"通过", "十万元", "", false, 0, "十万元", pipeline.Pending, "!E2: 审定金额“十万元”无效，该企业该券种按待定处理"},
		{"通过", -5, "", false, 0, "-5", pipeline.Pending, "!E2: 审定金额“-5”无效，该企业该券种按待定处理"},
		{"通过", "12.345", "", false, 0, "12.345", pipeline.Pending, "审定金额“12.345”无效"},
		{"待定", "abc", "", false, 0, "abc", pipeline.Pending, "审定金额“abc”无效"},
		{"不通过", "abc", "材料不全", false, 0, "", pipeline.Rejected, ""},
		{"通过", formula("F2*0.9"), "", false, 0, "（未计算的公式）", pipeline.Pending, "审定金额“（未计算的公式）”无效，该企业该券种按待定处理"},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%v %v", tc.result, tc.approved), func(t *testing.T) {
			in := readYear(t, yearWith(t, sheet{"评审结果", [][]any{
				{"统一社会信用代码", "券种", "评审结论", "备注", "审定金额"},
				{code(1), "算力券", tc.result, tc.note, tc.approved},
			}}))
			row, ok := in.Registry.Review(code(1), pipeline.Compute)
			if !ok {
				t.Fatal("no review row")
			}
			if row.HasApproved != tc.hasApproved || row.Approved != tc.amount || row.BadApproved != tc.bad ||
				row.Status() != tc.status || row.Note != tc.note || row.Origin.Row != 2 {
				t.Errorf("row %+v, status %s", row, row.Status())
			}
			got := warningsText(in)
			if tc.warn == "" && got != "" || !strings.Contains(got, tc.warn) {
				t.Errorf("warnings %q, want %q", got, tc.warn)
			}
		})
	}
}

// TestExclusions: 核减明细 rows become Inputs.Exclusions; a row with an
// empty required cell, a bad USCC or an unknown 券种 is a warning.
func TestExclusions(t *testing.T) {
	in := readYear(t, yearWith(t,
		sheet{"评审结果", [][]any{{"统一社会信用代码", "券种", "评审结论"}, {code(1), "算力券", "通过"}}},
		sheet{"核减明细", [][]any{
			{"统一社会信用代码", "券种", "单据编号", "核减原因"},
			{code(1), "算力券", "B1", "发票抬头不符"},
			{code(1), "compute", rawNumber("1234567.0"), ""},
			{code(1), "算力券", "", "无单据"},
			{"", "算力券", "B2", ""},
			{"9133", "算力券", "B3", ""},
			{code(1), "数据券", "B4", ""},
		}}))
	want := []pipeline.Exclusion{
		{USCC: code(1), Voucher: pipeline.Compute, DocumentNo: "B1", Reason: "发票抬头不符", Origin: pipeline.Origin{File: EnterprisesFile, Sheet: "核减明细", Row: 2}},
		{USCC: code(1), Voucher: pipeline.Compute, DocumentNo: "1234567", Origin: pipeline.Origin{File: EnterprisesFile, Sheet: "核减明细", Row: 3}},
	}
	if fmt.Sprint(in.Exclusions) != fmt.Sprint(want) {
		t.Errorf("exclusions\n%+v\nwant\n%+v", in.Exclusions, want)
	}
	got := warningsText(in)
	for _, w := range []string{
		"核减明细!C4: 单据编号为空，该行已忽略",
		"核减明细!A5: 统一社会信用代码为空，该行已忽略",
		"核减明细!A6: 统一社会信用代码“9133”无效（应为 18 位，实为 4 位），该行已忽略",
		"核减明细!B7: 券种“数据券”无法识别，该行已忽略",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("warnings %q lack %q", got, w)
		}
	}
	if n := strings.Count(got, "\n"); n != 4 {
		t.Errorf("%d warnings, want 4:\n%s", n, got)
	}
}

// TestPriorFunding: prior_funding.xlsx is read into Inputs.Funded and
// listed among the files after reference.xlsx, with its checksum.
func TestPriorFunding(t *testing.T) {
	dir := yearWith(t, sheet{"评审结果", [][]any{{"统一社会信用代码", "券种", "评审结论"}}})
	writeBook(t, dir, PriorFundingFile, sheet{"funded_invoices", [][]any{
		{"资助年度", "统一社会信用代码", "发票号码", "资助事项", "申报金额"},
		{2024, code(1), "INV-9", "2024年度算力券", 5000.5},
		{"2023", code(2), rawNumber("1.2345678E7"), "科技项目", ""},
		{2024, code(1), "", "", ""},
		{2024, "91330108MA27XXXX0Z", "INV-8", "", ""},
		{2024, code(1), "INV-7", "", "五千"},
	}})
	in := readYear(t, dir)
	names := []string{}
	for _, f := range in.Files {
		names = append(names, f.Name+"/"+string(f.Voucher))
	}
	if got := strings.Join(names, " "); got != "enterprises.xlsx/ reference.xlsx/ prior_funding.xlsx/ compute_billing.xlsx/compute" {
		t.Errorf("files %s", got)
	}
	if f := in.Files[2]; len(f.SHA256) != 64 || f.Size == 0 {
		t.Errorf("prior_funding.xlsx %+v", f)
	}
	o := func(row int) pipeline.Origin {
		return pipeline.Origin{File: PriorFundingFile, Sheet: "funded_invoices", Row: row}
	}
	want := []pipeline.FundedInvoice{
		{USCC: code(1), InvoiceNo: "INV-9", Program: "2024年度算力券", Year: "2024", Amount: 500050, HasAmount: true, Origin: o(2)},
		{USCC: code(2), InvoiceNo: "12345678", Program: "科技项目", Year: "2023", Origin: o(3)},
		{USCC: code(1), InvoiceNo: "INV-7", Year: "2024", Origin: o(6)},
	}
	if fmt.Sprint(in.Funded) != fmt.Sprint(want) {
		t.Errorf("funded\n%+v\nwant\n%+v", in.Funded, want)
	}
	got := warningsText(in)
	for _, w := range []string{
		"funded_invoices!C4: 发票号码为空，该行已忽略",
		"funded_invoices!B5: 统一社会信用代码“91330108MA27XXXX0Z”无效（含不允许的字符“Z”），该行已忽略",
		"funded_invoices!E6: 申报金额“五千”无效（不是金额），该金额已忽略",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("warnings %q lack %q", got, w)
		}
	}
	if missing := readYear(t, yearWith(t, sheet{"评审结果", [][]any{{"统一社会信用代码", "券种", "评审结论"}}})); len(missing.Files) != 3 || missing.Funded != nil {
		t.Errorf("without prior_funding.xlsx: %d files, funded %v", len(missing.Files), missing.Funded)
	}
}

// TestPriorFundingStructure: prior_funding.xlsx is optional, but when it
// is there its sheet and required columns are not.
func TestPriorFundingStructure(t *testing.T) {
	for _, tc := range []struct {
		sheet sheet
		want  error
		words string
	}{
		{sheet{"Sheet1", [][]any{{"统一社会信用代码", "发票号码"}}}, ErrMissingSheet, "prior_funding.xlsx: 找不到工作表“已资助发票”"},
		{sheet{"已资助发票", [][]any{{"统一社会信用代码", "资助事项"}}}, ErrMissingColumn, "缺少必需的列“发票号码 / invoice_no”"},
	} {
		dir := minimalYear(t)
		writeBook(t, dir, "compute_billing.xlsx", sheet{"算力结算", [][]any{computeHdr, billRow(1, "B1", 100)}})
		writeBook(t, dir, PriorFundingFile, tc.sheet)
		_, err := ReadYear(context.Background(), dir, Options{})
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.words) {
			t.Errorf("err = %v, want %v naming %q", err, tc.want, tc.words)
		}
	}
}
