package pipeline

// InputFile describes one input workbook as read.
type InputFile struct {
	Name    string  // file name, e.g. compute_billing.xlsx
	Voucher Voucher // empty for enterprises.xlsx and reference.xlsx
	Sheet   string  // the voucher sheet as found
	SHA256  string  // hex
	Size    int64
	// SummaryRows counts 合计/总计/小计 rows, which are not lines.
	SummaryRows int
}

// Inputs is everything read from one year's input folder.
type Inputs struct {
	Registry  *Registry
	Reference *Reference
	// Lines holds each voucher's lines in file order; a voucher whose
	// workbook is absent has none.
	Lines map[Voucher]*Lines
	Files []InputFile // in the order of SPEC §2
	// Warnings are problems in the registry or reference lists that did
	// not stop the run (a partner row without a readable date, a
	// duplicated enterprise ...), each naming file, sheet and row.
	Warnings []string
}

// FileTotals are the control totals of one voucher input (SPEC §6
// manifest): lines = eligible + rejected, and the amount of every line
// whose amount could be read = eligible amount + rejected amount.
type FileTotals struct {
	InputFile
	Lines          int
	Eligible       int
	Rejected       int
	BadAmountLines int   // lines whose amount could not be read
	Amount         Money // sum over lines whose amount could be read
	EligibleAmount Money
	RejectedAmount Money
	ByReason       map[Reason]int
}

// Reconciles reports whether the control totals add up.
func (t FileTotals) Reconciles() bool {
	return t.Lines == t.Eligible+t.Rejected && t.Amount == t.EligibleAmount+t.RejectedAmount
}

// Result is a settled year.
type Result struct {
	Year   int
	RunID  string
	Policy *Policy
	Inputs *Inputs // lines carry their outcome after Settle
	Awards []Award // by voucher (SPEC §1 order), then USCC
	Totals []VoucherTotals
	Files  []FileTotals // one per voucher input present, SPEC §2 order
}
