package pipeline

import (
	"iter"

	"github.com/shopspring/decimal"

	"settle/pipeline/compact"
)

// Lines holds one voucher's lines in file order, compactly: a year of
// 1.4 million lines is held until its outputs are written, and as Line
// values (ten texts, a decimal and a problem list each, 300 bytes before
// their texts) it needed over half a gigabyte. Here a line is a record of
// about 100 bytes with no pointers but its document and invoice numbers;
// the texts that repeat (buyers, providers, names, origins, purposes,
// venues, filing numbers, details) are numbered in a table and kept once,
// and the document and invoice numbers are copied into shared blocks.
//
// Line returns a line as a Line value and Set stores one; the rules use
// the narrower accessors and never write here: their verdicts are kept in
// the Result (SettledLines). The outcome fields of a stored Line are kept
// as given, for Results built by hand. Of a line's problems the store keeps the one
// that decides its reason (SPEC §4: the first in checking order, the
// leftmost of equals), which is all that the rules and the reports use:
// a junk row has one per column. The zero Lines and a nil *Lines are
// empty.
type Lines struct {
	recs     []lineRec
	texts    compact.Texts
	docs     compact.Arena // document and invoice numbers
	origins  []originKey
	vouchers []Voucher
	rates    []decimal.Decimal
	problems [][]Problem // problems[k-1] for lineRec.problems == k
}

// lineRec is one line as stored.
type lineRec struct {
	document, invoice string
	amount            Money
	text              [textColumns]uint32
	row               int32
	date              Date
	problems          uint32 // 0: none; else index+1 into Lines.problems
	origin            uint8  // index into Lines.origins
	voucher           uint8  // index into Lines.vouchers
	rate              uint8  // index+1 into Lines.rates; 0: zero rate
	reason            uint8  // rank+1 of the reason; 0: none
	flags             uint8
}

// textColumn names the numbered texts of a line.
type textColumn uint8

const (
	tEnterpriseUSCC textColumn = iota
	tEnterpriseName
	tCounterpartyUSCC
	tCounterpartyName
	tComputeOrigin
	tPurpose
	tVenue
	tFilingNo
	tDetail
	textColumns
)

const (
	fHasDate uint8 = 1 << iota
	fHasAmount
	fEligible
)

type originKey struct{ file, sheet string }

// NewLines stores ls, in order.
func NewLines(ls ...Line) *Lines {
	s := &Lines{}
	for i := range ls {
		s.Append(&ls[i])
	}
	return s
}

// StoreLines stores each voucher's lines (Inputs.Lines from slices).
func StoreLines(m map[Voucher][]Line) map[Voucher]*Lines {
	out := make(map[Voucher]*Lines, len(m))
	for v, ls := range m {
		out[v] = NewLines(ls...)
	}
	return out
}

// Len is the number of lines.
func (s *Lines) Len() int {
	if s == nil {
		return 0
	}
	return len(s.recs)
}

// Grow makes room for n more lines.
func (s *Lines) Grow(n int) {
	if n > 0 && cap(s.recs)-len(s.recs) < n {
		grown := make([]lineRec, len(s.recs), len(s.recs)+n)
		copy(grown, s.recs)
		s.recs = grown
	}
}

// Append stores a copy of l. Its texts may be slices of a reader's
// buffer: they are copied. Its deciding problem is kept as it is.
func (s *Lines) Append(l *Line) {
	s.recs = append(s.recs, lineRec{})
	s.store(len(s.recs)-1, l)
}

// Set replaces line i by l.
func (s *Lines) Set(i int, l Line) { s.store(i, &l) }

func (s *Lines) store(i int, l *Line) {
	r := &s.recs[i]
	*r = lineRec{
		document: s.docs.Copy(l.DocumentNo),
		invoice:  s.docs.Copy(l.InvoiceNo),
		row:      int32(l.Origin.Row),
		date:     l.Date,
		amount:   l.Amount,
		origin:   smallIndex(&s.origins, originKey{l.Origin.File, l.Origin.Sheet}),
		voucher:  smallIndex(&s.vouchers, l.Voucher),
		reason:   reasonIndex(l.Reason),
	}
	r.text[tEnterpriseUSCC] = s.texts.ID(int(tEnterpriseUSCC), l.EnterpriseUSCC)
	r.text[tEnterpriseName] = s.texts.ID(int(tEnterpriseName), l.EnterpriseName)
	r.text[tCounterpartyUSCC] = s.texts.ID(int(tCounterpartyUSCC), l.CounterpartyUSCC)
	r.text[tCounterpartyName] = s.texts.ID(int(tCounterpartyName), l.CounterpartyName)
	r.text[tComputeOrigin] = s.texts.ID(int(tComputeOrigin), l.ComputeOrigin)
	r.text[tPurpose] = s.texts.ID(int(tPurpose), l.Purpose)
	r.text[tVenue] = s.texts.ID(int(tVenue), l.Venue)
	r.text[tFilingNo] = s.texts.ID(int(tFilingNo), l.FilingNo)
	r.text[tDetail] = s.texts.ID(int(tDetail), l.Detail)
	if !l.Rate.IsZero() {
		r.rate = s.rateIndex(l.Rate)
	}
	if ps := l.Problems; len(ps) > 0 {
		if len(ps) > 1 { // the one that decides; a junk row has one per column
			ps = []Problem{ps[decisiveProblem(ps)]}
		}
		s.problems = append(s.problems, ps)
		r.problems = uint32(len(s.problems))
	}
	r.flags = flag(l.HasDate, fHasDate) | flag(l.HasAmount, fHasAmount) | flag(l.Eligible, fEligible)
}

