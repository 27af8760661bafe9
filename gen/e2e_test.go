package gen

import (
	"context"
	"testing"

	"settle/pipeline"
	"settle/pipeline/policy"
	"settle/readers"
)

// TestReadBackAndSettle reads the written sample with the readers and
// settles it: every line gets the reason it was written for, and every
// readable amount and date reads as the value meant.
func TestReadBackAndSettle(t *testing.T) {
	dir, rec := sample(t, 1)
	in, err := readers.ReadYear(context.Background(), dir, readers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range in.Warnings {
		t.Errorf("warning: %s", w)
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
		}
	}
}
