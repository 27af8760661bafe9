package writers

import (
	"cmp"
	"slices"

	"settle/pipeline"
)

// Diff is what changed between two written settlements of a year (settle
// diff): per voucher the totals, per enterprise and voucher the award and
// why it moved, and the lines whose outcome changed.
type Diff struct {
	Old, New *Stored
	Vouchers []VoucherDiff
	Awards   []AwardDiff // only those that changed, by voucher then USCC
	Lines    []LineDiff  // only those whose outcome changed, by voucher then file order
}

// VoucherDiff is one voucher's totals before and after.
type VoucherDiff struct {
	Voucher                pipeline.Voucher
	Name                   string
	OldAwarded, NewAwarded pipeline.Money
	OldCount, NewCount     int // enterprises with an award above zero
	OldFactor, NewFactor   float64
}

// Change is the new total less the old.
func (v VoucherDiff) Change() pipeline.Money { return v.NewAwarded - v.OldAwarded }

// Why an award changed.
const (
	WhyReview = "评审结论或备注变更"
	WhyCut    = "审定金额变更"
	WhyLines  = "申报行变更"
	WhyPool   = "资金池系数变动"
)

// AwardDiff is one enterprise and voucher whose award or status changed.
// An award missing on one side (no eligible line there) has status "".
type AwardDiff struct {
	Voucher              pipeline.Voucher
	USCC, Name           string
	Old, New             pipeline.Money
	OldStatus, NewStatus pipeline.Status
	Why                  []string
}

// Change is the new award less the old.
func (a AwardDiff) Change() pipeline.Money { return a.New - a.Old }

// LineDiff is one line whose outcome changed; a reason "" is eligible and
// Missing says the line is on one side only.
type LineDiff struct {
	Voucher              pipeline.Voucher
	Origin               pipeline.Origin
	USCC                 string
	OldReason, NewReason pipeline.Reason
	OldMissing           bool
	NewMissing           bool
}

type awardKey struct {
	v    pipeline.Voucher
	uscc string
}

type lineKey struct {
	v  pipeline.Voucher
	at pipeline.Origin
}

