package pipeline

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// settleVoucher applies SPEC §5 to one voucher's settled lines, step by
// step: bases per enterprise (base.go), entitlement (entitlement.go), cap
// and 审定金额 (cap.go), status (status.go) and the pool (allocate.go).
func settleVoucher(p *Policy, vp *VoucherPolicy, reg *Registry, lines *Lines, verd *verdicts) ([]Award, VoucherTotals, error) {
	t := VoucherTotals{Voucher: vp.Key, Name: vp.Name, Clause: vp.Clause, Bureau: vp.Bureau, Pool: vp.Pool, PoolFactor: 1,
		Entitlement: decimal.Zero, Lines: lines.Len()}
	bs, order, err := bases(vp.Key, lines, verd)
	if err != nil {
		return nil, t, err
	}
	awards := make([]Award, 0, len(order))
	var claims []Claim
	var claimIdx []int
	maxEnt := decimal.NewFromInt(MaxEntitlement)
	for _, uscc := range order {
		b := bs[uscc]
		a := Award{Voucher: vp.Key, Bureau: vp.Bureau, Clause: vp.Clause, USCC: uscc, EligibleLines: b.lines, PoolFactor: 1}
		if e := reg.Enterprises[uscc]; e != nil {
			a.Name = e.Name
		}
		entitlement(&a, vp.Key, b)
		if a.Entitlement.GreaterThanOrEqual(maxEnt) {
			return nil, t, fmt.Errorf("%s（%s）企业 %s：应补金额 %s 元超出可结算的范围（应低于 %s 元）；请检查其明细中是否有数位错误的金额",
				VoucherNames[vp.Key], vp.Key, uscc, a.Entitlement.StringFixed(2), maxEnt)
		}
		row, hasRow := reg.Review(uscc, vp.Key)
		applyCap(&a, vp.Cap, row, hasRow, p.RoundingUnit)
		a.Review, a.ReviewNote = reg.ReviewOf(uscc, vp.Key), row.Note
		a.Status = status(a.Review, a.Base, vp.MinBase)

		t.Applicants++
		t.EligibleLines += int(b.lines)
		t.EligibleBase += a.Base
		t.Entitlement = t.Entitlement.Add(a.Entitlement)
		switch a.Status {
		case Awarded:
			t.Approved++
			claims = append(claims, Claim{USCC: uscc, AfterCap: a.AfterCap})
			claimIdx = append(claimIdx, len(awards))
			t.CandidateTotal += a.AfterCap
		case RejectedByReview:
			t.Rejected++
			t.RejectedTotal += a.AfterCap
		case PendingReview:
			t.Pending++
			t.PendingTotal += a.AfterCap
		case BelowThreshold:
			t.Below++
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
