package pipeline

// Reason is the code of why a line was rejected (SPEC §4). The zero value
// means the line is eligible.
type Reason string

// The reason codes in the order they are checked: a line gets the first
// that applies.
const (
	MissingField       Reason = "MISSING_FIELD"
	BadUSCC            Reason = "BAD_USCC"
	BadAmount          Reason = "BAD_AMOUNT"
	BadDate            Reason = "BAD_DATE"
	UnknownEnterprise  Reason = "UNKNOWN_ENTERPRISE"
	OutOfJurisdiction  Reason = "OUT_OF_JURISDICTION"
	InactiveEnterprise Reason = "INACTIVE_ENTERPRISE"
	OutOfPeriod        Reason = "OUT_OF_PERIOD"
	BadPurpose         Reason = "BAD_PURPOSE"
	ProviderNotPartner Reason = "PROVIDER_NOT_PARTNER"
	BadComputeOrigin   Reason = "BAD_COMPUTE_ORIGIN"
	VenueNotRecognised Reason = "VENUE_NOT_RECOGNISED"
	AffiliatedSeller   Reason = "AFFILIATED_SELLER"
	ModelNotFiled      Reason = "MODEL_NOT_FILED"
	ModelNotYetFiled   Reason = "MODEL_NOT_YET_FILED"
	ExcludedByReview   Reason = "EXCLUDED_BY_REVIEW"
	AlreadyFunded      Reason = "ALREADY_FUNDED"
	DuplicateDocument  Reason = "DUPLICATE_DOCUMENT"
	DuplicateInvoice   Reason = "DUPLICATE_INVOICE"
)

// Reasons lists every code in checking order.
var Reasons = []Reason{
	MissingField, BadUSCC, BadAmount, BadDate, UnknownEnterprise,
	OutOfJurisdiction, InactiveEnterprise, OutOfPeriod, BadPurpose,
	ProviderNotPartner, BadComputeOrigin, VenueNotRecognised,
	AffiliatedSeller, ModelNotFiled, ModelNotYetFiled, ExcludedByReview,
	AlreadyFunded, DuplicateDocument, DuplicateInvoice,
}

var reasonText = map[Reason]string{
	MissingField:       "必填字段缺失",
	BadUSCC:            "统一社会信用代码无效",
	BadAmount:          "金额无效",
	BadDate:            "日期无效",
	UnknownEnterprise:  "企业不在名录",
	OutOfJurisdiction:  "非本区企业",
	InactiveEnterprise: "企业非存续状态",
	OutOfPeriod:        "不在结算期内",
	BadPurpose:         "用途不符",
	ProviderNotPartner: "服务商不在算力合作伙伴名单",
	BadComputeOrigin:   "算力类型无法识别",
	VenueNotRecognised: "非认可交易平台",
	AffiliatedSeller:   "卖方为关联方",
	ModelNotFiled:      "模型未备案",
	ModelNotYetFiled:   "交易早于备案",
	ExcludedByReview:   "评审核减",
	AlreadyFunded:      "发票已获其他资助",
	DuplicateDocument:  "单据重复",
	DuplicateInvoice:   "发票重复申报",
}

// Text is the Chinese wording of the reason, as printed in reports.
func (r Reason) Text() string { return reasonText[r] }

// rank is the position of r in the checking order.
func (r Reason) rank() int {
	for i, c := range Reasons {
		if c == r {
			return i
		}
	}
	return len(Reasons)
}

// reasonIndex is r's rank+1, 0 for no reason; the compact form of a
// reason in the verdicts.
func reasonIndex(r Reason) uint8 {
	if r == "" {
		return 0
	}
	k := r.rank()
	if k == len(Reasons) {
		panic("pipeline: unknown reason code " + string(r))
	}
	return uint8(k + 1)
}

// decisiveProblem is the index of the problem whose reason comes first in
// the order of SPEC §4 (the leftmost of equals), -1 when there is none:
// the one problem of a line that Lines keeps.
func decisiveProblem(ps []Problem) int {
	best := -1
	for i, p := range ps {
		if best < 0 || p.Reason.rank() < ps[best].Reason.rank() {
			best = i
		}
	}
	return best
}
