package pipeline

import (
	"iter"

	"github.com/shopspring/decimal"
)

// verdicts are what the line rules decided about one voucher's lines, in
// the order of the lines. They live in the Result, beside the lines as
// read: Settle never writes into its inputs.
type verdicts struct {
	v       []verdict
	details []string          // details[k-1] for verdict.detail == k
	rates   []decimal.Decimal // the voucher's rates, from the policy
	canon   []string          // the policy's spellings of origins and purposes
}

// verdict is one line's outcome: rejected with a reason and a detail, or
// admitted at a rate with its origin and purpose in the policy's spelling.
type verdict struct {
	detail  uint32 // index+1 into details; 0: none
	reason  uint8  // rank+1 of the reason; 0: the line passes
	rate    uint8  // index+1 into rates; 0: not admitted
	origin  uint8  // index+1 into canon; 0: as read
	purpose uint8  // index+1 into canon; 0: as read, narrowed
}

func newVerdicts(n int, vr *voucherRules) *verdicts {
	return &verdicts{v: make([]verdict, n), rates: vr.rates, canon: vr.canon}
}

// passes reports whether line i has not been rejected (yet).
func (vs *verdicts) passes(i int) bool { return vs.v[i].reason == 0 }

// reject gives line i its reason and detail; it is no longer admitted.
func (vs *verdicts) reject(i int, reason Reason, detail string) {
	d := uint32(0)
	if detail != "" {
		vs.details = append(vs.details, detail)
		d = uint32(len(vs.details))
	}
	vs.v[i] = verdict{reason: reasonIndex(reason), detail: d}
}

// rate is the rate line i was admitted at.
func (vs *verdicts) rate(i int) decimal.Decimal {
	if k := vs.v[i].rate; k > 0 {
		return vs.rates[k-1]
	}
	return decimal.Zero
}

// SettledLines are one voucher's lines with their outcome: eligible at a
// rate, or rejected with a reason and a detail (Result.Lines). Lines that
// were never settled (a Result built by hand without SetLines) show no
// outcome: not eligible, no reason.
type SettledLines struct {
	lines *Lines
	verd  *verdicts // nil: not settled
}

// Len is the number of lines.
func (s SettledLines) Len() int { return s.lines.Len() }

// Line returns line i with its outcome.
func (s SettledLines) Line(i int) Line {
	l := s.lines.Line(i)
	if s.verd == nil {
		return l
	}
	v := s.verd.v[i]
	l.Reason, l.Detail, l.Rate = s.Reason(i), "", decimal.Decimal{}
	l.Eligible = v.reason == 0
	if v.detail > 0 {
		l.Detail = s.verd.details[v.detail-1]
	}
	if !l.Eligible {
		return l
	}
	l.Rate = s.verd.rate(i)
	if v.origin > 0 {
		l.ComputeOrigin = s.verd.canon[v.origin-1]
	}
	if v.purpose > 0 {
		l.Purpose = s.verd.canon[v.purpose-1]
	} else {
		l.Purpose = Narrow(l.Purpose)
	}
	return l
}

// Eligible reports whether line i is eligible.
func (s SettledLines) Eligible(i int) bool {
	return s.verd != nil && s.verd.v[i].reason == 0
}

// Reason is line i's reason, "" when it is eligible.
func (s SettledLines) Reason(i int) Reason {
	if s.verd == nil {
		return ""
	}
	if k := s.verd.v[i].reason; k > 0 {
		return Reasons[k-1]
	}
	return ""
}

// Amount is line i's amount and whether it could be read.
func (s SettledLines) Amount(i int) (Money, bool) { return s.lines.Amount(i) }

// Row is line i's row number in its sheet.
func (s SettledLines) Row(i int) int { return s.lines.Row(i) }

// All yields every line with its outcome and index, in file order.
func (s SettledLines) All() iter.Seq2[int, Line] {
	return func(yield func(int, Line) bool) {
		for i := range s.Len() {
			if !yield(i, s.Line(i)) {
				return
			}
		}
	}
}

// Slice returns every line with its outcome, in file order: for tests
// and small years.
func (s SettledLines) Slice() []Line {
	out := make([]Line, s.Len())
	for i := range out {
		out[i] = s.Line(i)
	}
	return out
}
