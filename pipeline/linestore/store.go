// Package linestore keeps many table rows (a year of 1.4 million voucher
// lines, until their outputs are written) in little memory: a row is a
// record of plain fields of about 90 bytes with no pointers but its two
// long identifiers. It knows nothing of rules or outcomes; each row may
// carry one value of the caller's (P, e.g. the cell defect that decides
// its fate), kept in a side slice so that rows without one cost nothing.
package linestore

import "settle/pipeline/compact"

// NumTexts is the number of numbered texts a row has: texts that repeat
// from row to row (buyers, providers, names ...), each kept once per
// column. Which column holds what is the caller's business.
const NumTexts = 8

// Row is one row in the form it is handed in and read back in.
type Row[P any] struct {
	Group       string // e.g. the voucher; one of at most 256 per store
	File, Sheet string // where the row was read; at most 256 pairs per store
	Line        int32  // the row's number in its sheet
	Texts       [NumTexts]string
	// Document and Invoice are identifiers that seldom repeat: they are
	// copied into shared blocks, not numbered.
	Document, Invoice string
	Amount            int64
	HasAmount         bool
	Date              int32
	HasDate           bool
	Payload           P
	HasPayload        bool
}

// Store holds rows in order. The zero Store is empty and ready to use.
type Store[P any] struct {
	recs     []record
	texts    compact.Texts
	docs     compact.Arena
	places   []place
	groups   []string
	payloads []P // payloads[k-1] for record.payload == k
}

type record struct {
	document, invoice string
	amount            int64
	text              [NumTexts]uint32
	line              int32
	date              int32
	payload           uint32 // 0: none; else index+1 into Store.payloads
	place             uint8  // index into Store.places
	group             uint8  // index into Store.groups
	flags             uint8
}

type place struct{ file, sheet string }

const (
	fHasDate uint8 = 1 << iota
	fHasAmount
)

// Len is the number of rows.
func (s *Store[P]) Len() int {
	if s == nil {
		return 0
	}
	return len(s.recs)
}

// Grow makes room for n more rows.
func (s *Store[P]) Grow(n int) {
	if n > 0 && cap(s.recs)-len(s.recs) < n {
		grown := make([]record, len(s.recs), len(s.recs)+n)
		copy(grown, s.recs)
		s.recs = grown
	}
}

// Append stores a copy of r. Its texts may be slices of a reader's
// buffer: they are copied.
func (s *Store[P]) Append(r *Row[P]) {
	s.recs = append(s.recs, record{})
	s.put(len(s.recs)-1, r)
}

// Set replaces row i by r. A payload it replaces stays in the side
// slice: Set is for tests and corrections, not for bulk use.
func (s *Store[P]) Set(i int, r *Row[P]) { s.put(i, r) }

func (s *Store[P]) put(i int, r *Row[P]) {
	rec := &s.recs[i]
	*rec = record{
		document: s.docs.Copy(r.Document),
		invoice:  s.docs.Copy(r.Invoice),
		amount:   r.Amount,
		line:     r.Line,
		date:     r.Date,
		place:    smallIndex(&s.places, place{r.File, r.Sheet}),
		group:    smallIndex(&s.groups, r.Group),
		flags:    flag(r.HasDate, fHasDate) | flag(r.HasAmount, fHasAmount),
	}
	for c, t := range r.Texts {
		rec.text[c] = s.texts.ID(c, t)
	}
	if r.HasPayload {
		s.payloads = append(s.payloads, r.Payload)
		rec.payload = uint32(len(s.payloads))
	}
}

// Get fills r with row i.
func (s *Store[P]) Get(i int, r *Row[P]) {
	rec := &s.recs[i]
	p := s.places[rec.place]
	*r = Row[P]{
		Group:     s.groups[rec.group],
		File:      p.file,
		Sheet:     p.sheet,
		Line:      rec.line,
		Document:  rec.document,
		Invoice:   rec.invoice,
		Amount:    rec.amount,
		HasAmount: rec.flags&fHasAmount != 0,
		Date:      rec.date,
		HasDate:   rec.flags&fHasDate != 0,
	}
	for c, id := range rec.text {
		r.Texts[c] = s.texts.Text(id)
	}
	if rec.payload > 0 {
		r.Payload, r.HasPayload = s.payloads[rec.payload-1], true
	}
}

// Amount is row i's amount and whether it could be read.
func (s *Store[P]) Amount(i int) (int64, bool) {
	rec := &s.recs[i]
	return rec.amount, rec.flags&fHasAmount != 0
}

// Line is row i's number in its sheet.
func (s *Store[P]) Line(i int) int32 { return s.recs[i].line }

// Text is row i's text in column col.
func (s *Store[P]) Text(i, col int) string { return s.texts.Text(s.recs[i].text[col]) }

// Document is row i's document identifier.
func (s *Store[P]) Document(i int) string { return s.recs[i].document }

// Invoice is row i's invoice identifier.
func (s *Store[P]) Invoice(i int) string { return s.recs[i].invoice }

// TextsStored is the number of distinct texts kept, the empty text
// included; TextsIndexed is the number of column col's texts in the
// lookup table (compact.Texts).
func (s *Store[P]) TextsStored() int         { return s.texts.Stored() }
func (s *Store[P]) TextsIndexed(col int) int { return s.texts.Indexed(col) }

// smallIndex returns the index of v in *vs, appending it when new; the
// tables it serves hold a handful of values per store.
func smallIndex[T comparable](vs *[]T, v T) uint8 {
	for k, x := range *vs {
		if x == v {
			return uint8(k)
		}
	}
	if len(*vs) == 256 {
		panic("linestore: more than 256 distinct values in a small table")
	}
	*vs = append(*vs, v)
	return uint8(len(*vs) - 1)
}

func flag(b bool, f uint8) uint8 {
	if b {
		return f
	}
	return 0
}
