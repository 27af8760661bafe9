package pipeline

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// lineRules checks single lines against the registry, the reference lists
// and the policy (SPEC §4, every code up to MODEL_NOT_YET_FILED). The
// duplicate rules need all lines and run afterwards (duplicates.go).
type lineRules struct {
	year   int
	policy *Policy
	reg    *Registry
	ref    *Reference
	from   Date // first day a line may be dated: within year and policy window
	to     Date // last day
}

func newLineRules(year int, p *Policy, reg *Registry, ref *Reference) *lineRules {
	from, to := NewDate(year, 1, 1), NewDate(year, 12, 31)
	if p.EffectiveFrom > from {
		from = p.EffectiveFrom
	}
	if p.EffectiveTo < to {
		to = p.EffectiveTo
	}
	return &lineRules{year: year, policy: p, reg: reg, ref: ref, from: from, to: to}
}

// check returns the first reason that rejects the line, with a detail
// saying where and why, or "" when the line passes.
func (lr *lineRules) check(l *Line) (Reason, string) {
	if r, d := firstProblem(l.Problems); r != "" {
		return r, d
	}
	e := lr.reg.Enterprises[l.EnterpriseUSCC]
	vp := lr.policy.Vouchers[l.Voucher]
	switch {
	case e == nil:
		return UnknownEnterprise, fmt.Sprintf("%s 不在企业名录", l.EnterpriseUSCC)
	case !e.InJurisdiction(lr.policy.Jurisdiction):
		return OutOfJurisdiction, fmt.Sprintf("注册区域“%s”不属于%s", e.District, lr.policy.Jurisdiction)
	case !e.Active():
		return InactiveEnterprise, fmt.Sprintf("经营状态“%s”", e.Status)
	case l.Date < lr.from || l.Date > lr.to:
		return OutOfPeriod, fmt.Sprintf("日期 %s 不在结算期 %s 至 %s 内", l.Date, lr.from, lr.to)
	case !vp.AcceptsPurpose(l.Purpose):
		return BadPurpose, fmt.Sprintf("用途“%s”不属于%s", l.Purpose, strings.Join(vp.Purposes, "、"))
	}
	switch l.Voucher {
	case Compute:
		if !lr.ref.PartnerOn(l.CounterpartyUSCC, l.Date) {
			return ProviderNotPartner, fmt.Sprintf("服务商 %s 在 %s 不在算力合作伙伴名单", l.CounterpartyUSCC, l.Date)
		}
		if _, ok := ParseComputeOrigin(l.ComputeOrigin); !ok {
			return BadComputeOrigin, fmt.Sprintf("算力类型“%s”应为国产或非国产", l.ComputeOrigin)
		}
	case Corpus:
		if !lr.ref.Venues[Fold(l.Venue)] {
			return VenueNotRecognised, fmt.Sprintf("交易平台“%s”不在认可名单", l.Venue)
		}
		if lr.reg.Affiliates(l.EnterpriseUSCC, l.CounterpartyUSCC) {
			return AffiliatedSeller, fmt.Sprintf("卖方 %s 与买方关联", l.CounterpartyUSCC)
		}
	case Model:
		filed, ok := lr.ref.Models[Fold(l.FilingNo)]
		if !ok {
			return ModelNotFiled, fmt.Sprintf("备案编号“%s”不在备案模型名单", l.FilingNo)
		}
		if l.Date < filed {
			return ModelNotYetFiled, fmt.Sprintf("交易日期 %s 早于备案日期 %s", l.Date, filed)
		}
	}
	return "", ""
}

// firstProblem picks the reader's problem that comes first in the order of
// SPEC §4.
func firstProblem(ps []Problem) (Reason, string) {
	best := -1
	for i, p := range ps {
		if best < 0 || p.Reason.rank() < ps[best].Reason.rank() {
			best = i
		}
	}
	if best < 0 {
		return "", ""
	}
	return ps[best].Reason, ps[best].String()
}

// lineRate is the rate of a line that passed the checks: by origin for
// compute, the voucher's single rate otherwise.
func lineRate(vp *VoucherPolicy, l *Line) decimal.Decimal {
	if l.Voucher == Compute {
		o, _ := ParseComputeOrigin(l.ComputeOrigin)
		return vp.Rates[string(o)]
	}
	return vp.Rates[RateDefault]
}
