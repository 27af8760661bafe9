package readers

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"settle/pipeline"
	"settle/readers/xlsx"
)

// TestTextAsExcelShowsIt: a number cell in a text column reads as Excel
// shows it, whoever wrote the file (Apache POI: 1234567.0; .NET:
// 1.2345678E7), rounded to 15 significant digits.
func TestTextAsExcelShowsIt(t *testing.T) {
	cases := []struct {
		bill, invoice any
		doc, inv      string
	}{
		{rawNumber("1234567.0"), rawNumber("1.2345678E7"), "1234567", "12345678"},
		{rawNumber("1234567"), rawNumber("12.50"), "1234567", "12.5"},
		{rawNumber("1.2345678901234567E17"), rawNumber("0.30000000000000004"), "123456789012346000", "0.3"},
		{1234567.0, "00123", "1234567", "00123"},
	}
	for _, tc := range cases {
		dir := yearWith(t, sheet{"评审结果", [][]any{{"统一社会信用代码", "券种", "评审结论"}}})
		row := billRow(1, tc.bill, 100)
		row[9] = tc.invoice
		writeBook(t, dir, "compute_billing.xlsx", sheet{"算力结算", [][]any{computeHdr, row}})
		l := readYear(t, dir).Lines[pipeline.Compute].Line(0)
		if l.DocumentNo != tc.doc || l.InvoiceNo != tc.inv {
			t.Errorf("%v, %v read as %q, %q; want %q, %q", tc.bill, tc.invoice, l.DocumentNo, l.InvoiceNo, tc.doc, tc.inv)
		}
	}
}

// TestAccountFromNumber: a bank account typed as a number is flagged (its
// digits past the 15th are lost) and read as Excel shows it; one typed as
// text keeps every digit.
func TestAccountFromNumber(t *testing.T) {
	in := readYear(t, yearWith(t,
		sheet{"企业名录", [][]any{
			{"统一社会信用代码", "企业名称", "注册区域", "经营状态", "开户银行", "银行账号"},
			{code(1), "甲", "滨江区", "存续", "杭州银行", rawNumber("6.2220202000123459E18")},
			{code(2), "乙", "滨江区", "存续", "杭州银行", "6222020200012345678"},
			{code(3), "丙", "滨江区", "存续", "杭州银行", rawNumber("3301040160000123.0")},
		}},
		sheet{"评审结果", [][]any{{"统一社会信用代码", "券种", "评审结论"}}}))
	for _, tc := range []struct {
		n       int
		account string
		number  bool
	}{{1, "6222020200012350000", true}, {2, "6222020200012345678", false}, {3, "3301040160000120", true}} {
		e := in.Registry.Enterprises[code(tc.n)]
		if e.Account != tc.account || e.AccountFromNumber != tc.number {
			t.Errorf("enterprise %d: account %q (from number %v), want %q (%v)", tc.n, e.Account, e.AccountFromNumber, tc.account, tc.number)
		}
	}
}

// TestProblemCauses: a bad cell's problem says why, wrapping the pipeline
// sentinel, and prints as the line's reason detail.
func TestProblemCauses(t *testing.T) {
	badCheck := code(1)[:17] + "1"
	if badCheck == code(1) {
		badCheck = code(1)[:17] + "2"
	}
	cases := []struct {
		amount, date any
		uscc         string
		want         string
		sentinel     error
	}{
		{"12.345", date(2025, 7, 1), code(1), `I2 结算金额 "12.345": 小数超过两位`, pipeline.ErrBadAmount},
		{"1,23,456", date(2025, 7, 1), code(1), `I2 结算金额 "1,23,456": 千分位分组不正确`, pipeline.ErrBadAmount},
		{"2e13", date(2025, 7, 1), code(1), `I2 结算金额 "2e13": 不是金额`, pipeline.ErrBadAmount},
		{rawNumber("2E13"), date(2025, 7, 1), code(1), `I2 结算金额 "20000000000000": 超过 10^13 元`, pipeline.ErrBadAmount},
		{100, "2025-02-30", code(1), `F2 结算日期 "2025-02-30": 日期不存在`, pipeline.ErrBadDate},
		{100, "2025-07-01 25:00", code(1), `F2 结算日期 "2025-07-01 25:00": 时间不存在`, pipeline.ErrBadDate},
		{100, "下周", code(1), `F2 结算日期 "下周": 不是日期`, pipeline.ErrBadDate},
		{100, date(2025, 7, 1), badCheck, `A2 统一社会信用代码 "` + badCheck + `": 校验位不符`, pipeline.ErrBadUSCC},
		{100, date(2025, 7, 1), "9133", `A2 统一社会信用代码 "9133": 应为 18 位，实为 4 位`, pipeline.ErrBadUSCC},
		{100, date(2025, 7, 1), code(1)[:9] + "\u200b" + code(1)[9:], `A2 统一社会信用代码 "` + code(1)[:9] + `\u200b` + code(1)[9:] + `": 含不可见字符 U+200B`, pipeline.ErrBadUSCC},
		{100, date(2025, 7, 1), "91330108MA27XXXX0Z", `A2 统一社会信用代码 "91330108MA27XXXX0Z": 含不允许的字符“Z”`, pipeline.ErrBadUSCC},
		{"", date(2025, 7, 1), code(1), `I2 结算金额 为空`, pipeline.ErrMissing},
	}
	for _, tc := range cases {
		dir := yearWith(t, sheet{"评审结果", [][]any{{"统一社会信用代码", "券种", "评审结论"}}})
		row := billRow(1, "B1", tc.amount)
		row[0], row[5] = tc.uscc, tc.date
		if tc.amount == "" {
			row[8] = nil
		}
		writeBook(t, dir, "compute_billing.xlsx", sheet{"算力结算", [][]any{computeHdr, row}})
		ps := readYear(t, dir).Lines[pipeline.Compute].Line(0).Problems
		if len(ps) != 1 || ps[0].String() != tc.want || !errors.Is(ps[0].Err, tc.sentinel) {
			t.Errorf("problems %v, want %q wrapping %v", ps, tc.want, tc.sentinel)
		}
	}
}

