package pipeline

import (
	"context"
	"encoding/binary"
	"fmt"

	"settle/pipeline/compact"
)

// duplicateDocuments rejects every line that repeats the counterparty and
// document number of an earlier passing line of the same voucher (SPEC §4
// DUPLICATE_DOCUMENT: first one wins, in file order). Vouchers are
// independent and are done side by side.
func duplicateDocuments(ctx context.Context, _ *checkCtx, s *settling) error {
	return forEach(ctx, len(Vouchers), func(k int) {
		v := Vouchers[k]
		duplicateDocumentsOf(s.lines[v], s.verd[v])
	})
}

func duplicateDocumentsOf(lines *Lines, verd *verdicts) {
	passing := make([]int32, 0, lines.Len())
	for i := range lines.Len() {
		if verd.passes(i) {
			passing = append(passing, int32(i))
		}
	}
	// The key is the counterparty, length first so that no two pairs
	// run together, and the folded document number.
	first := compact.FirstWithKey(len(passing), func(k int, buf []byte) []byte {
		party, doc := lines.document(int(passing[k]))
		buf = binary.LittleEndian.AppendUint32(buf, uint32(len(party)))
		return appendFold(append(buf, party...), doc)
	})
	for k, i := range passing {
		if f := first[k]; f != int32(k) {
			_, doc := lines.document(int(i))
			verd.reject(int(i), DuplicateDocument, fmt.Sprintf("单据“%s”与第 %d 行重复", doc, lines.Row(int(passing[f]))))
		}
	}
}

// claimant is a passing line with an invoice number.
type claimant struct {
	v     Voucher
	lines *Lines
	verd  *verdicts
	i     int
}

// duplicateInvoices lets one line keep each non-empty invoice number
// among all passing lines of all vouchers and rejects the others (SPEC §4
// DUPLICATE_INVOICE, 附则(一) 从优、从高、不重复); beats says which line
// keeps it.
func duplicateInvoices(ctx context.Context, c *checkCtx, s *settling) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	n := 0
	for _, v := range Vouchers {
		n += s.lines[v].Len()
	}
	claimants := make([]claimant, 0, n)
	for _, v := range Vouchers {
		ls, verd := s.lines[v], s.verd[v]
		for i := range ls.Len() {
			if verd.passes(i) && !IsBlank(ls.invoice(i)) {
				claimants = append(claimants, claimant{v, ls, verd, i})
			}
		}
	}
	first := compact.FirstWithKey(len(claimants), func(k int, buf []byte) []byte {
		c := claimants[k]
		return appendFold(buf, c.lines.invoice(c.i))
	})
	// The winner of each invoice, kept at its first claimant; the
	// claimants are taken in the order of the rule.
	winner := make([]int32, len(claimants))
	for k := range claimants {
		if f := first[k]; f == int32(k) {
			winner[k] = int32(k)
		} else if c.beats(&claimants[k], &claimants[winner[f]]) {
			winner[f] = int32(k)
		}
	}
	for k, cl := range claimants {
		if w := winner[first[k]]; w != int32(k) {
			wl := claimants[w]
			o := wl.lines.Line(wl.i).Origin
			cl.verd.reject(cl.i, DuplicateInvoice, fmt.Sprintf("发票“%s”已由 %s 第 %d 行申报", cl.lines.invoice(cl.i), o.File, o.Row))
		}
	}
	return nil
}

// beats reports whether line a takes an invoice from line b: a line whose
// enterprise's review for its voucher is approved beats one whose is not
// (an invoice must not be spent on a claim that cannot be paid); then
// the higher rate; then compute, model, corpus, innovation; then row order.
func (c *checkCtx) beats(a, b *claimant) bool {
	oa := c.reg.ReviewOf(a.lines.buyer(a.i), a.v) == Approved
	ob := c.reg.ReviewOf(b.lines.buyer(b.i), b.v) == Approved
	if oa != ob {
		return oa
	}
	if cmp := a.verd.rate(a.i).Cmp(b.verd.rate(b.i)); cmp != 0 {
		return cmp > 0
	}
	if pa, pb := invoicePriority[a.v], invoicePriority[b.v]; pa != pb {
		return pa < pb
	}
	return a.lines.Row(a.i) < b.lines.Row(b.i)
}
