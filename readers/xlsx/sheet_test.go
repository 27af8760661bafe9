package xlsx

import (
	"errors"
	"strings"
	"testing"
)

// sheetTests are sheet XML fragments (the content of <sheetData>, unless
// the case gives a whole worksheet) read with testSST and testStyles.
var sheetTests = []struct {
	name      string
	sheetData string
	worksheet string // a whole worksheet part instead of sheetData
	want      string
	wantErr   error
}{
	{
		name:      "every type",
		sheetData: `<row r="1"><c r="A1"><v>1234.5599999999999</v></c><c r="B1" t="n"><v>4.5881E4</v></c><c r="C1" t="s"><v>0</v></c><c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="str"><f>A1&amp;"x"</f><v>1234.56x</v></c><c r="G1" t="d"><v>2025-03-01T00:00:00</v></c><c r="H1" t="inlineStr"><is><t>inline</t></is></c></row>`,
		want:      "A1 n \"1234.5599999999999\"\nB1 n \"4.5881E4\"\nC1 s \"zero\"\nD1 b \"1\"\nE1 e \"#N/A\"\nF1 s+f \"1234.56x\"\nG1 d \"2025-03-01T00:00:00\"\nH1 s \"inline\"\n",
	},
	{
		name:      "shared strings resolved",
		sheetData: `<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>2</v></c><c r="C1" t="s"><v>3</v></c><c r="D1" t="s"><v>4</v></c><c r="E1" t="s"><v>5</v></c><c r="F1" t="s"><v>6</v></c><c r="G1" t="s"><v> 0 </v></c></row>`,
		want:      "A1 s \" one \"\nB1 s \"rich text\"\nC1 s \"漢字\"\nD1 s \"a & b <c> \\\"' 'A中\"\nE1 s \"line1\\r\\nline2\"\nF1 s \"\"\nG1 s \"zero\"\n",
	},
	{
		name:      "date flag follows the cell format",
		sheetData: `<row r="2"><c r="A2" s="0"><v>45717</v></c><c r="B2" s="1"><v>45717</v></c><c r="C2" s="2"><v>45717</v></c><c r="D2" s="3"><v>45717</v></c><c r="E2" s="4"><v>45717</v></c><c r="F2" s="5"><v>20250301</v></c><c r="G2" s="99"><v>1</v></c><c r="H2" s="1" t="s"><v>0</v></c><c r="I2" s="2"><f>TODAY()</f></c></row>`,
		want:      "A2 n \"45717\"\nB2 n+date \"45717\"\nC2 n+date \"45717\"\nD2 n \"45717\"\nE2 n+date \"45717\"\nF2 n \"20250301\"\nG2 n \"1\"\nH2 s \"zero\"\nI2 n+date+f \"\"\n",
	},
	{
		name:      "empty cells and rows are skipped, numbering kept",
		sheetData: `<row r="1"/><row r="2"><c r="A2" s="3"/><c r="B2" s="1"></c></row><row r="3" spans="1:2"><c r="B3"><v>7</v></c></row><row><c><v>8</v></c><c s="1"/><c><v>9</v></c></row>`,
		want:      "B3 n \"7\"\nA4 n \"8\"\nC4 n \"9\"\n",
	},
	{
		name:      "rows and cells without r",
		sheetData: `<row><c><v>1</v></c><c><v>2</v></c></row><row><c r="C2"><v>3</v></c><c><v>4</v></c></row><row r="10"><c><v>5</v></c></row><row><c><v>6</v></c></row>`,
		want:      "A1 n \"1\"\nB1 n \"2\"\nC2 n \"3\"\nD2 n \"4\"\nA10 n \"5\"\nA11 n \"6\"\n",
	},
	{
		name:      "namespace prefixes, single quotes, whitespace, attribute order",
		worksheet: `<?xml version='1.0'?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` + "\n\t" + `<x:row  r = '1' ><x:c t='s'   r='A1'` + "\n" + `s='0'><x:v>2</x:v></x:c> <x:c s="1" r="B1" ><x:v >45717</x:v ></x:c></x:row >` + "\n" + `</x:sheetData></x:worksheet>`,
		want:      "A1 s \"rich text\"\nB1 n+date \"45717\"\n",
	},
	{
		name:      "entities, CDATA, comments, line ends",
		sheetData: "<row r=\"1\"><c r=\"A1\" t=\"str\"><v>a&amp;b&#x263A;&#9731;&lt;</v></c><c r=\"B1\" t=\"inlineStr\"><is><t><![CDATA[<raw> & ]]>text<!-- note --></t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>x\r\ny\rz&#13;</t></is></c><c r=\"D1\" t=\"inlineStr\"><is><t>&bogus; &#0; &</t></is></c></row>",
		want:      "A1 s \"a&b☺☃<\"\nB1 s \"<raw> & text\"\nC1 s \"x\\ny\\nz\\r\"\nD1 s \"&bogus; &#0; &\"\n",
	},
	{
		name:      "inline rich text skips phonetic runs",
		sheetData: `<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>bold</t></r><r><t xml:space="preserve"> plain</t></r><rPh sb="0" eb="1"><t>X</t></rPh></is></c><c r="B1" t="inlineStr"><v>from v</v></c><c r="C1" t="inlineStr"><is/></c><c r="D1" t="inlineStr"><is><t>_x005F_x000D_ and _x000D_</t></is></c></row>`,
		want:      "A1 s \"bold plain\"\nB1 s \"from v\"\nC1 s \"\"\nD1 s \"_x000D_ and \\r\"\n",
	},
	{
		name:      "formula without cached value is kept",
		sheetData: `<row r="1"><c r="A1"><f>SUM(B1:C1)</f></c><c r="B1"><f t="shared" ref="B1:B3" si="0"/><v>3</v></c></row>`,
		want:      "A1 n+f \"\"\nB1 n+f \"3\"\n",
	},
	{
		name:      "prefixed attributes are not SpreadsheetML's",
		sheetData: `<row r="2" x14ac:r="9" xmlns:x14ac="urn:x"><c r="B2" x14ac:t="s" x14ac:r="Z2"><v>1</v></c></row>`,
		want:      "B2 n \"1\"\n",
	},
	{
		name:      "cells out of order are sorted",
		sheetData: `<row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>`,
		want:      "A1 n \"1\"\nB1 n \"2\"\nC1 n \"3\"\n",
	},
	{
		name:      "unknown elements in rows and cells are skipped",
		sheetData: `<row r="1"><extLst><ext uri="x"><c r="Z9"><v>no</v></c></ext></extLst><c r="A1"><extLst><ext/></extLst><v>1</v></c></row>`,
		want:      "A1 n \"1\"\n",
	},
	{
		name:      "no sheetData",
		worksheet: `<worksheet ` + nsMain + `><dimension ref="A1"/></worksheet>`,
		want:      "",
	},
	{
		name:      "empty sheetData",
		worksheet: `<worksheet ` + nsMain + `><sheetData/><c r="A1"><v>1</v></c></worksheet>`,
		want:      "",
	},
	{
		name:      "lowercase reference, last column",
		sheetData: `<row r="1048576"><c r="xfd1048576"><v>1</v></c></row>`,
		want:      "XFD1048576 n \"1\"\n",
	},
	{
		name:      "shared string index out of range",
		sheetData: `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="B2" t="s"><v>7</v></c></row>`,
		wantErr:   ErrNotWorkbook,
	},
	{
		name:      "shared string index not a number",
		sheetData: `<row r="1"><c r="A1" t="s"><v>x</v></c></row>`,
		wantErr:   ErrNotWorkbook,
	},
	{
		name:      "column beyond XFD",
		sheetData: `<row r="1"><c r="XFE1"><v>1</v></c></row>`,
		wantErr:   ErrNotWorkbook,
	},
	{
		name:      "row number zero",
		sheetData: `<row r="0"><c><v>1</v></c></row>`,
		wantErr:   ErrNotWorkbook,
	},
	{
		name:      "truncated",
		worksheet: `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2`,
		wantErr:   ErrNotWorkbook,
	},
	{
		name:      "truncated inside a tag",
		worksheet: `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A`,
		wantErr:   ErrNotWorkbook,
	},
	{
		name:      "mismatched end tag",
		sheetData: `<row r="1"><c r="A1"><v>1</v></row>`,
		wantErr:   ErrNotWorkbook,
	},
	// The hostile corpus (cmd/settle/hostile_*_test.go): rows and cells
	// past the sheet's limits by counting, and rows or cells that would
	// be read twice.
	{
		name:      "bytes that are not UTF-8",
		sheetData: "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>bad\xff\xfe名</t></is></c><c r=\"B1\" t=\"str\"><v>\xc3</v></c><c r=\"C1\"><v>1</v></c></row>",
		want:      "A1 s \"bad\uFFFD名\"\nB1 s \"\uFFFD\"\nC1 n \"1\"\n",
	},
	{
		name:      "row 1048576 reached by counting",
		sheetData: `<row r="1048575"/><row><c><v>1</v></c></row>`,
		want:      "A1048576 n \"1\"\n",
	},
	{
		name:      "row past 1048576 by counting",
		sheetData: `<row r="1048576"><c><v>1</v></c></row><row><c><v>2</v></c></row>`,
		wantErr:   ErrNotWorkbook,
	},
	{
		name:      "cell past XFD by counting",
		sheetData: `<row r="1"><c r="XFD1"><v>1</v></c><c><v>2</v></c></row>`,
		wantErr:   ErrNotWorkbook,
	},
	{
		name:      "rows out of order",
		sheetData: `<row r="3"><c><v>3</v></c></row><row r="2"><c><v>2</v></c></row>`,
		wantErr:   ErrNotWorkbook,
	},
	{
		name:      "row number repeated",
		sheetData: `<row r="2"><c><v>1</v></c></row><row r="2"><c><v>2</v></c></row>`,
		wantErr:   ErrNotWorkbook,
	},
	{
		name:      "two cells in one column",
		sheetData: `<row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c></row>`,
		wantErr:   ErrNotWorkbook,
	},
	{
		name:      "two cells in one column, out of order",
		sheetData: `<row r="1"><c r="C1"><v>1</v></c><c r="A1"><v>2</v></c><c r="C1"><v>3</v></c></row>`,
		wantErr:   ErrNotWorkbook,
	},
	{
		name:      "unquoted attribute",
		sheetData: `<row r=1><c r="A1"><v>1</v></c></row>`,
		wantErr:   ErrNotWorkbook,
	},
}

