package pipeline

import (
	"encoding/binary"
	"fmt"

	"github.com/shopspring/decimal"
)

// markDuplicateDocuments rejects every line that repeats the counterparty
// and document number of an earlier passing line of the same voucher (SPEC
// §4 DUPLICATE_DOCUMENT: first one wins, in file order).
func markDuplicateDocuments(lines *Lines) {
	passing := make([]int32, 0, lines.Len())
	for i := range lines.Len() {
		if lines.Reason(i) == "" {
			passing = append(passing, int32(i))
		}
	}
	// The key is the counterparty, length first so that no two pairs
	// run together, and the folded document number.
	first := firstWithKey(len(passing), func(k int, buf []byte) []byte {
		party, doc := lines.document(int(passing[k]))
		buf = binary.LittleEndian.AppendUint32(buf, uint32(len(party)))
		return appendFold(append(buf, party...), doc)
	})
	for k, i := range passing {
		if f := first[k]; f != int32(k) {
			_, doc := lines.document(int(i))
			lines.reject(int(i), DuplicateDocument, fmt.Sprintf("单据“%s”与第 %d 行重复", doc, lines.Row(int(passing[f]))))
		}
	}
}

// markDuplicateInvoices lets one line keep each non-empty invoice number
// among all passing lines of all vouchers and rejects the others (SPEC §4
// DUPLICATE_INVOICE, 附则(一) 从优、从高、不重复): the highest rate wins; ties
// go to compute, model, corpus, innovation, then row order.
func markDuplicateInvoices(lines map[Voucher]*Lines, rate func(*Line) decimal.Decimal) {
	type claimant struct {
		lines *Lines
		i     int
	}
	n := 0
	for _, v := range Vouchers {
		n += lines[v].Len()
	}
	claimants := make([]claimant, 0, n)
	for _, v := range Vouchers {
		ls := lines[v]
		for i := range ls.Len() {
			if ls.Reason(i) == "" && !IsBlank(ls.invoice(i)) {
				claimants = append(claimants, claimant{ls, i})
			}
		}
	}
	first := firstWithKey(len(claimants), func(k int, buf []byte) []byte {
		c := claimants[k]
		return appendFold(buf, c.lines.invoice(c.i))
	})
	// The winner of each invoice, kept at its first claimant; the
	// claimants are taken in the order of the rule.
	winner := make([]int32, len(claimants))
	var a, b Line
	for k, c := range claimants {
		if f := first[k]; f == int32(k) {
			winner[k] = int32(k)
		} else {
			w := claimants[winner[f]]
			a, b = c.lines.Line(c.i), w.lines.Line(w.i)
			if beats(&a, &b, rate) {
				winner[f] = int32(k)
			}
		}
	}
	for k, c := range claimants {
		if w := winner[first[k]]; w != int32(k) {
			wl := claimants[w].lines.Line(claimants[w].i)
			c.lines.reject(c.i, DuplicateInvoice, fmt.Sprintf("发票“%s”已由 %s 第 %d 行申报", c.lines.invoice(c.i), wl.Origin.File, wl.Origin.Row))
		}
	}
}

// beats reports whether line a takes an invoice from line b.
func beats(a, b *Line, rate func(*Line) decimal.Decimal) bool {
	ra, rb := rate(a), rate(b)
	if c := ra.Cmp(rb); c != 0 {
		return c > 0
	}
	if pa, pb := invoicePriority[a.Voucher], invoicePriority[b.Voucher]; pa != pb {
		return pa < pb
	}
	return a.Origin.Row < b.Origin.Row
}
