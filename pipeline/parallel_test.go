package pipeline

import (
	"fmt"
	"reflect"
	"runtime"
	"testing"
)

// manyLines settles a compute year of n lines, several chunks of the line
// rules long, on the given number of processors. Every third buyer is
// unknown, every seventh line is dated before the year, document numbers
// repeat every 40,000 lines and invoice numbers every 5,000 lines of each
// eleventh line, so that duplicates span chunks.
func manyLines(t *testing.T, n, procs int) (*Result, []Line) {
	t.Helper()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	w := newWorld(t)
	buyers := []string{w.enterprise(1), w.enterprise(2), uscc(t, 3)}
	prov := w.partner(100, "2025-01-01", "")
	for i := range n {
		date := "2025-07-01"
		if i%7 == 6 {
			date = "2024-12-31"
		}
		l := compute(buyers[i%3], prov, fmt.Sprintf("B%d", i%40_000), date, "国产", int64(100+i%50))
		if i%11 == 0 {
			l.InvoiceNo = fmt.Sprintf("INV%d", i%5000)
		}
		w.add(l)
	}
	r := w.settle()
	return r, r.Lines(Compute).Slice()
}

// TestSettleOnAnyNumberOfCores: the outcome of every line and every award
// is the one a plain sequential reading of SPEC §4 gives, whether one
// processor settles the year or several share it.
func TestSettleOnAnyNumberOfCores(t *testing.T) {
	const n = 3*checkChunk + 1234
	r1, lines1 := manyLines(t, n, 1)
	r4, lines4 := manyLines(t, n, 4)

	// The reference: rules in order, first passing line wins a document
	// or an invoice (one voucher, one rate: row order decides).
	docs, invoices := map[string]bool{}, map[string]bool{}
	counts := map[Reason]int{}
	for i, l := range lines1 {
		var want Reason
		switch {
		case i%3 == 2:
			want = UnknownEnterprise
		case i%7 == 6:
			want = OutOfPeriod
		case docs[l.DocumentNo]:
			want = DuplicateDocument
		case l.InvoiceNo != "" && invoices[l.InvoiceNo]:
			docs[l.DocumentNo] = true
			want = DuplicateInvoice
		default:
			docs[l.DocumentNo] = true
			invoices[l.InvoiceNo] = l.InvoiceNo != ""
		}
		if l.Reason != want || l.Eligible != (want == "") {
			t.Fatalf("line %d (%s, %s): %q eligible %v, want %q", i, l.DocumentNo, l.InvoiceNo, l.Reason, l.Eligible, want)
		}
		counts[want]++
	}
	if counts[DuplicateDocument] == 0 || counts[DuplicateInvoice] == 0 {
		t.Fatalf("the year has no duplicates to find: %v", counts)
	}
	for i := range lines1 {
		if !reflect.DeepEqual(lines1[i], lines4[i]) {
			t.Fatalf("line %d on 1 and 4 processors:\n%+v\n%+v", i, lines1[i], lines4[i])
		}
	}
	if fmt.Sprint(r1.Awards) != fmt.Sprint(r4.Awards) || fmt.Sprint(r1.Totals) != fmt.Sprint(r4.Totals) {
		t.Fatalf("awards differ:\n%v\n%v", r1.Awards, r4.Awards)
	}
	if len(r1.Awards) != 2 || r1.Totals[0].EligibleLines != counts[""] {
		t.Fatalf("%d awards, %d eligible lines; want 2 and %d", len(r1.Awards), r1.Totals[0].EligibleLines, counts[""])
	}
}
