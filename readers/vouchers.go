package readers

import (
	"context"
	"strings"

	"settle/pipeline"
	"settle/readers/xlsx"
)

// readVoucher reads every data row of a voucher workbook into lines, in
// file order. A bad cell never fails the read: it is recorded on its line
// as a Problem, for the rules to reject.
func readVoucher(ctx context.Context, wb *xlsx.Workbook, v pipeline.Voucher) ([]pipeline.Line, *table, error) {
	vf := voucherFiles[v]
	t, err := openTable(wb, vf.file, vf.sheet)
	if err != nil {
		return nil, nil, err
	}
	defer t.close()
	var lines []pipeline.Line
	for n := 0; t.next(); n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		lines = append(lines, t.line(v))
	}
	if err := t.err(); err != nil {
		return nil, nil, err
	}
	return lines, t, nil
}

// line builds the current row's line.
func (t *table) line(v pipeline.Voucher) pipeline.Line {
	l := pipeline.Line{Voucher: v, Origin: t.origin()}
	for i, col := range t.spec.columns {
		if t.pos[i] == 0 {
			continue
		}
		text := t.text(i)
		if t.cells[i].Type == xlsx.Error && t.has[i] && isPlainText(col.field) {
			text = "" // #N/A is no document number, name or invoice
		}
		if text == "" || pipeline.IsBlank(text) {
			if col.cell {
				l.Problems = append(l.Problems, t.problem(i, pipeline.MissingField, ""))
			}
			continue
		}
		switch col.field {
		case fUSCC, fCounterpartyUSCC:
			code, ok := pipeline.NormalizeUSCC(text)
			if !ok {
				l.Problems = append(l.Problems, t.problem(i, pipeline.BadUSCC, text))
			}
			if col.field == fUSCC {
				l.EnterpriseUSCC = strings.Clone(code)
			} else {
				l.CounterpartyUSCC = strings.Clone(code)
			}
		case fAmount:
			m, err := cellAmount(t.cells[i])
			if err != nil {
				l.Problems = append(l.Problems, t.problem(i, pipeline.BadAmount, text))
				continue
			}
			l.Amount, l.HasAmount = m, true
		case fDate:
			d, err := cellDate(t.cells[i], t.date1904)
			if err != nil {
				l.Problems = append(l.Problems, t.problem(i, pipeline.BadDate, text))
				continue
			}
			l.Date, l.HasDate = d, true
		case fName:
			l.EnterpriseName = strings.Clone(text)
		case fCounterpartyName:
			l.CounterpartyName = strings.Clone(text)
		case fDocumentNo:
			l.DocumentNo = strings.Clone(text)
		case fInvoice:
			l.InvoiceNo = strings.Clone(text)
		case fOrigin:
			l.ComputeOrigin = strings.Clone(text)
		case fPurpose:
			l.Purpose = strings.Clone(text)
		case fVenue:
			l.Venue = strings.Clone(text)
		case fFilingNo:
			l.FilingNo = strings.Clone(text)
		}
	}
	return l
}

func (t *table) problem(i int, r pipeline.Reason, value string) pipeline.Problem {
	return pipeline.Problem{Reason: r, Cell: t.ref(i), Header: t.headers[i], Value: shown(value)}
}

// maxShown is how much of a bad cell's text a problem keeps to show: the
// cell itself is in the input, and a line must not hold megabytes of junk
// twice over (in the problem and in its reason's detail).
const maxShown = 200

// shown is a copy of a bad cell's text to show, cut after maxShown
// characters with an ellipsis.
func shown(s string) string {
	n := 0
	for i := range s {
		if n == maxShown {
			return s[:i] + "…"
		}
		n++
	}
	return strings.Clone(s)
}

// isPlainText reports a free-text column (document and invoice numbers,
// names), where an Excel error value (#N/A, #VALUE!) means the value is
// missing: a bill numbered #VALUE! is no bill, and two lines whose invoice
// reads #N/A do not share an invoice. Other columns reject such a cell by
// their own rule (bad USCC, amount or date; unknown origin, purpose, venue
// or filing).
func isPlainText(f field) bool {
	switch f {
	case fDocumentNo, fInvoice, fName, fCounterpartyName:
		return true
	}
	return false
}
