package pipeline

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// SetLines makes lines voucher v's lines of r, each with the outcome it
// carries: eligible at its Rate, with its ComputeOrigin and Purpose as
// given, or rejected with its Reason and Detail. It is for Results built
// by hand (the writers' tests and tools), and for replacing a voucher's
// lines in a settled Result; Settle's own Results need no call. It panics
// on a line that is neither eligible nor rejected, or both, since such a
// Result could not have come from Settle.
func (r *Result) SetLines(v Voucher, lines ...Line) {
	if r.Inputs == nil {
		r.Inputs = &Inputs{}
	}
	if r.Inputs.Lines == nil {
		r.Inputs.Lines = map[Voucher]*Lines{}
	}
	if r.verdicts == nil {
		r.verdicts = map[Voucher]*verdicts{}
	}
	vs := &verdicts{v: make([]verdict, len(lines))}
	for i := range lines {
		l := &lines[i]
		switch {
		case l.Eligible && l.Reason == "":
			vs.v[i] = verdict{
				rate:    index(&vs.rates, func(k int) bool { return sameDecimal(vs.rates[k], l.Rate) }, l.Rate),
				origin:  canonIndex(vs, l.ComputeOrigin),
				purpose: canonIndex(vs, l.Purpose),
			}
		case !l.Eligible && l.Reason != "":
			vs.reject(i, l.Reason, l.Detail)
		default:
			panic(fmt.Sprintf("pipeline: SetLines: %s line %d is eligible %v with reason %q", v, i, l.Eligible, l.Reason))
		}
	}
	r.Inputs.Lines[v] = NewLines(lines...)
	r.verdicts[v] = vs
}

// canonIndex is s's index+1 among vs.canon; 0 for the empty text, which
// reads back as itself (Narrow("") is "").
func canonIndex(vs *verdicts, s string) uint8 {
	if s == "" {
		return 0
	}
	return index(&vs.canon, func(k int) bool { return vs.canon[k] == s }, s)
}

// index is the index+1 of the first element of *xs for which same holds,
// appending x when there is none; the tables hold at most 255.
func index[T any](xs *[]T, same func(k int) bool, x T) uint8 {
	for k := range *xs {
		if same(k) {
			return uint8(k + 1)
		}
	}
	if len(*xs) == 255 {
		panic("pipeline: SetLines: more than 255 distinct rates, origins or purposes in one voucher")
	}
	*xs = append(*xs, x)
	return uint8(len(*xs))
}

// sameDecimal reports whether a and b are equal as written (0.6 is not 0.60).
func sameDecimal(a, b decimal.Decimal) bool { return a.Equal(b) && a.Exponent() == b.Exponent() }
