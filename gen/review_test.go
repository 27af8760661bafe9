package gen

import (
	"fmt"
	"strings"
	"testing"

	"settle/pipeline"
)

// The review round's planted cases (README.md, 评审结果 审定金额, 核减明细,
// prior_funding.xlsx, bank details), checked through pipeline.Settle.

// accountAsShown is a number-cell account as Excel keeps and shows it: 15
// significant digits, the rest zeros.
func accountAsShown(e *company) string {
	return fmt.Sprintf("%.0f", e.accountCell.(float64))[:15] + strings.Repeat("0", len(e.account)-15)
}

// exclusionsOf are the 核减明细 rows the readers keep: those with every
// required cell and a known 券种.
func exclusionsOf(rec *records) []pipeline.Exclusion {
	var out []pipeline.Exclusion
	for i, x := range rec.exclusions {
		v, ok := pipeline.ParseVoucher(x.voucher)
		if !ok || pipeline.IsBlank(x.doc) {
			continue
		}
		out = append(out, pipeline.Exclusion{USCC: x.uscc, Voucher: v, DocumentNo: x.doc, Reason: x.reason,
			Origin: pipeline.Origin{File: "enterprises.xlsx", Sheet: "核减明细", Row: i + 2}})
	}
	return out
}

func fundedOf(rec *records) []pipeline.FundedInvoice {
	var out []pipeline.FundedInvoice
	for i, f := range rec.funded {
		out = append(out, pipeline.FundedInvoice{USCC: f.uscc, InvoiceNo: f.invoice, Program: f.program,
			Year: fmt.Sprint(f.year), Amount: f.amount, HasAmount: true,
			Origin: pipeline.Origin{File: "prior_funding.xlsx", Sheet: "已资助发票", Row: i + 2}})
	}
	return out
}

// at is where a warning points: sheet and row.
type at struct {
	sheet string
	row   int
}

// exclusionWarnings are the 核减明细 rows that must be warned about. Only
// the row that matches no line reaches the rules; the readers warn about
// the others (all, when read is set) and leave them out.
func exclusionWarnings(rec *records, read bool) map[at]bool {
	want := map[at]bool{}
	kept := map[int]bool{}
	for _, x := range exclusionsOf(rec) {
		kept[x.Origin.Row] = true
	}
	for i, x := range rec.exclusions {
		if x.warn && (read || kept[i+2]) {
			want[at{"核减明细", i + 2}] = true
		}
	}
	return want
}

// badApprovedRows are the 评审结果 rows whose 审定金额 is not a valid
// amount: the readers or the rules warn about them (SPEC §2).
func badApprovedRows(rec *records) map[at]bool {
	rows := map[at]bool{}
	for i, rv := range rec.reviews {
		if rv.want.BadApproved != "" {
			rows[at{"评审结果", i + 2}] = true
		}
	}
	return rows
}

// checkWarnings: every wanted warning is given, and no other except the
// allowed ones.
func checkWarnings(t *testing.T, res *pipeline.Result, want, allowed map[at]bool) {
	t.Helper()
	got := map[at]bool{}
	noReview, held := settlementWarnings(res)
	for _, w := range res.Warnings {
		switch {
		case strings.Contains(w.Text, "评审结果中没有"):
			noReview--
			continue
		case strings.Contains(w.Text, "暂缓拨付"):
			held--
			continue
		}
		k := at{w.At.Sheet, w.At.Row}
		got[k] = true
		if !want[k] && !allowed[k] {
			t.Errorf("unexpected warning: %s %s", w.At, w.Text)
		}
	}
	for k := range want {
		if !got[k] {
			t.Errorf("no warning at %s row %d", k.sheet, k.row)
		}
	}
	if noReview != 0 || held != 0 {
		t.Errorf("warnings: %d too few for eligible lines without a review row, %d too few for held awards", noReview, held)
	}
}

