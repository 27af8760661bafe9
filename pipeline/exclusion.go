package pipeline

// Exclusion is one row of 核减明细 (SPEC §2): a document the review struck
// out of one enterprise's claim under one voucher. Rows whose required
// cells are empty or whose 券种 is unknown are not Exclusions: the reader
// warns about them and leaves them out.
type Exclusion struct {
	USCC       string // normalized
	Voucher    Voucher
	DocumentNo string // as written; compared folded, as document numbers are
	Reason     string // 核减原因, the detail of the rejected lines
	Origin     Origin
}

// FundedInvoice is one row of prior_funding.xlsx 已资助发票 (SPEC §2), the
// layout of the funded-invoice ledger a final run writes.
type FundedInvoice struct {
	USCC      string // normalized
	InvoiceNo string // as written; compared folded
	Program   string // 资助事项
	Year      string // 资助年度, as written
	Amount    Money  // 申报金额 when HasAmount
	HasAmount bool
	Origin    Origin
}