// Line returns line i. Its Problems are shared with the store and must
// not be changed.
func (s *Lines) Line(i int) Line {
	r := &s.recs[i]
	o := s.origins[r.origin]
	l := Line{
		Voucher:          s.vouchers[r.voucher],
		Origin:           Origin{File: o.file, Sheet: o.sheet, Row: int(r.row)},
		EnterpriseUSCC:   s.texts.Text(r.text[tEnterpriseUSCC]),
		EnterpriseName:   s.texts.Text(r.text[tEnterpriseName]),
		CounterpartyUSCC: s.texts.Text(r.text[tCounterpartyUSCC]),
		CounterpartyName: s.texts.Text(r.text[tCounterpartyName]),
		DocumentNo:       r.document,
		InvoiceNo:        r.invoice,
		Date:             r.date,
		HasDate:          r.flags&fHasDate != 0,
		HasAmount:        r.flags&fHasAmount != 0,
		Eligible:         r.flags&fEligible != 0,
		Amount:           r.amount,
		ComputeOrigin:    s.texts.Text(r.text[tComputeOrigin]),
		Purpose:          s.texts.Text(r.text[tPurpose]),
		Venue:            s.texts.Text(r.text[tVenue]),
		FilingNo:         s.texts.Text(r.text[tFilingNo]),
		Reason:           s.Reason(i),
		Detail:           s.texts.Text(r.text[tDetail]),
	}
	if r.rate > 0 {
		l.Rate = s.rates[r.rate-1]
	}
	if r.problems > 0 {
		l.Problems = s.problems[r.problems-1]
	}
	return l
}

// All yields every line with its index, in file order.
func (s *Lines) All() iter.Seq2[int, Line] {
	return func(yield func(int, Line) bool) {
		for i := range s.Len() {
			if !yield(i, s.Line(i)) {
				return
			}
		}
	}
}

// Slice returns every line as a Line value, in file order: for tests and
// small stores, since it costs the memory the store saves.
func (s *Lines) Slice() []Line {
	out := make([]Line, s.Len())
	for i := range out {
		out[i] = s.Line(i)
	}
	return out
}

// Reason is line i's reason ("" while it passes).
func (s *Lines) Reason(i int) Reason {
	if k := s.recs[i].reason; k > 0 {
		return Reasons[k-1]
	}
	return ""
}

// Eligible reports whether line i was found eligible.
func (s *Lines) Eligible(i int) bool { return s.recs[i].flags&fEligible != 0 }

// Amount is line i's amount and whether it could be read.
func (s *Lines) Amount(i int) (Money, bool) {
	r := &s.recs[i]
	return r.amount, r.flags&fHasAmount != 0
}

// Row is line i's row number in its sheet.
func (s *Lines) Row(i int) int { return int(s.recs[i].row) }

// document is line i's counterparty and document number.
func (s *Lines) document(i int) (counterparty, document string) {
	r := &s.recs[i]
	return s.texts.Text(r.text[tCounterpartyUSCC]), r.document
}

// buyer is line i's enterprise USCC.
func (s *Lines) buyer(i int) string { return s.texts.Text(s.recs[i].text[tEnterpriseUSCC]) }

// invoice is line i's invoice number.
func (s *Lines) invoice(i int) string { return s.recs[i].invoice }

func (s *Lines) rateIndex(d decimal.Decimal) uint8 {
	for k, r := range s.rates {
		if r.Equal(d) && r.Exponent() == d.Exponent() {
			return uint8(k + 1)
		}
	}
	if len(s.rates) == 255 {
		panic("pipeline: more than 255 distinct rates in one voucher")
	}
	s.rates = append(s.rates, d)
	return uint8(len(s.rates))
}

// smallIndex returns the index of v in *vs, appending it when new; the
// tables it serves hold a handful of values per voucher.
func smallIndex[T comparable](vs *[]T, v T) uint8 {
	for k, x := range *vs {
		if x == v {
			return uint8(k)
		}
	}
	if len(*vs) == 256 {
		panic("pipeline: more than 256 distinct values in a small table")
	}
	*vs = append(*vs, v)
	return uint8(len(*vs) - 1)
}

func reasonIndex(r Reason) uint8 {
	if r == "" {
		return 0
	}
	k := r.rank()
	if k == len(Reasons) {
		panic("pipeline: unknown reason code " + string(r))
	}
	return uint8(k + 1)
}

func flag(b bool, f uint8) uint8 {
	if b {
		return f
	}
	return 0
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