// Compare compares two settlements read back.
func Compare(old, new *Stored) *Diff {
	d := &Diff{Old: old, New: new}
	for _, v := range pipeline.Vouchers {
		vd := VoucherDiff{Voucher: v, Name: string(v)}
		for _, side := range []struct {
			s      *Stored
			amount *pipeline.Money
			count  *int
			factor *float64
		}{{old, &vd.OldAwarded, &vd.OldCount, &vd.OldFactor}, {new, &vd.NewAwarded, &vd.NewCount, &vd.NewFactor}} {
			if mv := side.s.Voucher(v); mv != nil {
				vd.Name = mv.Name
				*side.amount, _ = ParseMoney(mv.AwardedAmount)
				*side.count, *side.factor = mv.Awarded, mv.PoolFactor
			}
		}
		d.Vouchers = append(d.Vouchers, vd)
	}

	// Lines, keyed by voucher and position.
	oldLines := map[lineKey]*pipeline.Line{}
	for i := range old.Lines {
		l := &old.Lines[i]
		oldLines[lineKey{l.Voucher, l.Origin}] = l
	}
	changed := map[awardKey]bool{}
	seen := map[lineKey]bool{}
	for i := range new.Lines {
		l := &new.Lines[i]
		k := lineKey{l.Voucher, l.Origin}
		seen[k] = true
		o := oldLines[k]
		if o == nil {
			d.Lines = append(d.Lines, LineDiff{Voucher: l.Voucher, Origin: l.Origin, USCC: l.EnterpriseUSCC, NewReason: l.Reason, OldMissing: true})
			changed[awardKey{l.Voucher, l.EnterpriseUSCC}] = true
			continue
		}
		if o.EnterpriseUSCC != l.EnterpriseUSCC || o.Amount != l.Amount || o.HasAmount != l.HasAmount {
			changed[awardKey{l.Voucher, l.EnterpriseUSCC}] = true
			changed[awardKey{o.Voucher, o.EnterpriseUSCC}] = true
		}
		if o.Reason != l.Reason || o.Eligible != l.Eligible {
			d.Lines = append(d.Lines, LineDiff{Voucher: l.Voucher, Origin: l.Origin, USCC: l.EnterpriseUSCC, OldReason: o.Reason, NewReason: l.Reason})
			changed[awardKey{l.Voucher, l.EnterpriseUSCC}] = true
			changed[awardKey{o.Voucher, o.EnterpriseUSCC}] = true
		}
	}
	for i := range old.Lines {
		l := &old.Lines[i]
		if k := (lineKey{l.Voucher, l.Origin}); !seen[k] {
			d.Lines = append(d.Lines, LineDiff{Voucher: l.Voucher, Origin: l.Origin, USCC: l.EnterpriseUSCC, OldReason: l.Reason, NewMissing: true})
			changed[awardKey{l.Voucher, l.EnterpriseUSCC}] = true
		}
	}
	slices.SortStableFunc(d.Lines, func(a, b LineDiff) int {
		return cmp.Or(cmp.Compare(slices.Index(pipeline.Vouchers, a.Voucher), slices.Index(pipeline.Vouchers, b.Voucher)),
			cmp.Compare(a.Origin.File, b.Origin.File), cmp.Compare(a.Origin.Sheet, b.Origin.Sheet), cmp.Compare(a.Origin.Row, b.Origin.Row))
	})

	// Awards.
	olds := map[awardKey]*pipeline.Award{}
	for i := range old.Awards {
		a := &old.Awards[i]
		olds[awardKey{a.Voucher, a.USCC}] = a
	}
	news := map[awardKey]*pipeline.Award{}
	var keys []awardKey
	for i := range new.Awards {
		a := &new.Awards[i]
		k := awardKey{a.Voucher, a.USCC}
		news[k] = a
		keys = append(keys, k)
	}
	for k := range olds {
		if news[k] == nil {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b awardKey) int {
		return cmp.Or(cmp.Compare(slices.Index(pipeline.Vouchers, a.v), slices.Index(pipeline.Vouchers, b.v)), cmp.Compare(a.uscc, b.uscc))
	})
	for _, k := range keys {
		o, n := olds[k], news[k]
		ad := AwardDiff{Voucher: k.v, USCC: k.uscc}
		var zero pipeline.Award
		if o == nil {
			o = &zero
		} else {
			ad.Old, ad.OldStatus, ad.Name = o.Amount, o.Status, o.Name
		}
		if n == nil {
			n = &zero
		} else {
			ad.New, ad.NewStatus, ad.Name = n.Amount, n.Status, n.Name
		}
		if o.Review != n.Review || o.ReviewNote != n.ReviewNote {
			ad.Why = append(ad.Why, WhyReview)
		}
		if o.HasApproved != n.HasApproved || o.Approved != n.Approved {
			ad.Why = append(ad.Why, WhyCut)
		}
		if changed[k] || o.Base != n.Base || o.EligibleLines != n.EligibleLines {
			ad.Why = append(ad.Why, WhyLines)
		}
		if ad.OldStatus == pipeline.Awarded && ad.NewStatus == pipeline.Awarded && o.PoolFactor != n.PoolFactor {
			ad.Why = append(ad.Why, WhyPool)
		}
		if ad.Old != ad.New || ad.OldStatus != ad.NewStatus || len(ad.Why) > 0 {
			d.Awards = append(d.Awards, ad)
		}
	}
	return d
}

// TopUps are the awards that grew (补拨: pay the difference), Recoveries
// those that shrank (追回: recover it); meaningful when Old was final.
func (d *Diff) TopUps() []AwardDiff {
	return slices.DeleteFunc(slices.Clone(d.Awards), func(a AwardDiff) bool { return a.Change() <= 0 })
}

// Recoveries: see TopUps.
func (d *Diff) Recoveries() []AwardDiff {
	return slices.DeleteFunc(slices.Clone(d.Awards), func(a AwardDiff) bool { return a.Change() >= 0 })
}
