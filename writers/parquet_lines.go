package writers

import (
	"context"
	"fmt"
	"path"

	"github.com/parquet-go/parquet-go"
	"golang.org/x/sync/errgroup"

	"settle/pipeline"
	"settle/publish"
)

// lineRow is one row of the lines table (SPEC §6). The partition columns,
// year and voucher, live only in the path. Empty text is null, as are a
// date or amount that could not be read, and rate, reason_code, reason and reason_detail
// where they do not apply (rate on a rejected line, the reason on an
// eligible one). Every nullable column is a pointer: parquet-go v0.32.0
// writes some zero values of an `optional` value field as non-null.
type lineRow struct {
	RunID            string  `parquet:"run_id,dict"`
	SourceFile       string  `parquet:"source_file,dict"`
	SourceSheet      string  `parquet:"source_sheet,dict"`
	SourceRow        int32   `parquet:"source_row"`
	EnterpriseUSCC   *string `parquet:"enterprise_uscc,dict"`
	EnterpriseName   *string `parquet:"enterprise_name,dict"`
	CounterpartyUSCC *string `parquet:"counterparty_uscc,dict"`
	CounterpartyName *string `parquet:"counterparty_name,dict"`
	DocumentNo       *string `parquet:"document_no"`
	InvoiceNo        *string `parquet:"invoice_no"`
	EventDate        *int32  `parquet:"event_date,date"`
	Amount           *int64  `parquet:"amount,decimal(2:18)"`
	ComputeOrigin    *string `parquet:"compute_origin,dict"`
	Purpose          *string `parquet:"purpose,dict"`
	Venue            *string `parquet:"venue,dict"`
	FilingNo         *string `parquet:"filing_no,dict"`
	Rate             *int32  `parquet:"rate,decimal(4:5)"`
	Eligible         bool    `parquet:"eligible"`
	ReasonCode       *string `parquet:"reason_code,dict"`
	Reason           *string `parquet:"reason,dict"`
	ReasonDetail     *string `parquet:"reason_detail"`
}

// linesPath is the table file of one voucher, relative to the Parquet root.
func linesPath(year int, v pipeline.Voucher) string {
	return path.Join("lines", fmt.Sprintf("year=%d", year), "voucher="+string(v), "part-00000.parquet")
}

// WriteLines writes <root>/lines/year=<Y>/voucher=<key>/part-00000.parquet
// for each voucher whose input file was present (r.Files), even one without
// lines, with the rows in file order. It returns the written paths relative
// to root, slash-separated, in voucher order (pipeline.Vouchers).
//
// The files are written two at a time, the largest (compute, about 70% of
// the lines) first: the table of a million lines is the longest single
// output, and the others fit beside it. Each file is written by one
// goroutine, so its bytes do not depend on the scheduling.
func WriteLines(root string, r *pipeline.Result) ([]string, error) {
	return writeLines(context.Background(), nil, root, r)
}

// writeLines is WriteLines through fsys, stopping when ctx is done.
func writeLines(ctx context.Context, fsys publish.FS, root string, r *pipeline.Result) ([]string, error) {
	present := map[pipeline.Voucher]bool{}
	for _, f := range r.Files {
		present[f.Voucher] = true
	}
	var written []string
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(2)
	for _, v := range pipeline.Vouchers {
		if !present[v] {
			continue
		}
		rel := linesPath(r.Year, v)
		written = append(written, rel)
		lines := r.Lines(v)
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err // another table failed
			}
			return writeTable(fsys, root, rel, func(w *parquet.GenericWriter[lineRow]) error {
				return writeLineRows(ctx, w, r.RunID, lines)
			})
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return written, nil
}

func writeLineRows(ctx context.Context, w *parquet.GenericWriter[lineRow], runID string, lines pipeline.SettledLines) error {
	b := newBatch(ctx, w)
	var vals [batchRows]lineValue // what the rows of a batch point to
	for i := range lines.Len() {
		row, k, err := b.next()
		if err != nil {
			return err
		}
		vals[k].line = lines.Line(i)
		if err := fillLineRow(row, &vals[k], runID); err != nil {
			return fmt.Errorf("%s: %w", vals[k].line.Origin, err)
		}
	}
	return b.flush()
}

// lineValue holds the converted values the nullable columns of one row
// point to, kept per batch slot so that a row costs no allocation.
type lineValue struct {
	line         pipeline.Line
	date, rate   int32
	amount       int64
	code, reason string
	detail       string
}

// fillLineRow fills row from v.line; the row's pointers point into v,
// which must stay unchanged until the row is written.
func fillLineRow(row *lineRow, v *lineValue, runID string) error {
	l := &v.line
	*row = lineRow{
		RunID:            runID,
		SourceFile:       l.Origin.File,
		SourceSheet:      l.Origin.Sheet,
		SourceRow:        int32(l.Origin.Row),
		EnterpriseUSCC:   text(&l.EnterpriseUSCC),
		EnterpriseName:   text(&l.EnterpriseName),
		CounterpartyUSCC: text(&l.CounterpartyUSCC),
		CounterpartyName: text(&l.CounterpartyName),
		DocumentNo:       text(&l.DocumentNo),
		InvoiceNo:        text(&l.InvoiceNo),
		ComputeOrigin:    text(&l.ComputeOrigin),
		Purpose:          text(&l.Purpose),
		Venue:            text(&l.Venue),
		FilingNo:         text(&l.FilingNo),
		Eligible:         l.Eligible,
	}
	var err error
	if l.HasDate {
		v.date = int32(l.Date)
		row.EventDate = &v.date
	}
	if l.HasAmount {
		if v.amount, err = money182(l.Amount); err != nil {
			return err
		}
		row.Amount = &v.amount
	}
	if l.Eligible {
		if v.rate, err = rate54(l.Rate); err != nil {
			return fmt.Errorf("比例: %w", err)
		}
		row.Rate = &v.rate
	} else {
		v.code, v.reason = string(l.Reason), l.Reason.Text()
		row.ReasonCode, row.Reason = text(&v.code), text(&v.reason)
		v.detail = l.Detail
		row.ReasonDetail = text(&v.detail)
	}
	return nil
}
