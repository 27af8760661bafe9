package gen

import (
	"context"
	"fmt"
	"testing"

	"settle/pipeline"
	"settle/pipeline/policy"
)

// inputsOf rebuilds, from what a run recorded, the inputs the readers
// should produce. Cell defects (MISSING_FIELD, BAD_USCC, BAD_AMOUNT,
// BAD_DATE) are the readers' to find; they are carried over as problems.
func inputsOf(rec *records) *pipeline.Inputs {
	w := rec.world
	in := &pipeline.Inputs{Registry: pipeline.NewRegistry(), Reference: pipeline.NewReference(),
		Lines: map[pipeline.Voucher]*pipeline.Lines{}}
	for _, e := range w.ents {
		ent := &pipeline.Enterprise{USCC: e.uscc, Name: e.name,
			District: e.place.district, Status: e.status, Group: e.group, Bank: e.bank, Account: e.account}
		if e.accountCell != nil {
			ent.Account, ent.AccountFromNumber = accountAsShown(e), true
		}
		in.Registry.Enterprises[e.uscc] = ent
	}
	for _, a := range w.affPairs {
		in.Registry.AddAffiliation(a.a.uscc, a.b.uscc)
	}
	for i, rv := range rec.reviews {
		row := rv.want
		row.Origin = pipeline.Origin{File: "enterprises.xlsx", Sheet: "评审结果", Row: i + 2}
		in.Registry.Reviews[pipeline.ReviewKey{USCC: rv.ent.uscc, Voucher: rv.voucher}] = row
	}
	in.Exclusions, in.Funded = exclusionsOf(rec), fundedOf(rec)
	for _, p := range w.partners {
		in.Reference.Partners[p.co.uscc] = p.spans
	}
	for _, m := range w.models {
		in.Reference.Models[pipeline.Fold(m.no)] = m.filed
	}
	for _, v := range venues {
		in.Reference.Venues[pipeline.Fold(v)] = true
	}
	for _, v := range pipeline.Vouchers {
		lay := layouts[v]
		in.Files = append(in.Files, pipeline.InputFile{Name: lay.file, Voucher: v, Sheet: lay.sheet})
		for _, l := range rec.lines[v] {
			buyer, _ := pipeline.NormalizeUSCC(l.buyer)
			party, _ := pipeline.NormalizeUSCC(l.party)
			pl := pipeline.Line{
				Voucher: v, Origin: pipeline.Origin{File: lay.file, Sheet: lay.sheet, Row: l.row},
				EnterpriseUSCC: buyer, CounterpartyUSCC: party, DocumentNo: l.doc, InvoiceNo: l.invoice,
				Date: l.date, HasDate: l.hasDate, Amount: l.amount, HasAmount: l.hasAmount,
				ComputeOrigin: l.origin, Purpose: l.purpose, Venue: l.venue, FilingNo: l.filing,
			}
			switch l.want {
			case pipeline.MissingField, pipeline.BadUSCC, pipeline.BadAmount, pipeline.BadDate:
				pl.Problems = []pipeline.Problem{{Reason: l.want}}
			}
			if in.Lines[v] == nil {
				in.Lines[v] = &pipeline.Lines{}
			}
			in.Lines[v].Append(&pl)
		}
	}
	return in
}

