package writers

import (
	"context"
	"fmt"
	"io"
	"strings"

	"settle/pipeline"
)

// WriteDisbursement writes disbursement-<Y>.xlsx for finance to w (SPEC §6):
// what to pay each enterprise across all vouchers, split into 兑付清单
// (payable now) and 暂缓拨付 (held: bank details missing or unusable, each
// with its reason), the totals per bureau and voucher, one 拨付 sheet per
// bureau to sign (户名, 开户银行, 账号, amount, 大写 total) that equals the
// bureau's bank batch file, and the parameters of the run.
func WriteDisbursement(ctx context.Context, w io.Writer, r *pipeline.Result, opt DocOptions) error {
	b, err := newBook(ctx, r, "财政拨付", "兑付清单", fmt.Sprintf("%d年度 人工智能券兑付清单", r.Year))
	if err != nil {
		return err
	}
	var all []*pipeline.VoucherPolicy
	for _, v := range pipeline.Vouchers {
		if vp := r.Policy.Vouchers[v]; vp != nil {
			all = append(all, vp)
		}
	}
	// The payments, all together and per bureau, computed once for the
	// sheets that show them.
	bureaus := bureausOf(r.Policy)
	ps := paymentsBy(r, append([]string{""}, bureaus...)...)
	payable, held := split(ps[""])
	steps := []func() error{
		func() error { return writePayees(b, r, "兑付清单", payable, false) },
		func() error { return writePayees(b, r, "暂缓拨付", held, true) },
		func() error { return writeByBureau(b, r, ps) },
	}
	for _, code := range bureaus {
		steps = append(steps, func() error { return writeTransfer(b, r, code, ps[code], opt) })
	}
	steps = append(steps, func() error { return writeParams(b, r, all) })
	for _, write := range steps {
		if err := write(); err != nil {
			b.f.Close()
			return err
		}
	}
	return b.save(w)
}

// writePayees fills a list of enterprises to pay (兑付清单): bank details
// from 企业名录, the award per voucher, a 合计 row of values. The held list
// (暂缓拨付) names the vouchers instead of an amount column for each and
// gives the reason, so that it prints as wide as the other.
func writePayees(b *book, r *pipeline.Result, sheet string, ps []*payment, held bool) error {
	var names, banks, accounts []string
	for _, p := range ps {
		names, banks, accounts = append(names, p.name), append(banks, p.bank), append(accounts, p.acct)
	}
	cols := []column{{"序号", 5, b.count}, {"统一社会信用代码", 20, b.text},
		{"户名（企业名称）", min(fitWidth(14, names...), 20), b.wrap},
		{"开户银行", min(fitWidth(10, banks...), 15), b.wrap}, {"账号", min(fitWidth(10, accounts...), 20), b.text}}
	var vs []int // indexes into pipeline.Vouchers of the policy's vouchers
	for i, v := range pipeline.Vouchers {
		if r.Policy.Vouchers[v] != nil {
			vs = append(vs, i)
			if !held {
				cols = append(cols, column{voucherName(r.Policy, v) + "（元）", 13, b.money})
			}
		}
	}
	if held {
		cols = append(cols, column{"涉及券种", 12, b.wrap})
	}
	cols = append(cols, column{"合计（元）", 14, b.money})
	if held {
		cols = append(cols, column{"暂缓原因", 24, b.wrap})
	}
	t := b.newTable(sheet, cols, len(ps)+2)
	sums := make([]pipeline.Money, len(vs)+1)
	for i, p := range ps {
		row := []any{i + 1, p.uscc, p.name, p.bank, p.acct}
		for j, k := range vs {
			if !held {
				row = append(row, yuan(p.amounts[k]))
			}
			sums[j] += p.amounts[k]
		}
		if held {
			row = append(row, strings.Join(p.vouchers, "、"))
		}
		row = append(row, yuan(p.total))
		sums[len(vs)] += p.total
		if held {
			row = append(row, p.held)
		}
		t.add(row...)
	}
	total := []any{"合计", nil, fmt.Sprintf("%d 家", len(ps)), nil, nil}
	if held {
		total = append(total, nil, yuan(sums[len(vs)]), nil)
	} else {
		for _, m := range sums {
			total = append(total, yuan(m))
		}
	}
	t.addTotal(total, b.boldStyles(cols))
	return t.close(true)
}

