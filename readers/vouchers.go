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
func readVoucher(ctx context.Context, wb *xlsx.Workbook, v pipeline.Voucher) (*pipeline.Lines, *table, error) {
	vf := voucherFiles[v]
	t, err := openTable(wb, vf.file, vf.sheet)
	if err != nil {
		return nil, nil, err
	}
	defer t.close()
	lines := &pipeline.Lines{}
	for n := 0; t.next(); n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		if n == sizingRows {
			reserve(lines, t.rows)
		}
		l := t.line(v)
		lines.Append(&l)
	}
	if err := t.err(); err != nil {
		return nil, nil, err
	}
	return lines, t, nil
}

// sizingRows is how many lines are read before the sheet's size is used
// to estimate how many it holds.
const sizingRows = 4096

// maxSheetRows is the most rows a sheet holds.
const maxSheetRows = 1 << 20

// reserve makes room for the lines the sheet is likely to hold, estimated
// from the bytes the lines read so far took, so that a million lines are
// not copied again and again as the store grows (nor held twice while
// they are). The estimate is only a capacity: a low one leaves the store
// to grow, and a sheet whose zip header overstates its size costs at most
// a full sheet's capacity.
func reserve(lines *pipeline.Lines, rows *xlsx.Rows) {
	done, size := rows.Progress()
	if done <= 0 || size <= done || lines.Len() == 0 {
		return
	}
	want := float64(lines.Len()) * float64(size) / float64(done) * 1.02
	lines.Grow(int(min(want, maxSheetRows)) - lines.Len())
}

// line builds the current row's line. Its texts are slices of the row's
// text, valid until the next row is read: the store copies them.
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
				l.EnterpriseUSCC = code
			} else {
				l.CounterpartyUSCC = code
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
			l.EnterpriseName = text
		case fCounterpartyName:
			l.CounterpartyName = text
		case fDocumentNo:
			l.DocumentNo = text
		case fInvoice:
			l.InvoiceNo = text
		case fOrigin:
			l.ComputeOrigin = text
		case fPurpose:
			l.Purpose = text
		case fVenue:
			l.Venue = text
		case fFilingNo:
			l.FilingNo = text
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
