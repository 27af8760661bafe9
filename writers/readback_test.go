package writers

import (
	"context"
	"testing"

	"settle/pipeline"
)

// A published settlement reads back with every award and line as the
// result held them: amounts to the fen, the exact entitlement, 审定金额 and
// the review note (null when absent), reasons and their details.
func TestReadStoredRoundTrip(t *testing.T) {
	r := parquetFixture(t)
	r.Stage = pipeline.Final
	r.Awards[0].Approved, r.Awards[0].HasApproved = pipeline.Yuan(1234), true
	r.Awards[0].ReviewNote = "按审定金额核减"
	dir := t.TempDir()
	if _, err := WriteAll(context.Background(), dir, r, Options{ToolVersion: "t"}); err != nil {
		t.Fatal(err)
	}
	s, err := ReadStored(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Manifest.Stage != "final" || s.Manifest.RunID != r.RunID || s.Manifest.Policy.RoundingUnit != "0.01" {
		t.Errorf("manifest: stage %q run %q unit %q", s.Manifest.Stage, s.Manifest.RunID, s.Manifest.Policy.RoundingUnit)
	}
	if len(s.Awards) != len(r.Awards) {
		t.Fatalf("%d awards read back, want %d", len(s.Awards), len(r.Awards))
	}
	for i, got := range s.Awards {
		want := r.Awards[i]
		if !got.Entitlement.Equal(want.Entitlement) {
			t.Errorf("award %d entitlement %s, want %s", i, got.Entitlement, want.Entitlement)
		}
		got.Entitlement = want.Entitlement
		if got != want {
			t.Errorf("award %d:\n got %+v\nwant %+v", i, got, want)
		}
	}
	var want []pipeline.Line
	for _, v := range pipeline.Vouchers {
		want = append(want, r.Lines(v).Slice()...)
	}
	if len(s.Lines) != len(want) {
		t.Fatalf("%d lines read back, want %d", len(s.Lines), len(want))
	}
	details := 0
	for i, got := range s.Lines {
		w := want[i]
		if got.Detail != "" {
			details++
		}
		if got.Origin != w.Origin || got.Eligible != w.Eligible || got.Reason != w.Reason || got.Detail != w.Detail ||
			got.Amount != w.Amount || got.HasAmount != w.HasAmount || got.InvoiceNo != w.InvoiceNo || !got.Rate.Equal(w.Rate) {
			t.Errorf("line %d:\n got %+v\nwant %+v", i, got, w)
		}
	}
	if details == 0 {
		t.Error("no line read back with a reason_detail: the fixture should reject some")
	}
}
