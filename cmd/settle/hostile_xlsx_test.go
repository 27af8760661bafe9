package main

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The hostile corpus needs workbooks no spreadsheet program writes: a
// formula with or without its cached value, error and boolean cells where
// numbers belong, control characters escaped the OOXML way, a million rows
// streamed from a generator. So it writes the package itself, part by
// part, from readable Go: nothing in the corpus is an opaque blob.

// xc is one cell exactly as it goes in the sheet XML. The zero xc is no
// cell at all.
type xc struct {
	t      string // the t attribute: "" (number), inlineStr, str, b, e, d, s
	date   bool   // styled with number format 14 (a date)
	f      string // formula text; "" for none
	v      string // the value: <v> text, or the inline string's text
	inline bool   // v goes in <is><t> rather than <v>
	raw    bool   // v is written as it is, not escaped
}

func txt(s string) xc             { return xc{t: "inlineStr", v: s, inline: true} }
func num(s string) xc             { return xc{v: s} }
func serial(s string) xc          { return xc{v: s, date: true} }
func boolCell(s string) xc        { return xc{t: "b", v: s} }
func errCell(code string) xc      { return xc{t: "e", v: code} }
func isoDate(s string) xc         { return xc{t: "d", v: s} }
func formula(f, cached string) xc { return xc{f: f, v: cached} }
func formulaText(f, cached string) xc {
	return xc{t: "str", f: f, v: cached}
}

func (c xc) zero() bool { return c == xc{} }

// xml is the cell's element at ref.
func (c xc) xml(ref string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<c r="%s"`, ref)
	if c.t != "" {
		fmt.Fprintf(&b, ` t="%s"`, c.t)
	}
	if c.date {
		b.WriteString(` s="1"`)
	}
	b.WriteString(">")
	if c.f != "" {
		fmt.Fprintf(&b, "<f>%s</f>", ooxmlEscape(c.f))
	}
	v := c.v
	if !c.raw {
		v = ooxmlEscape(v)
	}
	switch {
	case c.inline:
		fmt.Fprintf(&b, `<is><t xml:space="preserve">%s</t></is>`, v)
	case c.v != "":
		fmt.Fprintf(&b, "<v>%s</v>", v)
	}
	b.WriteString("</c>")
	return b.String()
}

// ooxmlEscape writes text as Excel does: XML's entities, and _xHHHH_ for
// the characters XML 1.0 cannot carry (control characters, CR, U+FFFE,
// U+FFFF). An underscore that would start such an escape is itself
// escaped (_x005F_), so every text round-trips.
func ooxmlEscape(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '_' && looksEscaped(s[i:]):
			b.WriteString("_x005F_")
		case r < 0x20 && r != '\t' && r != '\n', r == 0xFFFE, r == 0xFFFF:
			fmt.Fprintf(&b, "_x%04X_", r)
		case r == utf8.RuneError:
			b.WriteString("\uFFFD")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func looksEscaped(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range s[2:6] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}

// rowXML is row n holding cells from column A on; zero cells are left out.
func rowXML(n int, cells []xc) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, n)
	for i, c := range cells {
		if c.zero() {
			continue
		}
		ref, _ := excelize.CoordinatesToCellName(i+1, n)
		b.WriteString(c.xml(ref))
	}
	b.WriteString("</row>")
	return b.String()
}

// rawSheet is one worksheet: rows from row 1 (a nil row is left out), or,
// when data is set, whatever it writes inside <sheetData>.
type rawSheet struct {
	name string
	rows [][]xc
	data func(w io.Writer) error
}

// part is one entry of a zip package.
type part struct {
	name  string
	body  string
	write func(w io.Writer) error // instead of body, for large parts
	raw   *zip.FileHeader         // instead of both: written as it is, with data
	data  []byte                  // raw's compressed bytes
}

const (
	nsMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	nsRel  = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	relDoc = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
)

// rawBook returns the parts of a minimal, valid workbook holding sheets.
// Style 1 is the date format 14; there is no shared-string table (cells
// hold inline strings).
func rawBook(sheets ...rawSheet) []part {
	var types, list, rels strings.Builder
	var parts []part
	for i, s := range sheets {
		n := i + 1
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, n)
		fmt.Fprintf(&list, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, ooxmlEscape(s.name), n, n)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%sworksheet" Target="worksheets/sheet%d.xml"/>`, n, relDoc, n)
		parts = append(parts, part{name: fmt.Sprintf("xl/worksheets/sheet%d.xml", n), write: s.writeXML})
	}
	return append([]part{
		{name: "[Content_Types].xml", body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
			types.String() + `</Types>`},
		{name: "_rels/.rels", body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + relDoc + `officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{name: "xl/workbook.xml", body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<workbook ` + nsMain + ` ` + nsRel + `><sheets>` + list.String() + `</sheets></workbook>`},
		{name: "xl/_rels/workbook.xml.rels", body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() +
			`<Relationship Id="rIdS" Type="` + relDoc + `styles" Target="styles.xml"/></Relationships>`},
		{name: "xl/styles.xml", body: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<styleSheet ` + nsMain + `><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
			`<fills count="1"><fill><patternFill patternType="none"/></fill></fills>` +
			`<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>` +
			`<cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`},
	}, parts...)
}

func (s rawSheet) writeXML(w io.Writer) error {
	if _, err := io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet `+nsMain+`><sheetData>`); err != nil {
		return err
	}
	if s.data != nil {
		if err := s.data(w); err != nil {
			return err
		}
	}
	for i, r := range s.rows {
		if r == nil {
			continue
		}
		if _, err := io.WriteString(w, rowXML(i+1, r)); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, `</sheetData></worksheet>`)
	return err
}

// replacePart returns parts with the named one's body replaced.
func replacePart(parts []part, name, body string) []part {
	out := append([]part(nil), parts...)
	for i := range out {
		if out[i].name == name {
			out[i] = part{name: name, body: body}
		}
	}
	return out
}

// writeZip writes the parts, deflated, as the zip file at path.
func writeZip(tb testing.TB, path string, parts []part) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, p := range parts {
		if p.raw != nil {
			w, err := zw.CreateRaw(p.raw)
			if err == nil {
				_, err = w.Write(p.data)
			}
			if err != nil {
				tb.Fatalf("%s: %s: %v", path, p.name, err)
			}
			continue
		}
		w, err := zw.Create(p.name)
		if err == nil {
			if p.write != nil {
				err = p.write(w)
			} else {
				_, err = io.WriteString(w, p.body)
			}
		}
		if err != nil {
			tb.Fatalf("%s: %s: %v", path, p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}
