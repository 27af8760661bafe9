package pipeline

import (
	"strings"
	"testing"
)

// TestRuleTableFollowsTheSpec: the rule table holds every code of SPEC §4
// once, in checking order, the line rules before the set rules.
func TestRuleTableFollowsTheSpec(t *testing.T) {
	if len(ruleTable) != len(Reasons) {
		t.Fatalf("%d rules for %d codes", len(ruleTable), len(Reasons))
	}
	seenSet := false
	for i, r := range ruleTable {
		if r.code != Reasons[i] {
			t.Errorf("rule %d is %s, want %s", i, r.code, Reasons[i])
		}
		if (r.line == nil) == (r.set == nil) {
			t.Errorf("%s: want exactly one of line and set", r.code)
		}
		if r.line != nil && seenSet {
			t.Errorf("%s: a line rule after a set rule", r.code)
		}
		seenSet = seenSet || r.set != nil
	}
	if ExcludedByReview.Text() != "评审核减" || AlreadyFunded.Text() != "发票已获其他资助" {
		t.Errorf("texts %q %q", ExcludedByReview.Text(), AlreadyFunded.Text())
	}
}

// TestReviewExclusionsAndFundedInvoices: EXCLUDED_BY_REVIEW strikes the
// lines of one enterprise and voucher whose document number matches,
// folded; ALREADY_FUNDED the lines whose buyer and invoice are listed.
// Both come after the line checks and before the duplicate rules.
func TestReviewExclusionsAndFundedInvoices(t *testing.T) {
	type want struct {
		reason Reason
		detail string
	}
	cases := []struct {
		name  string
		line  func(buyer, other, prov string) Line
		want  want
		extra func(w *world, buyer, other, prov string) // more lines, added first
	}{
		{"document struck out, folded", func(b, _, p string) Line { return compute(b, p, "ｂ-1 ", "2025-07-01", "国产", 100) },
			want{ExcludedByReview, "存在关联交易"}, nil},
		{"same document of another enterprise", func(_, o, p string) Line { return compute(o, p, "B-1", "2025-07-01", "国产", 100) },
			want{"", ""}, nil},
		{"same document under another voucher", func(b, _, _ string) Line {
			return Line{Voucher: Innovation, EnterpriseUSCC: b, DocumentNo: "B-1", Date: day(t, "2025-07-01"), HasDate: true, Amount: Yuan(100), HasAmount: true}
		}, want{"", ""}, nil},
		{"an earlier code wins", func(b, _, p string) Line { return compute(b, p, "B-1", "2024-07-01", "国产", 100) },
			want{OutOfPeriod, ""}, nil},
		{"invoice already funded, folded", func(b, _, p string) Line {
			l := compute(b, p, "B-2", "2025-07-01", "国产", 100)
			l.InvoiceNo = " inv-9"
			return l
		}, want{AlreadyFunded, "发票“inv-9”已获资助：算力券（2024 年度）"}, nil},
		{"funded invoice of another buyer", func(_, o, p string) Line {
			l := compute(o, p, "B-2", "2025-07-01", "国产", 100)
			l.InvoiceNo = "INV-9"
			return l
		}, want{"", ""}, nil},
		{"struck out beats already funded", func(b, _, p string) Line {
			l := compute(b, p, "B-1", "2025-07-01", "国产", 100)
			l.InvoiceNo = "INV-9"
			return l
		}, want{ExcludedByReview, "存在关联交易"}, nil},
		{"a struck-out line makes no duplicate", func(b, _, p string) Line { return compute(b, p, "B-1", "2025-07-02", "国产", 100) },
			want{ExcludedByReview, "存在关联交易"}, nil},
		{"a funded line keeps no invoice from another", func(b, _, p string) Line {
			l := compute(b, p, "B-3", "2025-07-02", "非国产", 100)
			l.InvoiceNo = "INV-9"
			return l
		}, want{AlreadyFunded, "发票“INV-9”已获资助：算力券（2024 年度）"}, func(w *world, b, _, p string) {
			l := compute(b, p, "B-4", "2025-07-01", "国产", 100)
			l.InvoiceNo = "INV-9"
			w.add(l)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			buyer, other := w.enterprise(1), w.enterprise(2)
			prov := w.partner(100, "2025-01-01", "")
			w.in.Exclusions = []Exclusion{{USCC: buyer, Voucher: Compute, DocumentNo: "B-1", Reason: "存在关联交易"}}
			w.in.Funded = []FundedInvoice{{USCC: buyer, InvoiceNo: "INV-9", Program: "算力券", Year: "2024"}}
			if tc.extra != nil {
				tc.extra(w, buyer, other, prov)
			}
			ref := w.add(tc.line(buyer, other, prov))
			w.settle()
			got := ref.get()
			if got.Reason != tc.want.reason || (tc.want.detail != "" && got.Detail != tc.want.detail) {
				t.Fatalf("got %s %q, want %s %q", got.Reason, got.Detail, tc.want.reason, tc.want.detail)
			}
		})
	}
}

