package writers

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"

	"settle/internal/testkit"
	"settle/pipeline"
)

// testResult is a settled 2025 built by hand (not by pipeline.Settle), so
// that the writers' tests know every number in advance:
//
//   - compute (jxj): a split domestic/foreign base with a 3-decimal
//     entitlement, a capped award, a review rejection; 3 rejected lines
//     (one with an unreadable amount);
//   - corpus (fgj): a pending review and an award; 2 rejected lines;
//   - model (jxj): oversubscribed (pool 1,000,000, min_base 100,000):
//     three candidates share the pool by largest remainders, one enterprise
//     is below the threshold; 1 rejected line;
//   - innovation (kjj): a capped award and an award to an enterprise
//     without bank details; 3 rejected lines.
//
// Enterprises e1..e6 (testkit.USCC 1..6) sort in that order; e5 is paid
// nothing, e3 has no bank account.
func testResult(tb testing.TB) *pipeline.Result {
	tb.Helper()
	p := testkit.DefaultPolicy(tb)
	p.Vouchers[pipeline.Model].Pool = pipeline.Yuan(1_000_000)
	p.Vouchers[pipeline.Model].MinBase = pipeline.Yuan(100_000)
	e := make([]string, 7)
	reg := pipeline.NewRegistry()
	for n := 1; n <= 6; n++ {
		e[n] = testkit.USCC(tb, n)
		ent := &pipeline.Enterprise{USCC: e[n], Name: fmt.Sprintf("杭州测试%d科技有限公司", n),
			District: "杭州市滨江区", Status: "存续", Bank: "杭州银行科技支行", Account: fmt.Sprintf("33010%010d", n)}
		if n == 3 {
			ent.Account = ""
		}
		reg.Enterprises[e[n]] = ent
	}
	dec := decimal.RequireFromString
	rows := map[pipeline.Voucher]int{}
	files := map[pipeline.Voucher][2]string{
		pipeline.Compute: {"compute_billing.xlsx", "算力结算"}, pipeline.Corpus: {"corpus_contracts.xlsx", "语料合同"},
		pipeline.Model: {"model_transactions.xlsx", "模型交易"}, pipeline.Innovation: {"innovation_contracts.xlsx", "技术合同"},
	}
	in := &pipeline.Inputs{Registry: reg, Reference: pipeline.NewReference()}
	raw := map[pipeline.Voucher][]pipeline.Line{}
	// add appends a line: fen < 0 means the amount could not be read.
	add := func(v pipeline.Voucher, n int, doc string, fen int64, reason pipeline.Reason, detail string) *pipeline.Line {
		rows[v]++
		l := pipeline.Line{Voucher: v, Origin: pipeline.Origin{File: files[v][0], Sheet: files[v][1], Row: rows[v] + 1},
			EnterpriseUSCC: e[n], EnterpriseName: fmt.Sprintf("杭州测试%d科技有限公司", n), DocumentNo: doc,
			Date: testkit.Day(tb, "2025-08-01"), HasDate: true, Amount: pipeline.Money(fen), HasAmount: fen >= 0,
			Eligible: reason == "", Reason: reason, Detail: detail}
		if fen < 0 {
			l.Amount = 0
		}
		if l.Eligible {
			l.Rate = dec("0.3")
		}
		raw[v] = append(raw[v], l)
		return &raw[v][len(raw[v])-1]
	}
	const C, K, M, I = pipeline.Compute, pipeline.Corpus, pipeline.Model, pipeline.Innovation
	add(C, 1, "B-001", 100_000_000, "", "").ComputeOrigin = "domestic"
	add(C, 1, "B-002", 23_456_789, "", "").ComputeOrigin = "domestic"
	add(C, 1, "B-003", 50_000_001, "", "").ComputeOrigin = "foreign"
	add(C, 1, "B-001", 100_000_000, pipeline.DuplicateDocument, "与第2行单据重复")
	add(C, 2, "B-010", 4_000_000_000, "", "").ComputeOrigin = "domestic"
	add(C, 2, "B-011", -1, pipeline.BadAmount, `I7 (结算金额) "12,5x"`)
	add(C, 3, "B-020", 10_000_000, "", "").ComputeOrigin = "foreign"
	add(C, 3, "B-021", 500_000, pipeline.ProviderNotPartner, "服务商 91330108000000900X 结算日不在名单")
	for i := range raw[C] {
		if l := &raw[C][i]; l.ComputeOrigin == "domestic" {
			l.Rate = dec("0.6")
		}
	}
	add(K, 1, "C-001", 100_000_000, "", "")
	add(K, 4, "C-002", 250_000_050, "", "")
	add(K, 4, "C-003", 10_000_000, pipeline.AffiliatedSeller, "卖方与买方同属集团")
	add(K, 4, "C-004", 2_000_000, pipeline.VenueNotRecognised, "交易平台 某某平台")
	add(M, 1, "M-001", 300_000_000, "", "")
	add(M, 2, "M-002", 200_000_010, "", "")
	add(M, 4, "M-003", 1_000_000_000, "", "")
	add(M, 5, "M-004", 5_000_000, "", "")
	add(M, 5, "M-005", 1_000_000, pipeline.ModelNotFiled, "备案编号 X-1 不在备案模型")
	add(I, 6, "T-001", 200_000_000, "", "")
	add(I, 3, "T-002", 30_000_000, "", "")
	add(I, 3, "T-003", 1_000_000, pipeline.OutOfPeriod, "登记日期 2024-12-31")
	add(I, 0, "T-004", 2_000_000, pipeline.MissingField, "A5 (统一社会信用代码) 为空")
	add(I, 6, "T-005", 3_000_000, pipeline.UnknownEnterprise, "")
	raw[I][len(raw[I])-1].EnterpriseUSCC = testkit.USCC(tb, 99)

	award := func(v pipeline.Voucher, n, lines int, base, dom, frn int64, ent string, capApplied bool,
		afterCap, amount int64, factor float64, rv pipeline.Review, st pipeline.Status) pipeline.Award {
		vp := p.Vouchers[v]
		return pipeline.Award{Voucher: v, Bureau: vp.Bureau, Clause: vp.Clause, USCC: e[n],
			Name: reg.Enterprises[e[n]].Name, EligibleLines: int64(lines), Base: pipeline.Money(base),
			BaseDomestic: pipeline.Money(dom), BaseForeign: pipeline.Money(frn), Entitlement: dec(ent),
			Cap: vp.Cap, CapApplied: capApplied, AfterCap: pipeline.Money(afterCap), PoolFactor: factor,
			Amount: pipeline.Money(amount), Review: rv, Status: st}
	}
	const ok, no, wait = pipeline.Approved, pipeline.Rejected, pipeline.Pending
	f := float64(100_000_000) / float64(350_000_003) // model: pool / candidates, in fen
	awards := []pipeline.Award{
		award(C, 1, 3, 173_456_790, 123_456_789, 50_000_001, "890740.737", false, 89_074_073, 89_074_073, 1, ok, pipeline.Awarded),
		award(C, 2, 1, 4_000_000_000, 4_000_000_000, 0, "24000000", true, 2_000_000_000, 2_000_000_000, 1, ok, pipeline.Awarded),
		award(C, 3, 1, 10_000_000, 0, 10_000_000, "30000", false, 3_000_000, 0, 1, no, pipeline.RejectedByReview),
		award(K, 1, 1, 100_000_000, 0, 0, "300000", false, 30_000_000, 0, 1, wait, pipeline.PendingReview),
		award(K, 4, 1, 250_000_050, 0, 0, "750000.15", false, 75_000_015, 75_000_015, 1, ok, pipeline.Awarded),
		award(M, 1, 1, 300_000_000, 0, 0, "900000", false, 90_000_000, 25_714_285, f, ok, pipeline.Awarded),
		award(M, 2, 1, 200_000_010, 0, 0, "600000.03", false, 60_000_003, 17_142_858, f, ok, pipeline.Awarded),
		award(M, 4, 1, 1_000_000_000, 0, 0, "3000000", true, 200_000_000, 57_142_857, f, ok, pipeline.Awarded),
		award(M, 5, 1, 5_000_000, 0, 0, "15000", false, 1_500_000, 0, f, ok, pipeline.BelowThreshold),
		award(I, 3, 1, 30_000_000, 0, 0, "90000", false, 9_000_000, 9_000_000, 1, ok, pipeline.Awarded),
		award(I, 6, 1, 200_000_000, 0, 0, "600000", true, 50_000_000, 50_000_000, 1, ok, pipeline.Awarded),
	}
	r := &pipeline.Result{Year: 2025, Policy: p, Inputs: in, Awards: awards}
	for v, ls := range raw {
		r.SetLines(v, ls...)
	}
	in.Files = []pipeline.InputFile{
		{Name: "enterprises.xlsx", SHA256: fmt.Sprintf("%064x", 1), Size: 10_240},
		{Name: "reference.xlsx", SHA256: fmt.Sprintf("%064x", 2), Size: 8_192},
	}
	for i, v := range pipeline.Vouchers {
		in.Files = append(in.Files, pipeline.InputFile{Name: files[v][0], Voucher: v, Sheet: files[v][1],
			SHA256: fmt.Sprintf("%064x", 3+i), Size: int64(20_000 + i), SummaryRows: i % 2})
	}
	r.RunID = pipeline.RunID(pipeline.Run{Year: r.Year, Stage: pipeline.Draft}, p, in.Files)
	for _, v := range pipeline.Vouchers {
		r.Totals = append(r.Totals, testTotals(p.Vouchers[v], awards, raw[v]))
		r.Files = append(r.Files, testFileTotals(in.Files[len(r.Files)+2], raw[v]))
	}
	return r
}

