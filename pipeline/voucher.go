package pipeline

// Voucher is the key of one voucher programme of the policy (SPEC §1).
type Voucher string

const (
	Compute    Voucher = "compute"    // 算力券, clause 二(六)
	Corpus     Voucher = "corpus"     // 语料券, clause 二(七)
	Model      Voucher = "model"      // 模型券, clause 二(八)
	Innovation Voucher = "innovation" // 创新券, clause 二(九)
)

// Vouchers lists the vouchers in the order of SPEC §1, the order of every
// report.
var Vouchers = []Voucher{Compute, Corpus, Model, Innovation}

// invoicePriority breaks ties between lines of equal rate that share an
// invoice (SPEC §4 DUPLICATE_INVOICE, 附则(一)): lower wins.
var invoicePriority = map[Voucher]int{Compute: 0, Model: 1, Corpus: 2, Innovation: 3}

// VoucherNames are the Chinese names used in inputs (review sheet) and reports.
var VoucherNames = map[Voucher]string{
	Compute:    "算力券",
	Corpus:     "语料券",
	Model:      "模型券",
	Innovation: "创新券",
}

// VoucherFiles are the file names of the voucher workbooks (SPEC §2),
// for the messages that name a workbook the settlement did not get.
var VoucherFiles = map[Voucher]string{
	Compute:    "compute_billing.xlsx",
	Corpus:     "corpus_contracts.xlsx",
	Model:      "model_transactions.xlsx",
	Innovation: "innovation_contracts.xlsx",
}

// ParseVoucher reads a voucher named in Chinese or by key, ignoring width,
// case and surrounding spaces.
func ParseVoucher(s string) (Voucher, bool) {
	k := Fold(s)
	for _, v := range Vouchers {
		if k == string(v) || k == VoucherNames[v] {
			return v, true
		}
	}
	return "", false
}

// Valid reports whether v is one of the four vouchers.
func (v Voucher) Valid() bool {
	_, ok := invoicePriority[v]
	return ok
}

// ComputeOrigin is where compute power comes from; it decides the rate.
type ComputeOrigin string

const (
	Domestic ComputeOrigin = "domestic" // 国产
	Foreign  ComputeOrigin = "foreign"  // 非国产
)

// ParseComputeOrigin reads 国产/domestic or 非国产/foreign.
func ParseComputeOrigin(s string) (ComputeOrigin, bool) {
	switch Fold(s) {
	case "国产", "domestic":
		return Domestic, true
	case "非国产", "foreign":
		return Foreign, true
	}
	return "", false
}
