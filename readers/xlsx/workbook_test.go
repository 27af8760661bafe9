package xlsx

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"settle/internal/testkit"
)

func cellSheet(sheetData string) string { return worksheet(sheetData) }

// TestSheetOrder: sheets come in workbook.xml order, found through the
// relationships whatever their part names (relative or absolute targets).
func TestSheetOrder(t *testing.T) {
	p := pkgDef{sheets: []sheetDef{
		{name: "Zeta & co", part: "worksheets/sheet3.xml", xml: cellSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>zeta</t></is></c></row>`)},
		{name: "结算", part: "/xl/worksheets/sheet1.xml", xml: cellSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>first file</t></is></c></row>`)},
		{name: "Mid", part: "sheets/../worksheets/data.xml", xml: cellSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>mid</t></is></c></row>`)},
	}}
	path := writePkg(t, p)
	w, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if got, want := w.Sheets(), []string{"Zeta & co", "结算", "Mid"}; !slices.Equal(got, want) {
		t.Fatalf("Sheets() = %q, want %q", got, want)
	}
	for sheet, want := range map[string]string{"Zeta & co": "zeta", "结算": "first file", "Mid": "mid"} {
		got, err := dump(t, path, sheet, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got != `A1 s "`+want+`"`+"\n" {
			t.Errorf("sheet %q: %q, want %q", sheet, got, want)
		}
	}
}

func TestDate1904(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    pkgDef
		want bool
	}{
		{"1900", oneSheet(cellSheet("")), false},
		{"1904", pkgDef{sheets: oneSheet(cellSheet("")).sheets, date1904: true}, true},
		{"1904 with prefixed elements", pkgDef{sheets: oneSheet(cellSheet("")).sheets, date1904: true, prefix: "x:"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, err := Open(writePkg(t, tc.p), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			if w.Date1904() != tc.want {
				t.Errorf("Date1904() = %v, want %v", w.Date1904(), tc.want)
			}
			if !slices.Equal(w.Sheets(), []string{"S"}) {
				t.Errorf("Sheets() = %q", w.Sheets())
			}
		})
	}
}

func TestWithoutStylesOrSharedStrings(t *testing.T) {
	p := pkgDef{sheets: []sheetDef{{name: "S", xml: cellSheet(`<row r="1"><c r="A1" s="1"><v>1</v></c></row>`)}}}
	got, err := dump(t, writePkg(t, p), "S", Options{})
	if err != nil || got != "A1 n \"1\"\n" {
		t.Fatalf("got %q, %v", got, err)
	}
	p.sheets[0].xml = cellSheet(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`)
	if _, err := dump(t, writePkg(t, p), "S", Options{}); !errors.Is(err, ErrNotWorkbook) {
		t.Fatalf("shared string without a table: err = %v", err)
	}
}

// TestPartNamesFolded: part names differing in case, or written with
// backslashes, are found.
func TestPartNamesFolded(t *testing.T) {
	files := oneSheet(cellSheet(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`)).files()
	for i := range files {
		switch files[i].name {
		case "xl/sharedStrings.xml":
			files[i].name = "xl/SharedStrings.xml"
		case "xl/worksheets/sheet1.xml":
			files[i].name = `xl\worksheets\sheet1.xml`
		}
	}
	got, err := dump(t, writeFile(t, "book.xlsx", zipBytes(t, files)), "S", Options{})
	if err != nil || got != "A1 s \"zero\"\n" {
		t.Fatalf("got %q, %v", got, err)
	}
}

func TestRowsErrors(t *testing.T) {
	w, err := Open(writePkg(t, oneSheet(cellSheet(""))), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Rows("s"); !errors.Is(err, ErrSheetNotFound) || !strings.Contains(err.Error(), "“s”") {
		t.Errorf("wrong-case sheet name: err = %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := w.Rows("S"); !errors.Is(err, os.ErrClosed) {
		t.Errorf("Rows after Close: err = %v", err)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	valid := zipBytes(t, oneSheet(cellSheet("")).files())
	random := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	tests := []struct {
		name    string
		data    []byte // written to a file, unless path is set
		path    string
		opt     Options
		wantErr error
		wantMsg string
	}{
		{name: "empty file", data: []byte{}, wantErr: ErrNotWorkbook, wantMsg: "空文件"},
		{name: "random bytes", data: random, wantErr: ErrNotWorkbook},
		{name: "truncated zip", data: valid[:len(valid)/2], wantErr: ErrNotWorkbook},
		{name: "CSV renamed", data: []byte("企业名称,金额\nA,1.00\n"), wantErr: ErrNotWorkbook},
		{name: "PDF renamed", data: []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), wantErr: ErrNotWorkbook},
		{name: "zip without workbook", data: zipBytes(t, []zipFile{{"readme.txt", "hi"}}), wantErr: ErrNotWorkbook, wantMsg: "xl/workbook.xml"},
		{name: "Word document", data: zipBytes(t, []zipFile{{"word/document.xml", "<w:document/>"}}), wantErr: ErrNotWorkbook, wantMsg: "Word"},
		{name: "malformed workbook.xml", data: zipBytes(t, []zipFile{{"xl/workbook.xml", "<workbook><sheets><sheet"}}), wantErr: ErrNotWorkbook},
		{name: "legacy xls", data: testkit.OLEFile("Workbook", "\x05SummaryInformation"), wantErr: ErrNotWorkbook, wantMsg: "旧版 Excel 97-2003 .xls"},
		{name: "legacy xls with a password given", data: testkit.OLEFile("Workbook"), opt: Options{Password: "pw"}, wantErr: ErrNotWorkbook, wantMsg: ".xls"},
		{name: "OLE magic then garbage", data: append(slices.Clone(oleMagic), random...), wantErr: ErrNotWorkbook, wantMsg: "OLE"},
		{name: "encrypted without password", data: testkit.OLEFile("EncryptionInfo", "EncryptedPackage"), wantErr: ErrEncrypted},
		{name: "encrypted, unreadable encryption info", data: testkit.OLEFile("EncryptionInfo", "EncryptedPackage"), opt: Options{Password: "pw"}, wantErr: ErrEncrypted},
		{name: "directory", path: dir, wantErr: ErrNotWorkbook, wantMsg: "是文件夹"},
		// Hostile corpus: reading these never ends (a pipe blocks on open).
		{name: "named pipe", path: fifo(t, dir), wantErr: ErrNotWorkbook, wantMsg: "不是普通文件"},
		{name: "device", path: "/dev/zero", wantErr: ErrNotWorkbook, wantMsg: "不是普通文件"},
		{name: "missing file", path: filepath.Join(dir, "nope.xlsx"), wantErr: fs.ErrNotExist},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.path
			if _, err := os.Stat(path); path != "" && tc.wantErr != fs.ErrNotExist && err != nil {
				t.Skip(err) // no named pipes or /dev/zero here
			}
			if path == "" {
				path = writeFile(t, "in.xlsx", tc.data)
			}
			w, err := Open(path, tc.opt)
			if err == nil {
				w.Close()
				t.Fatal("no error")
			}
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
			if !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("error %q does not say %q", err, tc.wantMsg)
			}
		})
	}
}

// TestEncrypted: a workbook excelize saved with a password opens with it,
// and is ErrEncrypted without it or with a wrong one.
func TestEncrypted(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetCellValue("Sheet1", "A1", "secret"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("Sheet1", "B2", 1234.5); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "locked.xlsx")
	if err := f.SaveAs(path, excelize.Options{Password: "pw"}); err != nil {
		t.Fatal(err)
	}
	for _, pw := range []string{"", "wrong"} {
		if _, err := Open(path, Options{Password: pw}); !errors.Is(err, ErrEncrypted) {
			t.Errorf("password %q: err = %v, want ErrEncrypted", pw, err)
		}
	}
	got, err := dump(t, path, "Sheet1", Options{Password: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "A1 s \"secret\"\nB2 n \"1234.5\"\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestConcurrentRows reads two sheets of one workbook at once (run it with
// -race).
func TestConcurrentRows(t *testing.T) {
	var data strings.Builder
	for r := 1; r <= 500; r++ {
		data.WriteString(`<row><c t="s"><v>` + string(rune('0'+r%6)) + `</v></c><c><v>1</v></c></row>`)
	}
	p := oneSheet(cellSheet(data.String()))
	p.sheets = append(p.sheets, sheetDef{name: "T", xml: p.sheets[0].xml})
	w, err := Open(writePkg(t, p), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var wg sync.WaitGroup
	counts := make([]int, 2)
	errs := make([]error, 2)
	for i, sheet := range []string{"S", "T"} {
		wg.Go(func() {
			rows, err := w.Rows(sheet)
			if err != nil {
				errs[i] = err
				return
			}
			defer rows.Close()
			for rows.Next() {
				counts[i] += len(rows.Cells())
			}
			errs[i] = rows.Err()
		})
	}
	wg.Wait()
	for i := range 2 {
		if errs[i] != nil || counts[i] != 1000 {
			t.Errorf("reader %d: %d cells, err %v", i, counts[i], errs[i])
		}
	}
}

// fifo makes a named pipe in dir, or returns a path that does not exist
// where the system has none.
func fifo(tb testing.TB, dir string) string {
	tb.Helper()
	path := filepath.Join(dir, "pipe.xlsx")
	if err := mkfifo(path); err != nil {
		return filepath.Join(dir, "no-fifo")
	}
	return path
}
