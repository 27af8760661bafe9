package writers

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"settle/internal/xlsxzip"
	"settle/pipeline"
)

// diffSheet is one sheet of the diff workbook: a title row, the header row
// and the rows; a pipeline.Money cell is written as an amount.
type diffSheet struct {
	name    string
	title   string
	headers []string
	widths  []float64 // sum ≤ 120: A4 landscape at 100% or close
	rows    [][]any
}

// WriteDiffWorkbook writes d as a printable workbook (A4 landscape, body
// text 10 pt, header repeated, page numbers): 汇总, 兑付变化, 行变化, and,
// when the old settlement was final, 补拨 (awards to top up) and 追回
// (amounts to recover).
func WriteDiffWorkbook(w io.Writer, d *Diff) (err error) {
	sheets := diffSheets(d)
	f := excelize.NewFile()
	defer func() { err = errors.Join(err, f.Close()) }()
	f.SetZipWriter(xlsxzip.New)
	body, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: bodyFont, Size: 10}})
	if err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: headFont, Size: 10, Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	money, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: bodyFont, Size: 10}, NumFmt: 4})
	if err != nil {
		return err
	}
	factorFmt := "0.000000"
	factor, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: bodyFont, Size: 10}, CustomNumFmt: &factorFmt})
	if err != nil {
		return err
	}
	// The title names both settlements by folder: it wraps inside the
	// sheet's columns rather than running past the printed page.
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: headFont, Size: 12, Bold: true},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	for i, s := range sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.name)
		} else {
			_, err = f.NewSheet(s.name)
		}
		if err != nil {
			return err
		}
		cell := func(c, r int) string { n, _ := excelize.CoordinatesToCellName(c, r); return n }
		errs := []error{f.SetCellStr(s.name, "A1", s.title), f.SetCellStyle(s.name, "A1", "A1", title),
			f.MergeCell(s.name, "A1", cell(len(s.headers), 1)), f.SetRowHeight(s.name, 1, 48)}
		for c, h := range s.headers {
			errs = append(errs, f.SetCellStr(s.name, cell(c+1, 2), h), f.SetColWidth(s.name, colName(c+1), colName(c+1), s.widths[c]))
		}
		errs = append(errs, f.SetCellStyle(s.name, "A2", cell(len(s.headers), 2), head))
		for r, row := range s.rows {
			for c, v := range row {
				at := cell(c+1, r+3)
				style := body
				switch x := v.(type) {
				case pipeline.Money:
					v, style = x.Float64(), money
				case float64:
					style = factor // the pool factors, as 汇总 prints them
				}
				if t, ok := v.(string); ok {
					errs = append(errs, f.SetCellStr(s.name, at, t)) // text stays text, never a formula
				} else {
					errs = append(errs, f.SetCellValue(s.name, at, v))
				}
				errs = append(errs, f.SetCellStyle(s.name, at, at, style))
			}
		}
		landscape, a4, one, zero, fit := "landscape", 9, 1, 0, true
		errs = append(errs,
			// Without fitToPage, LibreOffice and Excel ignore FitToWidth.
			f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &fit}),
			f.SetSheetDimension(s.name, "A1:"+cell(len(s.headers), len(s.rows)+2)),
			f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}),
			f.SetPageLayout(s.name, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4, FitToWidth: &one, FitToHeight: &zero}),
			f.SetHeaderFooter(s.name, &excelize.HeaderFooterOptions{OddHeader: "&L结算差异&C&A", OddFooter: "&C第 &P 页 / 共 &N 页"}),
			f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: s.name, RefersTo: fmt.Sprintf("'%s'!$1:$2", s.name)}),
		)
		if err := errors.Join(errs...); err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	_, err = f.WriteTo(w)
	return err
}

func colName(c int) string { n, _ := excelize.ColumnNumberToName(c); return n }

