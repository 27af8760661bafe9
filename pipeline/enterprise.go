package pipeline

import "strings"

// Enterprise is one row of 企业名录.
type Enterprise struct {
	USCC     string // normalized
	Name     string
	District string
	Status   string
	Group    string
	Bank     string
	Account  string
	Origin   Origin
}

// activePrefixes mark a business status that may be paid (SPEC §2).
var activePrefixes = []string{"存续", "在业", "在营", "开业"}

// Active reports whether the business status is 存续/在业/在营/开业.
func (e *Enterprise) Active() bool {
	s := Narrow(e.Status)
	for _, p := range activePrefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// InJurisdiction reports whether the registered district equals the
// jurisdiction or ends with it (杭州市滨江区 is in 滨江区).
func (e *Enterprise) InJurisdiction(jurisdiction string) bool {
	d, j := Narrow(e.District), Narrow(jurisdiction)
	return j != "" && strings.HasSuffix(d, j)
}

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

// Registry is the enterprise side of the inputs: 企业名录, 关联关系 and
// 评审结果 of enterprises.xlsx.
type Registry struct {
	Enterprises map[string]*Enterprise // by USCC
	// Affiliated holds both directions of every listed pair, keyed by
	// pairKey(a, b).
	Affiliated map[string]bool
	Reviews    map[ReviewKey]Review
}

// ReviewKey identifies a review row.
type ReviewKey struct {
	USCC    string
	Voucher Voucher
}

// NewRegistry returns an empty registry ready to be filled.
func NewRegistry() *Registry {
	return &Registry{
		Enterprises: map[string]*Enterprise{},
		Affiliated:  map[string]bool{},
		Reviews:     map[ReviewKey]Review{},
	}
}

// AddAffiliation records a pair as affiliated in both directions.
func (r *Registry) AddAffiliation(a, b string) {
	r.Affiliated[pairKey(a, b)] = true
	r.Affiliated[pairKey(b, a)] = true
}

func pairKey(a, b string) string { return a + "|" + b }

// Affiliates reports whether seller is the buyer itself, a listed related
// party of it, or in the same non-empty group (SPEC §4 AFFILIATED_SELLER).
func (r *Registry) Affiliates(buyer, seller string) bool {
	if buyer == seller || r.Affiliated[pairKey(buyer, seller)] {
		return true
	}
	b, s := r.Enterprises[buyer], r.Enterprises[seller]
	if b == nil || s == nil {
		return false
	}
	g := Narrow(b.Group)
	return g != "" && g == Narrow(s.Group)
}

// ReviewOf returns the review outcome; no row means pending.
func (r *Registry) ReviewOf(uscc string, v Voucher) Review {
	if rv, ok := r.Reviews[ReviewKey{uscc, v}]; ok {
		return rv
	}
	return Pending
}
