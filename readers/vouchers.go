package readers

import (
	"context"
	"strings"

	"golang.org/x/sync/errgroup"

	"settle/pipeline"
	"settle/readers/xlsx"
)

// readVoucher reads every data row of a voucher workbook into lines, in
// file order. A bad cell never fails the read: it is recorded on its line
// as a Problem, for the rules to reject.
func readVoucher(ctx context.Context, b *book, v pipeline.Voucher) (*pipeline.Lines, *table, error) {
	t, err := b.open(voucherFiles[v].sheet)
	if err != nil {
		return nil, nil, err
	}
	defer t.close()
	// One goroutine scans the sheet; another builds the lines from its
	// rows, batch by batch, in order. Each blocking send selects on the
	// group's context, so a failure on either side, or the caller's
	// cancellation, stops both.
	lines := &pipeline.Lines{}
	full, free := make(chan *rowBatch, 2), make(chan *rowBatch, 3)
	for range cap(free) {
		free <- newRowBatch(len(t.pos))
	}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		for b := range full {
			lines.Grow(b.reserve)
			for k := range b.n {
				l := t.line(v, &b.rows[k])
				lines.Append(&l)
			}
			free <- b // never blocks: free holds every batch
		}
		return nil
	})
	g.Go(func() error {
		defer close(full)
		b := <-free
		for n := 0; ; n++ {
			t.into(&b.rows[b.n]) // the table fills the batch's next row in place
			if !t.next() {
				break
			}
			if n == sizingRows {
				b.reserve = reserve(n, t.rows)
			}
			b.rows[b.n].row = t.row
			b.n++
			if !b.full() {
				continue
			}
			select {
			case full <- b:
			case <-gctx.Done():
				return gctx.Err()
			}
			select {
			case b = <-free:
			case <-gctx.Done():
				return gctx.Err()
			}
			b.reset()
		}
		if err := t.err(); err != nil {
			return err
		}
		select {
		case full <- b:
			return nil
		case <-gctx.Done():
			return gctx.Err()
		}
	})
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	return lines, t, nil
}

// sizingRows is how many lines are read before the sheet's size is used
// to estimate how many it holds.
const sizingRows = 4096

// maxSheetRows is the most rows a sheet holds.
const maxSheetRows = 1 << 20

// reserve estimates how many more lines than the n read so far the sheet
// holds, from the bytes the rows read so far took, so that the store of a
// million lines is sized once instead of being copied again and again as
// it grows (and held twice while it is). The estimate is only a capacity:
// a low one leaves the store to grow, and a sheet whose zip header
// overstates its size costs at most a full sheet's capacity.
func reserve(n int, rows *xlsx.Rows) int {
	done, size := rows.Progress()
	if done <= 0 || size <= done || n == 0 {
		return 0
	}
	want := float64(n) * float64(size) / float64(done) * 1.02
	return int(min(want, maxSheetRows)) - n
}

// line builds the line of data row r. Its texts are slices of the row's
// text: the store copies them.
func (t *table) line(v pipeline.Voucher, r *dataRow) pipeline.Line {
	l := pipeline.Line{Voucher: v, Origin: pipeline.Origin{File: t.file, Sheet: t.sheet, Row: r.row}}
	for i, col := range t.spec.columns {
		if t.pos[i] == 0 {
			continue
		}
		text := r.text(i)
		if r.cells[i].Type == xlsx.Error && r.has[i] && isPlainText(col.field) {
			text = "" // #N/A is no document number, name or invoice
		}
		if text == "" || pipeline.IsBlank(text) {
			if col.cell {
				l.Problems = append(l.Problems, t.problem(r, i, pipeline.MissingField, "", pipeline.ErrMissing))
			}
			continue
		}
		switch col.field {
		case fUSCC, fCounterpartyUSCC:
			code, ok := pipeline.NormalizeUSCC(text)
			if !ok {
				l.Problems = append(l.Problems, t.problem(r, i, pipeline.BadUSCC, text, usccCause(code)))
			}
			if col.field == fUSCC {
				l.EnterpriseUSCC = code
			} else {
				l.CounterpartyUSCC = code
			}
		case fAmount:
			m, err := cellAmount(r.cells[i])
			if err != nil {
				l.Problems = append(l.Problems, t.problem(r, i, pipeline.BadAmount, text, err))
				continue
			}
			l.Amount, l.HasAmount = m, true
		case fDate:
			d, err := cellDate(r.cells[i], t.date1904)
			if err != nil {
				l.Problems = append(l.Problems, t.problem(r, i, pipeline.BadDate, text, err))
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

// problem is the defect of spec column i in row r; err says why, wrapping
// a pipeline sentinel.
func (t *table) problem(r *dataRow, i int, reason pipeline.Reason, value string, err error) pipeline.Problem {
	return pipeline.Problem{Reason: reason, Cell: cellRef(t.pos[i], r.row), Header: t.headers[i], Value: shown(value), Err: err}
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