// writeByBureau fills 按局汇总: one row per voucher with its bureau, the
// amount awarded split into payable now and held, then a 小计 per bureau
// and a 合计, all as values. Enterprises are counted once per 小计 and 合计
// however many vouchers paid them. ps are the payments by bureau
// (paymentsBy).
func writeByBureau(b *book, r *pipeline.Result, ps map[string][]*payment) error {
	bureaus := bureausOf(r.Policy)
	cols := []column{{"局", 12, b.text}, {"券种", 8, b.text}, {"条款", 8, b.text},
		{"获兑付企业数", 9, b.count}, {"兑付金额（元）", 16, b.money}, {"其中：可拨付（元）", 16, b.money},
		{"其中：暂缓拨付（元）", 16, b.money}, {"资金池（元）", 16, b.money}, {"资金池使用率", 10, b.percent}}
	var rows int
	for _, code := range bureaus {
		rows += len(bureauVouchers(r.Policy, code)) + 1
	}
	t := b.newTable("按局汇总", cols, 1+rows+1)
	bold := b.boldStyles(cols)
	bold[8] = b.pctBold
	type sums struct{ paid, payable, held, pool pipeline.Money }
	var all sums
	// heldOf is the amount of voucher v that bureau code holds.
	heldOf := func(code string, v pipeline.Voucher) pipeline.Money {
		var m pipeline.Money
		for _, p := range ps[code] {
			if p.held != "" {
				m += p.amounts[indexOf(v)]
			}
		}
		return m
	}
	for _, code := range bureaus {
		var s sums
		for _, vp := range bureauVouchers(r.Policy, code) {
			vt := totalsOf(r, vp)
			h := heldOf(code, vp.Key)
			t.put([]any{r.Policy.BureauName(code), vp.Name, vp.Clause, vt.Awarded, yuan(vt.AwardedAmount),
				yuan(vt.AwardedAmount - h), yuan(h), yuan(vt.Pool), vt.PoolUsed() / 100}, nil)
			s = sums{s.paid + vt.AwardedAmount, s.payable + vt.AwardedAmount - h, s.held + h, s.pool + vt.Pool}
		}
		vs := bureauVouchers(r.Policy, code)
		t.put([]any{r.Policy.BureauName(code) + " 小计", nil, nil,
			distinct(r, vs, func(a pipeline.Award) bool { return a.Amount > 0 }), yuan(s.paid), yuan(s.payable),
			yuan(s.held), yuan(s.pool), used(s.paid, s.pool)}, bold)
		t.data = t.row
		all = sums{all.paid + s.paid, all.payable + s.payable, all.held + s.held, all.pool + s.pool}
	}
	var vs []*pipeline.VoucherPolicy
	for _, code := range bureaus {
		vs = append(vs, bureauVouchers(r.Policy, code)...)
	}
	t.addTotal([]any{"合计", nil, nil, distinct(r, vs, func(a pipeline.Award) bool { return a.Amount > 0 }),
		yuan(all.paid), yuan(all.payable), yuan(all.held), yuan(all.pool), used(all.paid, all.pool)}, bold)
	return t.close(false)
}

func used(paid, pool pipeline.Money) float64 {
	if pool == 0 {
		return 0
	}
	return float64(paid) / float64(pool)
}

func indexOf(v pipeline.Voucher) int {
	for i, w := range pipeline.Vouchers {
		if w == v {
			return i
		}
	}
	return -1
}
