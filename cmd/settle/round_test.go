package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
	"settle/writers"
)

// TestSettlementRound walks a year's round as the finance office runs it
// (README, "A settlement round"): a draft; the review workbook edited
// (every pending review approved, one award cut with 审定金额, one document
// struck out in 核减明细); the draft rerun with --force, the first one kept
// in history; diff showing exactly those changes; --final with the
// funded-invoice ledger; a correction after the final run giving a 追回
// sheet; and the ledger fed to the next run as prior_funding.xlsx.

func TestSettlementRound(t *testing.T) {
	in := copyInputs(t, samples)
	out := filepath.Join(t.TempDir(), "out")
	runOK := func(args ...string) string {
		t.Helper()
		code, stdout, stderr := run(t, append([]string{"run", "--year", "2025", "--in", in, "--out", out}, args...)...)
		if code != 0 {
			t.Fatalf("run %v: exit %d: %s", args, code, stderr)
		}
		return stdout
	}

	// 1. The draft; a final run is refused while reviews are pending.
	runOK()
	draft1 := readStored(t, filepath.Join(out, "2025"))
	if draft1.Manifest.Stage != "draft" {
		t.Fatalf("stage %q, want draft", draft1.Manifest.Stage)
	}
	var pending []pipeline.Award
	for _, a := range draft1.Awards {
		if a.Status == pipeline.PendingReview {
			pending = append(pending, a)
		}
	}
	if len(pending) == 0 {
		t.Fatal("the sample year has no pending review to approve")
	}
	code, _, stderr := run(t, "run", "--year", "2025", "--in", in, "--out", out, "--final", "--force")
	if code != exitInputs || !strings.Contains(stderr, pending[0].USCC) || !strings.Contains(stderr, pending[0].Name) {
		t.Fatalf("final with pending reviews: exit %d, stderr %q", code, stderr)
	}

	// 2. The review workbook edited.
	cut, excluded, line := pickEdits(t, draft1)
	wantCut := cut.AfterCap / 2
	names := voucherNames(draft1)
	editReviews(t, filepath.Join(in, "enterprises.xlsx"), names, pending, cut, wantCut, excluded, line)

	// 3. The draft rerun: the first one goes to history, whole.
	runOK("--force")
	hist := historyOf(t, out)
	if len(hist) != 1 || filepath.Base(hist[0]) != "2025-"+draft1.Manifest.RunID {
		t.Fatalf("history %v, want the first draft as 2025-%s", hist, draft1.Manifest.RunID)
	}
	draft2 := readStored(t, filepath.Join(out, "2025"))

	// 4. diff shows exactly those changes.
	d := writers.Compare(readStored(t, hist[0]), draft2)
	key := func(v pipeline.Voucher, u string) string { return string(v) + "/" + u }
	edited := map[string][]string{}
	for _, a := range pending {
		edited[key(a.Voucher, a.USCC)] = []string{writers.WhyReview}
	}
	{
		edited[key(cut.Voucher, cut.USCC)] = []string{writers.WhyCut}
	}
	{
		edited[key(excluded.Voucher, excluded.USCC)] = []string{writers.WhyLines}
	}
	dupLine := func(l writers.LineDiff) bool {
		return l.OldReason == "DUPLICATE_INVOICE" || l.NewReason == "DUPLICATE_INVOICE"
	}
	for _, a := range d.Awards {
		k := key(a.Voucher, a.USCC)
		if want, ok := edited[k]; ok {
			for _, w := range want {
				if !slices.Contains(a.Why, w) {
					t.Errorf("%s: why %v, want %s", k, a.Why, w)
				}
			}
			delete(edited, k)
			continue
		}
		// Anything else moved only through the pool or a duplicate
		// invoice now kept by a newly approved claim (SPEC §4).
		for _, w := range a.Why {
			if w == writers.WhyPool {
				continue
			}
			if w == writers.WhyLines && slices.ContainsFunc(d.Lines, func(l writers.LineDiff) bool {
				return l.Voucher == a.Voucher && l.USCC == a.USCC && dupLine(l)
			}) {
				continue
			}
			t.Errorf("%s changed (%s → %s, %v) though it was not edited", k, a.Old, a.New, a.Why)
		}
	}
	for k := range edited {
		t.Errorf("%s was edited but diff shows no change", k)
	}
	{
		if a := findAward(draft2, cut.Voucher, cut.USCC); a == nil || a.AfterCap != wantCut || !a.HasApproved {
			t.Errorf("cut award %+v, want after cap %s from 审定金额", a, wantCut)
		}
	}
	for _, l := range d.Lines {
		if l.Origin == line.Origin && l.Voucher == line.Voucher {
			if l.NewReason != "EXCLUDED_BY_REVIEW" {
				t.Errorf("excluded line now %s", l.NewReason)
			}
			continue
		}
		// Other lines of the struck-out document (same enterprise,
		// voucher and document number) are struck out with it.
		sameDocument := l.NewReason == "EXCLUDED_BY_REVIEW" && l.Voucher == excluded.Voucher && l.USCC == excluded.USCC
		if !dupLine(l) && !sameDocument {
			t.Errorf("line %s changed %s → %s though nothing about it was edited", l.Origin, l.OldReason, l.NewReason)
		}
	}
	if !slices.ContainsFunc(d.Lines, func(l writers.LineDiff) bool { return l.Origin == line.Origin }) {
		t.Errorf("the excluded line %s is not among the changed lines", line.Origin)
	}
	var screen strings.Builder
	printDiff(&screen, d)
	if !strings.Contains(screen.String(), pending[0].USCC) || !strings.Contains(screen.String(), "评审结论或备注变更") {
		t.Errorf("diff on screen lacks the approved enterprise:\n%s", screen.String())
	}

	// 5. The final run: same awards as the last draft, and the ledger.
	stdout := runOK("--final", "--force")
	if !strings.Contains(stdout, "正式") {
		t.Errorf("final run output does not say 正式:\n%s", stdout)
	}
	final := readStored(t, filepath.Join(out, "2025"))
	if final.Manifest.Stage != "final" {
		t.Fatalf("stage %q, want final", final.Manifest.Stage)
	}
	if d := writers.Compare(draft2, final); len(d.Awards) != 0 || len(d.Lines) != 0 {
		t.Errorf("the final run differs from the draft it follows: %d awards, %d lines", len(d.Awards), len(d.Lines))
	}
	ledgerPath := filepath.Join(out, "2025", "funded-invoices-2025.xlsx")
	ledger := readLedger(t, ledgerPath)
	// Kept aside: the correction below writes another final settlement.
	firstLedger := filepath.Join(t.TempDir(), "funded-invoices-2025.xlsx")
	copyFile(t, ledgerPath, firstLedger)
	want := map[string]bool{}
	for _, l := range final.Lines {
		if a := findAward(final, l.Voucher, l.EnterpriseUSCC); l.Eligible && l.InvoiceNo != "" && a != nil && a.Amount > 0 {
			want[l.EnterpriseUSCC+"|"+l.InvoiceNo] = true
		}
	}
	if len(ledger) != len(want) || len(want) == 0 {
		t.Errorf("ledger holds %d invoices, want %d", len(ledger), len(want))
	}
	for k := range ledger {
		if !want[k] {
			t.Errorf("ledger lists %s, which funded no award", k)
		}
	}
	if ledger[excluded.USCC+"|"+line.InvoiceNo] {
		t.Errorf("ledger lists the excluded invoice %s", line.InvoiceNo)
	}

	// 6. A correction after the final run: one award rejected on review.
	// diff --xlsx against the final settlement in history has a 追回 row.
	revoked := final.Awards[slices.IndexFunc(final.Awards, func(a pipeline.Award) bool {
		return a.Amount > 0 && a.Voucher == pipeline.Compute && a.USCC != cut.USCC && a.USCC != excluded.USCC
	})]
	setReview(t, filepath.Join(in, "enterprises.xlsx"), names[revoked.Voucher], revoked.USCC, "不通过", "")
	runOK("--final", "--force")
	hist = historyOf(t, out)
	if len(hist) != 3 {
		t.Fatalf("history holds %v, want both drafts and the first final", hist)
	}
	oldFinal := slices.IndexFunc(hist, func(h string) bool { return strings.HasSuffix(h, final.Manifest.RunID) })
	xlsx := filepath.Join(t.TempDir(), "diff.xlsx")
	if code, stdout, stderr := run(t, "diff", hist[oldFinal], filepath.Join(out, "2025"), "--xlsx", xlsx); code != 0 ||
		!strings.Contains(stdout, "应追回 1 项") {
		t.Fatalf("diff: exit %d: %s %s", code, stdout, stderr)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"汇总", "兑付变化", "行变化", "补拨", "追回"}) {
		t.Errorf("diff workbook sheets %v", got)
	}
	for _, sheet := range f.GetSheetList() {
		// Printable: A4, and body text of at least 8 pt.
		if pl, err := f.GetPageLayout(sheet); err != nil || pl.Size == nil || *pl.Size != 9 {
			t.Errorf("%s: page layout %+v, %v, want A4", sheet, pl, err)
		}
		if style, err := f.GetCellStyle(sheet, "A3"); err == nil {
			if st, err := f.GetStyle(style); err == nil && st.Font != nil && st.Font.Size < 8 {
				t.Errorf("%s: body text %v pt", sheet, st.Font.Size)
			}
		}
	}
	rows, _ := f.GetRows("追回")
	if len(rows) != 4 || rows[2][1] != revoked.USCC {
		t.Errorf("追回 rows %v, want the revoked award and a total", rows)
	}

	// 7. The next run reads the ledger as prior_funding.xlsx.
	in2 := copyInputs(t, samples)
	copyFile(t, firstLedger, filepath.Join(in2, "prior_funding.xlsx"))
	out2 := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := run(t, "run", "--year", "2025", "--in", in2, "--out", out2); code != 0 {
		t.Fatalf("run with prior_funding.xlsx: exit %d: %s", code, stderr)
	}
	{
		next := readStored(t, filepath.Join(out2, "2025"))
		funded := 0
		for _, l := range next.Lines {
			if ledger[l.EnterpriseUSCC+"|"+l.InvoiceNo] {
				if l.Eligible {
					t.Errorf("%s: invoice %s funded in 2025 is eligible again", l.Origin, l.InvoiceNo)
				}
				if l.Reason == "ALREADY_FUNDED" {
					funded++
				}
			}
		}
		if funded == 0 {
			t.Error("no line rejected ALREADY_FUNDED")
		}
	}
}