// TestFundedDetail: the detail names what the ledger row gives.
func TestFundedDetail(t *testing.T) {
	cases := []struct{ program, year, want string }{
		{"算力券", "2024", "发票“I1”已获资助：算力券（2024 年度）"},
		{"省级专项", "2024年度", "发票“I1”已获资助：省级专项（2024 年度）"},
		{"", "2023年", "发票“I1”已获资助（2023 年度）"},
		{"模型券", "", "发票“I1”已获资助：模型券"},
		{"", "", "发票“I1”已获资助"},
	}
	for _, tc := range cases {
		t.Run(tc.want, func(t *testing.T) {
			w := newWorld(t)
			b := w.enterprise(1)
			l := compute(b, w.partner(100, "2025-01-01", ""), "B1", "2025-07-01", "国产", 100)
			l.InvoiceNo = "I1"
			ref := w.add(l)
			w.in.Funded = []FundedInvoice{{USCC: b, InvoiceNo: "i1", Program: tc.program, Year: tc.year}}
			w.settle()
			if got := ref.get(); got.Reason != AlreadyFunded || got.Detail != tc.want {
				t.Fatalf("got %s %q", got.Reason, got.Detail)
			}
		})
	}
}

// TestInvoiceContestPrefersApprovedClaims: a compute line whose
// enterprise is not approved for compute loses a shared invoice to a
// model line of an approved enterprise, even at the lower rate.
func TestInvoiceContestPrefersApprovedClaims(t *testing.T) {
	cases := []struct {
		name         string
		computeRow   *ReviewRow // nil: no row
		computeKeeps bool
	}{
		{"compute approved: the higher rate wins", &ReviewRow{Result: Approved}, true},
		{"compute rejected", &ReviewRow{Result: Rejected}, false},
		{"compute pending", &ReviewRow{Result: Pending}, false},
		{"compute without a review row", nil, false},
		{"compute approved with an unreadable 审定金额", &ReviewRow{Result: Approved, BadApproved: "十万"}, false},
		{"compute approved with a 审定金额", &ReviewRow{Result: Approved, Approved: Yuan(10), HasApproved: true}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			a, b := w.enterprise(1), w.enterprise(2)
			w.ref.Models["m-1"] = day(t, "2025-01-01")
			delete(w.reg.Reviews, ReviewKey{a, Compute})
			if tc.computeRow != nil {
				w.reg.Reviews[ReviewKey{a, Compute}] = *tc.computeRow
			}
			c := compute(a, w.partner(100, "2025-01-01", ""), "B1", "2025-07-01", "国产", 100)
			c.InvoiceNo = "INV-1"
			cl := w.add(c)
			ml := w.add(Line{Voucher: Model, EnterpriseUSCC: b, DocumentNo: "T1", FilingNo: "M-1", Purpose: "模型服务",
				Date: day(t, "2025-07-01"), HasDate: true, Amount: Yuan(100), HasAmount: true, InvoiceNo: "inv-1"})
			w.settle()
			keeper, loser := cl.get(), ml.get()
			if !tc.computeKeeps {
				keeper, loser = loser, keeper
			}
			if !keeper.Eligible || loser.Reason != DuplicateInvoice {
				t.Fatalf("keeper %s %s, loser %s %q", keeper.Voucher, keeper.Reason, loser.Voucher, loser.Reason)
			}
			if !strings.Contains(loser.Detail, keeper.Origin.File) {
				t.Errorf("detail %q does not name %s", loser.Detail, keeper.Origin.File)
			}
		})
	}
}
