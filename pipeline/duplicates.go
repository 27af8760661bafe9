package pipeline

import (
	"encoding/binary"
	"fmt"

	"github.com/shopspring/decimal"
)

// markDuplicateDocuments rejects every line that repeats the counterparty
// and document number of an earlier passing line of the same voucher (SPEC
// §4 DUPLICATE_DOCUMENT: first one wins, in file order).
func markDuplicateDocuments(lines []Line) {
	passing := make([]int32, 0, len(lines))
	for i := range lines {
		if lines[i].Reason == "" {
			passing = append(passing, int32(i))
		}
	}
	// The key is the counterparty, length first so that no two pairs
	// run together, and the folded document number.
	first := firstWithKey(len(passing), func(k int, buf []byte) []byte {
		l := &lines[passing[k]]
		buf = binary.LittleEndian.AppendUint32(buf, uint32(len(l.CounterpartyUSCC)))
		return appendFold(append(buf, l.CounterpartyUSCC...), l.DocumentNo)
	})
	for k, i := range passing {
		if f := first[k]; f != int32(k) {
			l := &lines[i]
			l.Reason = DuplicateDocument
			l.Detail = fmt.Sprintf("单据“%s”与第 %d 行重复", l.DocumentNo, lines[passing[f]].Origin.Row)
		}
	}
}

// markDuplicateInvoices lets one line keep each non-empty invoice number
// among all passing lines of all vouchers and rejects the others (SPEC §4
// DUPLICATE_INVOICE, 附则(一) 从优、从高、不重复): the highest rate wins; ties
// go to compute, model, corpus, innovation, then row order.
func markDuplicateInvoices(lines map[Voucher][]Line, rate func(*Line) decimal.Decimal) {
	n := 0
	for _, v := range Vouchers {
		n += len(lines[v])
	}
	claimants := make([]*Line, 0, n)
	for _, v := range Vouchers {
		for i := range lines[v] {
			if l := &lines[v][i]; l.Reason == "" && !IsBlank(l.InvoiceNo) {
				claimants = append(claimants, l)
			}
		}
	}
	first := firstWithKey(len(claimants), func(k int, buf []byte) []byte {
		return appendFold(buf, claimants[k].InvoiceNo)
	})
	// The winner of each invoice, kept at its first claimant; the
	// claimants are taken in the order of the rule.
	winner := make([]*Line, len(claimants))
	for k, l := range claimants {
		if f := first[k]; f == int32(k) {
			winner[k] = l
		} else if beats(l, winner[f], rate) {
			winner[f] = l
		}
	}
	for k, l := range claimants {
		if w := winner[first[k]]; w != l {
			l.Reason = DuplicateInvoice
			l.Detail = fmt.Sprintf("发票“%s”已由 %s 第 %d 行申报", l.InvoiceNo, w.Origin.File, w.Origin.Row)
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
