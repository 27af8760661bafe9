package pipeline

// applyCap sets the after-cap amount (SPEC §5 step 3): the least of the
// entitlement, the policy cap and the review's 审定金额 where it gives one
// (a 不通过 row's 审定金额 is ignored, and one that could not be read gives
// none: the review is then pending, status.go), rounded down to the unit.
// CapApplied says the policy cap bound: the entitlement exceeded it and no
// smaller 审定金额 did.
func applyCap(a *Award, cap Money, row ReviewRow, hasRow bool, unit Money) {
	a.Cap = cap
	capped := a.Entitlement
	if a.Entitlement.GreaterThan(cap.Decimal()) {
		capped = cap.Decimal()
		a.CapApplied = true
	}
	if hasRow && row.HasApproved && row.BadApproved == "" && row.Result != Rejected {
		a.Approved, a.HasApproved = row.Approved, true
		if row.Approved.Decimal().LessThan(capped) {
			capped = row.Approved.Decimal()
		}
		if row.Approved < cap {
			a.CapApplied = false
		}
	}
	a.AfterCap = FloorTo(capped, unit)
}
