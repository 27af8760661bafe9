package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// formulaTexts look like formulas (or DDE commands) to a spreadsheet. In
// the inputs they are text; in the outputs they must stay text.
var formulaTexts = []string{
	`=cmd|' /C calc'!A0`, `=HYPERLINK("http://x","y")`, "+1", "-1", "@SUM(1)",
	"\t=2+2", "\r=3+3", "=1+1", "=1+1\r\n@SUM(2)", "-2+3+cmd|' /C calc'!A0",
}

// illegalTexts hold characters XML 1.0 cannot carry (written in the
// input as Excel does, _x0001_), which the outputs must still hold in a
// workbook that opens.
var illegalTexts = []string{"\x01名称", "a\x1bb", "x\uFFFEy", "\x00nul", "\uFFFF", "tab\there"}

// injectionCases: text that a spreadsheet could run, and text a naive
// XML writer would break on, in names and document numbers of eligible
// and rejected lines and in the registry.
func injectionCases() []hostileCase {
	return []hostileCase{
		{name: "formula-looking text in names and document numbers",
			prepare: renameEnterprise(`=HYPERLINK("http://evil.example","点我领取")`),
			rows:    textRows(formulaTexts),
			check: func(t *testing.T, y *hostileYear, year string) {
				want := []string{`=HYPERLINK("http://evil.example","点我领取")`}
				for _, s := range formulaTexts {
					want = append(want, strings.TrimSpace(s)) // cells are read trimmed
				}
				checkTextsKept(t, year, want, func(s string) string { return s })
			}},
		{name: "XML-illegal characters in names",
			prepare: renameEnterprise("杭州\x1b\x01\uFFFE科技"),
			rows:    append(textRows(illegalTexts), invalidUTF8Row()),
			check: func(t *testing.T, y *hostileYear, year string) {
				want := []string{"杭州\x1b\x01\uFFFE科技"}
				for _, s := range illegalTexts {
					want = append(want, strings.TrimSpace(s))
				}
				checkTextsKept(t, year, want, xmlSafe)
				for _, l := range computeLines(t, year) {
					for _, s := range []*string{l.EnterpriseName, l.DocumentNo} {
						if s != nil && !utf8.ValidString(*s) {
							t.Errorf("row %d: the lines table holds invalid UTF-8 %q", l.SourceRow, *s)
						}
					}
				}
			}},
	}
}

// textRows makes, for each text, an eligible line and a rejected one
// (bad amount) with the text as name and document number.
func textRows(texts []string) []hostileRow {
	var rows []hostileRow
	for i, s := range texts {
		cells := map[string]xc{"name": txt(s), "bill_no": txt(s)}
		rows = append(rows, hostileRow{what: fmt.Sprintf("text %d %q", i, s), set: cells})
		bad := map[string]xc{"name": txt(s), "bill_no": txt(s), "amount": txt("x")}
		rows = append(rows, hostileRow{what: fmt.Sprintf("text %d %q, bad amount", i, s), set: bad, want: pipeline.BadAmount})
	}
	return rows
}

// invalidUTF8Row has bytes that are not UTF-8 in its name: a well-formed
// XML document cannot hold them, but a byte scanner reads them.
func invalidUTF8Row() hostileRow {
	return hostileRow{what: "invalid UTF-8 in the name", set: map[string]xc{"name": {t: "inlineStr", v: "bad\xff\xfe名", inline: true, raw: true}}}
}

// renameEnterprise gives the template line's enterprise a new name in
// 企业名录; the name then appears in the award rows.
func renameEnterprise(name string) func(testing.TB, *hostileYear, string) {
	return func(tb testing.TB, y *hostileYear, dir string) {
		editEnterprises(tb, dir, func(f *excelize.File, rows [][]string) error {
			for r, row := range rows {
				for c, v := range row {
					if v == y.tmpl.EnterpriseUSCC && c+1 < len(row) {
						cell, _ := excelize.CoordinatesToCellName(c+2, r+1)
						return f.SetCellStr("企业名录", cell, name)
					}
				}
			}
			return fmt.Errorf("no row of %s in 企业名录", y.tmpl.EnterpriseUSCC)
		})
	}
}

// editEnterprises lets edit change 企业名录 of dir/enterprises.xlsx, given
// its rows as read, and saves the workbook.
func editEnterprises(tb testing.TB, dir string, edit func(f *excelize.File, rows [][]string) error) {
	tb.Helper()
	path := filepath.Join(dir, "enterprises.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("企业名录")
	if err == nil {
		err = edit(f, rows)
	}
	if err == nil {
		err = f.SaveAs(path)
	}
	if err != nil {
		tb.Fatal(err)
	}
}

// checkTextsKept: each text reaches the lines table unchanged and some
// workbook cell as shown(text), and the bureau workbook's 剔除明细 holds
// it as name and document number of a rejected line.
func checkTextsKept(t *testing.T, year string, texts []string, shown func(string) string) {
	t.Helper()
	inParquet := map[string]bool{}
	for _, l := range computeLines(t, year) {
		inParquet[hostileStr(l.EnterpriseName)] = true
		inParquet[hostileStr(l.DocumentNo)] = true
	}
	inCells := map[string][]string{} // value -> where
	books, _ := filepath.Glob(filepath.Join(year, "*.xlsx"))
	for _, path := range books {
		eachOutputCell(t, path, func(sheet, cell, value, _ string) {
			inCells[value] = append(inCells[value], filepath.Base(path)+" "+sheet+"!"+cell)
		})
	}
	for i, s := range texts {
		if i > 0 && !inParquet[s] { // texts[0] is the registry name
			t.Errorf("%q is not in the lines table", s)
		}
		where := inCells[shown(s)]
		if len(where) == 0 {
			t.Errorf("%q (shown %q) is in no workbook cell", s, shown(s))
			continue
		}
		if i > 0 && !strings.Contains(strings.Join(where, " "), "settlement-2025-jxj.xlsx 剔除明细!") {
			t.Errorf("%q is not in 剔除明细, only in %v", s, where)
		}
	}
}

// xmlSafe is how a cell shows text holding characters XML cannot carry:
// each replaced by U+FFFD.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return '\uFFFD'
		}
		return r
	}, s)
}
