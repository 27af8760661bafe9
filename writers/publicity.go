package writers

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// Default notice texts, printed when the policy gives none (SPEC §6: the
// policy's notice texts). They promise nothing the district has not said:
// the period and the contact are left to the notice that publishes the list.
const (
	defaultPeriod    = "自发布之日起7个工作日（以发布通知载明的期限为准）"
	defaultContact   = "各主管局联系人及电话见发布本名单的通知"
	defaultObjection = "对名单有异议的，请在公示期内以书面形式实名向主管局反映，并提供相关证明材料；匿名或逾期反映的不予受理。"
)

// WritePublicity writes publicity-<Y>.xlsx to w, the public notice (公示名单,
// SPEC §6): 公示说明 with the policy's notice texts, and 公示名单 with one
// row per enterprise and voucher with a positive award (enterprise name,
// USCC, voucher, clause, bureau, amount proposed), a 小计 per voucher and a
// 合计. No bank data.
func WritePublicity(ctx context.Context, w io.Writer, r *pipeline.Result, opt DocOptions) error {
	b, err := newBook(ctx, r, "人工智能券公示", "公示说明", fmt.Sprintf("%d年度人工智能券拟兑付企业名单公示", r.Year))
	if err != nil {
		return err
	}
	for _, write := range []func() error{
		func() error { return writeNotice(b, r, opt) },
		func() error { return writePublicList(b, r) },
	} {
		if err := write(); err != nil {
			b.f.Close()
			return err
		}
	}
	return b.save(w)
}

// writeNotice fills 公示说明: the title, the policy, the notice texts and
// the totals per voucher.
func writeNotice(b *book, r *pipeline.Result, opt DocOptions) error {
	const sh = "公示说明"
	f := b.f
	n := r.Policy.Notice
	or := func(s, def string) string {
		if s == "" {
			return def
		}
		return s
	}
	title := fmt.Sprintf("%d年度人工智能券拟兑付企业名单公示", r.Year)
	if b.draft {
		title += "（草稿）"
	}
	paras := [][2]string{
		{"", fmt.Sprintf("根据《%s》（%s），经企业申报、主管部门审核和专家评审，现将%d年度人工智能券拟兑付企业名单及拟兑付金额予以公示（名单见「公示名单」）。",
			r.Policy.Title, r.Policy.DocumentNo, r.Year)},
		{"公示期", or(n.Period, defaultPeriod)},
		{"联系方式", or(n.Contact, defaultContact)},
		{"异议受理", or(n.Objection, defaultObjection)},
	}
	err := errors.Join(b.setRow(sh, 1, []any{title}, []int{b.title}), f.MergeCell(sh, "A1", "D1"),
		f.SetRowHeight(sh, 1, 30))
	row := 3
	for _, p := range paras {
		text := p[1]
		if p[0] != "" {
			text = p[0] + "：" + text
		}
		err = errors.Join(err, b.setRow(sh, row, []any{text}, []int{b.wrap}),
			f.MergeCell(sh, fmt.Sprintf("A%d", row), fmt.Sprintf("D%d", row)),
			f.SetRowHeight(sh, row, 16*float64(1+int(textWidth(text))/80)))
		row++
	}
	row++
	heads := []string{"券种", "政策条款", "拟兑付企业数（家）", "拟兑付金额（元）"}
	err = errors.Join(err, b.setRow(sh, row, anys(heads), repeat(b.header, 4)))
	var vs []*pipeline.VoucherPolicy
	var total pipeline.Money
	for _, v := range pipeline.Vouchers {
		if vp := r.Policy.Vouchers[v]; vp != nil {
			vs = append(vs, vp)
			t := totalsOf(r, vp)
			row++
			err = errors.Join(err, b.setRow(sh, row, []any{vp.Name, vp.Clause, t.Awarded, yuan(t.AwardedAmount)},
				[]int{b.text, b.text, b.count, b.money}))
			total += t.AwardedAmount
		}
	}
	row++
	err = errors.Join(err, b.setRow(sh, row, []any{"合计", nil,
		distinct(r, vs, func(a pipeline.Award) bool { return a.Amount > 0 }), yuan(total)},
		[]int{b.bold, b.bold, b.countBold, b.moneyBold}))
	row += 2
	err = errors.Join(err, b.setRow(sh, row, []any{"企业数跨券种按企业去重。" + dateLine(opt)}, []int{b.text}),
		f.MergeCell(sh, fmt.Sprintf("A%d", row), fmt.Sprintf("D%d", row)))
	for i, w := range []float64{20, 14, 20, 24} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		err = errors.Join(err, f.SetColWidth(sh, col, col, w))
	}
	err = errors.Join(err, f.SetSheetDimension(sh, fmt.Sprintf("A1:D%d", row)), b.printSetup(sh, 0, false), b.fitToPage(sh))
	if err != nil {
		return fmt.Errorf("sheet %s: %w", sh, err)
	}
	return nil
}

// writePublicList fills 公示名单: the awards above zero by voucher and USCC.
func writePublicList(b *book, r *pipeline.Result) error {
	var awards []*pipeline.Award // into r.Awards: an Award is too large to copy by the thousand
	var names []string
	vouchers := 0
	for _, v := range pipeline.Vouchers {
		n := 0
		for i := range r.Awards {
			if a := &r.Awards[i]; a.Voucher == v && a.Amount > 0 {
				awards = append(awards, a)
				names = append(names, a.Name)
				n++
			}
		}
		if n > 0 {
			vouchers++
		}
	}
	cols := []column{{"序号", 6, b.count}, {"企业名称", min(fitWidth(16, names...), 30), b.wrap},
		{"统一社会信用代码", 20, b.text}, {"券种", 8, b.text}, {"政策条款", 9, b.text},
		{"主管部门", 10, b.text}, {"拟兑付金额（元）", 16, b.money}}
	t := b.newTable("公示名单", cols, 1+len(awards)+vouchers+1)
	t.landscape = false
	sums := map[pipeline.Voucher]pipeline.Money{}
	counts := map[pipeline.Voucher]int{}
	var total pipeline.Money
	for i, a := range awards {
		t.add(i+1, a.Name, a.USCC, voucherName(r.Policy, a.Voucher), a.Clause, r.Policy.BureauName(a.Bureau), yuan(a.Amount))
		sums[a.Voucher] += a.Amount
		counts[a.Voucher]++
		total += a.Amount
	}
	bold := b.boldStyles(cols)
	for _, v := range pipeline.Vouchers {
		if counts[v] > 0 {
			t.addTotal([]any{nil, voucherName(r.Policy, v) + " 小计", fmt.Sprintf("%d 家", counts[v]), nil, nil, nil,
				yuan(sums[v])}, bold)
		}
	}
	paid := map[string]bool{}
	for _, a := range awards {
		paid[a.USCC] = true
	}
	t.addTotal([]any{nil, "合计", fmt.Sprintf("%d 家（%d 项）", len(paid), len(awards)), nil, nil, nil, yuan(total)}, bold)
	return t.close(true)
}
