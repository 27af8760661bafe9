package pipeline

import (
	"context"
	"testing"
)

// TestComputeRatesAndCreditNotes: 60% of the domestic base plus 30% of the
// foreign base, each base counted as zero when credit notes make it
// negative; amounts rounded down to the fen.
func TestComputeRatesAndCreditNotes(t *testing.T) {
	w := newWorld(t)
	a, b := w.enterprise(1), w.enterprise(2)
	prov := w.partner(100, "2025-01-01", "")
	w.add(compute(a, prov, "D1", "2025-07-01", "国产", 1000))
	w.add(compute(a, prov, "D2", "2025-07-02", "国产", -200)) // credit note nets
	w.add(compute(a, prov, "F1", "2025-07-03", "非国产", 300))
	w.add(compute(a, prov, "F2", "2025-07-04", "非国产", -500)) // foreign base -200 -> 0
	odd := compute(b, prov, "D3", "2025-07-05", "domestic", 0)
	odd.Amount = 3333 // 33.33 yuan: 60% = 19.998 -> 19.99
	w.add(odd)
	r := w.settle()

	got := awardOf(t, r, Compute, a)
	if got.BaseDomestic != Yuan(800) || got.BaseForeign != 0 || got.Base != Yuan(800) {
		t.Errorf("bases = %s / %s / %s, want 800.00 / 0.00 / 800.00", got.BaseDomestic, got.BaseForeign, got.Base)
	}
	if got.EligibleLines != 4 {
		t.Errorf("eligible lines = %d, want 4", got.EligibleLines)
	}
	if got.Entitlement.String() != "480" || got.AfterCap != Yuan(480) || got.Amount != Yuan(480) || got.Status != Awarded {
		t.Errorf("entitlement %s after cap %s award %s status %s, want 480 / 480.00 / 480.00 / AWARDED",
			got.Entitlement, got.AfterCap, got.Amount, got.Status)
	}
	gb := awardOf(t, r, Compute, b)
	if gb.Entitlement.String() != "19.998" || gb.AfterCap != 1999 || gb.Amount != 1999 {
		t.Errorf("entitlement %s after cap %s award %s, want 19.998 / 19.99 / 19.99", gb.Entitlement, gb.AfterCap, gb.Amount)
	}
}

// TestCapAndStatuses: the cap applies before the pool; review outcomes and
// the threshold decide who competes for the pool.
func TestCapAndStatuses(t *testing.T) {
	w := newWorld(t)
	capped, rejected, pending, noRow := w.enterprise(1), w.enterprise(2), w.enterprise(3), w.enterprise(4)
	prov := w.partner(100, "2025-01-01", "")
	w.reg.Reviews[ReviewKey{rejected, Compute}] = ReviewRow{Result: Rejected}
	w.reg.Reviews[ReviewKey{pending, Compute}] = ReviewRow{Result: Pending}
	delete(w.reg.Reviews, ReviewKey{noRow, Compute})
	w.add(compute(capped, prov, "B1", "2025-07-01", "国产", 40_000_000))
	for i, u := range []string{rejected, pending, noRow} {
		w.add(compute(u, prov, "X"+string(rune('0'+i)), "2025-07-01", "国产", 1000))
	}
	r := w.settle()
	c := awardOf(t, r, Compute, capped)
	if !c.CapApplied || c.Entitlement.String() != "24000000" || c.AfterCap != Yuan(20_000_000) || c.Amount != Yuan(20_000_000) {
		t.Errorf("capped: %+v", c)
	}
	for u, want := range map[string]Status{rejected: RejectedByReview, pending: PendingReview, noRow: PendingReview} {
		a := awardOf(t, r, Compute, u)
		if a.Status != want || a.Amount != 0 || a.AfterCap != Yuan(600) {
			t.Errorf("%s: status %s amount %s after cap %s, want %s 0.00 600.00", u, a.Status, a.Amount, a.AfterCap, want)
		}
	}
	tot := r.Totals[0]
	if tot.Applicants != 4 || tot.Approved != 1 || tot.AwardedAmount != Yuan(20_000_000) || tot.Oversubscribed {
		t.Errorf("totals: %+v", tot)
	}

	// With a threshold, a small approved base is BELOW_THRESHOLD.
	w2 := newWorld(t)
	small := w2.enterprise(1)
	prov = w2.partner(100, "2025-01-01", "")
	w2.add(compute(small, prov, "B1", "2025-07-01", "国产", 1000))
	p := testPolicy()
	p.Vouchers[Compute].MinBase = Yuan(5000)
	w2.in.Files = []InputFile{{Name: "compute.xlsx", Voucher: Compute}}
	r2, err := Settle(context.Background(), Run{Year: 2025}, p, w2.in)
	if err != nil {
		t.Fatal(err)
	}
	if a := awardOf(t, r2, Compute, small); a.Status != BelowThreshold || a.Amount != 0 {
		t.Errorf("threshold: status %s amount %s", a.Status, a.Amount)
	}
}