// testTotals sums one voucher's awards and lines as SPEC §5 and §6 say.
func testTotals(vp *pipeline.VoucherPolicy, awards []pipeline.Award, lines []pipeline.Line) pipeline.VoucherTotals {
	t := pipeline.VoucherTotals{Voucher: vp.Key, Name: vp.Name, Clause: vp.Clause, Bureau: vp.Bureau,
		Pool: vp.Pool, PoolFactor: 1, Lines: len(lines)}
	for _, l := range lines {
		if l.Eligible {
			t.EligibleLines++
		}
	}
	for _, a := range awards {
		if a.Voucher != vp.Key {
			continue
		}
		t.Applicants++
		t.EligibleBase += a.Base
		t.Entitlement = t.Entitlement.Add(a.Entitlement)
		switch a.Status {
		case pipeline.Awarded:
			t.Approved++
			t.CandidateTotal += a.AfterCap
		case pipeline.RejectedByReview:
			t.Rejected++
			t.RejectedTotal += a.AfterCap
		case pipeline.PendingReview:
			t.Pending++
			t.PendingTotal += a.AfterCap
		case pipeline.BelowThreshold:
			t.Below++
		}
		if a.Amount > 0 {
			t.Awarded++
			t.AwardedAmount += a.Amount
		}
		t.PoolFactor = a.PoolFactor
	}
	t.Oversubscribed = t.CandidateTotal > t.Pool
	return t
}

