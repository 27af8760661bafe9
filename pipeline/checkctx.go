package pipeline

import (
	"strings"

	"github.com/shopspring/decimal"
)

// checkCtx is what the rules of SPEC §4 look lines up in, prepared once
// so that a line costs a few map lookups: each enterprise's jurisdiction
// and status, each voucher's folded purposes and rates, the review's
// exclusions and the invoices already funded. It is read-only while the
// lines are checked.
type checkCtx struct {
	policy   *Policy
	reg      *Registry
	ref      *Reference
	from, to Date // the days a line may bear: year Y ∩ the expense window
	ents     map[string]*entStanding
	vouchers map[Voucher]*voucherRules
	// funded maps buyer, then folded invoice number, to the first row of
	// prior_funding.xlsx that lists them.
	funded map[string]map[string]*FundedInvoice
}

// entStanding is what the rules need of an enterprise of the registry.
type entStanding struct {
	e              *Enterprise
	inJurisdiction bool
	active         bool
}

// voucherRules is one voucher's policy, prepared for the rules.
type voucherRules struct {
	key Voucher
	vp  *VoucherPolicy
	// purposes maps each accepted purpose, folded, to its index+1 in
	// canon; nil when the voucher does not check purposes.
	purposes  map[string]uint8
	rates     []decimal.Decimal // the voucher's rates
	rateIdx   map[string]uint8  // rate kind -> index+1 in rates
	canon     []string          // canonical origins, then purposes
	originIdx map[ComputeOrigin]uint8
	// excluded maps buyer, then folded document number, to the first row
	// of 核减明细 that strikes them out.
	excluded map[string]map[string]*Exclusion
}

func newCheckCtx(year int, p *Policy, in *Inputs) *checkCtx {
	from, to := NewDate(year, 1, 1), NewDate(year, 12, 31)
	from, to = max(from, p.EligibleFrom), min(to, p.EligibleTo)
	c := &checkCtx{policy: p, reg: in.Registry, ref: in.Reference, from: from, to: to,
		ents: make(map[string]*entStanding, len(in.Registry.Enterprises)), vouchers: map[Voucher]*voucherRules{}}
	for uscc, e := range in.Registry.Enterprises {
		if e != nil {
			c.ents[uscc] = &entStanding{e: e, inJurisdiction: e.InJurisdiction(p.Jurisdictions), active: e.Active()}
		}
	}
	for _, v := range Vouchers {
		c.vouchers[v] = newVoucherRules(v, p.Vouchers[v])
	}
	for i := range in.Exclusions {
		x := &in.Exclusions[i]
		if vr := c.vouchers[x.Voucher]; vr != nil {
			addFirst(vr.excluded, x.USCC, x.DocumentNo, x)
		}
	}
	c.funded = map[string]map[string]*FundedInvoice{}
	for i := range in.Funded {
		f := &in.Funded[i]
		addFirst(c.funded, f.USCC, f.InvoiceNo, f)
	}
	return c
}

// addFirst files x under uscc and the folded number, unless an earlier
// row is filed there.
func addFirst[T any](m map[string]map[string]*T, uscc, number string, x *T) {
	byNo := m[uscc]
	if byNo == nil {
		byNo = map[string]*T{}
		m[uscc] = byNo
	}
	if k := Fold(number); byNo[k] == nil {
		byNo[k] = x
	}
}

func newVoucherRules(v Voucher, vp *VoucherPolicy) *voucherRules {
	vr := &voucherRules{key: v, vp: vp, rateIdx: map[string]uint8{}, originIdx: map[ComputeOrigin]uint8{},
		excluded: map[string]map[string]*Exclusion{}}
	for _, o := range []ComputeOrigin{Domestic, Foreign} {
		vr.canon = append(vr.canon, string(o))
		vr.originIdx[o] = uint8(len(vr.canon))
	}
	if vp == nil {
		return vr
	}
	kinds := []string{RateDefault}
	if v == Compute {
		kinds = []string{RateDomestic, RateForeign}
	}
	for _, k := range kinds {
		vr.rates = append(vr.rates, vp.Rates[k])
		vr.rateIdx[k] = uint8(len(vr.rates))
	}
	if len(vp.Purposes) > 0 {
		vr.purposes = map[string]uint8{}
		for _, purpose := range vp.Purposes {
			if k := Fold(purpose); vr.purposes[k] == 0 && len(vr.canon) < 255 {
				vr.canon = append(vr.canon, purpose) // the first spelling wins
				vr.purposes[k] = uint8(len(vr.canon))
			}
		}
	}
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

// purposeList names the accepted purposes, for details.
func (vr *voucherRules) purposeList() string { return strings.Join(vr.vp.Purposes, "、") }

// lineView is a line as the rules see it, with what they look up once.
type lineView struct {
	*Line
	ent *entStanding // nil when the buyer is not in 企业名录
	vr  *voucherRules
}