// TestOversubscribedPool: innovation's pool of 50,000,000 split among 150
// capped enterprises (75,000,000 claimed) sums to the pool exactly.
func TestOversubscribedPool(t *testing.T) {
	w := newWorld(t)
	for i := 1; i <= 150; i++ {
		u := w.enterprise(i)
		w.add(Line{Voucher: Innovation, EnterpriseUSCC: u, DocumentNo: "R" + u,
			Date: day(t, "2025-08-01"), HasDate: true, Amount: Yuan(2_000_000), HasAmount: true})
	}
	pending := w.enterprise(151)
	w.reg.Reviews[ReviewKey{pending, Innovation}] = ReviewRow{Result: Pending}
	w.add(Line{Voucher: Innovation, EnterpriseUSCC: pending, DocumentNo: "R-pending",
		Date: day(t, "2025-08-01"), HasDate: true, Amount: Yuan(100), HasAmount: true})
	r := w.settle()
	if p := awardOf(t, r, Innovation, pending); p.Amount != 0 || p.PoolFactor != 2.0/3 {
		t.Fatalf("pending enterprise: award %s factor %v, want 0 and the voucher's factor", p.Amount, p.PoolFactor)
	}
	r.Awards = r.Awards[:150]
	var sum Money
	for _, a := range r.Awards {
		if a.AfterCap != Yuan(500_000) || a.Amount > a.AfterCap || a.PoolFactor != 2.0/3 {
			t.Fatalf("%s: after cap %s award %s", a.USCC, a.AfterCap, a.Amount)
		}
		sum += a.Amount
	}
	tot := r.Totals[3]
	if sum != Yuan(50_000_000) || tot.AwardedAmount != sum || !tot.Oversubscribed {
		t.Fatalf("sum %s, totals %+v", sum, tot)
	}
	// 500,000 × 2/3 = 333,333.333..: 333,333.33 each, 0.50 left over goes
	// one fen each to the 50 smallest USCCs.
	if r.Awards[0].Amount != 33333334 || r.Awards[149].Amount != 33333333 {
		t.Fatalf("first %s last %s", r.Awards[0].Amount, r.Awards[149].Amount)
	}
}

// TestControlTotals: lines = eligible + rejected and amounts reconcile per
// file, with bad-amount lines counted but not summed.
func TestControlTotals(t *testing.T) {
	w := newWorld(t)
	a := w.enterprise(1)
	prov := w.partner(100, "2025-01-01", "")
	w.add(compute(a, prov, "B1", "2025-07-01", "国产", 100))
	w.add(compute(a, prov, "B2", "2024-07-01", "国产", 50))
	bad := compute(a, prov, "B3", "2025-07-01", "国产", 0)
	bad.HasAmount = false
	bad.Problems = []Problem{{Reason: BadAmount, Cell: "I4", Value: "x"}}
	w.add(bad)
	r := w.settle()
	f := r.Files[0]
	if f.Lines != 3 || f.Eligible != 1 || f.Rejected != 2 || f.BadAmountLines != 1 ||
		f.Amount != Yuan(150) || f.EligibleAmount != Yuan(100) || f.RejectedAmount != Yuan(50) || !f.Reconciles() {
		t.Fatalf("totals %+v", f)
	}
	if f.ByReason[OutOfPeriod] != 1 || f.ByReason[BadAmount] != 1 {
		t.Fatalf("by reason %v", f.ByReason)
	}
}
