package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"settle/internal/testkit"
	"settle/pipeline"
)

// structureCases: workbooks that are zip packages of the right kind but
// whose sheets, headers or XML cannot be settled. Each stops the run with
// one message naming file, sheet and what was expected.
func structureCases() []hostileCase {
	const file = "compute_billing.xlsx"
	notXLSX := "不是有效的 .xlsx 工作簿"
	// header returns computeHeader with the named headers replaced.
	header := func(repl map[string]string) []xc {
		h := append([]string(nil), computeHeader...)
		for old, nu := range repl {
			for i := range h {
				if h[i] == old {
					h[i] = nu
				}
			}
		}
		return headerCells(h)
	}
	// sheetXML replaces the compute sheet's XML with body (a whole part).
	sheetXML := func(body string) func(testing.TB, *hostileYear, string) {
		return func(tb testing.TB, _ *hostileYear, dir string) {
			parts := rawBook(rawSheet{name: "算力结算"})
			writeZip(tb, filepath.Join(dir, file), replacePart(parts, "xl/worksheets/sheet1.xml", body))
		}
	}
	// cellsXML is a sheet whose row 1 is the header and row 2 holds the
	// raw XML of some cells.
	cellsXML := func(row2 string) string {
		var b strings.Builder
		b.WriteString(`<worksheet ` + nsMain + `><sheetData>` + rowXML(1, headerCells(computeHeader)))
		b.WriteString(`<row r="2">` + row2 + `</row></sheetData></worksheet>`)
		return b.String()
	}
	return []hostileCase{
		{name: "missing sheet", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			writeSheet(tb, dir, file, "Sheet1", headerCells(computeHeader), y.row("B-1", nil))
		}, fail: []string{file, "找不到工作表“算力结算”（或“compute_billing”）"}},
		{name: "missing required column", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			writeSheet(tb, dir, file, "算力结算", header(map[string]string{"结算金额": "金额（元）"}), y.row("B-1", nil))
		}, fail: []string{file, "算力结算", "缺少必需的列“结算金额 / amount”"}},
		{name: "duplicated header", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			writeSheet(tb, dir, file, "算力结算", append(headerCells(computeHeader), txt("AMOUNT")), y.row("B-1", nil))
		}, fail: []string{file, "算力结算", "列名重复：“结算金额”出现在 I 列和 K 列"}},
		{name: "header only in row 12", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			rows := [][]xc{{txt("2025年度算力结算明细")}}
			for range 10 {
				rows = append(rows, []xc{txt("说明：金额单位为元")})
			}
			writeSheet(tb, dir, file, "算力结算", append(rows, headerCells(computeHeader), y.row("B-1", nil))...)
		}, fail: []string{file, "算力结算", "结算金额", "前 10 行中没有一行包含它"}},
		{name: "required sheet missing from enterprises.xlsx", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			path := filepath.Join(dir, "enterprises.xlsx")
			f, err := excelize.OpenFile(path)
			if err != nil {
				tb.Fatal(err)
			}
			defer f.Close()
			if err := f.DeleteSheet("评审结果"); err != nil {
				tb.Fatal(err)
			}
			if err := f.SaveAs(path); err != nil {
				tb.Fatal(err)
			}
		}, fail: []string{"enterprises.xlsx", "找不到工作表“评审结果”（或“reviews”）"}},
		{name: "reference.xlsx a legacy .xls", prepare: func(tb testing.TB, _ *hostileYear, dir string) {
			writeBytes(tb, filepath.Join(dir, "reference.xlsx"), testkit.OLEFile("Workbook"))
		}, fail: []string{"reference.xlsx", "旧版 Excel 97-2003 .xls"}},
		{name: "sheet listed but its part absent", prepare: func(tb testing.TB, _ *hostileYear, dir string) {
			var parts []part
			for _, p := range rawBook(rawSheet{name: "算力结算"}) {
				if p.name != "xl/worksheets/sheet1.xml" {
					parts = append(parts, p)
				}
			}
			writeZip(tb, filepath.Join(dir, file), parts)
		}, fail: []string{file, "算力结算", notXLSX}},
		{name: "sheet relationship pointing outside the package", prepare: func(tb testing.TB, _ *hostileYear, dir string) {
			parts := rawBook(rawSheet{name: "算力结算"})
			rels := `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
				`<Relationship Id="rId1" Type="` + relDoc + `worksheet" Target="../../../../../../etc/passwd"/></Relationships>`
			writeZip(tb, filepath.Join(dir, file), replacePart(parts, "xl/_rels/workbook.xml.rels", rels))
		}, fail: []string{file, "算力结算", notXLSX}},
		{name: "shared string index out of range", prepare: sheetXML(cellsXML(`<c r="A2" t="s"><v>7</v></c>`)),
			fail: []string{file, "算力结算", "A2", "共享字符串编号", notXLSX}},
		{name: "malformed sheet XML", prepare: sheetXML(cellsXML(`<c r="A2" t="inlineStr"><is><t>x</is></c>`)),
			fail: []string{file, "算力结算", "第 2 行", notXLSX}},
		{name: "cell reference beyond column XFD", prepare: sheetXML(cellsXML(`<c r="XFE2"><v>1</v></c>`)),
			fail: []string{file, "算力结算", "XFE2", notXLSX}},
		{name: "row number beyond 1048576", prepare: sheetXML(strings.Replace(cellsXML(`<c><v>1</v></c>`), `r="2"`, `r="1048577"`, 1)),
			fail: []string{file, "算力结算", "1048577", notXLSX}},
		{name: "rows out of order", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			sheetXML(`<worksheet `+nsMain+`><sheetData>`+rowXML(1, headerCells(computeHeader))+
				rowXML(3, y.row("B-3", nil))+rowXML(2, y.row("B-2", nil))+`</sheetData></worksheet>`)(tb, y, dir)
		}, fail: []string{file, "算力结算", "第 2 行出现在第 3 行之后", notXLSX}},
		{name: "two cells in one column", prepare: sheetXML(cellsXML(`<c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="A2"><v>1</v></c>`)),
			fail: []string{file, "算力结算", "A2 有两个单元格", notXLSX}},
		{name: "entities declared in workbook.xml", prepare: func(tb testing.TB, _ *hostileYear, dir string) {
			// encoding/xml expands no declared entity: the reference is an
			// error, never a billion laughs nor a file read.
			parts := rawBook(rawSheet{name: "算力结算"})
			wb := `<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">` +
				`<!ENTITY xxe SYSTEM "file:///etc/passwd">]><workbook ` + nsMain + ` ` + nsRel + `><sheets>` +
				`<sheet name="&lol2;&xxe;" sheetId="1" r:id="rId1"/></sheets></workbook>`
			writeZip(tb, filepath.Join(dir, file), replacePart(parts, "xl/workbook.xml", wb))
		}, fail: []string{file, "xl/workbook.xml", notXLSX}},
	}
}