// testFileTotals computes the control totals of one voucher input.
func testFileTotals(f pipeline.InputFile, lines []pipeline.Line) pipeline.FileTotals {
	t := pipeline.FileTotals{InputFile: f, ByReason: map[pipeline.Reason]int{}}
	for _, l := range lines {
		t.Lines++
		if l.Eligible {
			t.Eligible++
		} else {
			t.Rejected++
			t.ByReason[l.Reason]++
		}
		if !l.HasAmount {
			t.BadAmountLines++
			continue
		}
		t.Amount += l.Amount
		if l.Eligible {
			t.EligibleAmount += l.Amount
		} else {
			t.RejectedAmount += l.Amount
		}
	}
	return t
}

// TestResultFixture checks that the hand-made fixture keeps the money
// invariants of SPEC §5, so that other tests can trust its numbers.
func TestResultFixture(t *testing.T) {
	r := testResult(t)
	for _, a := range r.Awards {
		if a.Amount > a.AfterCap || a.AfterCap.Decimal().GreaterThan(a.Entitlement) || a.AfterCap > a.Cap {
			t.Errorf("%s %s: award %s, after cap %s, entitlement %s", a.Voucher, a.USCC, a.Amount, a.AfterCap, a.Entitlement)
		}
		if a.Status != pipeline.Awarded && a.Amount != 0 {
			t.Errorf("%s %s: %s with award %s", a.Voucher, a.USCC, a.Status, a.Amount)
		}
	}
	for _, tot := range r.Totals {
		if tot.Oversubscribed != (tot.Voucher == pipeline.Model) {
			t.Errorf("%s: oversubscribed %v", tot.Voucher, tot.Oversubscribed)
		}
		if tot.Oversubscribed && tot.AwardedAmount != tot.Pool {
			t.Errorf("%s: awarded %s, want the pool %s", tot.Voucher, tot.AwardedAmount, tot.Pool)
		}
	}
	// The counts by status as pipeline.Settle fills them, which 汇总 and
	// the cover print as they are.
	type counts struct {
		applicants, approved, rejected, pending, below int
		rejectedTotal, pendingTotal                    pipeline.Money
	}
	want := map[pipeline.Voucher]counts{
		pipeline.Compute:    {3, 2, 1, 0, 0, 3_000_000, 0},
		pipeline.Corpus:     {2, 1, 0, 1, 0, 0, 30_000_000},
		pipeline.Model:      {4, 3, 0, 0, 1, 0, 0},
		pipeline.Innovation: {2, 2, 0, 0, 0, 0, 0},
	}
	for _, tot := range r.Totals {
		got := counts{tot.Applicants, tot.Approved, tot.Rejected, tot.Pending, tot.Below, tot.RejectedTotal, tot.PendingTotal}
		if got != want[tot.Voucher] {
			t.Errorf("%s: counts %+v, want %+v", tot.Voucher, got, want[tot.Voucher])
		}
	}
	for _, f := range r.Files {
		if !f.Reconciles() {
			t.Errorf("%s does not reconcile: %+v", f.Name, f)
		}
	}
}
