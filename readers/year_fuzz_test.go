package readers

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
	"settle/pipeline/policy"
)

// fuzzPassword opens the encrypted seeds, so that the fuzzer reaches the
// decryption too.
const fuzzPassword = "fuzz"

// FuzzReadYear writes the fuzzer's bytes as compute_billing.xlsx next to a
// valid enterprises.xlsx and reference.xlsx and reads the year: no panic,
// done within seconds, an error only of the package's kinds, and lines
// that are each one row of the sheet, in order; the lines then settle
// without a panic.
//
//	go test ./readers -run '^$' -fuzz FuzzReadYear -fuzztime 60s
func FuzzReadYear(f *testing.F) {
	for _, seed := range yearSeeds(f) {
		f.Add(seed)
	}
	base := minimalYear(f)
	registry := readFile(f, filepath.Join(base, EnterprisesFile))
	reference := readFile(f, filepath.Join(base, ReferenceFile))
	pol, err := policy.Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		for name, b := range map[string][]byte{EnterprisesFile: registry, ReferenceFile: reference, "compute_billing.xlsx": data} {
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		// A hang is a failure: crash the worker so the input is kept.
		watchdog := time.AfterFunc(20*time.Second, func() {
			panic(fmt.Sprintf("FuzzReadYear: still reading a %d-byte workbook after 20s", len(data)))
		})
		defer watchdog.Stop()
		in, err := ReadYear(context.Background(), dir, Options{Password: fuzzPassword, MaxPartSize: 4 << 20})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File != "compute_billing.xlsx" {
				t.Fatalf("error not located in compute_billing.xlsx: %v", err)
			}
			for _, s := range []error{ErrUnreadable, ErrMissingSheet, ErrMissingColumn, ErrDuplicateColumn} {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("error wraps no sentinel: %v", err)
		}
		last := 0
		for _, l := range in.Lines[pipeline.Compute].All() {
			if l.Voucher != pipeline.Compute || l.Origin.File != "compute_billing.xlsx" || l.Origin.Row <= last || l.Origin.Row > 1<<20 {
				t.Fatalf("line %+v after row %d", l.Origin, last)
			}
			last = l.Origin.Row
			for _, p := range l.Problems {
				switch p.Reason {
				case pipeline.MissingField, pipeline.BadUSCC, pipeline.BadAmount, pipeline.BadDate:
				default:
					t.Fatalf("row %d: problem %v", l.Origin.Row, p)
				}
			}
		}
		pipeline.Settle(context.Background(), pipeline.Run{Year: 2025}, pol, in) // may refuse (a base past int64), must not panic
	})
}

