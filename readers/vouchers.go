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
	return pipeline.Problem{Reason: r, Cell: t.ref(i), Header: t.headers[i], Value: strings.Clone(value)}
}
