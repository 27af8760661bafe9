package gen

import (
	"context"
	"fmt"

	"settle/pipeline"
)

// voucherGen writes one voucher workbook: the planted lines first, then
// random lines, then a 合计 row.
type voucherGen struct {
	w   *world
	v   pipeline.Voucher
	r   *rnd
	lay *layout
	b   *book

	buyers []*company // the clean pool, in this voucher's order of favour
	docSeq int
	inv    *invoiceSeq
	recent []line // random eligible lines, for duplicates and credit notes

	exclusions []exclusion // planted rows of 核减明细
	funded     []funded    // planted rows of prior_funding.xlsx

	used []bool // by enterprise id: filed at least one line
	// contested marks, by enterprise id, a buyer of a line that shares
	// its invoice with another line: its review must be 通过, or the
	// approved-first rule of the contest (SPEC §4) would pick another
	// winner than the one the line was written for.
	contested []bool
	total     pipeline.Money
	lines     int
	record    bool
	recorded  []line
}

// voucherOutput is what writing one voucher file yields.
type voucherOutput struct {
	lines      int
	used       []bool
	contested  []bool
	recorded   []line
	exclusions []exclusion
	funded     []funded
}

func newVoucherGen(w *world, v pipeline.Voucher, seed int64, stream uint64, record bool) *voucherGen {
	r := newRnd(seed, stream)
	g := &voucherGen{
		w: w, v: v, r: r, lay: layouts[v],
		inv:       newInvoiceSeq(w.year, int(stream-streamVoucher)),
		used:      make([]bool, len(w.ents)),
		contested: make([]bool, len(w.ents)),
		record:    record,
	}
	g.buyers = append([]*company(nil), w.clean...)
	r.Shuffle(len(g.buyers), func(i, j int) { g.buyers[i], g.buyers[j] = g.buyers[j], g.buyers[i] })
	return g
}

// recentSize bounds the lines kept for duplicates and credit notes.
const recentSize = 256

// write writes the workbook with about n lines (at least the planted ones).
// It gives up when ctx is cancelled (another file failed).
func (g *voucherGen) write(ctx context.Context, info bookInfo, n int) (voucherOutput, error) {
	b, err := newBook(info)
	if err != nil {
		return voucherOutput{}, err
	}
	g.b = b
	defer b.f.Close()
	s, err := b.sheet(g.lay.sheet, g.lay.widths())
	if err != nil {
		return voucherOutput{}, err
	}
	for i, t := range g.lay.titles {
		if i == 0 {
			t = fmt.Sprintf(t, g.w.year)
		}
		if err := s.header(b.st.title, t); err != nil {
			return voucherOutput{}, err
		}
	}
	if err := s.header(b.st.header, g.lay.headers()...); err != nil {
		return voucherOutput{}, err
	}
	row := make([]any, len(g.lay.cols))
	emit := func(l line) error {
		g.lines++
		l.row = s.row + 1
		if l.ent != nil {
			g.used[l.ent.id] = true
			if l.contested || g.w.isShared(l.invoice) {
				g.contested[l.ent.id] = true
			}
		}
		if l.hasAmount {
			g.total += l.amount
		}
		if g.record {
			g.recorded = append(g.recorded, l)
		}
		l.render(g.lay, row)
		return s.add(row)
	}
	for _, l := range g.planted() {
		if err := emit(l); err != nil {
			return voucherOutput{}, err
		}
	}
	for g.lines < n {
		if g.lines%4096 == 0 && ctx.Err() != nil {
			return voucherOutput{}, ctx.Err()
		}
		l := g.random()
		if l.want == "" && l.amount > 0 {
			g.remember(l)
		}
		if err := emit(l); err != nil {
			return voucherOutput{}, err
		}
	}
	if err := s.add(g.totalRow()); err != nil {
		return voucherOutput{}, err
	}
	if err := s.flush(); err != nil {
		return voucherOutput{}, err
	}
	title := fmt.Sprintf("%d年度%s", g.w.year, g.lay.sheet)
	if err := b.save(g.lay.file, title); err != nil {
		return voucherOutput{}, err
	}
	return voucherOutput{lines: g.lines, used: g.used, contested: g.contested, recorded: g.recorded,
		exclusions: g.exclusions, funded: g.funded}, nil
}

// totalRow is the 合计 row: no buyer code, 合计 in the first other column
// and the sum of every readable amount.
func (g *voucherGen) totalRow() []any {
	row := make([]any, len(g.lay.cols))
	labelled := false
	for i, c := range g.lay.cols {
		switch {
		case c.f == fAmount:
			row[i] = g.b.amountAs(g.total, amountCell)
		case c.f != fBuyer && !labelled:
			row[i], labelled = "合计", true
		}
	}
	return row
}

// remember keeps an eligible random line as a possible original of a
// duplicate or a credit note.
func (g *voucherGen) remember(l line) {
	if len(g.recent) < recentSize {
		g.recent = append(g.recent, l)
		return
	}
	g.recent[g.r.IntN(recentSize)] = l
}

// pickBuyer draws a buyer from the clean pool, a few buyers filing many
// lines and many filing few.
func (g *voucherGen) pickBuyer() *company { return g.buyers[g.r.skewed(len(g.buyers))] }

// nextDoc numbers documents; the serial makes every number unique.
func (g *voucherGen) nextDoc() int {
	g.docSeq++
	return g.docSeq
}

// random is a clean line, or (4%) a line with one defect, or (0.5%, for
// compute and model) a credit note.
func (g *voucherGen) random() line {
	l := g.clean(g.pickBuyer())
	switch x := g.r.Float64(); {
	case x < noiseRate:
		g.spoil(&l)
	case x < noiseRate+creditRate && (g.v == pipeline.Compute || g.v == pipeline.Model):
		g.credit(&l)
	}
	return l
}

const (
	noiseRate  = 0.04
	creditRate = 0.005
)
