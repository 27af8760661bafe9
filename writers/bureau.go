package writers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// rejectSheetRows is the number of data rows per 剔除明细 sheet: Excel's
// 1,048,576 rows less the header. A variable so that tests can lower it.
var rejectSheetRows = 1_048_575

// WriteBureau writes settlement-<Y>-<bureau>.xlsx to w, for one bureau code
// (jxj, fgj, kjj): the vouchers whose policy bureau is that code, as the
// documents its head signs (SPEC §6): 兑付审批表, 汇总, 兑付明细, 待跟进,
// 剔除明细, 参数说明.
func WriteBureau(ctx context.Context, w io.Writer, r *pipeline.Result, bureau string, opt DocOptions) error {
	vs := bureauVouchers(r.Policy, bureau)
	if len(vs) == 0 {
		return fmt.Errorf("bureau %q owns no voucher of policy %s", bureau, r.Policy.ID)
	}
	name := r.Policy.BureauName(bureau)
	b, err := newBook(ctx, r, name, "兑付审批表", fmt.Sprintf("%s %d年度人工智能券兑付", name, r.Year))
	if err != nil {
		return err
	}
	for _, write := range []func() error{
		func() error { return writeCover(b, r, vs, bureau, opt) },
		func() error { return addSheet(b, "汇总", func() error { return writeSummary(b, r, vs) }) },
		func() error { return writeAwardSheet(b, r, vs) },
		func() error { return writeFollowUp(b, r, vs) },
		func() error { return writeRejected(b, r, vs) },
		func() error { return writeParams(b, r, vs) },
	} {
		if err := write(); err != nil {
			b.f.Close()
			return err
		}
	}
	return b.save(w)
}

// addSheet adds a normal (not streamed) sheet and fills it.
func addSheet(b *book, name string, fill func() error) error {
	if _, err := b.f.NewSheet(name); err != nil {
		return err
	}
	return fill()
}

// bureauVouchers lists, in SPEC §1 order, the vouchers of one bureau.
func bureauVouchers(p *pipeline.Policy, bureau string) []*pipeline.VoucherPolicy {
	var vs []*pipeline.VoucherPolicy
	for _, v := range pipeline.Vouchers {
		if vp := p.Vouchers[v]; vp != nil && vp.Bureau == bureau {
			vs = append(vs, vp)
		}
	}
	return vs
}

// totalsOf returns the totals of voucher v (zero when it has none).
func totalsOf(r *pipeline.Result, vp *pipeline.VoucherPolicy) pipeline.VoucherTotals {
	for _, t := range r.Totals {
		if t.Voucher == vp.Key {
			return t
		}
	}
	return pipeline.VoucherTotals{Voucher: vp.Key, Name: vp.Name, Clause: vp.Clause, Bureau: vp.Bureau}
}

// setRow writes values from column A of a normal (not streamed) sheet;
// nil leaves a cell blank, strings pass safeText, style 0 is the default.
func (b *book) setRow(sheet string, row int, values []any, styles []int) error {
	var err error
	for i, v := range values {
		cell, _ := excelize.CoordinatesToCellName(i+1, row)
		if v = cellValue(v); v != nil {
			err = errors.Join(err, b.f.SetCellValue(sheet, cell, v))
		}
		if styles[i] != 0 {
			err = errors.Join(err, b.f.SetCellStyle(sheet, cell, cell, styles[i]))
		}
	}
	return err
}

// writeAwardSheet fills 兑付明细: every step of SPEC §5 per enterprise and
// voucher with the columns the bureau's vouchers have, then a 合计 row of
// values. The entitlement is shown floored to the fen, so that it never
// reads above an after-cap amount it did not exceed (the exact one is in
// Parquet); the cap, a 审定金额 that bound and the review note go in 备注.
func writeAwardSheet(b *book, r *pipeline.Result, vs []*pipeline.VoucherPolicy) error {
	names := map[pipeline.Voucher]string{}
	compute := false
	for _, vp := range vs {
		names[vp.Key] = vp.Name
		compute = compute || vp.Key == pipeline.Compute
	}
	var awards []pipeline.Award
	var widest []string
	for _, a := range r.Awards {
		if _, ok := names[a.Voucher]; ok {
			awards = append(awards, a)
			widest = append(widest, a.Name)
		}
	}
	// The clause goes with the voucher's name: one column, not two.
	// Without compute's two bases the text columns get their room back.
	name, state, note := 20.0, 8.0, 12.0
	if !compute {
		name, state, note = 26, 11, 24
	}
	cols := []column{{"券种及条款", 11, b.text}, {"统一社会信用代码", 20, b.text},
		{"企业名称", min(fitWidth(14, widest...), name), b.wrap}}
	if compute {
		cols = append(cols, column{"国产算力基数（元）", 13, b.money}, column{"非国产算力基数（元）", 13, b.money})
	}
	cols = append(cols, column{"基数（元）", 13, b.money}, column{"测算补助额（元）", 13, b.money},
		column{"封顶后金额（元）", 13, b.money}, column{"兑付金额（元）", 13, b.money}, column{"状态", state, b.wrap},
		column{"备注", note, b.wrap})
	var base, dom, frn, ent, afterCap, amount pipeline.Money
	for _, a := range awards {
		base, dom, frn, ent = base+a.Base, dom+a.BaseDomestic, frn+a.BaseForeign, ent+pipeline.FloorTo(a.Entitlement, 1)
		afterCap, amount = afterCap+a.AfterCap, amount+a.Amount
	}
	// A money column is as wide as its total needs (the total is the
	// widest figure of the column): 13 units hold 999,999,999.99.
	for i := range cols {
		if cols[i].style == b.money {
			cols[i].width = max(cols[i].width, moneyWidth(base), moneyWidth(ent), moneyWidth(dom), moneyWidth(frn))
		}
	}
	t := b.newTable("兑付明细", cols, len(awards)+2)
	for _, a := range awards {
		e := pipeline.FloorTo(a.Entitlement, 1)
		row := []any{names[a.Voucher] + " " + a.Clause, a.USCC, a.Name}
		if compute {
			var d, fo any
			if a.Voucher == pipeline.Compute {
				d, fo = yuan(a.BaseDomestic), yuan(a.BaseForeign)
			}
			row = append(row, d, fo)
		}
		t.add(append(row, yuan(a.Base), yuan(e), yuan(a.AfterCap), yuan(a.Amount), a.Status.Text(),
			awardNote(a))...)
	}
	// Counted as everywhere else: an enterprise once, however many vouchers.
	total := []any{"合计", nil, fmt.Sprintf("%d 家", distinct(r, vs, func(pipeline.Award) bool { return true }))}
	if compute {
		total = append(total, yuan(dom), yuan(frn))
	}
	t.addTotal(append(total, yuan(base), yuan(ent), yuan(afterCap), yuan(amount), nil, nil), b.boldStyles(t.cols))
	return t.close(true)
}

