package pipeline

// status is SPEC §5 step 4, first that applies: the review rejects, the
// review is pending (or there is no row, or its 审定金额 could not be read),
// the base is below the voucher's min_base (compute: both bases
// together), else the enterprise is a candidate.
func status(review Review, base, minBase Money) Status {
	switch {
	case review == Rejected:
		return RejectedByReview
	case review != Approved:
		return PendingReview
	case base < minBase:
		return BelowThreshold
	}
	return Awarded
}
