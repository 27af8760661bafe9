package gen

import (
	"settle/pipeline"
)

// line is one data row of a voucher workbook: what it says, how its date
// and amount are spelled, and the reason code it must get (empty: eligible).
type line struct {
	row int      // as Excel shows it, set when written
	ent *company // the enterprise of 企业名录 that filed it, or nil

	buyer, buyerName string // USCC as written
	party, partyName string // provider or seller
	doc, invoice     string
	docPrefix        string // provider or venue code of the document number
	seq              int    // serial of the document number
	origin, purpose  string
	venue, filing    string
	note             string

	date      pipeline.Date
	amount    pipeline.Money
	hasDate   bool // false when the date cell is blank or unreadable
	hasAmount bool // same for the amount
	dateCell  any  // nil: no cell
	amtCell   any
	docCell   any // when set, the document number's cell (a number)

	want pipeline.Reason
	// contested: the line shares its invoice with an earlier one, so its
	// buyer's review is 通过 (see voucherGen.contested).
	contested bool
}

// setDate sets the date in a random spelling.
func (g *voucherGen) setDate(l *line, d pipeline.Date) {
	l.date, l.hasDate = d, true
	l.dateCell = g.b.dateAs(d, dateForm(g.r.weighted(dateFormWeights)), g.r)
}

// setAmount sets the amount in a random spelling.
func (g *voucherGen) setAmount(l *line, m pipeline.Money) {
	l.amount, l.hasAmount = m, true
	weights := amountFormWeights
	if m < 0 {
		weights = creditFormWeights
	}
	l.amtCell = g.b.amountAs(m, amountForm(g.r.weighted(weights)))
}

// plain respells date and amount as a date cell and a #,##0.00 number,
// the forms README.md assumes for the planted cases.
func (g *voucherGen) plain(l *line) {
	l.dateCell = g.b.dateValue(l.date)
	l.amtCell = g.b.amountAs(l.amount, amountCell)
}

// render fills row with the line's cells in the layout's column order.
func (l *line) render(lay *layout, row []any) {
	for i, c := range lay.cols {
		var v any
		switch c.f {
		case fBuyer:
			v = text(l.buyer)
		case fBuyerName:
			v = text(l.buyerName)
		case fParty:
			v = text(l.party)
		case fPartyName:
			v = text(l.partyName)
		case fDoc:
			v = text(l.doc)
			if l.docCell != nil {
				v = l.docCell
			}
		case fDate:
			v = l.dateCell
		case fOrigin:
			v = text(l.origin)
		case fPurpose:
			v = text(l.purpose)
		case fVenue:
			v = text(l.venue)
		case fFiling:
			v = text(l.filing)
		case fAmount:
			v = l.amtCell
		case fInvoice:
			v = text(l.invoice)
		case fSeq:
			v = l.row - lay.firstRow() + 1
		case fNote:
			v = text(l.note)
		}
		row[i] = v
	}
}

// text is s, or nil (no cell) when empty.
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}
