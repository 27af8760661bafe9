package pipeline

import (
	"fmt"
	"sort"

	"github.com/shopspring/decimal"
)

// base accumulates one enterprise's eligible amounts for one voucher.
type base struct {
	lines    int64
	domestic Money // compute: domestic origin; other vouchers: everything
	foreign  Money // compute: foreign origin
}

// settleVoucher applies SPEC §5 to one voucher's settled lines: bases per
// enterprise, entitlement, cap, review status and the pool.
func settleVoucher(p *Policy, vp *VoucherPolicy, reg *Registry, lines *Lines) ([]Award, VoucherTotals, error) {
	t := VoucherTotals{Voucher: vp.Key, Name: vp.Name, Clause: vp.Clause, Bureau: vp.Bureau, Pool: vp.Pool, PoolFactor: 1, Entitlement: decimal.Zero}
	bases := map[string]*base{}
	var order []string
	for i := range lines.Len() {
		t.Lines++
		if !lines.Eligible(i) {
			continue
		}
		l := lines.Line(i)
		t.EligibleLines++
		b := bases[l.EnterpriseUSCC]
		if b == nil {
			b = &base{}
			bases[l.EnterpriseUSCC] = b
			order = append(order, l.EnterpriseUSCC)
		}
		b.lines++
		sum := &b.domestic
		if vp.Key == Compute && l.ComputeOrigin == string(Foreign) {
			sum = &b.foreign
		}
		var ok bool
		if *sum, ok = AddMoney(*sum, l.Amount); !ok {
			return nil, t, fmt.Errorf("%s: the %s base of %s overflows", l.Origin, vp.Key, l.EnterpriseUSCC)
		}
	}
	sort.Strings(order)

	awards := make([]Award, 0, len(order))
	var claims []Claim
	var claimIdx []int
	maxEnt := decimal.NewFromInt(MaxEntitlement)
	for _, uscc := range order {
		a := award(p, vp, reg, uscc, bases[uscc])
		if a.Entitlement.GreaterThanOrEqual(maxEnt) {
			return nil, t, fmt.Errorf("%s of %s: entitlement %s yuan is beyond what can be settled (below %s); check its lines for amounts with misplaced digits",
				vp.Key, uscc, a.Entitlement.StringFixed(2), maxEnt)
		}
		t.Applicants++
		t.EligibleBase += a.Base
		t.Entitlement = t.Entitlement.Add(a.Entitlement)
		if a.Status == Awarded {
			t.Approved++
			claims = append(claims, Claim{USCC: uscc, AfterCap: a.AfterCap})
			claimIdx = append(claimIdx, len(awards))
			t.CandidateTotal += a.AfterCap
		}
		awards = append(awards, a)
	}
	amounts, factor := Allocate(claims, vp.Pool, p.RoundingUnit)
	t.Oversubscribed = t.CandidateTotal > vp.Pool
	t.PoolFactor = factor
	for i := range awards {
		awards[i].PoolFactor = factor // the voucher's factor, on every row
	}
	for k, i := range claimIdx {
		awards[i].Amount = amounts[k]
		t.AwardedAmount += amounts[k]
		if amounts[k] > 0 {
			t.Awarded++
		}
	}
	return awards, t, nil
}

// award computes SPEC §5 steps 1–4 for one enterprise; the amount is set
// by the pool allocation.
func award(p *Policy, vp *VoucherPolicy, reg *Registry, uscc string, b *base) Award {
	a := Award{
		Voucher: vp.Key, Bureau: vp.Bureau, Clause: vp.Clause, USCC: uscc,
		EligibleLines: b.lines, Cap: vp.Cap, PoolFactor: 1,
		Review: reg.ReviewOf(uscc, vp.Key),
	}
	if e := reg.Enterprises[uscc]; e != nil {
		a.Name = e.Name
	}
	if vp.Key == Compute {
		a.BaseDomestic, a.BaseForeign = b.domestic.Clamp0(), b.foreign.Clamp0()
		a.Base = a.BaseDomestic + a.BaseForeign
		a.Entitlement = vp.Rates[RateDomestic].Mul(a.BaseDomestic.Decimal()).
			Add(vp.Rates[RateForeign].Mul(a.BaseForeign.Decimal()))
	} else {
		a.Base = b.domestic.Clamp0()
		a.Entitlement = vp.Rates[RateDefault].Mul(a.Base.Decimal())
	}
	capped := a.Entitlement
	if a.Entitlement.GreaterThan(vp.Cap.Decimal()) {
		a.CapApplied = true
		capped = vp.Cap.Decimal()
	}
	a.AfterCap = FloorTo(capped, p.RoundingUnit)
	switch {
	case a.Review == Rejected:
		a.Status = RejectedByReview
	case a.Review == Pending:
		a.Status = PendingReview
	case a.Base < vp.MinBase:
		a.Status = BelowThreshold
	default:
		a.Status = Awarded
	}
	return a
}