// diffSheets lays d out as sheets.
func diffSheets(d *Diff) []diffSheet {
	from := fmt.Sprintf("原：%s（%s，%s）  新：%s（%s，%s）", d.Old.Dir, pipeline.Stage(d.Old.Manifest.Stage).Text(), short16(d.Old.Manifest.RunID),
		d.New.Dir, pipeline.Stage(d.New.Manifest.Stage).Text(), short16(d.New.Manifest.RunID))
	sum := diffSheet{name: "汇总", title: "各券种兑付总额变化  " + from,
		headers: []string{"券种", "原兑付总额", "新兑付总额", "变化", "原获兑企业数", "新获兑企业数", "原资金池系数", "新资金池系数"},
		widths:  []float64{12, 18, 18, 18, 12, 12, 14, 14}}
	for _, v := range d.Vouchers {
		sum.rows = append(sum.rows, []any{v.Name, v.OldAwarded, v.NewAwarded, v.Change(), v.OldCount, v.NewCount, v.OldFactor, v.NewFactor})
	}
	names := map[pipeline.Voucher]string{}
	for _, v := range d.Vouchers {
		names[v.Voucher] = v.Name
	}
	name := func(v pipeline.Voucher) string {
		if n := names[v]; n != "" {
			return n
		}
		return string(v)
	}
	awards := awardSheet("兑付变化", "各企业兑付变化  "+from, d.Awards, name)
	lines := diffSheet{name: "行变化", title: "审核结果变化的申报行  " + from,
		headers: []string{"券种", "文件", "工作表", "行", "企业统一社会信用代码", "原结果", "新结果"},
		widths:  []float64{10, 22, 12, 7, 22, 24, 24}}
	for _, l := range d.Lines {
		lines.rows = append(lines.rows, []any{name(l.Voucher), l.Origin.File, l.Origin.Sheet, l.Origin.Row, l.USCC,
			OutcomeText(l.OldReason, l.OldMissing), OutcomeText(l.NewReason, l.NewMissing)})
	}
	sheets := []diffSheet{sum, awards, lines}
	if d.Old.Manifest.Stage == string(pipeline.Final) {
		sheets = append(sheets, awardSheet("补拨", "应补拨（新兑付高于已按正式结算兑付）  "+from, d.TopUps(), name),
			awardSheet("追回", "应追回（新兑付低于已按正式结算兑付）  "+from, d.Recoveries(), name))
	}
	return sheets
}

func awardSheet(name, title string, awards []AwardDiff, voucherName func(pipeline.Voucher) string) diffSheet {
	s := diffSheet{name: name, title: title,
		headers: []string{"券种", "统一社会信用代码", "企业名称", "原兑付", "新兑付", "变化", "原状态", "新状态", "原因"},
		widths:  []float64{8, 21, 24, 14, 14, 14, 10, 10, 20}}
	var total [3]pipeline.Money
	for _, a := range awards {
		s.rows = append(s.rows, []any{voucherName(a.Voucher), a.USCC, a.Name, a.Old, a.New, a.Change(),
			StatusText(a.OldStatus), StatusText(a.NewStatus), strings.Join(a.Why, "；")})
		total[0], total[1], total[2] = total[0]+a.Old, total[1]+a.New, total[2]+a.Change()
	}
	s.rows = append(s.rows, []any{"合计", fmt.Sprintf("%d 项", len(awards)), "", total[0], total[1], total[2], "", "", ""})
	return s
}

// OutcomeText is a line's outcome in Chinese: 符合 or the reason.
func OutcomeText(r pipeline.Reason, missing bool) string {
	switch {
	case missing:
		return "（无此行）"
	case r == "":
		return "符合"
	}
	return string(r) + " " + r.Text()
}

// StatusText is an award's status in Chinese, "—" when there is none.
func StatusText(s pipeline.Status) string {
	if s == "" {
		return "—"
	}
	return s.Text()
}

func short16(id string) string { return id[:min(16, len(id))] }
