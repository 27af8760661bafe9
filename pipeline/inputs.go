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
	// Exclusions are the rows of 核减明细 (none when the sheet is absent).
	Exclusions []Exclusion
	// Funded are the rows of prior_funding.xlsx (none when it is absent).
	Funded []FundedInvoice
	// Warnings are problems in the inputs that did not stop the run (a
	// partner row without a readable date, a duplicated enterprise ...),
	// each naming file, sheet and row.
	Warnings []Warning
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

// Stage says whether a settlement is a draft for review and the public
// notice, or the final one that is paid (SPEC §6).
type Stage string

const (
	Draft Stage = "draft"
	Final Stage = "final"
)

// Text is the stage in Chinese, as printed on every page.
func (s Stage) Text() string {
	if s == Final {
		return "正式"
	}
	return "草稿"
}

// Run says what is settled: the year and the stage.
type Run struct {
	Year  int
	Stage Stage // Draft when empty
}

// Result is a settled year.
type Result struct {
	Year   int
	Stage  Stage
	RunID  string
	Policy *Policy
	Inputs *Inputs // as read; Settle leaves them as they were
	Awards []Award // by voucher (SPEC §1 order), then USCC
	Totals []VoucherTotals
	Files  []FileTotals // one per voucher input present, SPEC §2 order
	// Warnings are the inputs' warnings followed by those of the
	// settlement (an exclusion that matches no line, an award held for
	// its bank details ...).
	Warnings []Warning

	verdicts map[Voucher]*verdicts // the lines' outcome (Settle, SetLines)
}

// Lines returns voucher v's lines with their outcome: eligible with a
// rate, or rejected with a reason and detail. Lines never settled (a
// Result built by hand without SetLines, or lines replaced after Settle
// without it) show no outcome.
func (r *Result) Lines(v Voucher) SettledLines {
	if r.Inputs == nil {
		return SettledLines{}
	}
	s := SettledLines{lines: r.Inputs.Lines[v], verd: r.verdicts[v]}
	if s.verd != nil && len(s.verd.v) != s.lines.Len() { // lines replaced after settling
		s.verd = nil
	}
	return s
}

// Pending lists the enterprises and vouchers with an eligible line whose
// review is still pending: a final run is refused while there are any.
func (r *Result) Pending() []Award {
	var out []Award
	for _, a := range r.Awards {
		if a.Status == PendingReview {
			out = append(out, a)
		}
	}
	return out
}
