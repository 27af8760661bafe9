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

// claimant is a passing line with an invoice number: line i of voucher
// Vouchers[k]. Kept small: a year has a million of them.
type claimant struct {
	k uint8
	i int32
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
	for k, v := range Vouchers {
		ls, verd := s.lines[v], s.verd[v]
		for i := range ls.Len() {
			if verd.passes(i) && !IsBlank(ls.invoice(i)) {
				claimants = append(claimants, claimant{uint8(k), int32(i)})
			}
		}
	}
	invoice := func(cl claimant) string { return s.lines[Vouchers[cl.k]].invoice(int(cl.i)) }
	first := compact.FirstWithKey(len(claimants), func(k int, buf []byte) []byte {
		return appendFold(buf, invoice(claimants[k]))
	})
	// The winner of each invoice, kept at its first claimant; the
	// claimants are taken in the order of the rule.
	winner := make([]int32, len(claimants))
	for k := range claimants {
		if f := first[k]; f == int32(k) {
			winner[k] = int32(k)
		} else if c.beats(s, claimants[k], claimants[winner[f]]) {
			winner[f] = int32(k)
		}
	}
	for k, cl := range claimants {
		if w := winner[first[k]]; w != int32(k) {
			wl := claimants[w]
			o := s.lines[Vouchers[wl.k]].Line(int(wl.i)).Origin
			s.verd[Vouchers[cl.k]].reject(int(cl.i), DuplicateInvoice, fmt.Sprintf("发票“%s”已由 %s 第 %d 行申报", invoice(cl), o.File, o.Row))
		}
	}
	return nil
}

// beats reports whether line a takes an invoice from line b: a line whose
// enterprise's review for its voucher is approved beats one whose is not
// (an invoice must not be spent on a claim that cannot be paid); then
// the higher rate; then compute, model, corpus, innovation; then row order.
func (c *checkCtx) beats(s *settling, a, b claimant) bool {
	va, vb := Vouchers[a.k], Vouchers[b.k]
	la, lb := s.lines[va], s.lines[vb]
	ia, ib := int(a.i), int(b.i)
	oa := c.reg.ReviewOf(la.buyer(ia), va) == Approved
	ob := c.reg.ReviewOf(lb.buyer(ib), vb) == Approved
	if oa != ob {
		return oa
	}
	if cmp := s.verd[va].rate(ia).Cmp(s.verd[vb].rate(ib)); cmp != 0 {
		return cmp > 0
	}
	if pa, pb := invoicePriority[va], invoicePriority[vb]; pa != pb {
		return pa < pb
	}
	return la.Row(ia) < lb.Row(ib)
}