// settlementWarnings counts the warnings the settlement must give: an
// enterprise and voucher with eligible lines and no review row, and an
// award held for its bank details.
func settlementWarnings(res *pipeline.Result) (noReview, held int) {
	for _, a := range res.Awards {
		if _, ok := res.Inputs.Registry.Review(a.USCC, a.Voucher); !ok {
			noReview++
		}
		if e := res.Inputs.Registry.Enterprises[a.USCC]; a.Amount > 0 && e != nil && e.BankProblem() != "" {
			held++
		}
	}
	return noReview, held
}

func awardsOf(rec *records, res *pipeline.Result) map[reviewKey]pipeline.Award {
	byUSCC := map[string]*company{}
	for _, e := range rec.world.ents {
		byUSCC[e.uscc] = e
	}
	awards := map[reviewKey]pipeline.Award{}
	for _, a := range res.Awards {
		awards[reviewKey{byUSCC[a.USCC], a.Voucher}] = a
	}
	return awards
}

// checkReviewRound checks the awards of the 审定金额, exclusion, contest
// and jurisdiction roles, and who is held for bank details.
func checkReviewRound(t *testing.T, rec *records, res *pipeline.Result) {
	t.Helper()
	ro := rec.world.roles
	awards := awardsOf(rec, res)
	for i, e := range ro.approvedCut {
		a := awards[reviewKey{e, pipeline.Compute}]
		if a.Status != pipeline.Awarded || !a.HasApproved || a.AfterCap != approvedCuts[i] || a.Amount != approvedCuts[i] || a.CapApplied {
			t.Errorf("审定金额 %s: status %s, after cap %s, award %s, cap applied %v; want %s awarded",
				e.uscc, a.Status, a.AfterCap, a.Amount, a.CapApplied, approvedCuts[i])
		}
	}
	a := awards[reviewKey{ro.approvedAbove, pipeline.Compute}]
	if want := a.BaseDomestic * 6 / 10; a.Status != pipeline.Awarded || a.AfterCap != want || a.Amount != want || a.AfterCap >= approvedAbove {
		t.Errorf("审定金额 above the entitlement: status %s, after cap %s, award %s; want %s", a.Status, a.AfterCap, a.Amount, want)
	}
	for _, c := range []struct {
		e     *company
		v     pipeline.Voucher
		want  pipeline.Status
		lines int64
	}{
		{ro.approvedBad, pipeline.Compute, pipeline.PendingReview, 1},
		{ro.approvedNeg, pipeline.Compute, pipeline.PendingReview, 1},
		{ro.approvedNo, pipeline.Compute, pipeline.RejectedByReview, 1},
		{ro.excluded, pipeline.Compute, pipeline.Awarded, 1}, // two of three lines struck out
		{ro.contestPending, pipeline.Compute, pipeline.PendingReview, 0},
		{ro.contestApproved, pipeline.Model, pipeline.Awarded, 1},
		{ro.official[0], pipeline.Compute, pipeline.Awarded, 1},
		{ro.official[1], pipeline.Compute, pipeline.Awarded, 1},
	} {
		a, ok := awards[reviewKey{c.e, c.v}]
		if c.lines == 0 {
			if ok {
				t.Errorf("%s %s: an award row though its only line lost the invoice", c.v, c.e.uscc)
			}
			continue
		}
		if a.Status != c.want || a.EligibleLines != c.lines || (c.want != pipeline.Awarded && a.Amount != 0) {
			t.Errorf("%s %s (%s): status %s, %d lines, award %s; want %s, %d lines",
				c.v, c.e.uscc, c.e.place.district, a.Status, a.EligibleLines, a.Amount, c.want, c.lines)
		}
	}
	held := map[*company]bool{ro.computeCap: true, ro.modelCap: true, ro.innovationCap: true,
		ro.corpusPool[0]: true, ro.corpusPool[1]: true}
	for _, e := range rec.world.ents {
		problem := res.Inputs.Registry.Enterprises[e.uscc].BankProblem()
		if (problem != "") != held[e] {
			t.Errorf("%s (%s, %q): bank problem %q, planted %v", e.uscc, e.bank, e.account, problem, held[e])
		}
		if n := len(e.account); !held[e] && (n < 16 || n > 19) {
			t.Errorf("%s: account %q of %d digits, want 16 to 19", e.uscc, e.account, n)
		}
	}
}
