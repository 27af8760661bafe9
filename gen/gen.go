// Package gen writes realistic synthetic input years for `settle gen`: the
// six workbooks of SPEC §2, with Chinese company names, valid unified social
// credit codes, real-looking exports (title rows, shuffled columns, 合计 rows,
// amounts and dates in several spellings), about 4% bad lines of random kinds
// and a fixed set of planted cases that exercise every reason code of SPEC §4
// and every step of §5 (see README.md).
//
// The same Options give byte-identical files: every random choice comes from
// PCG streams seeded from Options.Seed, and the workbooks are written with
// fixed document properties and zip entries in a fixed order.
package gen

import (
	"context"
	"errors"
	"fmt"
	"os"

	"golang.org/x/sync/errgroup"

	"settle/pipeline"
	"settle/pipeline/policy"
)

// DefaultLines is the size of the bundled sample year.
const DefaultLines = 3000

// MaxLines keeps the compute sheet (71% of the lines) within Excel's
// 1,048,576 rows per sheet.
const MaxLines = 1_470_000

// Options say what to generate. The zero value of Lines means DefaultLines.
type Options struct {
	Year  int    // settlement year Y
	Out   string // folder for the .xlsx files, created if absent
	Seed  int64  // the same seed gives the same files
	Lines int    // approximate number of voucher lines; 0 = DefaultLines
}

// Summary says what was written.
type Summary struct {
	Enterprises int            // rows of 企业名录
	Lines       map[string]int // voucher lines (not the 合计 row) by file name
}

// Generate writes enterprises.xlsx, reference.xlsx, prior_funding.xlsx and
// the four voucher workbooks of year opt.Year into opt.Out.
func Generate(opt Options) (Summary, error) {
	s, _, err := generate(opt, false)
	return s, err
}

// sizes are the counts derived from Options.Lines.
type sizes struct {
	enterprises int
	lines       [4]int // wanted lines per voucher, in pipeline.Vouchers order
}

// voucherShare is the mix of lines: 71% compute, 14% corpus, 14% model, 1%
// innovation (at 1,400,000 lines: 994,000 / 196,000 / 196,000 / 14,000).
var voucherShare = [4]float64{0.71, 0.14, 0.14, 0.01}

// sizesFor derives the counts: enterprises = Lines/70, the shape of the
// benchmark year (1,400,000 lines from 20,000 enterprises), at least 300
// (the sample's) and at most 20,000. The ratio is the same at every scale
// above 21,000 lines, so that the benchmark's scales differ in size only
// and its time per line shows how the work grows with the lines.
func sizesFor(lines int) sizes {
	s := sizes{enterprises: min(max(300, lines/70), 20000)}
	for i, share := range voucherShare {
		s.lines[i] = int(float64(lines)*share + 0.5)
	}
	return s
}

// RNG streams: each part of the output draws from its own stream, so the
// voucher files can be written concurrently and still come out the same.
const (
	streamWorld uint64 = iota + 1
	streamReviews
	streamVoucher // + index in pipeline.Vouchers
)

// generate does the work of Generate; with record set it also returns every
// line written, for tests.
func generate(opt Options, record bool) (Summary, *records, error) {
	if opt.Lines == 0 {
		opt.Lines = DefaultLines
	}
	switch {
	case opt.Out == "":
		return Summary{}, nil, errors.New("gen: 没有给出输出文件夹")
	case opt.Lines < 0 || opt.Lines > MaxLines:
		return Summary{}, nil, fmt.Errorf("gen: 明细行数 %d 无效，应在 1 到 %d 之间", opt.Lines, MaxLines)
	}
	pol, err := policy.Default()
	if err != nil {
		return Summary{}, nil, err
	}
	from, to := pipeline.NewDate(opt.Year, 1, 1), pipeline.NewDate(opt.Year, 12, 31)
	from, to = max(from, pol.EffectiveFrom), min(to, pol.EffectiveTo)
	if from > to {
		return Summary{}, nil, fmt.Errorf("gen: %d 年不在政策施行期 %s 至 %s 内",
			opt.Year, pol.EffectiveFrom, pol.EffectiveTo)
	}
	if err := os.MkdirAll(opt.Out, 0o755); err != nil {
		return Summary{}, nil, fmt.Errorf("gen: %w", err)
	}

	sz := sizesFor(opt.Lines)
	w := buildWorld(opt.Year, from, to, opt.Seed, sz.enterprises)
	book := bookInfo{year: opt.Year, seed: opt.Seed, dir: opt.Out}

	outs := make([]voucherOutput, len(pipeline.Vouchers))
	g, ctx := errgroup.WithContext(context.Background())
	g.Go(func() error { return writeReference(book, w) })
	for i, v := range pipeline.Vouchers {
		g.Go(func() error {
			vg := newVoucherGen(w, v, opt.Seed, streamVoucher+uint64(i), record)
			var err error
			outs[i], err = vg.write(ctx, book, sz.lines[i])
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return Summary{}, nil, err
	}

	used, contested := make([][]bool, len(outs)), make([][]bool, len(outs))
	var excl []exclusion
	var fund []funded
	for i, o := range outs {
		used[i], contested[i] = o.used, o.contested
		excl = append(excl, o.exclusions...)
		fund = append(fund, o.funded...)
	}
	reviews := w.reviews(used, contested, newRnd(opt.Seed, streamReviews))
	if err := writeEnterprises(book, w, reviews, excl); err != nil {
		return Summary{}, nil, err
	}
	if err := writePriorFunding(book, fund); err != nil {
		return Summary{}, nil, err
	}

	sum := Summary{Enterprises: len(w.ents), Lines: map[string]int{}}
	var rec *records
	if record {
		rec = &records{world: w, reviews: reviews, exclusions: excl, funded: fund,
			lines: map[pipeline.Voucher][]line{}}
	}
	for i, v := range pipeline.Vouchers {
		sum.Lines[layouts[v].file] = outs[i].lines
		if rec != nil {
			rec.lines[v] = outs[i].recorded
		}
	}
	return sum, rec, nil
}

// records is what a recording run wrote, for tests.
type records struct {
	world      *world
	reviews    []review
	exclusions []exclusion                 // 核减明细, in sheet order from row 2
	funded     []funded                    // 已资助发票, in sheet order from row 2
	lines      map[pipeline.Voucher][]line // in file order, with their row
}
