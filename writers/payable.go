package writers

import (
	"slices"
	"strconv"
	"strings"

	"settle/pipeline"
)

// payment is what one bureau pays one enterprise: the sum of its positive
// awards from that bureau's vouchers, and whether it can be paid now.
type payment struct {
	uscc, name string
	bank, acct string           // 开户银行 as registered, 账号 as BankAccount gives it
	vouchers   []string         // names of the vouchers that paid it, SPEC §1 order
	amounts    []pipeline.Money // by pipeline.Vouchers index
	total      pipeline.Money
	held       string // BankProblem: why it cannot be paid now ("" = payable)
}

// payments lists the enterprises with a positive award from bureau (every
// bureau when bureau is ""), sorted by USCC, with their bank details from
// 企业名录. An enterprise missing from 企业名录 is held.
func payments(r *pipeline.Result, bureau string) []*payment {
	return paymentsBy(r, bureau)[bureau]
}

// paymentsBy lists the payments of each of bureaus ("" is every bureau
// together) as payments does, in one pass over the awards, each
// enterprise's bank details looked up once: a workbook that needs the
// payments of several bureaus computes them once.
func paymentsBy(r *pipeline.Result, bureaus ...string) map[string][]*payment {
	by := map[string]map[string]*payment{}
	for _, b := range bureaus {
		by[b] = map[string]*payment{}
	}
	details := map[string]*payment{} // name, bank, acct and held, by USCC
	add := func(m map[string]*payment, a *pipeline.Award, k int) {
		p := m[a.USCC]
		if p == nil {
			d := details[a.USCC]
			if d == nil {
				d = &payment{name: a.Name}
				if e := r.Inputs.Registry.Enterprises[a.USCC]; e != nil {
					d.name, d.bank, d.acct, d.held = e.Name, strings.TrimSpace(e.Bank), e.BankAccount(), e.BankProblem()
				} else {
					d.held = "企业名录中无此企业"
				}
				details[a.USCC] = d
			}
			p = &payment{uscc: a.USCC, name: d.name, bank: d.bank, acct: d.acct, held: d.held,
				amounts: make([]pipeline.Money, len(pipeline.Vouchers))}
			m[a.USCC] = p
		}
		p.amounts[k] += a.Amount
		p.total += a.Amount
	}
	all := by[""]
	for i := range r.Awards {
		a := &r.Awards[i]
		if a.Amount <= 0 {
			continue
		}
		k := slices.Index(pipeline.Vouchers, a.Voucher)
		if all != nil {
			add(all, a, k)
		}
		if m := by[a.Bureau]; m != nil && a.Bureau != "" {
			add(m, a, k)
		}
	}
	lists := make(map[string][]*payment, len(by))
	for b, m := range by {
		ps := make([]*payment, 0, len(m))
		for _, p := range m {
			for i, v := range pipeline.Vouchers {
				if p.amounts[i] > 0 {
					p.vouchers = append(p.vouchers, voucherName(r.Policy, v))
				}
			}
			ps = append(ps, p)
		}
		slices.SortFunc(ps, func(a, b *payment) int { return strings.Compare(a.uscc, b.uscc) })
		lists[b] = ps
	}
	return lists
}

// split separates the payable payments from those on hold.
func split(ps []*payment) (payable, held []*payment) {
	for _, p := range ps {
		if p.held == "" {
			payable = append(payable, p)
		} else {
			held = append(held, p)
		}
	}
	return payable, held
}

func sumPayments(ps []*payment) pipeline.Money {
	var s pipeline.Money
	for _, p := range ps {
		s += p.total
	}
	return s
}

// purpose is the 用途 of a bank transfer: the year and the vouchers paid,
// e.g. 2025年度算力券、模型券补助.
func purpose(year int, vouchers []string) string {
	return strconv.Itoa(year) + "年度" + strings.Join(vouchers, "、") + "补助"
}

func voucherName(p *pipeline.Policy, v pipeline.Voucher) string {
	if vp := p.Vouchers[v]; vp != nil && vp.Name != "" {
		return vp.Name
	}
	return pipeline.VoucherNames[v]
}
