package writers

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// writeTransfer fills 拨付(<bureau>), the payment order of one bureau that
// finance signs: one row per enterprise with a positive award from the
// bureau and usable bank details (exactly the rows of its bank batch file,
// payments-<Y>-<bureau>.csv), the total in figures and in 大写, what is
// held, a date line and the signature block. ps are the bureau's payments
// (payments(r, bureau)). The sheet is streamed: a bureau pays thousands of
// enterprises, and the normal API keeps every cell in memory and marshals
// the sheet again on save (TestTransferStreamed checks that it prints as
// the normal-API sheet did: same cells, styles, merges, heights, widths).
func writeTransfer(b *book, r *pipeline.Result, bureau string, ps []*payment, opt DocOptions) error {
	name := r.Policy.BureauName(bureau)
	sh := "拨付(" + name + ")"
	payable, held := split(ps)
	// The rows: title, unit, header, the payable, 合计, a blank, 小写,
	// 大写, the note, a blank, the date line, a blank, the signers.
	last := 3 + len(payable) + 1 + 1 + 2 + 1 + 1 + 1 + 1 + len(signers)
	s, err := b.newStream(sh, "F"+strconv.Itoa(last), transferWidths, 3)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", sh, err)
	}
	title := fmt.Sprintf("%s %d年度人工智能券补助资金拨付表", name, r.Year)
	if b.draft {
		title += "（草稿）"
	}
	s.set(1, []any{title}, []int{b.title}, 28)
	s.merge("A1", "F1")
	s.set(2, []any{nil, nil, nil, nil, nil, "单位：元"}, []int{0, 0, 0, 0, 0, b.text}, 0)
	heads := []string{"序号", "户名", "开户银行", "账号", "金额（元）", "用途"}
	s.set(3, anys(heads), repeat(b.header, len(heads)), 0)
	row := 4
	styles := []int{b.count, b.wrap, b.wrap, b.text, b.money, b.wrap}
	vals := make([]any, len(styles))
	for i, p := range payable {
		if i%ctxRows == ctxRows-1 {
			if err := b.ctx.Err(); err != nil {
				return err
			}
		}
		vals[0], vals[1], vals[2], vals[3], vals[4], vals[5] = i+1, p.name, p.bank, p.acct, yuan(p.total), purpose(r.Year, p.vouchers)
		s.set(row, vals, styles, b.rowHeight(vals, transferWidths, styles))
		row++
	}
	total := sumPayments(payable)
	s.set(row, []any{"合计", fmt.Sprintf("%d 家", len(payable)), nil, nil, yuan(total)},
		[]int{b.bold, b.bold, b.bold, b.bold, b.moneyBold}, 0)
	row += 2
	for _, kv := range [][2]string{{"合计金额（小写）", "¥" + moneyText(total)}, {"合计金额（大写）", Daxie(total)}} {
		s.set(row, []any{kv[0], nil, kv[1]}, []int{b.big, b.big, b.big}, 24)
		s.merge(fmt.Sprintf("A%d", row), fmt.Sprintf("B%d", row))
		s.merge(fmt.Sprintf("C%d", row), fmt.Sprintf("F%d", row))
		row++
	}
	note := "本表与银行批量代发文件 " + fmt.Sprintf("payments-%d-%s.csv", r.Year, bureau) + " 逐行一致。"
	if len(held) > 0 {
		note += fmt.Sprintf("另有 %d 户共 %s 元因开户信息问题暂缓拨付，见「暂缓拨付」。", len(held), moneyText(sumPayments(held)))
	}
	s.set(row, []any{note}, []int{b.wrap}, 30)
	s.merge(fmt.Sprintf("A%d", row), fmt.Sprintf("F%d", row))
	row = s.signatures(row+2, opt)
	if s.err == nil && row-1 != last {
		s.err = fmt.Errorf("%d rows written, %d announced", row-1, last)
	}
	if err := s.close(3); err != nil {
		return fmt.Errorf("sheet %s: %w", sh, err)
	}
	return nil
}

// transferWidths are the column widths of a 拨付 sheet.
var transferWidths = []float64{6, 23, 18, 22, 15, 20}

// transferSigns lays the signatures of a 拨付 sheet over B..F.
var transferSigns = signLayout{label: "B", sign: [2]string{"C", "D"}, date: "E", day: [2]string{"F", "F"}}

// signatures writes the date line and the signature block of a 拨付 sheet
// from row on, as writeSignatures lays them out on a normal sheet, and
// returns the next free row.
func (s *stream) signatures(row int, opt DocOptions) int {
	b, l := s.b, transferSigns
	s.set(row, []any{dateLine(opt)}, []int{b.text}, 0)
	s.merge(fmt.Sprintf("A%d", row), fmt.Sprintf("F%d", row))
	row += 2
	for _, who := range signers {
		vals, styles := make([]any, 6), make([]int, 6)
		put := func(from, to string, v any, style int) {
			i, _ := excelize.ColumnNameToNumber(from)
			j, _ := excelize.ColumnNameToNumber(to)
			vals[i-1] = v
			for k := i; k <= j; k++ {
				styles[k-1] = style
			}
		}
		put(l.label, l.label, who+"：", b.signer)
		put(l.date, l.date, "日期：", b.signer)
		put(l.sign[0], l.sign[1], nil, b.sign)
		put(l.day[0], l.day[1], nil, b.sign)
		s.set(row, vals, styles, 32)
		cell := func(col string) string { return col + strconv.Itoa(row) }
		if l.sign[0] != l.sign[1] {
			s.merge(cell(l.sign[0]), cell(l.sign[1]))
		}
		if l.day[0] != l.day[1] {
			s.merge(cell(l.day[0]), cell(l.day[1]))
		}
		row++
	}
	return row
}