// headerCases: workbooks as people make them (headers in their own
// spelling, order and place, merged cells, the 1904 date system, junk rows
// in the registry). Each must work: every row read, the lines eligible.
func headerCases() []hostileCase {
	const file = "compute_billing.xlsx"
	return []hostileCase{
		{name: "header with full-width letters, extra spaces and English case", header: []string{
			"\u3000统一社会信用代码\u3000", " Name ", "PROVIDER_USCC", "服务商名称\u00a0", "Ｂｉｌｌ＿Ｎｏ",
			"Settled_On", "  ORIGIN", "用途\t", "ａｍｏｕｎｔ", "Invoice_NO"},
			rows: []hostileRow{{what: "a second line", want: ""}}},
		{name: "invisible characters around headers", header: []string{
			"\ufeff统一社会信用代码", "企业名称\u200b", "\u200e服务商统一社会信用代码\u200e", "服务商名称", "\u200b账单编号\u200b",
			"结算日期\u2060", "\u202a算力类型\u202c", "用途", "结算金额\ufeff", "发票号码"},
			rows: []hostileRow{{what: "a second line", want: ""}}},
		{name: "a glossary row naming columns twice above the header", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			glossary := []xc{txt("统一社会信用代码"), txt("uscc"), txt("结算金额"), txt("amount")}
			writeSheet(tb, dir, file, "算力结算", glossary, headerCells(computeHeader), y.row("B-3", nil))
		}, lines: map[int]reason{3: ""}},
		{name: "header in row 10 below titles and blank rows", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			rows := [][]xc{{txt("2025年度算力结算明细")}, nil, {txt("填报单位：")}, nil, nil, nil, nil, {txt("单位：元")}, nil,
				headerCells(computeHeader), y.row("B-11", nil), y.row("B-12", nil)}
			writeSheet(tb, dir, file, "算力结算", rows...)
		}, lines: map[int]reason{11: "", 12: ""}},
		{name: "columns reordered, extra columns and sheets, English sheet name", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			order := []int{8, 5, 0, 9, 2, 1, 4, 3, 7, 6} // a permutation of computeHeader
			hdr := []xc{txt("序号")}
			for _, i := range order {
				hdr = append(hdr, txt(computeHeader[i]), txt("备注"+computeHeader[i]))
			}
			rows := [][]xc{hdr}
			for n := 2; n <= 3; n++ {
				src := y.row(fmt.Sprint("B-", n), nil)
				row := []xc{num("1")}
				for _, i := range order {
					row = append(row, src[i], txt("——"))
				}
				rows = append(rows, row)
			}
			writeZip(tb, filepath.Join(dir, file), rawBook(
				rawSheet{name: "说明", rows: [][]xc{{txt("本表由财务导出")}}},
				rawSheet{name: "COMPUTE_BILLING", rows: rows}))
		}, lines: map[int]reason{2: "", 3: ""}},
		{name: "merged title and header cells", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			// Two merged title rows above the header, and the last header
			// merged over an added blank column (excelize MergeCell).
			path := filepath.Join(dir, file)
			f, err := excelize.OpenFile(path)
			if err != nil {
				tb.Fatal(err)
			}
			defer f.Close()
			sheet := f.GetSheetName(0)
			if err := f.InsertRows(sheet, 1, 2); err != nil {
				tb.Fatal(err)
			}
			for _, m := range [][3]string{{"A1", "K1", "2025年度算力结算明细"}, {"A2", "E2", "单位：元"}, {"J3", "K3", ""}} {
				if m[2] != "" {
					f.SetCellValue(sheet, m[0], m[2])
				}
				if err := f.MergeCell(sheet, m[0], m[1]); err != nil {
					tb.Fatal(err)
				}
			}
			if err := f.SaveAs(path); err != nil {
				tb.Fatal(err)
			}
		}, check: func(t *testing.T, y *hostileYear, year string) {
			lines, eligible := computeLines(t, year), 0
			for _, l := range lines {
				if l.Eligible {
					eligible++
				}
			}
			if len(lines) != y.computeLines || eligible != y.computeEligible {
				t.Errorf("%d lines, %d eligible; want %d, %d as before the merge", len(lines), eligible, y.computeLines, y.computeEligible)
			}
		}},
		{name: "junk rows in 企业名录", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			// Rows that cannot be used are left out with a warning; the
			// enterprise's own (first) row stands.
			editEnterprises(tb, dir, func(f *excelize.File, rows [][]string) error {
				u := y.tmpl.EnterpriseUSCC
				for i, row := range [][]any{
					{"\u200b" + u, "零宽空格公司", "滨江区", "存续"},
					{"#N/A", "错误值公司", "滨江区", "存续"},
					{u, "重复公司", "西湖区", "注销"},
					{strings.Repeat("9", 32767), strings.Repeat("长", 32767), "滨江区", "存续"},
				} {
					if err := f.SetSheetRow("企业名录", fmt.Sprint("A", len(rows)+1+i), &row); err != nil {
						return err
					}
				}
				return nil
			})
		}, rows: []hostileRow{{what: "a second line", want: ""}},
			check: func(t *testing.T, y *hostileYear, year string) {
				var m struct{ Warnings []string }
				if err := json.Unmarshal(readBytes(t, filepath.Join(year, "manifest.json")), &m); err != nil {
					t.Fatal(err)
				}
				if n := len(m.Warnings); n < 4 {
					t.Errorf("%d warnings, want one per junk row: %q", n, m.Warnings)
				}
			}},
		{name: "1904 date system", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			parts := rawBook(rawSheet{name: "算力结算", rows: [][]xc{headerCells(computeHeader),
				y.row("B-2", map[string]xc{"settled_on": serial(serial1904(y))}),
				y.row("B-3", map[string]xc{"settled_on": serial("0")}),         // 1904-01-01
				y.row("B-4", map[string]xc{"settled_on": serial("2957004")})}}) // past 9999-12-31
			wb := `<workbook ` + nsMain + ` ` + nsRel + `><workbookPr date1904="1"/><sheets>` +
				`<sheet name="算力结算" sheetId="1" r:id="rId1"/></sheets></workbook>`
			writeZip(tb, filepath.Join(dir, file), replacePart(parts, "xl/workbook.xml", wb))
		}, lines: map[int]reason{2: "", 3: pipeline.OutOfPeriod, 4: pipeline.BadDate}, check: func(t *testing.T, y *hostileYear, year string) {
			for _, l := range computeLines(t, year) {
				if l.SourceRow == 2 && (l.EventDate == nil || *l.EventDate != int32(y.tmpl.Date)) {
					t.Errorf("the 1904 serial was not read as %s", y.tmpl.Date)
				}
			}
		}},
	}
}
