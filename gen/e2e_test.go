package gen

import (
	"context"
	"testing"

	"settle/pipeline"
	"settle/pipeline/policy"
	"settle/readers"
)

// TestReadBackAndSettle reads the written sample with the readers and
// settles it: every line gets the reason it was written for, every
// readable amount, date and document number reads as the value meant, the
// review rows, exclusions, funded invoices and bank accounts read as
// planted, and the warnings are exactly the planted ones.
func TestReadBackAndSettle(t *testing.T) {
	dir, rec := sample(t, 1)
	in, err := readers.ReadYear(context.Background(), dir, readers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pol, err := policy.Default()
	if err != nil {
		t.Fatal(err)
	}
	res, err := pipeline.Settle(context.Background(), pipeline.Run{Year: 2025}, pol, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if f.SummaryRows != 1 {
			t.Errorf("%s: %d summary rows, want 1", f.Name, f.SummaryRows)
		}
	}
	for _, v := range pipeline.Vouchers {
		got, want := res.Lines(v).Slice(), rec.lines[v]
		if len(got) != len(want) {
			t.Fatalf("%s: read %d lines, wrote %d", v, len(got), len(want))
		}
		for i, l := range got {
			w := want[i]
			if l.Origin.Row != w.row || l.Reason != w.want {
				t.Errorf("%s: got %q (%s), want row %d %q", l.Origin, l.Reason, l.Detail, w.row, w.want)
				continue
			}
			if w.hasAmount && (!l.HasAmount || l.Amount != w.amount) {
				t.Errorf("%s: amount %s, want %s", l.Origin, l.Amount, w.amount)
			}
			if w.hasDate && (!l.HasDate || l.Date != w.date) {
				t.Errorf("%s: date %s, want %s", l.Origin, l.Date, w.date)
			}
			if l.DocumentNo != w.doc {
				t.Errorf("%s: document %q, want %q", l.Origin, l.DocumentNo, w.doc)
			}
		}
	}
	checkReadReviews(t, rec, in)
	checkReviewRound(t, rec, res)
	want := exclusionWarnings(rec, true)
	for k := range badApprovedRows(rec) {
		want[k] = true
	}
	checkWarnings(t, res, want, nil)
}

// checkReadReviews: 评审结果 (审定金额, 备注), 核减明细, 已资助发票 and the
// number-cell account read as planted.
func checkReadReviews(t *testing.T, rec *records, in *pipeline.Inputs) {
	t.Helper()
	for _, rv := range rec.reviews {
		got, ok := in.Registry.Review(rv.ent.uscc, rv.voucher)
		w := rv.want
		switch {
		case !ok:
			t.Errorf("%s %s: no review read", rv.ent.uscc, rv.voucher)
		case got.Status() != w.Status() || got.HasApproved != w.HasApproved || got.Approved != w.Approved ||
			(got.BadApproved != "") != (w.BadApproved != "") || got.Note != w.Note:
			t.Errorf("%s: read %+v, want %+v", got.Origin, got, w)
		}
	}
	if got, want := len(in.Exclusions), len(exclusionsOf(rec)); got != want {
		t.Errorf("%d exclusions read, want %d", got, want)
	}
	if got, want := len(in.Funded), len(rec.funded); got != want {
		t.Errorf("%d funded invoices read, want %d", got, want)
	}
	cc := rec.world.roles.computeCap
	if e := in.Registry.Enterprises[cc.uscc]; e == nil || !e.AccountFromNumber || e.BankAccount() != accountAsShown(cc) {
		t.Errorf("number-cell account of %s: read %+v, want %s from a number", cc.uscc, e, accountAsShown(cc))
	}
}
