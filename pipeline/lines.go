package pipeline

import (
	"iter"

	"settle/pipeline/linestore"
)

// Lines holds one voucher's lines in file order, compactly: a year of
// 1.4 million lines is held until its outputs are written, and as Line
// values (ten texts, a decimal and a problem list each, 300 bytes before
// their texts) it needed over half a gigabyte. The records are kept by
// package linestore, which knows nothing of rules; Lines converts a Line
// to a record and back.
//
// Line returns a line as a Line value and Set stores one; the rules use
// the narrower accessors and never write here: their verdicts are kept in
// the Result (SettledLines). Of a line's problems Lines keeps the one
// that decides its reason (SPEC §4: the first in checking order, the
// leftmost of equals), which is all that the rules and the reports use:
// a junk row has one per column. The outcome fields of a Line (Reason,
// Eligible, Detail, Rate) are not kept: outcomes live in the Result
// (Result.SetLines for one built by hand). The zero Lines and a nil
// *Lines are empty.
type Lines struct {
	st linestore.Store[[]Problem] // the payload: the deciding problem, as a slice of one
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
	textColumns
)

// The store has exactly one numbered text per textColumn.
const _ = uint(linestore.NumTexts-textColumns) + uint(textColumns-linestore.NumTexts)

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
	return s.st.Len()
}

// Grow makes room for n more lines.
func (s *Lines) Grow(n int) { s.st.Grow(n) }

// Append stores a copy of l. Its texts may be slices of a reader's
// buffer: they are copied. Of its problems the deciding one is kept; its
// outcome fields are not.
func (s *Lines) Append(l *Line) {
	r := record(l)
	s.st.Append(&r)
}

// Set replaces line i by l.
func (s *Lines) Set(i int, l Line) {
	r := record(&l)
	s.st.Set(i, &r)
}

// record is l as the store keeps it: of its problems, the deciding one.
func record(l *Line) linestore.Row[[]Problem] {
	r := linestore.Row[[]Problem]{
		Group:     string(l.Voucher),
		File:      l.Origin.File,
		Sheet:     l.Origin.Sheet,
		Line:      int32(l.Origin.Row),
		Document:  l.DocumentNo,
		Invoice:   l.InvoiceNo,
		Amount:    int64(l.Amount),
		HasAmount: l.HasAmount,
		Date:      int32(l.Date),
		HasDate:   l.HasDate,
	}
	r.Texts[tEnterpriseUSCC] = l.EnterpriseUSCC
	r.Texts[tEnterpriseName] = l.EnterpriseName
	r.Texts[tCounterpartyUSCC] = l.CounterpartyUSCC
	r.Texts[tCounterpartyName] = l.CounterpartyName
	r.Texts[tComputeOrigin] = l.ComputeOrigin
	r.Texts[tPurpose] = l.Purpose
	r.Texts[tVenue] = l.Venue
	r.Texts[tFilingNo] = l.FilingNo
	if ps := l.Problems; len(ps) > 0 {
		if len(ps) > 1 { // the one that decides; a junk row has one per column
			ps = []Problem{ps[decisiveProblem(ps)]}
		}
		r.Payload, r.HasPayload = ps, true
	}
	return r
}

// Line returns line i as read, without an outcome. Its Problems are shared with the store and must
// not be changed.
func (s *Lines) Line(i int) Line {
	var r linestore.Row[[]Problem]
	s.st.Get(i, &r)
	l := Line{
		Voucher:          Voucher(r.Group),
		Origin:           Origin{File: r.File, Sheet: r.Sheet, Row: int(r.Line)},
		EnterpriseUSCC:   r.Texts[tEnterpriseUSCC],
		EnterpriseName:   r.Texts[tEnterpriseName],
		CounterpartyUSCC: r.Texts[tCounterpartyUSCC],
		CounterpartyName: r.Texts[tCounterpartyName],
		DocumentNo:       r.Document,
		InvoiceNo:        r.Invoice,
		Date:             Date(r.Date),
		HasDate:          r.HasDate,
		HasAmount:        r.HasAmount,
		Amount:           Money(r.Amount),
		ComputeOrigin:    r.Texts[tComputeOrigin],
		Purpose:          r.Texts[tPurpose],
		Venue:            r.Texts[tVenue],
		FilingNo:         r.Texts[tFilingNo],
		Problems:         r.Payload,
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

// Amount is line i's amount and whether it could be read.
func (s *Lines) Amount(i int) (Money, bool) {
	a, ok := s.st.Amount(i)
	return Money(a), ok
}

// Row is line i's row number in its sheet.
func (s *Lines) Row(i int) int { return int(s.st.Line(i)) }

// document is line i's counterparty and document number.
func (s *Lines) document(i int) (counterparty, document string) {
	return s.st.Text(i, int(tCounterpartyUSCC)), s.st.Document(i)
}

// buyer is line i's enterprise USCC.
func (s *Lines) buyer(i int) string { return s.st.Text(i, int(tEnterpriseUSCC)) }

// invoice is line i's invoice number.
func (s *Lines) invoice(i int) string { return s.st.Invoice(i) }
