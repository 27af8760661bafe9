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
	by := map[string]*payment{}
	for _, a := range r.Awards {
		if a.Amount <= 0 || (bureau != "" && a.Bureau != bureau) {
			continue
		}
		p := by[a.USCC]
		if p == nil {
			p = &payment{uscc: a.USCC, name: a.Name, amounts: make([]pipeline.Money, len(pipeline.Vouchers))}
			if e := r.Inputs.Registry.Enterprises[a.USCC]; e != nil {
				p.name, p.bank, p.acct, p.held = e.Name, strings.TrimSpace(e.Bank), e.BankAccount(), e.BankProblem()
			} else {
				p.held = "企业名录中无此企业"
			}
			by[a.USCC] = p
		}
		p.amounts[slices.Index(pipeline.Vouchers, a.Voucher)] += a.Amount
		p.total += a.Amount
	}
	ps := make([]*payment, 0, len(by))
	for _, p := range by {
		for i, v := range pipeline.Vouchers {
			if p.amounts[i] > 0 {
				p.vouchers = append(p.vouchers, voucherName(r.Policy, v))
			}
		}
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b *payment) int { return strings.Compare(a.uscc, b.uscc) })
	return ps
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
