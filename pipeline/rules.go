package pipeline

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// lineRules checks single lines against the registry, the reference lists
// and the policy (SPEC §4, every code up to MODEL_NOT_YET_FILED). The
// duplicate rules need all lines and run afterwards (duplicates.go).
//
// What does not change from line to line is worked out once: each
// enterprise's jurisdiction and status, and each voucher's folded
// purposes, so that a line costs a few map lookups.
type lineRules struct {
	year     int
	policy   *Policy
	reg      *Registry
	ref      *Reference
	from     Date // first day a line may be dated: within year and policy window
	to       Date // last day
	ents     map[string]entStanding
	vouchers map[Voucher]*voucherRules
	last     *voucherRules // the voucher of the previous line
}

// entStanding is what the rules need of an enterprise of the registry.
type entStanding struct {
	e              *Enterprise
	inJurisdiction bool
	active         bool
}

// voucherRules is one voucher's policy, prepared for the line rules.
type voucherRules struct {
	key Voucher
	vp  *VoucherPolicy
	// purposes maps each accepted purpose, folded, to the policy's
	// spelling; nil when the voucher does not check purposes.
	purposes map[string]string
}

func newLineRules(year int, p *Policy, reg *Registry, ref *Reference) *lineRules {
	from, to := NewDate(year, 1, 1), NewDate(year, 12, 31)
	if p.EligibleFrom > from {
		from = p.EligibleFrom
	}
	if p.EligibleTo < to {
		to = p.EligibleTo
	}
	lr := &lineRules{year: year, policy: p, reg: reg, ref: ref, from: from, to: to,
		ents: make(map[string]entStanding, len(reg.Enterprises)), vouchers: map[Voucher]*voucherRules{}}
	for uscc, e := range reg.Enterprises {
		if e != nil {
			lr.ents[uscc] = entStanding{e: e, inJurisdiction: e.InJurisdiction(p.Jurisdictions), active: e.Active()}
		}
	}
	for key, vp := range p.Vouchers {
		vr := &voucherRules{key: key, vp: vp}
		if vp != nil && len(vp.Purposes) > 0 {
			vr.purposes = map[string]string{}
			for _, purpose := range vp.Purposes {
				if k := Fold(purpose); vr.purposes[k] == "" {
					vr.purposes[k] = purpose // the first spelling wins
				}
			}
		}
		lr.vouchers[key] = vr
	}
	for _, v := range Vouchers { // so that voucher never adds one (lr is shared read-only)
		if lr.vouchers[v] == nil {
			lr.vouchers[v] = &voucherRules{key: v}
		}
	}
	return lr
}

// voucher returns the prepared rules of voucher v (nil vp when the policy
// has no such voucher).
func (lr *lineRules) voucher(v Voucher) *voucherRules {
	if lr.last != nil && lr.last.key == v {
		return lr.last
	}
	vr := lr.vouchers[v]
	if vr == nil { // not a voucher of SPEC §1: nothing to check it by
		vr = &voucherRules{key: v}
	}
	lr.last = vr
	return vr
}

// acceptsPurpose reports whether purpose is accepted (SPEC §4
// BAD_PURPOSE); a voucher without purposes accepts any.
func (vr *voucherRules) acceptsPurpose(purpose string) bool {
	if vr.vp == nil || len(vr.vp.Purposes) == 0 {
		return true
	}
	_, ok := vr.purposes[Fold(purpose)]
	return ok
}

// canonicalPurpose returns the policy's spelling of an accepted purpose,
// or the purpose as read.
func (vr *voucherRules) canonicalPurpose(purpose string) string {
	if p, ok := vr.purposes[Fold(purpose)]; ok {
		return p
	}
	return Narrow(purpose)
}

// check returns the first reason that rejects the line, with a detail
// saying where and why, or "" when the line passes.
func (lr *lineRules) check(l *Line) (Reason, string) {
	if r, d := firstProblem(l.Problems); r != "" {
		return r, d
	}
	st, known := lr.ents[l.EnterpriseUSCC]
	vr := lr.voucher(l.Voucher)
	switch {
	case !known:
		return UnknownEnterprise, fmt.Sprintf("%s 不在企业名录", l.EnterpriseUSCC)
	case !st.inJurisdiction:
		return OutOfJurisdiction, fmt.Sprintf("注册区域“%s”不属于%s", st.e.District, strings.Join(lr.policy.Jurisdictions, "、"))
	case !st.active:
		return InactiveEnterprise, fmt.Sprintf("经营状态“%s”", st.e.Status)
	case l.Date < lr.from || l.Date > lr.to:
		return OutOfPeriod, fmt.Sprintf("日期 %s 不在结算期 %s 至 %s 内", l.Date, lr.from, lr.to)
	case !vr.acceptsPurpose(l.Purpose):
		return BadPurpose, fmt.Sprintf("用途“%s”不属于%s", l.Purpose, strings.Join(vr.vp.Purposes, "、"))
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
	if k := decisiveProblem(ps); k >= 0 {
		return ps[k].Reason, ps[k].String()
	}
	return "", ""
}

// decisiveProblem is the index of the problem whose reason comes first in
// the order of SPEC §4 (the leftmost of equals), -1 when there is none.
func decisiveProblem(ps []Problem) int {
	best := -1
	for i, p := range ps {
		if best < 0 || p.Reason.rank() < ps[best].Reason.rank() {
			best = i
		}
	}
	return best
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
