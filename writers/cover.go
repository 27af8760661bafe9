package writers

import (
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// signers sign a settlement document, in this order (SPEC §6: signature block).
var signers = []string{"经办人", "复核人", "负责人", "分管领导"}

// dateLine is the 制表日期 as printed: the given date, or blanks to fill.
func dateLine(opt DocOptions) string {
	if opt.Date != "" {
		return "制表日期：" + opt.Date
	}
	return "制表日期：        年      月      日"
}

// signLayout places a signature line: the signer's label in label, the
// line to sign over sign[0]..sign[1], 日期： in date and its line over
// day[0]..day[1] (column letters).
type signLayout struct {
	label, date string
	sign, day   [2]string
}

// coverSigns lays the signatures over A..F of the cover.
var coverSigns = signLayout{label: "A", sign: [2]string{"B", "C"}, date: "D", day: [2]string{"E", "F"}}

// writeSignatures writes the date line and the signature block from row
// on, as laid out by l, on a normal sheet whose columns run to F, and
// returns the next free row.
func (b *book) writeSignatures(sh string, row int, opt DocOptions, l signLayout) (int, error) {
	f := b.f
	err := errors.Join(b.setRow(sh, row, []any{dateLine(opt)}, []int{b.text}),
		f.MergeCell(sh, fmt.Sprintf("A%d", row), fmt.Sprintf("F%d", row)))
	row += 2
	for _, who := range signers {
		cell := func(col string) string { return fmt.Sprintf("%s%d", col, row) }
		err = errors.Join(err,
			f.SetCellValue(sh, cell(l.label), who+"："), f.SetCellStyle(sh, cell(l.label), cell(l.label), b.signer),
			f.SetCellValue(sh, cell(l.date), "日期："), f.SetCellStyle(sh, cell(l.date), cell(l.date), b.signer),
			f.SetCellStyle(sh, cell(l.sign[0]), cell(l.sign[1]), b.sign),
			f.SetCellStyle(sh, cell(l.day[0]), cell(l.day[1]), b.sign),
			f.SetRowHeight(sh, row, 32))
		if l.sign[0] != l.sign[1] {
			err = errors.Join(err, f.MergeCell(sh, cell(l.sign[0]), cell(l.sign[1])))
		}
		if l.day[0] != l.day[1] {
			err = errors.Join(err, f.MergeCell(sh, cell(l.day[0]), cell(l.day[1])))
		}
		row++
	}
	return row, err
}

// writeCover fills 兑付审批表, the first sheet of a bureau workbook and
// the page its head signs: the policy, per voucher the clause, the
// enterprises approved and paid and the amount, the total in figures, in
// 万元 and in 大写, a date line and the signature block. A draft says so
// in its title and on a line of its own.
func writeCover(b *book, r *pipeline.Result, vs []*pipeline.VoucherPolicy, bureau string, opt DocOptions) error {
	const sh = "兑付审批表"
	f := b.f
	title := fmt.Sprintf("%s %d年度人工智能券兑付审批表", r.Policy.BureauName(bureau), r.Year)
	if b.draft {
		title += "（草稿）"
	}
	heads := []string{"券种", "政策条款", "通过评审企业数（家）", "获兑付企业数（家）", "兑付金额（元）", "兑付金额（万元）"}
	err := errors.Join(
		b.setRow(sh, 1, []any{title}, []int{b.title}), f.MergeCell(sh, "A1", "F1"), f.SetRowHeight(sh, 1, 30),
		b.setRow(sh, 2, []any{fmt.Sprintf("政策依据：%s（%s）", r.Policy.Title, r.Policy.DocumentNo)}, []int{b.wrap}),
		f.MergeCell(sh, "A2", "F2"), f.SetRowHeight(sh, 2, 30),
		b.setRow(sh, 3, []any{nil, nil, nil, nil, nil, "单位：元"}, []int{0, 0, 0, 0, 0, b.text}),
		b.setRow(sh, 4, anys(heads), repeat(b.header, len(heads))), f.SetRowHeight(sh, 4, 30),
	)
	row := 5
	var total pipeline.Money
	for _, vp := range vs {
		t := totalsOf(r, vp)
		err = errors.Join(err, b.setRow(sh, row, []any{vp.Name, vp.Clause, t.Approved, t.Awarded,
			yuan(t.AwardedAmount), wan(t.AwardedAmount)}, []int{b.text, b.text, b.count, b.count, b.money, b.wan}))
		total += t.AwardedAmount
		row++
	}
	approved := distinct(r, vs, func(a pipeline.Award) bool { return a.Status == pipeline.Awarded })
	paid := distinct(r, vs, func(a pipeline.Award) bool { return a.Amount > 0 })
	err = errors.Join(err, b.setRow(sh, row, []any{"合计", nil, approved, paid, yuan(total), wan(total)},
		[]int{b.bold, b.bold, b.countBold, b.countBold, b.moneyBold, b.wanBold}))
	row += 2
	for _, kv := range [][2]string{
		{"合计金额（小写）", "¥" + moneyText(total)},
		{"合计金额（大写）", Daxie(total)},
	} {
		err = errors.Join(err, b.setRow(sh, row, []any{kv[0], nil, kv[1]}, []int{b.big, b.big, b.big}),
			f.MergeCell(sh, fmt.Sprintf("A%d", row), fmt.Sprintf("B%d", row)),
			f.MergeCell(sh, fmt.Sprintf("C%d", row), fmt.Sprintf("F%d", row)), f.SetRowHeight(sh, row, 24))
		row++
	}
	err = errors.Join(err, b.setRow(sh, row, []any{"说明：企业数跨券种按企业去重；兑付金额为资金池分配后的金额，明细见「兑付明细」，资金池测算见「汇总」。"},
		[]int{b.wrap}), f.MergeCell(sh, fmt.Sprintf("A%d", row), fmt.Sprintf("F%d", row)), f.SetRowHeight(sh, row, 30))
	row++
	if b.draft {
		err = errors.Join(err, b.setRow(sh, row, []any{"草稿：仅供审核与公示，不作为拨付依据。"}, []int{b.big}),
			f.MergeCell(sh, fmt.Sprintf("A%d", row), fmt.Sprintf("F%d", row)))
		row++
	}
	row, serr := b.writeSignatures(sh, row+1, opt, coverSigns)
	for i, w := range []float64{14, 12, 17, 17, 18, 16} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		err = errors.Join(err, f.SetColWidth(sh, col, col, w))
	}
	err = errors.Join(err, serr, f.SetSheetDimension(sh, fmt.Sprintf("A1:F%d", row-1)), b.printSetup(sh, 0, false), b.fitToPage(sh))
	if err != nil {
		return fmt.Errorf("sheet %s: %w", sh, err)
	}
	return nil
}

// wan is an amount in 万元 for display (6 decimals keep it exact to the fen).
func wan(m pipeline.Money) float64 { return m.Decimal().Shift(-4).InexactFloat64() }

// distinct counts the enterprises (by USCC) with an award of one of vs
// that keep holds: counts across vouchers never add an enterprise twice.
func distinct(r *pipeline.Result, vs []*pipeline.VoucherPolicy, keep func(pipeline.Award) bool) int {
	in := map[pipeline.Voucher]bool{}
	for _, vp := range vs {
		in[vp.Key] = true
	}
	seen := map[string]bool{}
	for _, a := range r.Awards {
		if in[a.Voucher] && keep(a) {
			seen[a.USCC] = true
		}
	}
	return len(seen)
}
