package main

import (
	"encoding/json"
	"math/big"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"settle/pipeline"
	"settle/writers"
)

// settleSample runs the sample year into a new folder and returns the
// settlement folder.
func settleSample(t *testing.T, extra ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	args := append([]string{"run", "--year", "2025", "--in", samples, "--out", out}, extra...)
	if code, _, stderr := run(t, args...); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	return filepath.Join(out, "2025")
}

// Every award of the sample year is reproduced to the fen from its
// explanation alone: the eligible lines' amounts give the bases, the
// rates the entitlement, the cap and 审定金额 the after-cap amount, the
// status and the pool's share (with its leftover unit) the award.
func TestExplainReproducesEveryAward(t *testing.T) {
	dir := settleSample(t)
	s, err := writers.ReadStored(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Awards) < 100 {
		t.Fatalf("only %d awards in the sample year", len(s.Awards))
	}
	oversubscribed := 0
	for _, a := range s.Awards {
		ex, err := explain(s, a.USCC, a.Voucher)
		if err != nil {
			t.Fatalf("%s %s: %v", a.USCC, a.Voucher, err)
		}
		raw, err := json.Marshal(ex)
		if err != nil {
			t.Fatal(err)
		}
		var back explanation
		if err := json.Unmarshal(raw, &back); err != nil {
			t.Fatal(err)
		}
		if len(back.Vouchers) != 1 {
			t.Fatalf("%s %s: %d vouchers explained", a.USCC, a.Voucher, len(back.Vouchers))
		}
		got := reproduce(t, &back.Vouchers[0])
		if got != a.Amount {
			t.Errorf("%s %s: the explanation gives %s, the awards table %s", a.USCC, a.Voucher, got, a.Amount)
		}
		if p := back.Vouchers[0].Pool; p != nil && p.Oversubscribed {
			oversubscribed++
		}
	}
	if oversubscribed == 0 {
		t.Error("no award of an oversubscribed pool was explained: the sample should have one")
	}
}

// reproduce computes the award from the explanation's steps.
func reproduce(t *testing.T, v *voucherExplanation) pipeline.Money {
	t.Helper()
	money := func(s string) pipeline.Money {
		m, err := writers.ParseMoney(s)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		return m
	}
	sums := map[string]pipeline.Money{}
	rates := map[string]decimal.Decimal{}
	for _, l := range v.Lines {
		if !l.Eligible {
			if l.ReasonCode == "" || l.Reason == "" {
				t.Errorf("%s!%d: rejected without a reason", l.File, l.Row)
			}
			continue
		}
		label := "申报基数"
		if v.Voucher == "compute" {
			label = map[string]string{"domestic": "国产算力基数", "foreign": "非国产算力基数"}[l.Origin]
		}
		sums[label] += money(l.Amount)
		rates[label] = decimal.RequireFromString(l.Rate)
	}
	ent := decimal.Zero
	for label, sum := range sums {
		ent = ent.Add(max(sum, 0).Decimal().Mul(rates[label]))
	}
	if !ent.Equal(decimal.RequireFromString(v.Entitlement)) {
		t.Errorf("%s: entitlement %s from the lines, %s explained", v.Voucher, ent, v.Entitlement)
	}
	limit := decimal.RequireFromString(v.Cap)
	if v.Approved != nil {
		limit = decimal.Min(limit, decimal.RequireFromString(*v.Approved))
	}
	afterCap := money(decimal.Min(ent, limit).RoundFloor(2).StringFixed(2))
	if afterCap != money(v.AfterCap) {
		t.Errorf("%s: after cap %s, explained %s", v.Voucher, afterCap, v.AfterCap)
	}
	switch {
	case v.Review == "REJECTED" && v.Status != "REJECTED_BY_REVIEW",
		v.Review == "PENDING" && v.Status != "PENDING_REVIEW",
		v.Review == "APPROVED" && v.Status != "AWARDED" && v.Status != "BELOW_THRESHOLD":
		t.Errorf("%s: review %s gives status %s", v.Voucher, v.Review, v.Status)
	}
	if v.Status != "AWARDED" {
		return 0
	}
	p := v.Pool
	if !p.Oversubscribed {
		return afterCap
	}
	// after cap × pool ÷ total, in fen, rounded down: exact.
	q := new(big.Int).Mul(big.NewInt(int64(afterCap)), big.NewInt(int64(money(p.Pool))))
	q.Quo(q, big.NewInt(int64(money(p.CandidateTotal))))
	share := pipeline.Money(q.Int64())
	if share != money(p.Share) {
		t.Errorf("%s: share %s, explained %s", v.Voucher, share, p.Share)
	}
	if p.LeftoverUnit {
		share++
	}
	return share
}

// explain through the command line: the Chinese explanation, JSON, an
// enterprise whose lines were all rejected, and usage mistakes.
func TestExplainCommand(t *testing.T) {
	dir := settleSample(t)
	s := readStored(t, dir)
	a := s.Awards[slices.IndexFunc(s.Awards, func(a pipeline.Award) bool { return a.Amount > 0 })]
	code, stdout, stderr := run(t, "explain", dir, "--uscc", a.USCC)
	if code != exitOK || !strings.Contains(stdout, a.Name) || !strings.Contains(stdout, "兑付金额："+a.Amount.String()) ||
		!strings.Contains(stdout, a.Clause) {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	code, stdout, _ = run(t, "explain", "--uscc", strings.ToLower(a.USCC), "--voucher", string(a.Voucher), "--json", dir)
	var ex explanation
	if err := json.Unmarshal([]byte(stdout), &ex); code != exitOK || err != nil || len(ex.Vouchers) != 1 || ex.Vouchers[0].Award != a.Amount.String() {
		t.Fatalf("--json: exit %d, %v: %s", code, err, stdout)
	}
	var unknown pipeline.Line
	for _, l := range s.Lines {
		if l.Reason == "UNKNOWN_ENTERPRISE" {
			unknown = l
			break
		}
	}
	code, _, stderr = run(t, "explain", dir, "--uscc", unknown.EnterpriseUSCC)
	if code != exitInputs || !strings.Contains(stderr, "全部被剔除") || !strings.Contains(stderr, unknown.Origin.String()) {
		t.Errorf("all lines rejected: exit %d: %s", code, stderr)
	}
	for _, args := range [][]string{
		{"explain", dir},
		{"explain", "--uscc", a.USCC},
		{"explain", dir, "--uscc", a.USCC, "--voucher", "bogus"},
		{"explain", dir, dir, "--uscc", a.USCC},
	} {
		if code, _, stderr := run(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2: %s", args, code, stderr)
		}
	}
}
