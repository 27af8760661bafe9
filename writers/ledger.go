package writers

import (
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"settle/internal/xlsxzip"
	"settle/pipeline"
)

// Funded-invoice ledger (SPEC §6): written by final runs only, in the
// layout of prior_funding.xlsx (SPEC §2) so that next year's run reads it
// as its prior_funding.xlsx.
const (
	ledgerSheet = "已资助发票"
)

var ledgerHeaders = []any{"统一社会信用代码", "发票号码", "资助事项", "资助年度", "申报金额"}

// ledgerName is the ledger's file name for year.
func ledgerName(year int) string { return fmt.Sprintf("funded-invoices-%d.xlsx", year) }

// WriteLedger writes the funded-invoice ledger of r to w: every non-empty
// invoice number of an eligible line whose enterprise and voucher received
// a positive award, by voucher (SPEC §1 order) and then in file order, with
// the voucher's name as 资助事项, the year as 资助年度 and the line's amount
// as 申报金额. The bytes depend only on r.
func WriteLedger(w io.Writer, r *pipeline.Result) (err error) {
	f := excelize.NewFile()
	defer func() { err = errors.Join(err, f.Close()) }()
	f.SetZipWriter(xlsxzip.New)
	stamp := fmt.Sprintf("%04d-01-01T00:00:00Z", r.Year+1)
	if err := errors.Join(
		f.SetSheetName("Sheet1", ledgerSheet),
		f.SetDocProps(&excelize.DocProperties{Title: fmt.Sprintf("%d年度已资助发票", r.Year),
			Creator: "settle", LastModifiedBy: "settle", Created: stamp, Modified: stamp, Language: "zh-CN"}),
	); err != nil {
		return err
	}
	money, err := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(ledgerSheet)
	if err != nil {
		return err
	}
	if err := errors.Join(sw.SetColWidth(1, 2, 24), sw.SetColWidth(3, 3, 12), sw.SetColWidth(4, 4, 10),
		sw.SetColWidth(5, 5, 18), sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})); err != nil {
		return err
	}
	if err := sw.SetRow("A1", ledgerHeaders); err != nil {
		return err
	}
	row := 2
	for _, v := range pipeline.Vouchers {
		awarded := map[string]bool{}
		for _, a := range r.Awards {
			if a.Voucher == v && a.Amount > 0 {
				awarded[a.USCC] = true
			}
		}
		lines := r.Lines(v)
		if len(awarded) == 0 || lines.Len() == 0 {
			continue
		}
		name := r.Policy.Vouchers[v].Name
		for i := range lines.Len() {
			if !lines.Eligible(i) {
				continue
			}
			l := lines.Line(i)
			if l.InvoiceNo == "" || !awarded[l.EnterpriseUSCC] {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := sw.SetRow(cell, []any{l.EnterpriseUSCC, l.InvoiceNo, name, r.Year,
				excelize.Cell{StyleID: money, Value: l.Amount.Float64()}}); err != nil {
				return err
			}
			row++
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
