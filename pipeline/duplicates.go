package pipeline

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// markDuplicateDocuments rejects every line that repeats the counterparty
// and document number of an earlier passing line of the same voucher (SPEC
// §4 DUPLICATE_DOCUMENT: first one wins, in file order).
func markDuplicateDocuments(lines []Line) {
	type key struct{ counterparty, doc string }
	first := map[key]int{}
	for i := range lines {
		l := &lines[i]
		if l.Reason != "" {
			continue
		}
		k := key{l.CounterpartyUSCC, Fold(l.DocumentNo)}
		if j, seen := first[k]; seen {
			l.Reason = DuplicateDocument
			l.Detail = fmt.Sprintf("单据“%s”与第 %d 行重复", l.DocumentNo, lines[j].Origin.Row)
			continue
		}
		first[k] = i
	}
}

// markDuplicateInvoices lets one line keep each non-empty invoice number
// among all passing lines of all vouchers and rejects the others (SPEC §4
// DUPLICATE_INVOICE, 附则(一) 从优、从高、不重复): the highest rate wins; ties
// go to compute, model, corpus, innovation, then row order.
func markDuplicateInvoices(lines map[Voucher][]Line, rate func(*Line) decimal.Decimal) {
	winner := map[string]*Line{}
	var claimants []*Line
	for _, v := range Vouchers {
		for i := range lines[v] {
			l := &lines[v][i]
			if l.Reason != "" || IsBlank(l.InvoiceNo) {
				continue
			}
			claimants = append(claimants, l)
			k := Fold(l.InvoiceNo)
			if w, ok := winner[k]; !ok || beats(l, w, rate) {
				winner[k] = l
			}
		}
	}
	for _, l := range claimants {
		w := winner[Fold(l.InvoiceNo)]
		if w != l {
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
