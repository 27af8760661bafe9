package testkit

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// Manifest is the part of manifest.json (SPEC §6) that the tests read,
// declared as a tool outside settle reads the file: not taken from the
// writers' own types, so that a renamed or dropped key fails the tests.
type Manifest struct {
	RunID    string            `json:"run_id"`
	Inputs   []ManifestInput   `json:"inputs"`
	Vouchers []ManifestVoucher `json:"vouchers"`
}

// ManifestInput is one input file; Totals is set for voucher workbooks.
type ManifestInput struct {
	Name   string         `json:"name"`
	Totals *ControlTotals `json:"totals"`
}

// ControlTotals are one voucher workbook's control totals.
type ControlTotals struct {
	Lines          int            `json:"lines"`
	Eligible       int            `json:"eligible"`
	Rejected       int            `json:"rejected"`
	BadAmountLines int            `json:"bad_amount_lines"`
	Amount         string         `json:"amount"`
	EligibleAmount string         `json:"eligible_amount"`
	RejectedAmount string         `json:"rejected_amount"`
	SummaryRows    int            `json:"summary_rows"`
	ByReason       map[string]int `json:"by_reason"`
	Reconciles     bool           `json:"reconciles"`
}

// ManifestVoucher is the part of one voucher's totals the tests read.
type ManifestVoucher struct {
	Key           string `json:"key"`
	AwardedAmount string `json:"awarded_amount"`
}

// ReadManifest reads dir/manifest.json, dir being a settled year's folder.
func ReadManifest(tb testing.TB, dir string) Manifest {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		tb.Fatal(err)
	}
	return m
}

// Totals returns the control totals of the input file name.
func (m Manifest) Totals(tb testing.TB, name string) ControlTotals {
	tb.Helper()
	for _, in := range m.Inputs {
		if in.Name == name && in.Totals != nil {
			return *in.Totals
		}
	}
	tb.Fatalf("manifest has no control totals for %s", name)
	return ControlTotals{}
}
