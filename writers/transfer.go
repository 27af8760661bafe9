package writers

import (
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// writeTransfer fills 拨付(<bureau>), the payment order of one bureau that
// finance signs: one row per enterprise with a positive award from the
// bureau and usable bank details (exactly the rows of its bank batch file,
// payments-<Y>-<bureau>.csv), the total in figures and in 大写, what is
// held, a date line and the signature block.
func writeTransfer(b *book, r *pipeline.Result, bureau string, opt DocOptions) error {
	name := r.Policy.BureauName(bureau)
	sh := "拨付(" + name + ")"
	f := b.f
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	payable, held := split(payments(r, bureau))
	title := fmt.Sprintf("%s %d年度人工智能券补助资金拨付表", name, r.Year)
	if b.draft {
		title += "（草稿）"
	}
	heads := []string{"序号", "户名", "开户银行", "账号", "金额（元）", "用途"}
	err := errors.Join(
		b.setRow(sh, 1, []any{title}, []int{b.title}), f.MergeCell(sh, "A1", "F1"), f.SetRowHeight(sh, 1, 28),
		b.setRow(sh, 2, []any{nil, nil, nil, nil, nil, "单位：元"}, []int{0, 0, 0, 0, 0, b.text}),
		b.setRow(sh, 3, anys(heads), repeat(b.header, len(heads))),
	)
	row := 4
	for i, p := range payable {
		if i%ctxRows == ctxRows-1 {
			if err := b.ctx.Err(); err != nil {
				return err
			}
		}
		vals := []any{i + 1, p.name, p.bank, p.acct, yuan(p.total), purpose(r.Year, p.vouchers)}
		styles := []int{b.count, b.wrap, b.wrap, b.text, b.money, b.wrap}
		err = errors.Join(err, b.setRow(sh, row, vals, styles), b.fitRow(sh, row, vals, transferWidths, styles))
		row++
	}
	total := sumPayments(payable)
	err = errors.Join(err, b.setRow(sh, row, []any{"合计", fmt.Sprintf("%d 家", len(payable)), nil, nil, yuan(total)},
		[]int{b.bold, b.bold, b.bold, b.bold, b.moneyBold}))
	row += 2
	for _, kv := range [][2]string{{"合计金额（小写）", "¥" + moneyText(total)}, {"合计金额（大写）", Daxie(total)}} {
		err = errors.Join(err, b.setRow(sh, row, []any{kv[0], nil, kv[1]}, []int{b.big, b.big, b.big}),
			f.MergeCell(sh, fmt.Sprintf("A%d", row), fmt.Sprintf("B%d", row)),
			f.MergeCell(sh, fmt.Sprintf("C%d", row), fmt.Sprintf("F%d", row)), f.SetRowHeight(sh, row, 24))
		row++
	}
	note := "本表与银行批量代发文件 " + fmt.Sprintf("payments-%d-%s.csv", r.Year, bureau) + " 逐行一致。"
	if len(held) > 0 {
		note += fmt.Sprintf("另有 %d 户共 %s 元因开户信息问题暂缓拨付，见「暂缓拨付」。", len(held), moneyText(sumPayments(held)))
	}
	err = errors.Join(err, b.setRow(sh, row, []any{note}, []int{b.wrap}),
		f.MergeCell(sh, fmt.Sprintf("A%d", row), fmt.Sprintf("F%d", row)), f.SetRowHeight(sh, row, 30))
	row, serr := b.writeSignatures(sh, row+2, opt,
		signLayout{label: "B", sign: [2]string{"C", "D"}, date: "E", day: [2]string{"F", "F"}})
	for i, w := range transferWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		err = errors.Join(err, f.SetColWidth(sh, col, col, w))
	}
	err = errors.Join(err, serr, f.SetPanes(sh, frozen(3)), f.SetSheetDimension(sh, fmt.Sprintf("A1:F%d", row-1)),
		b.printSetup(sh, 3, false), b.fitToPage(sh))
	if err != nil {
		return fmt.Errorf("sheet %s: %w", sh, err)
	}
	return nil
}

// transferWidths are the column widths of a 拨付 sheet.
var transferWidths = []float64{6, 23, 18, 22, 15, 20}
