package main

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"settle/internal/testkit"
)

// notWorkbookCases: files called compute_billing.xlsx that are no
// workbook at all. Each stops the run with a message naming the file and
// saying what it is instead of an .xlsx workbook.
func notWorkbookCases() []hostileCase {
	const file = "compute_billing.xlsx"
	notXLSX := "不是有效的 .xlsx 工作簿"
	replace := func(content []byte) func(testing.TB, *hostileYear, string) {
		return func(tb testing.TB, _ *hostileYear, dir string) {
			writeBytes(tb, filepath.Join(dir, file), content)
		}
	}
	return []hostileCase{
		{name: "空文件", prepare: replace(nil), fail: []string{file, "空文件", notXLSX}},
		{name: "truncated zip", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			data := readBytes(tb, filepath.Join(y.dir, file))
			writeBytes(tb, filepath.Join(dir, file), data[:len(data)*2/3])
		}, fail: []string{file, "不是 zip 压缩包", notXLSX}},
		{name: "corrupt deflate stream in the sheet", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			// Keep the zip directory, spoil the sheet's compressed bytes.
			writeZip(tb, filepath.Join(dir, file), rawBook(rawSheet{name: "算力结算",
				rows: [][]xc{headerCells(computeHeader), y.row("B-1", nil)}}))
			data := readBytes(tb, filepath.Join(dir, file))
			spoilEntry(tb, data, "xl/worksheets/sheet1.xml")
			writeBytes(tb, filepath.Join(dir, file), data)
		}, fail: []string{file, "算力结算", notXLSX}},
		{name: "CSV renamed .xlsx", prepare: replace([]byte("统一社会信用代码,结算金额\n91330108MA27XXXX0Z,100\n")),
			fail: []string{file, notXLSX}},
		{name: "PDF renamed .xlsx", prepare: replace([]byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")),
			fail: []string{file, notXLSX}},
		{name: "legacy .xls (OLE compound file)", prepare: replace(testkit.OLEFile("Workbook")),
			fail: []string{file, "旧版 Excel 97-2003 .xls", "另存为 .xlsx"}},
		{name: "OLE magic then garbage", prepare: replace(append(testkit.OLEFile()[:8:8], "not a compound file at all"...)),
			fail: []string{file, "OLE 复合文件已损坏", notXLSX}},
		{name: "Word document renamed .xlsx", prepare: func(tb testing.TB, _ *hostileYear, dir string) {
			writeZip(tb, filepath.Join(dir, file), []part{
				{name: "[Content_Types].xml", body: `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
				{name: "word/document.xml", body: `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`},
			})
		}, fail: []string{file, "Word 文档", notXLSX}},
		{name: "a directory named compute_billing.xlsx", prepare: func(tb testing.TB, _ *hostileYear, dir string) {
			path := filepath.Join(dir, file)
			if err := os.Remove(path); err != nil {
				tb.Fatal(err)
			}
			if err := os.Mkdir(path, 0o755); err != nil {
				tb.Fatal(err)
			}
		}, fail: []string{file, "不是普通文件（是文件夹）"}},
		{name: "a named pipe named compute_billing.xlsx", prepare: func(tb testing.TB, _ *hostileYear, dir string) {
			// Opening a FIFO for reading blocks until someone writes:
			// the run must refuse it, not hang.
			path := filepath.Join(dir, file)
			if err := os.Remove(path); err != nil {
				tb.Fatal(err)
			}
			if err := mkfifo(path); err != nil {
				tb.Skip(err)
			}
		}, fail: []string{file, "不是普通文件"}},
		{name: "a symlink to /dev/zero", prepare: func(tb testing.TB, _ *hostileYear, dir string) {
			// An endless file: reading it to the end never ends.
			path := filepath.Join(dir, file)
			if _, err := os.Stat("/dev/zero"); err != nil {
				tb.Skip(err)
			}
			if err := os.Remove(path); err != nil {
				tb.Fatal(err)
			}
			if err := os.Symlink("/dev/zero", path); err != nil {
				tb.Skip(err)
			}
		}, fail: []string{file, "不是普通文件"}},
		{name: "enterprises.xlsx missing", prepare: func(tb testing.TB, _ *hostileYear, dir string) {
			if err := os.Remove(filepath.Join(dir, "enterprises.xlsx")); err != nil {
				tb.Fatal(err)
			}
		}, fail: []string{"enterprises.xlsx", "缺少必需的文件"}},
	}
}

// passwordCases: a password-protected compute_billing.xlsx (excelize
// encrypts it, ECMA-376 standard encryption) is opened with the password
// in SETTLE_XLSX_PASSWORD; the other, unprotected workbooks ignore it.
func passwordCases() []hostileCase {
	const file, pw = "compute_billing.xlsx", "滨江-2025 secret"
	encrypt := func(tb testing.TB, _ *hostileYear, dir string) {
		path := filepath.Join(dir, file)
		f, err := excelize.OpenFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		defer f.Close()
		if err := f.SaveAs(path, excelize.Options{Password: pw}); err != nil {
			tb.Fatal(err)
		}
		if magic := readBytes(tb, path)[:8]; string(magic) != testkit.OLEMagic {
			tb.Fatalf("excelize wrote no encrypted file: % x", magic)
		}
	}
	return []hostileCase{
		{name: "password-protected, no password given", prepare: encrypt,
			fail: []string{file, "设有打开密码", "SETTLE_XLSX_PASSWORD"}},
		{name: "password-protected, wrong password", prepare: encrypt, env: map[string]string{passwordEnv: "wrong"},
			fail: []string{file, "密码不正确", "SETTLE_XLSX_PASSWORD"}},
		{name: "password-protected, right password", prepare: encrypt, env: map[string]string{passwordEnv: pw},
			check: func(t *testing.T, y *hostileYear, year string) {
				if n := len(computeLines(t, year)); n != y.computeLines {
					t.Errorf("%d compute lines read from the decrypted workbook, want %d", n, y.computeLines)
				}
			}},
	}
}

// spoilEntry overwrites the middle of a stored zip entry's compressed
// bytes, leaving the zip directory intact.
func spoilEntry(tb testing.TB, zipData []byte, name string) {
	tb.Helper()
	// Local file header: signature, ..., name length at 26, extra at 28.
	for i := 0; i+30 < len(zipData); i++ {
		if string(zipData[i:i+4]) != "PK\x03\x04" {
			continue
		}
		le := binary.LittleEndian
		n, extra := int(le.Uint16(zipData[i+26:])), int(le.Uint16(zipData[i+28:]))
		if string(zipData[i+30:i+30+n]) != name {
			continue
		}
		start := i + 30 + n + extra
		for j := start + 2; j < start+40 && j < len(zipData); j++ {
			zipData[j] = 0xFF
		}
		return
	}
	tb.Fatalf("no entry %s", name)
}

func readBytes(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func writeBytes(tb testing.TB, path string, data []byte) {
	tb.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}
