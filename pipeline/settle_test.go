package pipeline

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// TestJurisdictionNames: a registered district is in the zone when, spaces
// removed and width folded, it equals or ends with one of the policy's
// names (SPEC §2).
func TestJurisdictionNames(t *testing.T) {
	cases := []struct {
		district string
		in       bool
	}{
		{"杭州市滨江区", true},
		{"杭州高新区（滨江）", true},
		{"高新区(滨江)", true},
		{"杭州高新技术产业开发区（滨江）", true},
		{" 浙江省杭州市 滨江区 ", true},
		{"滨江", false},
		{"高新区", false},
		{"杭州市西湖区", false},
		{"滨江区西兴街道", false},
	}
	for _, tc := range cases {
		t.Run(tc.district, func(t *testing.T) {
			w := newWorld(t)
			u := w.enterprise(1)
			w.reg.Enterprises[u].District = tc.district
			ref := w.add(compute(u, w.partner(100, "2025-01-01", ""), "B1", "2025-07-01", "国产", 100))
			w.settle()
			if got := ref.get(); got.Eligible != tc.in || (!tc.in && got.Reason != OutOfJurisdiction) {
				t.Fatalf("eligible %v reason %s, want in zone %v", got.Eligible, got.Reason, tc.in)
			}
		})
	}
}

// TestExpenseWindow: OUT_OF_PERIOD uses year Y ∩ [eligible_from,
// eligible_to], both days included.
func TestExpenseWindow(t *testing.T) {
	cases := []struct {
		name, from, to, date string
		eligible             bool
	}{
		{"default window: before the policy", "2025-06-10", "2028-06-09", "2025-03-01", false},
		{"window from January", "2025-01-01", "2028-06-09", "2025-03-01", true},
		{"window from January, still year Y only", "2024-01-01", "2028-06-09", "2024-12-31", false},
		{"window closes early", "2025-01-01", "2025-09-30", "2025-10-01", false},
		{"last day of the window", "2025-01-01", "2025-09-30", "2025-09-30", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			ref := w.add(compute(w.enterprise(1), w.partner(100, "2024-01-01", ""), "B1", tc.date, "国产", 100))
			p := testPolicy()
			p.EligibleFrom, p.EligibleTo = day(t, tc.from), day(t, tc.to)
			w.settleWith(p)
			if got := ref.get(); got.Eligible != tc.eligible || (!tc.eligible && got.Reason != OutOfPeriod) {
				t.Fatalf("eligible %v reason %s (%s)", got.Eligible, got.Reason, got.Detail)
			}
		})
	}
}

// TestSettlementWarnings: what the settlement warns of, after the inputs'
// warnings, in a fixed order.
func TestSettlementWarnings(t *testing.T) {
	w := newWorld(t)
	paid, noBank, noRow, good := w.enterprise(1), w.enterprise(2), w.enterprise(3), w.enterprise(4)
	for _, u := range []string{paid, noRow, good} {
		w.reg.Enterprises[u].Bank, w.reg.Enterprises[u].Account = "工商银行滨江支行", "1202 0210 0910 0123"
	}
	w.reg.Enterprises[noBank].Origin = Origin{File: "enterprises.xlsx", Sheet: "企业名录", Row: 3}
	for _, u := range []string{paid, noBank, noRow, good} {
		for _, v := range []Voucher{Corpus, Model, Innovation} {
			delete(w.reg.Reviews, ReviewKey{u, v})
		}
	}
	delete(w.reg.Reviews, ReviewKey{noRow, Compute})
	w.reg.Reviews[ReviewKey{paid, Innovation}] = ReviewRow{Result: Approved, Origin: Origin{File: "enterprises.xlsx", Sheet: "评审结果", Row: 9}}
	prov := w.partner(100, "2025-01-01", "")
	var refs []lineRef
	for _, u := range []string{paid, noBank, noRow, good} {
		refs = append(refs, w.add(compute(u, prov, "B"+u, "2025-07-01", "国产", 100)))
	}
	w.in.Exclusions = []Exclusion{
		{USCC: paid, Voucher: Compute, DocumentNo: " b" + strings.ToLower(paid), Reason: "重复申报", Origin: Origin{File: "enterprises.xlsx", Sheet: "核减明细", Row: 2}},
		{USCC: paid, Voucher: Compute, DocumentNo: "B-none", Reason: "无票", Origin: Origin{File: "enterprises.xlsx", Sheet: "核减明细", Row: 3}},
		{USCC: noBank, Voucher: Model, DocumentNo: "B" + noBank, Origin: Origin{File: "enterprises.xlsx", Sheet: "核减明细", Row: 4}},
	}
	w.in.Warnings = []Warning{{At: Origin{File: "reference.xlsx"}, Text: "读取时的警告"}}
	w.in.Files = []InputFile{{Name: "compute.xlsx", Voucher: Compute}, {Name: "corpus_contracts.xlsx", Voucher: Corpus, Sheet: "语料合同"}}
	r := w.settleWith(testPolicy())

	// A voucher that settles to nothing comes first: run prints only the
	// first ten.
	want := []Warning{
		{Origin{File: "corpus_contracts.xlsx", Sheet: "语料合同"}, "语料券工作簿没有数据行：表头下面没有任何明细，该券种本年度没有可结算的行"},
		{Origin{File: "enterprises.xlsx", Sheet: "评审结果"}, "评审结果列有 1 家企业的创新券结论，但没有提供创新券明细工作簿 innovation_contracts.xlsx"},
		{Origin{File: "reference.xlsx"}, "读取时的警告"},
		{Origin{File: "enterprises.xlsx", Sheet: "核减明细", Row: 3}, "核减明细未匹配到任何明细行：算力券 " + paid + " 单据编号“B-none”"},
		{Origin{File: "enterprises.xlsx", Sheet: "核减明细", Row: 4}, "核减明细未匹配到任何明细行：模型券 " + noBank + " 单据编号“B" + noBank + "”"},
		{Origin{File: "enterprises.xlsx"}, "企业3（" + noRow + "）有 1 行算力券合格明细，评审结果中没有该企业算力券的结论，按待定处理"},
		{Origin{File: "enterprises.xlsx", Sheet: "企业名录", Row: 3}, "企业2（" + noBank + "）算力券的兑付款暂缓拨付：开户银行和银行账号缺失"},
	}
	if !reflect.DeepEqual(r.Warnings, want) {
		t.Fatalf("warnings:\n%s\nwant:\n%s", dumpWarnings(r.Warnings), dumpWarnings(want))
	}
	if l := refs[0].get(); l.Reason != ExcludedByReview || l.Detail != "重复申报" {
		t.Errorf("the matched exclusion: %s %q", l.Reason, l.Detail)
	}
	if a := awardOf(t, r, Compute, good); a.Amount != Yuan(60) {
		t.Errorf("the enterprise with bank details: award %s", a.Amount)
	}
}

