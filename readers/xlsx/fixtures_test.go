package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// Test fixtures are built by code: hand-written SpreadsheetML zipped with
// archive/zip (for what excelize cannot write) or workbooks written with
// excelize. No binary files are checked in.

// zipFile is one entry of a hand-built zip.
type zipFile struct{ name, body string }

func zipBytes(tb testing.TB, files []zipFile) []byte {
	tb.Helper()
	return zipWith(tb, files, zip.Deflate)
}

// zipWith zips the files with the given method (zip.Store is cheaper for
// the fuzzer).
func zipWith(tb testing.TB, files []zipFile, method uint16) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: method})
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(f.body)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// writeFile writes data to a file of that name in a new temporary folder.
func writeFile(tb testing.TB, name string, data []byte) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), name)
	writeFileAt(tb, path, data)
	return path
}

func writeFileAt(tb testing.TB, path string, data []byte) {
	tb.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

const (
	nsMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	nsRel  = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	relWS  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
)

// testStyles has one cell format per kind of number format the reader must
// tell apart. Its cellStyleXfs deliberately holds a date format, which must
// not be taken for cellXfs.
const testStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet ` + nsMain + `>
<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy/m/d"/><numFmt numFmtId="165" formatCode="0.00"/><numFmt numFmtId="166" formatCode="[$-409]mmm d"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="3"/></cellXfs>
</styleSheet>`

// Style indexes of testStyles.
const (
	sGeneral   = 0
	sDate14    = 1
	sYMD       = 2
	sFixed2    = 3
	sLocaleMMM = 4
	sThousands = 5
)

// testSST: plain, spaces kept, rich runs, phonetic run, entities, an
// escaped carriage return, an empty item.
const testSST = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst ` + nsMain + ` count="7" uniqueCount="7">
<si><t>zero</t></si>
<si><t xml:space="preserve"> one </t></si>
<si><r><rPr><b/><sz val="11"/></rPr><t>rich</t></r><r><t xml:space="preserve"> text</t></r></si>
<si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1"/></si>
<si><t>a &amp; b &lt;c&gt; &quot;&apos; &#39;&#x41;&#20013;</t></si>
<si><t>line1_x000D_
line2</t></si>
<si/>
</sst>`

var testSSTWant = []string{"zero", " one ", "rich text", "漢字", `a & b <c> "' 'A中`, "line1\r\nline2", ""}

// sheetDef is a worksheet of a hand-built package.
type sheetDef struct {
	name string
	part string // e.g. "worksheets/sheet1.xml", relative to xl/
	xml  string
}

// pkgDef describes a hand-built workbook package.
type pkgDef struct {
	sheets   []sheetDef
	sst      string // xl/sharedStrings.xml, none when ""
	styles   string // xl/styles.xml, none when ""
	date1904 bool
	prefix   string // namespace prefix for workbook.xml elements, e.g. "x:"
}

func (p pkgDef) files() []zipFile {
	var ct, wbSheets, wbRels strings.Builder
	ct.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`)
	var files []zipFile
	x := p.prefix
	for i, s := range p.sheets {
		part := s.part
		if part == "" {
			part = fmt.Sprintf("worksheets/sheet%d.xml", i+1)
		}
		name := path.Clean("xl/" + part) // the target is relative to xl/ ...
		if strings.HasPrefix(part, "/") {
			name = part[1:] // ... or absolute
		}
		fmt.Fprintf(&ct, `<Override PartName="/%s" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, name)
		fmt.Fprintf(&wbSheets, `<%ssheet name="%s" sheetId="%d" r:id="rId%d"/>`, x, xmlEscape(s.name), i+1, i+1)
		fmt.Fprintf(&wbRels, `<Relationship Id="rId%d" Type="%s" Target="%s"/>`, i+1, relWS, part)
		files = append(files, zipFile{name, s.xml})
	}
	if p.sst != "" {
		ct.WriteString(`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`)
		wbRels.WriteString(`<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`)
		files = append(files, zipFile{"xl/sharedStrings.xml", p.sst})
	}
	if p.styles != "" {
		ct.WriteString(`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
		wbRels.WriteString(`<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`)
		files = append(files, zipFile{"xl/styles.xml", p.styles})
	}
	ct.WriteString(`</Types>`)
	date1904 := ""
	if p.date1904 {
		date1904 = ` date1904="1"`
	}
	nsX := nsMain
	if x != "" {
		nsX = `xmlns:` + strings.TrimSuffix(x, ":") + `="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	}
	head := []zipFile{
		{"[Content_Types].xml", ct.String()},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><` + x + `workbook ` + nsX + ` ` + nsRel + `><` + x + `workbookPr` + date1904 + `/><` + x + `sheets>` +
			wbSheets.String() + `</` + x + `sheets></` + x + `workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			wbRels.String() + `</Relationships>`},
	}
	return append(head, files...)
}

func xmlEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// worksheet wraps sheetData content in a worksheet part.
func worksheet(sheetData string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet ` + nsMain + ` ` + nsRel + `><dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
		`<sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="2" width="12"/></cols>` +
		`<sheetData>` + sheetData + `</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`
}

// oneSheet is a package with the test styles and shared strings and one
// sheet named "S".
func oneSheet(sheetXML string) pkgDef {
	return pkgDef{sheets: []sheetDef{{name: "S", xml: sheetXML}}, sst: testSST, styles: testStyles}
}

func writePkg(tb testing.TB, p pkgDef) string {
	tb.Helper()
	return writeFile(tb, "book.xlsx", zipBytes(tb, p.files()))
}

// dump reads a sheet and renders every cell on a line, "B3 n+date+f "45881"",
// the readable form the table tests compare.
func dump(tb testing.TB, path, sheet string, opt Options) (string, error) {
	tb.Helper()
	w, err := Open(path, opt)
	if err != nil {
		return "", err
	}
	defer w.Close()
	rows, err := w.Rows(sheet)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		for _, c := range rows.Cells() {
			fmt.Fprintf(&b, "%s%d %s %q\n", colName(c.Col), rows.Row(), cellKind(c), c.Value)
		}
	}
	return b.String(), rows.Err()
}

func cellKind(c Cell) string {
	k := [...]string{Number: "n", String: "s", Bool: "b", Error: "e", ISODate: "d"}[c.Type]
	if c.Date {
		k += "+date"
	}
	if c.Formula {
		k += "+f"
	}
	return k
}
