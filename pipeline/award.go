package pipeline

import "github.com/shopspring/decimal"

// Status is the outcome of the enterprise rules for one enterprise and
// voucher (SPEC §5 step 4).
type Status string

const (
	Awarded          Status = "AWARDED"
	RejectedByReview Status = "REJECTED_BY_REVIEW"
	PendingReview    Status = "PENDING_REVIEW"
	BelowThreshold   Status = "BELOW_THRESHOLD"
)

var statusText = map[Status]string{
	Awarded:          "予以兑付",
	RejectedByReview: "评审未通过",
	PendingReview:    "待评审",
	BelowThreshold:   "未达规模门槛",
}

// Text is the Chinese wording of the status.
func (s Status) Text() string { return statusText[s] }

var reviewText = map[Review]string{Approved: "通过", Rejected: "不通过", Pending: "待定"}

// Text is the Chinese wording of the review outcome.
func (r Review) Text() string { return reviewText[r] }

// Award is one enterprise's settlement of one voucher, with every step of
// SPEC §5 kept so that reports can show how the amount came about.
type Award struct {
	Voucher Voucher
	Bureau  string // bureau code
	Clause  string
	USCC    string
	Name    string // from 企业名录

	EligibleLines int64
	// Base is the base the rate applies to: for compute the sum of the
	// domestic and foreign bases, each counted as zero when negative.
	Base         Money
	BaseDomestic Money // compute only
	BaseForeign  Money // compute only
	// Entitlement is rate × base, exact, before any rounding.
	Entitlement decimal.Decimal
	Cap         Money
	CapApplied  bool // entitlement exceeded the policy cap
	// Approved is the review's 审定金额 when HasApproved (SPEC §5 step 3).
	Approved    Money
	HasApproved bool
	AfterCap    Money // min(entitlement, cap, 审定金额) rounded down to the unit
	// PoolFactor is pool / candidates' after-cap total when the pool is
	// exceeded, else 1; for display (the award itself is exact).
	PoolFactor float64
	Amount     Money // the award
	Review     Review
	ReviewNote string // 评审结果 备注
	Status     Status
}

// VoucherTotals sums one voucher over all enterprises (SPEC §6 汇总).
type VoucherTotals struct {
	Voucher Voucher
	Name    string
	Clause  string
	Bureau  string

	Lines         int // lines read
	EligibleLines int
	Applicants    int // enterprises with at least one eligible line
	Approved      int // candidates: status AWARDED
	Rejected      int // status REJECTED_BY_REVIEW
	Pending       int // status PENDING_REVIEW
	Below         int // status BELOW_THRESHOLD
	Awarded       int // enterprises with an award above zero

	EligibleBase   Money           // sum of bases over applicants
	Entitlement    decimal.Decimal // sum of entitlements over applicants
	CandidateTotal Money           // sum of after-cap amounts over candidates
	RejectedTotal  Money           // after-cap amounts of REJECTED_BY_REVIEW
	PendingTotal   Money           // after-cap amounts of PENDING_REVIEW
	Pool           Money
	Oversubscribed bool
	PoolFactor     float64
	AwardedAmount  Money
}

// PoolUsed is the share of the pool awarded, in percent, for display.
func (t VoucherTotals) PoolUsed() float64 {
	if t.Pool == 0 {
		return 0
	}
	return float64(t.AwardedAmount) / float64(t.Pool) * 100
}
