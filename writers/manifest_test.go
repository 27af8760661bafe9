package writers

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"settle/pipeline"
)

var manifestOutputs = []OutputFile{
	{Name: "settlement-2025-jxj.xlsx", SHA256: strings.Repeat("a", 64), Size: 1234},
	{Name: "parquet/awards/year=2025/part-00000.parquet", SHA256: strings.Repeat("b", 64), Size: 567},
}

func writeTestManifest(tb testing.TB, r *pipeline.Result) []byte {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "manifest.json")
	if err := WriteManifest(path, r, "settle 0.1.0", manifestOutputs); err != nil {
		tb.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestManifest(t *testing.T) {
	r := parquetFixture(t)
	raw := writeTestManifest(t, r)
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	if m.RunID != r.RunID || m.ToolVersion != "settle 0.1.0" || m.Year != 2025 {
		t.Errorf("run = %q %q %d", m.RunID, m.ToolVersion, m.Year)
	}
	if m.Policy.Hash != r.Policy.Hash || m.Policy.ID != r.Policy.ID || m.Policy.DocumentNo != "杭高新〔2025〕9号" {
		t.Errorf("policy = %+v", m.Policy)
	}
	if len(m.Inputs) != len(r.Inputs.Files) {
		t.Fatalf("%d inputs, want %d", len(m.Inputs), len(r.Inputs.Files))
	}
	if in := m.Inputs[0]; in.Name != "enterprises.xlsx" || in.Totals != nil || in.Size != r.Inputs.Files[0].Size {
		t.Errorf("enterprises input = %+v", in)
	}
	compute := m.Inputs[2]
	if compute.Name != "compute_billing.xlsx" || compute.Totals == nil {
		t.Fatalf("compute input = %+v", compute)
	}
	want := ControlTotals{
		Lines: 7, Eligible: 4, Rejected: 3, BadAmountLines: 1,
		Amount: "40002642.09", EligibleAmount: "40002134.32", RejectedAmount: "507.77",
		SummaryRows: 1, Reconciles: true,
	}
	got := *compute.Totals
	if got.Lines != want.Lines || got.Eligible != want.Eligible || got.Rejected != want.Rejected ||
		got.BadAmountLines != want.BadAmountLines || got.Amount != want.Amount || got.EligibleAmount != want.EligibleAmount ||
		got.RejectedAmount != want.RejectedAmount || got.SummaryRows != want.SummaryRows || got.Reconciles != want.Reconciles {
		t.Errorf("compute totals:\n got %+v\nwant %+v", got, want)
	}
	if got.ByReason["BAD_AMOUNT"] != 1 || got.ByReason["BAD_DATE"] != 1 || got.ByReason["UNKNOWN_ENTERPRISE"] != 1 || len(got.ByReason) != 3 {
		t.Errorf("by_reason = %v", got.ByReason)
	}
	if len(m.Outputs) != 2 || m.Outputs[1] != manifestOutputs[1] {
		t.Errorf("outputs = %+v", m.Outputs)
	}
	if len(m.Vouchers) != len(r.Totals) {
		t.Fatalf("%d vouchers, want %d", len(m.Vouchers), len(r.Totals))
	}
	for i, v := range m.Vouchers {
		tot := r.Totals[i]
		if v.Key != string(tot.Voucher) || v.AwardedAmount != tot.AwardedAmount.String() || v.Pool != tot.Pool.String() ||
			v.Oversubscribed != tot.Oversubscribed || v.Applicants != tot.Applicants || v.Awarded != tot.Awarded {
			t.Errorf("voucher %d = %+v, totals %+v", i, v, tot)
		}
		if e := decimal.RequireFromString(v.Entitlement); !e.Equal(tot.Entitlement) {
			t.Errorf("%s entitlement = %s, want %s", v.Key, v.Entitlement, tot.Entitlement)
		}
	}
	corpus := m.Vouchers[1]
	if !corpus.Oversubscribed || corpus.AwardedAmount != "1000.00" || corpus.CandidateTotal != "2499.99" || corpus.Entitlement != "2499.999000" {
		t.Errorf("corpus = %+v", corpus)
	}
	// Every warning of the result, as the manifest lists them: the
	// missing 创新券 workbook first, then the input's.
	if len(m.Warnings) != len(r.Warnings) || len(r.Warnings) < 2 || m.Warnings[1] != "reference.xlsx 算力合作伙伴!7: 入库日期为空，已忽略" {
		t.Errorf("warnings = %q, want the %d of the result", m.Warnings, len(r.Warnings))
	}
	for i, w := range r.Warnings {
		if i < len(m.Warnings) && m.Warnings[i] != w.String() {
			t.Errorf("warning %d = %q, want %q", i, m.Warnings[i], w)
		}
	}
}

// Money is never a JSON number: every amount field holds a string with
// two decimals.
func TestManifestMoneyIsText(t *testing.T) {
	raw := writeTestManifest(t, parquetFixture(t))
	var m struct {
		Inputs   []map[string]any `json:"inputs"`
		Vouchers []map[string]any `json:"vouchers"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	check := func(obj map[string]any, keys ...string) {
		for _, k := range keys {
			s, ok := obj[k].(string)
			if !ok {
				t.Errorf("%s = %#v, want a string", k, obj[k])
				continue
			}
			if i := strings.IndexByte(s, '.'); i < 0 || len(s)-i-1 != 2 {
				t.Errorf("%s = %q, want two decimals", k, s)
			}
		}
	}
	for _, in := range m.Inputs {
		if tot, ok := in["totals"].(map[string]any); ok {
			check(tot, "amount", "eligible_amount", "rejected_amount")
		}
	}
	for _, v := range m.Vouchers {
		check(v, "eligible_base", "candidate_total", "pool", "awarded_amount")
	}
}

func TestManifestDeterministic(t *testing.T) {
	a := writeTestManifest(t, parquetFixture(t))
	b := writeTestManifest(t, parquetFixture(t))
	if !bytes.Equal(a, b) {
		t.Error("two manifests of the same result differ")
	}
	if !bytes.HasSuffix(a, []byte("}\n")) || !bytes.Contains(a, []byte("\n  \"run_id\"")) {
		t.Errorf("manifest is not pretty-printed:\n%s", a)
	}
}

func TestManifestDecimal(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0", "0.000000"},
		{"24000370.374", "24000370.374000"},
		{"1.123456789", "1.123456789"},
		{"100", "100.000000"},
	}
	for _, tc := range tests {
		if got := manifestDecimal(decimal.RequireFromString(tc.in)); got != tc.want {
			t.Errorf("manifestDecimal(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