func dumpWarnings(ws []Warning) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.String() + "\n")
	}
	return b.String()
}

// TestSettleLeavesItsInputsAlone: Settle is a function; settling the same
// inputs twice gives the same result, and the lines as read are unchanged.
func TestSettleLeavesItsInputsAlone(t *testing.T) {
	w := newWorld(t)
	a, b := w.enterprise(1), w.enterprise(2)
	prov := w.partner(100, "2025-01-01", "")
	w.reg.Reviews[ReviewKey{b, Compute}] = ReviewRow{Result: Approved, Approved: Yuan(10), HasApproved: true}
	lines := []Line{
		compute(a, prov, "B1", "2025-07-01", " 国产", 100),
		compute(a, prov, "b1", "2025-07-02", "domestic", 100),
		compute(b, prov, "B2", "2024-07-01", "非国产", 100),
		compute(b, prov, "B3", "2025-07-01", "FOREIGN", 100),
	}
	lines[0].Purpose = "　模型研究"
	lines[3].InvoiceNo = "I-1"
	lines[1].InvoiceNo = "i-1"
	for _, l := range lines {
		w.add(l)
	}
	w.in.Exclusions = []Exclusion{{USCC: b, Voucher: Compute, DocumentNo: "B2", Reason: "x"}}
	before := w.in.Lines[Compute].Slice()
	r1 := w.settle()
	r2 := w.settle()
	if after := w.in.Lines[Compute].Slice(); !reflect.DeepEqual(before, after) {
		t.Fatalf("Settle changed its inputs:\n%+v\n%+v", before, after)
	}
	if !reflect.DeepEqual(r1.Lines(Compute).Slice(), r2.Lines(Compute).Slice()) || !reflect.DeepEqual(r1.Awards, r2.Awards) ||
		!reflect.DeepEqual(r1.Totals, r2.Totals) || !reflect.DeepEqual(r1.Warnings, r2.Warnings) {
		t.Fatal("two settlements of the same inputs differ")
	}
	got := r1.Lines(Compute).Slice()
	if !got[0].Eligible || got[0].ComputeOrigin != "domestic" || got[0].Purpose != "模型研究" || got[0].Rate.String() != "0.6" {
		t.Errorf("admitted line: %+v", got[0])
	}
	if got[1].Reason != DuplicateDocument || got[2].Reason != OutOfPeriod || !got[3].Eligible || got[3].Rate.String() != "0.3" {
		t.Errorf("outcomes %s %s %v", got[1].Reason, got[2].Reason, got[3].Eligible)
	}
	if before[0].ComputeOrigin != " 国产" || before[1].Reason != "" {
		t.Errorf("the lines as read: %+v", before[:2])
	}
	if _, err := Settle(canceled(), Run{Year: 2025}, testPolicy(), w.in); err == nil {
		t.Error("a canceled settlement returned no error")
	}
}

func canceled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}