// yearSeeds are compute workbooks: the voucher workbooks of the sample
// year, and small ones with the shapes of the hostile corpus.
func yearSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	var seeds [][]byte
	for _, v := range pipeline.Vouchers {
		// The fuzzer minimizes every new input it finds interesting: the
		// larger sample workbooks would keep it minimizing, not fuzzing.
		if data := readFile(tb, filepath.Join(samplesDir, VoucherFile(v))); len(data) <= 64<<10 {
			seeds = append(seeds, data)
		}
	}
	const header = `<row r="1"><c r="A1" t="inlineStr"><is><t>统一社会信用代码</t></is></c><c r="B1" t="inlineStr"><is><t>服务商统一社会信用代码</t></is></c>` +
		`<c r="C1" t="inlineStr"><is><t>账单编号</t></is></c><c r="D1" t="inlineStr"><is><t>结算日期</t></is></c><c r="E1" t="inlineStr"><is><t>算力类型</t></is></c>` +
		`<c r="F1" t="inlineStr"><is><t>用途</t></is></c><c r="G1" t="inlineStr"><is><t>结算金额</t></is></c></row>`
	u, p := code(1), code(100)
	line := func(r int, amount, date string) string {
		return fmt.Sprintf(`<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="B%d" t="inlineStr"><is><t>%s</t></is></c>`+
			`<c r="C%d" t="inlineStr"><is><t>B%d</t></is></c>%s<c r="E%d" t="inlineStr"><is><t>国产</t></is></c>`+
			`<c r="F%d" t="inlineStr"><is><t>模型研究</t></is></c>%s</row>`, r, r, u, r, p, r, r, date, r, r, amount)
	}
	for _, rows := range []string{
		line(2, `<c r="G2"><v>1000</v></c>`, `<c r="D2" s="1"><v>45839</v></c>`),
		line(2, `<c r="G2"><f>SUM(1,2)</f></c>`, `<c r="D2" s="1"><f>TODAY()</f><v>45839</v></c>`) +
			line(3, `<c r="G3" t="e"><f>1/0</f><v>#DIV/0!</v></c>`, `<c r="D3" t="b"><v>1</v></c>`),
		line(2, `<c r="G2" t="inlineStr"><is><t>+-5</t></is></c>`, `<c r="D2" t="d"><v>2025-07-01T10:30:00</v></c>`) +
			line(3, `<c r="G3" t="inlineStr"><is><t>1e5</t></is></c>`, `<c r="D3" s="1"><v>2958466</v></c>`),
		line(2, `<c r="G2" t="inlineStr"><is><t>_x0001_&#x1b;bad`+"\xff\xfe"+`</t></is></c>`, `<c r="D2" t="inlineStr"><is><t>1899-12-31</t></is></c>`),
		`<row r="1"><c r="A1" t="inlineStr"><is><t>uscc</t></is></c><c r="B1" t="inlineStr"><is><t>统一社会信用代码</t></is></c></row>` +
			strings.Replace(header, `r="1"`, `r="2"`, 1),
		line(3, `<c r="G3"><v>1</v></c>`, ``) + line(2, `<c r="G2"><v>1</v></c>`, ``),
		line(2, `<c r="XFD2"><v>1</v></c><c><v>2</v></c>`, ``),
		line(2, `<c r="G2" t="s"><v>0</v></c>`, `<c r="D2" t="s"><v>1</v></c>`),
	} {
		seeds = append(seeds, seedBook(tb, `<worksheet `+nsMainTest+`><sheetData>`+header+rows+`</sheetData></worksheet>`, false))
	}
	seeds = append(seeds, seedBook(tb, `<worksheet `+nsMainTest+`><sheetData>`+header+
		line(2, `<c r="G2"><v>1000</v></c>`, `<c r="D2" s="1"><v>0</v></c>`)+`</sheetData></worksheet>`, true))
	// A workbook written by excelize, and the same encrypted.
	dir := tb.TempDir()
	path := writeBook(tb, dir, "plain.xlsx", sheet{"算力结算", [][]any{
		{"统一社会信用代码", "服务商统一社会信用代码", "账单编号", "结算日期", "算力类型", "用途", "结算金额"},
		{u, p, "B2", date(2025, 7, 1), "国产", "模型研究", 1234.56},
	}})
	seeds = append(seeds, readFile(tb, path))
	wb, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer wb.Close()
	if err := wb.SaveAs(filepath.Join(dir, "secret.xlsx"), excelize.Options{Password: fuzzPassword}); err != nil {
		tb.Fatal(err)
	}
	return append(seeds, readFile(tb, filepath.Join(dir, "secret.xlsx")))
}

const nsMainTest = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`

// seedBook is a stored (uncompressed, so cheap to mutate) workbook of one
// sheet 算力结算 with the given XML, style 1 a date, two shared strings,
// in the 1904 date system when date1904.
func seedBook(tb testing.TB, sheetXML string, date1904 bool) []byte {
	tb.Helper()
	pr := ""
	if date1904 {
		pr = `<workbookPr date1904="1"/>`
	}
	rel := "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	files := [][2]string{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + rel + `officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<workbook ` + nsMainTest + ` xmlns:r="` + strings.TrimSuffix(rel, "/") + `">` + pr + `<sheets><sheet name="算力结算" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + rel + `worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/styles.xml", `<styleSheet ` + nsMainTest + `><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`},
		{"xl/sharedStrings.xml", `<sst ` + nsMainTest + ` count="2" uniqueCount="2"><si><t>1,000.00</t></si><si><r><t>2025-</t></r><r><t>07-01</t></r></si></sst>`},
		{"xl/worksheets/sheet1.xml", sheetXML},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, file := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: file[0], Method: zip.Store})
		if err == nil {
			_, err = w.Write([]byte(file[1]))
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func readFile(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}