// awardNote says what the figures of an award row do not: a cap or a
// 审定金额 that bound, the review's outcome when not approved, and the
// reviewer's note.
func awardNote(a pipeline.Award) string {
	var notes []string
	if a.CapApplied {
		notes = append(notes, "已按单家上限 "+moneyText(a.Cap)+" 封顶")
	}
	if a.HasApproved {
		notes = append(notes, "审定金额 "+moneyText(a.Approved))
	}
	if a.Review != pipeline.Approved && a.Review != "" {
		notes = append(notes, "评审："+a.Review.Text())
	}
	if n := strings.TrimSpace(a.ReviewNote); n != "" {
		notes = append(notes, "评审备注："+n)
	}
	return strings.Join(notes, "；")
}

// boldStyles are the styles of a total row under cols.
func (b *book) boldStyles(cols []column) []int {
	s := make([]int, len(cols))
	for i, c := range cols {
		switch c.style {
		case b.money:
			s[i] = b.moneyTotal
		case b.count:
			s[i] = b.countBold
		default:
			s[i] = b.bold
		}
	}
	return s
}

// writeRejected fills 剔除明细 with every rejected line of the vouchers,
// continuing on 剔除明细(2), (3)... every rejectSheetRows rows.
func writeRejected(b *book, r *pipeline.Result, vs []*pipeline.VoucherPolicy) error {
	fileW, sheetW, nameW, detailW := 12.0, 8.0, 14.0, 16.0
	lastRow := 0 // the widest 行号 (#,##0: a million rows print 9 wide)
	left := 0    // rejected lines not yet written
	for _, vp := range vs {
		lines := r.Lines(vp.Key)
		for i := range lines.Len() {
			if !lines.Eligible(i) {
				l := lines.Line(i)
				left++
				lastRow = max(lastRow, l.Origin.Row)
				fileW, sheetW = max(fileW, textWidth(l.Origin.File)+2), max(sheetW, textWidth(l.Origin.Sheet)+2)
				nameW, detailW = max(nameW, textWidth(l.EnterpriseName)+2), max(detailW, textWidth(l.Detail)+2)
			}
		}
	}
	// The file name prints on one line up to 18 units (compute_billing.xlsx).
	cols := []column{{"券种", 6, b.text}, {"来源文件", min(fileW, 18), b.wrap}, {"工作表", min(sheetW, 10), b.wrap},
		{"行号", max(6, textWidth(fmt.Sprintf("%d", lastRow))*4/3+1), b.count}, {"统一社会信用代码", 20, b.text},
		{"企业名称", min(nameW, 16), b.wrap},
		{"单据编号", 12, b.wrap}, {"金额（元）", 13, b.money}, {"原因代码", 16, b.wrap}, {"原因", 13, b.wrap},
		{"说明", min(detailW, 18), b.wrap}}
	sheet, n := 1, 0
	t := b.newTable("剔除明细", cols, 1+min(left, rejectSheetRows))
	for _, vp := range vs {
		lines := r.Lines(vp.Key)
		for i := range lines.Len() {
			if lines.Eligible(i) {
				continue
			}
			l := lines.Line(i)
			if n == rejectSheetRows {
				if err := t.close(true); err != nil {
					return err
				}
				sheet, n = sheet+1, 0
				t = b.newTable(fmt.Sprintf("剔除明细(%d)", sheet), cols, 1+min(left, rejectSheetRows))
			}
			if t.err != nil {
				return t.close(true)
			}
			var amount any
			if l.HasAmount {
				amount = yuan(l.Amount)
			}
			t.add(vp.Name, l.Origin.File, l.Origin.Sheet, l.Origin.Row, l.EnterpriseUSCC, l.EnterpriseName,
				l.DocumentNo, amount, string(l.Reason), l.Reason.Text(), l.Detail)
			n, left = n+1, left-1
		}
	}
	return t.close(true)
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

func anys(ss []string) []any {
	a := make([]any, len(ss))
	for i, s := range ss {
		a[i] = s
	}
	return a
}

func repeat(v, n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}