// TestVoucherWorkbookWarnings: formulas saved without a result (one
// warning per file, naming the first cells); an empty voucher sheet is
// read as no lines and left to the settlement to warn of.
func TestVoucherWorkbookWarnings(t *testing.T) {
	dir := yearWith(t, sheet{"评审结果", [][]any{{"统一社会信用代码", "券种", "评审结论"}}})
	writeBook(t, dir, "corpus_contracts.xlsx", sheet{"语料合同", [][]any{
		{"统一社会信用代码", "卖方统一社会信用代码", "合同编号", "签订日期", "交易平台", "合同金额"}, {}, {"  "}}})
	row := func(bill string) []any { r := billRow(1, bill, formula("G2*2")); return r }
	writeBook(t, dir, "compute_billing.xlsx", sheet{"算力结算", [][]any{computeHdr,
		row("B1"), row("B2"), billRow(1, "B3", 100), row("B4"), row("B5")}})
	in := readYear(t, dir)
	// The empty corpus sheet is the settlement's warning (pipeline), not
	// the reader's: one warning, not two.
	want := "compute_billing.xlsx 算力结算: 含 4 个没有计算结果的公式（如 I2、I3、I5）：请先在 Excel 或 WPS 中打开并保存该工作簿\n"
	if got := warningsText(in); got != want {
		t.Errorf("warnings\n%s\nwant\n%s", got, want)
	}
	if n := in.Lines[pipeline.Corpus].Len(); n != 0 {
		t.Errorf("%d corpus lines, want 0", n)
	}
	if n := in.Lines[pipeline.Compute].Len(); n != 5 {
		t.Errorf("%d compute lines, want 5", n)
	}
}

// TestDamagedWorkbook: a voucher workbook whose sheet entry does not match
// its CRC-32 stops the run, naming the file and the entry.
func TestDamagedWorkbook(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(body []byte, h *zip.FileHeader)
	}{
		{"flipped byte in stored data", func(b []byte, _ *zip.FileHeader) {
			i := bytes.Index(b, []byte("<v>4242</v>"))
			b[i+3] ^= 1 // 4242 -> 5242: still a number, still XML
		}},
		{"wrong CRC in header", func(_ []byte, h *zip.FileHeader) { h.CRC32++ }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := yearWith(t, sheet{"评审结果", [][]any{{"统一社会信用代码", "券种", "评审结论"}}})
			path := filepath.Join(dir, "compute_billing.xlsx")
			writeBook(t, dir, "compute_billing.xlsx", sheet{"算力结算", [][]any{computeHdr, billRow(1, "B1", 4242)}})
			restore(t, path, "xl/worksheets/sheet1.xml", tc.damage)
			_, err := ReadYear(context.Background(), dir, Options{})
			if !errors.Is(err, ErrUnreadable) || !errors.Is(err, xlsx.ErrChecksum) {
				t.Fatalf("err = %v, want ErrUnreadable and xlsx.ErrChecksum", err)
			}
			for _, w := range []string{"compute_billing.xlsx", "xl/worksheets/sheet1.xml", "已损坏"} {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err %q does not say %q", err, w)
				}
			}
		})
	}
}

// restore rewrites the zip at path with every entry stored, the named one
// damaged after its CRC-32 and size were taken.
func restore(tb testing.TB, path, entry string, damage func([]byte, *zip.FileHeader)) {
	tb.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		h := &zip.FileHeader{Name: f.Name, Method: zip.Store, CRC32: crc32.ChecksumIEEE(body),
			CompressedSize64: uint64(len(body)), UncompressedSize64: uint64(len(body))}
		if f.Name == entry {
			damage(body, h)
		}
		w, err := zw.CreateRaw(h)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(body)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
}
