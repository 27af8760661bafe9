package writers

import (
	"fmt"
	"slices"
	"strings"

	"settle/pipeline"
)

// WriteDisbursement writes disbursement-<Y>.xlsx for finance: what to pay
// each enterprise across all vouchers, the totals per bureau and voucher,
// and the parameters of the run.
func WriteDisbursement(path string, r *pipeline.Result) error {
	b, err := newBook(r.Year, "兑付清单", fmt.Sprintf("%d年度 人工智能券兑付清单", r.Year))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for _, write := range []func() error{
		func() error { return writePayees(b, r) },
		func() error { return writeByBureau(b, r) },
		func() error { return writeParams(b, r) },
	} {
		if err := write(); err != nil {
			b.f.Close()
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return b.save(path)
}

// payee is one enterprise to be paid: its award per voucher, in the order
// of pipeline.Vouchers.
type payee struct {
	uscc, name string
	amounts    []pipeline.Money
	total      pipeline.Money
}

// payees lists the enterprises whose awards add up to more than zero,
// sorted by USCC.
func payees(r *pipeline.Result) []*payee {
	by := map[string]*payee{}
	for _, a := range r.Awards {
		p := by[a.USCC]
		if p == nil {
			p = &payee{uscc: a.USCC, name: a.Name, amounts: make([]pipeline.Money, len(pipeline.Vouchers))}
			by[a.USCC] = p
		}
		p.amounts[slices.Index(pipeline.Vouchers, a.Voucher)] += a.Amount
		p.total += a.Amount
	}
	var ps []*payee
	for _, p := range by {
		if p.total > 0 {
			ps = append(ps, p)
		}
	}
	slices.SortFunc(ps, func(a, b *payee) int { return strings.Compare(a.uscc, b.uscc) })
	return ps
}

// writePayees fills 兑付清单: one row per enterprise to be paid, with its
// bank details from 企业名录, and a 合计 row of values.
func writePayees(b *book, r *pipeline.Result) error {
	ps := payees(r)
	var names, banks, accounts []string
	for _, p := range ps {
		if e := r.Inputs.Registry.Enterprises[p.uscc]; e != nil {
			p.name = e.Name
			banks, accounts = append(banks, e.Bank), append(accounts, e.Account)
		}
		names = append(names, p.name)
	}
	cols := []column{{"序号", 8, b.count}, {"统一社会信用代码", 22, b.text}, {"企业名称", fitWidth(20, names...), b.text},
		{"开户银行", fitWidth(20, banks...), b.text}, {"银行账号", fitWidth(22, accounts...), b.text}}
	for _, v := range pipeline.Vouchers {
		name := pipeline.VoucherNames[v]
		if vp := r.Policy.Vouchers[v]; vp != nil {
			name = vp.Name
		}
		cols = append(cols, column{name, 18, b.money})
	}
	cols = append(cols, column{"合计", 18, b.money}, column{"备注", 16, b.text})
	t := b.newTable("兑付清单", cols, len(ps)+2)
	sums := make([]pipeline.Money, len(pipeline.Vouchers)+1)
	for i, p := range ps {
		var bank, account, note string
		if e := r.Inputs.Registry.Enterprises[p.uscc]; e != nil {
			bank, account = strings.TrimSpace(e.Bank), strings.TrimSpace(e.Account)
		}
		if bank == "" || account == "" {
			note = "开户信息缺失"
		}
		row := []any{i + 1, p.uscc, p.name, bank, account}
		for j, m := range append(p.amounts, p.total) {
			row = append(row, yuan(m))
			sums[j] += m
		}
		t.add(append(row, note)...)
	}
	total := []any{"合计", nil, fmt.Sprintf("%d 家", len(ps)), nil, nil}
	for _, m := range sums {
		total = append(total, yuan(m))
	}
	t.addTotal(total, b.boldStyles(cols))
	return t.close(true)
}

// writeByBureau fills 按科室汇总: one row per voucher with its bureau, then
// a 小计 per bureau and a 合计, all as values. Enterprises are counted
// once per 小计 and 合计 however many vouchers paid them.
func writeByBureau(b *book, r *pipeline.Result) error {
	var vps []*pipeline.VoucherPolicy
	var bureaus []string
	for _, v := range pipeline.Vouchers {
		if vp := r.Policy.Vouchers[v]; vp != nil {
			vps = append(vps, vp)
			if !slices.Contains(bureaus, vp.Bureau) {
				bureaus = append(bureaus, vp.Bureau)
			}
		}
	}
	paid, paidAll := map[string]map[string]bool{}, map[string]bool{}
	for _, a := range r.Awards {
		if a.Amount > 0 {
			if paid[a.Bureau] == nil {
				paid[a.Bureau] = map[string]bool{}
			}
			paid[a.Bureau][a.USCC], paidAll[a.USCC] = true, true
		}
	}
	cols := []column{{"科室", 12, b.text}, {"科室代码", 10, b.text}, {"券种", 10, b.text}, {"条款", 10, b.text},
		{"获兑付企业数", 14, b.count}, {"兑付金额", 20, b.money}, {"资金池", 20, b.money},
		{"资金池使用率", 14, b.percent}}
	t := b.newTable("按科室汇总", cols, 1+len(vps)+len(bureaus)+1)
	sub := map[string]*pipeline.VoucherTotals{}
	all := pipeline.VoucherTotals{Awarded: len(paidAll)}
	for _, vp := range vps {
		vt := totalsOf(r, vp)
		t.add(r.Policy.BureauName(vp.Bureau), vp.Bureau, vp.Name, vp.Clause, vt.Awarded,
			yuan(vt.AwardedAmount), yuan(vt.Pool), vt.PoolUsed()/100)
		s := sub[vp.Bureau]
		if s == nil {
			s = &pipeline.VoucherTotals{Awarded: len(paid[vp.Bureau])}
			sub[vp.Bureau] = s
		}
		for _, acc := range []*pipeline.VoucherTotals{s, &all} {
			acc.AwardedAmount += vt.AwardedAmount
			acc.Pool += vt.Pool
		}
	}
	bold := b.boldStyles(cols)
	bold[7] = b.pctBold
	for _, code := range bureaus {
		s := sub[code]
		t.addTotal([]any{r.Policy.BureauName(code) + " 小计", code, nil, nil, s.Awarded,
			yuan(s.AwardedAmount), yuan(s.Pool), s.PoolUsed() / 100}, bold)
	}
	t.addTotal([]any{"合计", nil, nil, nil, all.Awarded, yuan(all.AwardedAmount), yuan(all.Pool),
		all.PoolUsed() / 100}, bold)
	return t.close(true)
}
