package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"settle/pipeline"
	"settle/pipeline/policy"
	"settle/readers"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const goldenPath = "testdata/golden-samples-2025.txt"

// settleSamples settles the bundled sample year in memory.
func settleSamples(tb testing.TB) *pipeline.Result {
	tb.Helper()
	in, err := readers.ReadYear(context.Background(), samples, readers.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	p, err := policy.Default()
	if err != nil {
		tb.Fatal(err)
	}
	r, err := pipeline.Settle(context.Background(), pipeline.Run{Year: 2025}, p, in)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// TestGoldenSamples compares every award and the count of lines per reason
// code of the sample year with the checked-in dump. After a deliberate
// change, regenerate with `go test ./cmd/settle -run Golden -update` and
// review the diff line by line.
func TestGoldenSamples(t *testing.T) {
	got := dump(settleSamples(t))
	if *update {
		if err := os.WriteFile(goldenPath, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("line %d differs:\n got  %s\n want %s", i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("got %d lines, want %d", len(gl), len(wl))
	}
}

// dump is a readable text form of a result: per file the lines by reason,
// per voucher its totals, every award with its review (审定金额 and note),
// every rejected line with its detail, and the warnings.
func dump(r *pipeline.Result) string {
	var b strings.Builder
	for _, f := range r.Files {
		fmt.Fprintf(&b, "file %s lines=%d eligible=%d rejected=%d summary_rows=%d amount=%s eligible_amount=%s rejected_amount=%s\n",
			f.Name, f.Lines, f.Eligible, f.Rejected, f.SummaryRows, f.Amount, f.EligibleAmount, f.RejectedAmount)
		for _, code := range pipeline.Reasons {
			if n := f.ByReason[code]; n > 0 {
				fmt.Fprintf(&b, "  %s %d\n", code, n)
			}
		}
	}
	for _, t := range r.Totals {
		fmt.Fprintf(&b, "voucher %s applicants=%d approved=%d base=%s entitlement=%s candidates=%s pool=%s factor=%.9f awarded=%s\n",
			t.Voucher, t.Applicants, t.Approved, t.EligibleBase, t.Entitlement.StringFixed(6), t.CandidateTotal, t.Pool, t.PoolFactor, t.AwardedAmount)
	}
	for _, a := range r.Awards {
		fmt.Fprintf(&b, "award %s %s lines=%d base=%s dom=%s for=%s ent=%s cap=%v after=%s award=%s %s %s",
			a.Voucher, a.USCC, a.EligibleLines, a.Base, a.BaseDomestic, a.BaseForeign, a.Entitlement.StringFixed(6),
			a.CapApplied, a.AfterCap, a.Amount, a.Review, a.Status)
		if a.HasApproved {
			fmt.Fprintf(&b, " approved=%s", a.Approved)
		}
		if a.ReviewNote != "" {
			fmt.Fprintf(&b, " note=%q", a.ReviewNote)
		}
		b.WriteString("\n")
	}
	for _, v := range pipeline.Vouchers {
		for _, l := range r.Lines(v).All() {
			if !l.Eligible {
				fmt.Fprintf(&b, "rejected %s %s %q\n", l.Origin, l.Reason, l.Detail)
			}
		}
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(&b, "warning %s\n", w)
	}
	return b.String()
}

// TestSamplesByHand checks enterprises planted in the sample (gen/README.md)
// against amounts worked out by hand from the policy.
func TestSamplesByHand(t *testing.T) {
	r := settleSamples(t)
	buyerAt := func(v pipeline.Voucher, row int) string {
		for _, l := range r.Lines(v).All() {
			if l.Origin.Row == row {
				return l.EnterpriseUSCC
			}
		}
		t.Fatalf("no %s line at row %d", v, row)
		return ""
	}
	award := func(v pipeline.Voucher, u string) pipeline.Award {
		for _, a := range r.Awards {
			if a.Voucher == v && a.USCC == u {
				return a
			}
		}
		t.Fatalf("no %s award for %s", v, u)
		return pipeline.Award{}
	}

	// Compute rows 43–45: domestic 800,000.00, foreign 120,000.00 less a
	// credit note of 200,000.00 → foreign base −80,000 counts as 0.
	// 60% × 800,000 = 480,000.00; compute is not oversubscribed.
	a := award(pipeline.Compute, buyerAt(pipeline.Compute, 43))
	if a.BaseDomestic != pipeline.Yuan(800_000) || a.BaseForeign != 0 || a.Entitlement.StringFixed(2) != "480000.00" ||
		a.CapApplied || a.Amount != pipeline.Yuan(480_000) || a.Status != pipeline.Awarded {
		t.Errorf("credit-note enterprise: %+v", a)
	}
	// Compute rows 46–57: twelve domestic bills above 33.4 million in all:
	// 60% exceeds the cap, so 20,000,000.00.
	a = award(pipeline.Compute, buyerAt(pipeline.Compute, 46))
	if !a.CapApplied || a.AfterCap != pipeline.Yuan(20_000_000) || a.Amount != pipeline.Yuan(20_000_000) {
		t.Errorf("capped compute enterprise: %+v", a)
	}
	// Rows 58, 60, 62: reviewed 不通过, 待定, no review row: nothing paid.
	for row, want := range map[int]pipeline.Status{58: pipeline.RejectedByReview, 60: pipeline.PendingReview, 62: pipeline.PendingReview} {
		if a := award(pipeline.Compute, buyerAt(pipeline.Compute, row)); a.Status != want || a.Amount != 0 {
			t.Errorf("row %d: %s %s, want %s and nothing paid", row, a.Status, a.Amount, want)
		}
	}
	// Corpus is oversubscribed: every candidate gets after-cap × 50,000,000 /
	// total, rounded down, with leftover fen by largest remainder, and the
	// awards add up to the pool exactly.
	var corpus pipeline.VoucherTotals
	for _, tt := range r.Totals {
		if tt.Voucher == pipeline.Corpus {
			corpus = tt
		}
	}
	if !corpus.Oversubscribed || corpus.AwardedAmount != pipeline.Yuan(50_000_000) {
		t.Fatalf("corpus totals: %+v", corpus)
	}
	capped := award(pipeline.Corpus, buyerAt(pipeline.Corpus, 14))
	// 2,000,000.00 × 50,000,000 / total, in fen, floor or floor+1.
	floor := int64(pipeline.Yuan(2_000_000)) * int64(pipeline.Yuan(50_000_000)) / int64(corpus.CandidateTotal)
	if !capped.CapApplied || capped.AfterCap != pipeline.Yuan(2_000_000) ||
		(int64(capped.Amount) != floor && int64(capped.Amount) != floor+1) {
		t.Errorf("capped corpus enterprise: award %s, want %d or %d fen", capped.Amount, floor, floor+1)
	}
}
