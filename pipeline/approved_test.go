package pipeline

import "testing"

// TestApprovedAmount: after cap = min(entitlement, cap, 审定金额) rounded
// down (SPEC §5 step 3); CapApplied only when the policy cap bound; an
// unreadable 审定金额 makes the claim pending; a 不通过 row's is ignored.
func TestApprovedAmount(t *testing.T) {
	cases := []struct {
		name        string
		base        int64 // yuan of domestic compute: entitlement 60%
		row         ReviewRow
		afterCap    Money
		capApplied  bool
		hasApproved bool
		status      Status
		amount      Money
	}{
		{"below the cap", 1000, ReviewRow{Result: Approved, Approved: Yuan(500), HasApproved: true}, Yuan(500), false, true, Awarded, Yuan(500)},
		{"above the entitlement", 1000, ReviewRow{Result: Approved, Approved: Yuan(800), HasApproved: true}, Yuan(600), false, true, Awarded, Yuan(600)},
		{"equal to the entitlement", 1000, ReviewRow{Result: Approved, Approved: Yuan(600), HasApproved: true}, Yuan(600), false, true, Awarded, Yuan(600)},
		{"with fen", 1000, ReviewRow{Result: Approved, Approved: 12345, HasApproved: true}, 12345, false, true, Awarded, 12345},
		{"zero", 1000, ReviewRow{Result: Approved, Approved: 0, HasApproved: true}, 0, false, true, Awarded, 0},
		{"no 审定金额", 1000, ReviewRow{Result: Approved}, Yuan(600), false, false, Awarded, Yuan(600)},
		{"cap binds, 审定金额 above it", 40_000_000, ReviewRow{Result: Approved, Approved: Yuan(30_000_000), HasApproved: true},
			Yuan(20_000_000), true, true, Awarded, Yuan(20_000_000)},
		{"cap binds, 审定金额 equal to it", 40_000_000, ReviewRow{Result: Approved, Approved: Yuan(20_000_000), HasApproved: true},
			Yuan(20_000_000), true, true, Awarded, Yuan(20_000_000)},
		{"审定金额 below a binding cap", 40_000_000, ReviewRow{Result: Approved, Approved: Yuan(15_000_000), HasApproved: true},
			Yuan(15_000_000), false, true, Awarded, Yuan(15_000_000)},
		{"invalid 审定金额: pending", 1000, ReviewRow{Result: Approved, BadApproved: "约五百"}, Yuan(600), false, false, PendingReview, 0},
		{"negative 审定金额: pending", 1000, ReviewRow{Result: Approved, BadApproved: "-500"}, Yuan(600), false, false, PendingReview, 0},
		{"on a 不通过 row: ignored", 1000, ReviewRow{Result: Rejected, Approved: Yuan(100), HasApproved: true}, Yuan(600), false, false, RejectedByReview, 0},
		{"invalid on a 不通过 row", 1000, ReviewRow{Result: Rejected, BadApproved: "x"}, Yuan(600), false, false, RejectedByReview, 0},
		{"on a 待定 row", 1000, ReviewRow{Result: Pending, Approved: Yuan(100), HasApproved: true}, Yuan(100), false, true, PendingReview, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			u := w.enterprise(1)
			tc.row.Note = "专家意见：" + tc.name
			w.reg.Reviews[ReviewKey{u, Compute}] = tc.row
			w.add(compute(u, w.partner(100, "2025-01-01", ""), "B1", "2025-07-01", "国产", tc.base))
			a := awardOf(t, w.settle(), Compute, u)
			if a.AfterCap != tc.afterCap || a.CapApplied != tc.capApplied || a.HasApproved != tc.hasApproved ||
				a.Status != tc.status || a.Amount != tc.amount || a.ReviewNote != tc.row.Note {
				t.Fatalf("after cap %s cap applied %v has approved %v status %s amount %s note %q",
					a.AfterCap, a.CapApplied, a.HasApproved, a.Status, a.Amount, a.ReviewNote)
			}
			if tc.hasApproved && a.Approved != tc.row.Approved {
				t.Fatalf("approved %s, want %s", a.Approved, tc.row.Approved)
			}
		})
	}
}

// TestVoucherTotalsByStatus: counts and after-cap sums per status.
func TestVoucherTotalsByStatus(t *testing.T) {
	w := newWorld(t)
	prov := w.partner(100, "2025-01-01", "")
	rows := []ReviewRow{{Result: Approved}, {Result: Rejected}, {Result: Rejected}, {Result: Pending}, {Result: Approved, BadApproved: "x"}}
	for i, row := range rows {
		u := w.enterprise(i + 1)
		w.reg.Reviews[ReviewKey{u, Compute}] = row
		w.add(compute(u, prov, "B"+u, "2025-07-01", "国产", int64(1000*(i+1))))
	}
	noRow := w.enterprise(9)
	delete(w.reg.Reviews, ReviewKey{noRow, Compute})
	w.add(compute(noRow, prov, "B9", "2025-07-01", "非国产", 100))
	p := testPolicy()
	p.Vouchers[Compute].MinBase = Yuan(800)
	small := w.enterprise(10)
	w.add(compute(small, prov, "B10", "2025-07-01", "国产", 500))
	tot := w.settleWith(p).Totals[0]
	// after cap: 600 / 1200 + 1800 / 2400 + 3000 + 30 / 300 (below 800)
	if tot.Applicants != 7 || tot.Approved != 1 || tot.Rejected != 2 || tot.Pending != 3 || tot.Below != 1 {
		t.Errorf("counts: %+v", tot)
	}
	if tot.RejectedTotal != Yuan(3000) || tot.PendingTotal != Yuan(5430) || tot.CandidateTotal != Yuan(600) || tot.AwardedAmount != Yuan(600) {
		t.Errorf("sums: rejected %s pending %s candidates %s awarded %s", tot.RejectedTotal, tot.PendingTotal, tot.CandidateTotal, tot.AwardedAmount)
	}
}
