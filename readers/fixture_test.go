package readers

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// sheet is a sheet to write in a test workbook: rows of cell values, with
// time.Time written as a date-formatted cell, a rawNumber as a number cell
// whose stored text is exactly it, and a formula as a formula without a
// stored result.
type sheet struct {
	name string
	rows [][]any
}

// rawNumber is a number cell stored as written: "1234567.0" as Apache POI
// writes whole numbers, "1.2345678E7" as .NET may.
type rawNumber string

// formula is a formula cell saved without its result, as openpyxl and
// xlsxwriter save them.
type formula string

// writeBook writes a workbook with the given sheets into dir/name.
func writeBook(tb testing.TB, dir, name string, sheets ...sheet) string {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		tb.Fatal(err)
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				tb.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			tb.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				var err error
				switch v := v.(type) {
				case rawNumber:
					err = f.SetCellDefault(s.name, cell, string(v))
				case formula:
					err = f.SetCellFormula(s.name, cell, string(v))
				default:
					err = f.SetCellValue(s.name, cell, v)
				}
				if err != nil {
					tb.Fatal(err)
				}
				if _, ok := v.(time.Time); ok {
					f.SetCellStyle(s.name, cell, cell, dateStyle)
				}
			}
		}
	}
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path); err != nil {
		tb.Fatal(err)
	}
	return path
}

// code makes the n-th valid test USCC.
func code(n int) string {
	first := fmt.Sprintf("91330108%09d", n)
	c, _ := pipeline.USCCCheckChar(first)
	return first + string(c)
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// minimalYear writes enterprises.xlsx and reference.xlsx with two
// enterprises and one partner, and returns the folder.
func minimalYear(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	writeBook(tb, dir, EnterprisesFile,
		sheet{"企业名录", [][]any{
			{"统一社会信用代码", "企业名称", "注册区域", "经营状态", "所属集团", "开户银行", "银行账号"},
			{code(1), "杭州甲科技有限公司", "杭州市滨江区", "存续（在营、开业、在册）", "", "杭州银行", "3301"},
			{code(2), "杭州乙智能有限公司", "滨江区", "在业", "", "", ""},
		}},
		sheet{"评审结果", [][]any{
			{"统一社会信用代码", "券种", "评审结论", "备注"},
			{code(1), "算力券", "通过", ""},
			{code(2), "compute", " 不通过 ", ""},
		}},
	)
	writeBook(tb, dir, ReferenceFile,
		sheet{"算力合作伙伴", [][]any{{"统一社会信用代码", "企业名称", "入库日期", "出库日期"}, {code(100), "算力公司", date(2025, 1, 1), nil}}},
		sheet{"备案模型", [][]any{{"备案编号", "模型名称", "备案主体", "备案类型", "备案日期"}, {"网信算备330110507206401230035号", "模型", "某公司", "深度合成", date(2025, 3, 1)}}},
		sheet{"交易平台", [][]any{{"平台名称", "平台类型"}, {"杭州数据交易所", "数据交易平台"}}},
	)
	return dir
}