func settleRecords(tb testing.TB, rec *records) *pipeline.Result {
	tb.Helper()
	pol, err := policy.Default()
	if err != nil {
		tb.Fatal(err)
	}
	res, err := pipeline.Settle(context.Background(), pipeline.Run{Year: rec.world.year}, pol, inputsOf(rec))
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// TestSettled settles the recorded lines of a few runs: each line gets the
// reason code it was written for, every code of SPEC §4 occurs, and the
// full-size samples show the §5 cases.
func TestSettled(t *testing.T) {
	for _, opt := range []Options{
		{Year: 2025, Seed: 1}, {Year: 2025, Seed: 2}, {Year: 2025, Seed: 3},
		{Year: 2026, Seed: 4, Lines: 1000}, {Year: 2028, Seed: 5, Lines: 1000},
	} {
		t.Run(fmt.Sprintf("%d-seed%d", opt.Year, opt.Seed), func(t *testing.T) {
			_, rec := generated(t, opt)
			res := settleRecords(t, rec)
			checkReasons(t, rec, res)
			if opt.Lines == 0 {
				checkAwards(t, rec, res)
				checkReviewRound(t, rec, res)
			}
			// The 审定金额 warnings may come from the readers (not run
			// here) or the rules.
			checkWarnings(t, res, exclusionWarnings(rec, false), badApprovedRows(rec))
		})
	}
}

func checkReasons(t *testing.T, rec *records, res *pipeline.Result) {
	seen := map[pipeline.Reason]int{}
	total, bad := 0, 0
	for _, v := range pipeline.Vouchers {
		for i, l := range res.Lines(v).All() {
			want := rec.lines[v][i].want
			if l.Reason != want {
				t.Errorf("%s: got %q (%s), want %q", l.Origin, l.Reason, l.Detail, want)
			}
			seen[l.Reason]++
			total++
			if l.Reason != "" {
				bad++
			}
		}
	}
	for _, r := range pipeline.Reasons {
		if seen[r] == 0 {
			t.Errorf("no line gets %s", r)
		}
	}
	t.Logf("%d lines, %d rejected; %v", total, bad, seen)
}

// checkAwards checks the §5 cases: caps, the negative foreign base, the
// review outcomes, and the pools (corpus oversubscribed, compute not).
func checkAwards(t *testing.T, rec *records, res *pipeline.Result) {
	ro := rec.world.roles
	awards := map[reviewKey]pipeline.Award{}
	byUSCC := map[string]*company{}
	for _, e := range rec.world.ents {
		byUSCC[e.uscc] = e
	}
	for _, a := range res.Awards {
		awards[reviewKey{byUSCC[a.USCC], a.Voucher}] = a
	}
	for _, c := range []reviewKey{
		{ro.computeCap, pipeline.Compute}, {ro.corpusCap, pipeline.Corpus},
		{ro.modelCap, pipeline.Model}, {ro.innovationCap, pipeline.Innovation},
	} {
		a := awards[c]
		if !a.CapApplied || a.Status != pipeline.Awarded {
			t.Errorf("%s %s: cap applied %v, status %s", c.voucher, a.USCC, a.CapApplied, a.Status)
		}
	}
	cf := awards[reviewKey{ro.creditForeign, pipeline.Compute}]
	if cf.BaseForeign != 0 || cf.BaseDomestic != 80_000_000 || cf.AfterCap != 48_000_000 {
		t.Errorf("credit note case: foreign %s, domestic %s, after cap %s", cf.BaseForeign, cf.BaseDomestic, cf.AfterCap)
	}
	for _, c := range []struct {
		e    *company
		want pipeline.Status
	}{
		{ro.rejected, pipeline.RejectedByReview}, {ro.pending, pipeline.PendingReview}, {ro.noReview, pipeline.PendingReview},
	} {
		if got := awards[reviewKey{c.e, pipeline.Compute}].Status; got != c.want {
			t.Errorf("review case %s: status %s, want %s", c.e.uscc, got, c.want)
		}
	}
	for _, tot := range res.Totals {
		t.Logf("%s: candidates' after cap %s, pool %s, factor %v, awarded %s", tot.Voucher, tot.CandidateTotal, tot.Pool, tot.PoolFactor, tot.AwardedAmount)
		switch tot.Voucher {
		case pipeline.Compute:
			if tot.Oversubscribed {
				t.Errorf("compute is oversubscribed in the sample: %s", tot.CandidateTotal)
			}
		case pipeline.Corpus:
			if !tot.Oversubscribed || tot.AwardedAmount != tot.Pool {
				t.Errorf("corpus is not oversubscribed: %s for a pool of %s", tot.CandidateTotal, tot.Pool)
			}
		}
	}
}
