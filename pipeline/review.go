package pipeline

// Review is the outcome of the expert review of one enterprise and voucher.
type Review string

const (
	Approved Review = "APPROVED" // 通过
	Rejected Review = "REJECTED" // 不通过
	Pending  Review = "PENDING"  // 待定, or no row at all
)

// ParseReview reads 通过 / 不通过 / 待定 (or the English words).
func ParseReview(s string) (Review, bool) {
	switch Fold(s) {
	case "通过", "approved":
		return Approved, true
	case "不通过", "rejected":
		return Rejected, true
	case "待定", "pending":
		return Pending, true
	}
	return "", false
}

// ReviewKey identifies a review row.
type ReviewKey struct {
	USCC    string
	Voucher Voucher
}

// ReviewRow is one row of 评审结果 (SPEC §2) as read.
type ReviewRow struct {
	Result Review
	// Approved is the 审定金额 when HasApproved: the most the review
	// allows this enterprise under this voucher (SPEC §5 step 3).
	Approved    Money
	HasApproved bool
	// BadApproved is the 审定金额 cell as written when it is not a valid
	// amount or is negative: the review then counts as pending (never paid
	// on a cut that could not be read), unless it is 不通过.
	BadApproved string
	Note        string // 备注
	Origin      Origin
}

// Status is the review outcome the rules go by: a row whose 审定金额
// could not be read is pending unless it rejects.
func (r ReviewRow) Status() Review {
	if r.BadApproved != "" && r.Result != Rejected {
		return Pending
	}
	return r.Result
}

// Review returns the review row of an enterprise and voucher; ok is false
// when there is none (which counts as pending).
func (r *Registry) Review(uscc string, v Voucher) (row ReviewRow, ok bool) {
	row, ok = r.Reviews[ReviewKey{uscc, v}]
	return row, ok
}

// ReviewOf returns the review outcome the rules go by; no row means
// pending.
func (r *Registry) ReviewOf(uscc string, v Voucher) Review {
	if row, ok := r.Reviews[ReviewKey{uscc, v}]; ok {
		return row.Status()
	}
	return Pending
}