func TestSheetXML(t *testing.T) {
	for _, tc := range sheetTests {
		t.Run(tc.name, func(t *testing.T) {
			ws := tc.worksheet
			if ws == "" {
				ws = worksheet(tc.sheetData)
			}
			got, err := dump(t, writePkg(t, oneSheet(ws)), "S", Options{})
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				if !strings.Contains(err.Error(), "book.xlsx") || !strings.Contains(err.Error(), "工作表“S”") {
					t.Errorf("error %q does not name the file and sheet", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestSharedStringErrorNamesCell(t *testing.T) {
	data := `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="B2" t="s"><v>7</v></c></row>`
	_, err := dump(t, writePkg(t, oneSheet(worksheet(data))), "S", Options{})
	if err == nil || !strings.Contains(err.Error(), "单元格 B2") || !strings.Contains(err.Error(), "超出范围") {
		t.Fatalf("err = %v, want it to name cell B2", err)
	}
}

// TestLongRowAndString: a row of all 16,384 columns (half without r) and a
// string of Excel's maximum 32,767 characters, across scanner refills.
func TestLongRowAndString(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<row r="1">`)
	for col := 1; col <= maxCols; col++ {
		if col%2 == 1 {
			b.WriteString(`<c r="` + colName(col) + `1"><v>` + colName(col) + `</v></c>`)
		} else {
			b.WriteString(`<c t="str"><v>` + colName(col) + `</v></c>`)
		}
	}
	long := strings.Repeat("长字&", 32767/3) + "x"
	b.WriteString(`</row><row r="2"><c r="A2" t="inlineStr"><is><t>` + strings.ReplaceAll(long, "&", "&amp;") + `</t></is></c></row>`)
	path := writePkg(t, oneSheet(worksheet(b.String())))
	w, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	rows, err := w.Rows("S")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	cells := rows.Cells()
	if len(cells) != maxCols {
		t.Fatalf("row 1 has %d cells, want %d", len(cells), maxCols)
	}
	for i, c := range cells {
		if c.Col != i+1 || c.Value != colName(i+1) {
			t.Fatalf("cell %d = %+v", i, c)
		}
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	if got := rows.Cells()[0].Value; got != long {
		t.Fatalf("long string: got %d bytes, want %d", len(got), len(long))
	}
	if rows.Next() || rows.Err() != nil {
		t.Fatalf("Next after the last row: err %v", rows.Err())
	}
}

// TestValuesOutliveNext: values are immutable strings, not views of a
// reused buffer.
func TestValuesOutliveNext(t *testing.T) {
	path := writePkg(t, oneSheet(worksheet(`<row r="1"><c r="A1"><v>111</v></c></row><row r="2"><c r="A2"><v>222</v></c></row>`)))
	w, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	rows, err := w.Rows("S")
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for rows.Next() {
		kept = append(kept, rows.Cells()[0].Value)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if strings.Join(kept, ",") != "111,222" {
		t.Fatalf("kept %q", kept)
	}
}

func TestColName(t *testing.T) {
	for col, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 28: "AB", 702: "ZZ", 703: "AAA", 16384: "XFD"} {
		if got := colName(col); got != want {
			t.Errorf("colName(%d) = %q, want %q", col, got, want)
		}
		if got, ok := parseCol([]byte(want + "1")); !ok || got != col {
			t.Errorf("parseCol(%q1) = %d, %v", want, got, ok)
		}
	}
	for _, bad := range []string{"", "1", "A", "A1B", "XFE1", "AAAA1", "$A$1", "A-1"} {
		if _, ok := parseCol([]byte(bad)); ok {
			t.Errorf("parseCol(%q) ok", bad)
		}
	}
}
