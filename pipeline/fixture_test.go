package pipeline

import (
	"context"
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
)

// uscc makes the n-th valid test code (division 330108, 滨江区).
func uscc(tb testing.TB, n int) string {
	tb.Helper()
	first := fmt.Sprintf("91330108%09d", n)
	c, ok := USCCCheckChar(first)
	if !ok {
		tb.Fatalf("bad test code %s", first)
	}
	return first + string(c)
}

// testPolicy is the default policy of SPEC §1, built by hand so that the
// pipeline tests do not depend on the YAML loader.
func testPolicy() *Policy {
	d := func(s string) Date { x, _ := ParseISODate(s); return x }
	return &Policy{
		ID: "test", Title: "test", DocumentNo: "杭高新〔2025〕9号",
		EffectiveFrom: d("2025-06-10"), EffectiveTo: d("2028-06-09"),
		EligibleFrom: d("2025-06-10"), EligibleTo: d("2028-06-09"),
		Jurisdictions: []string{"滨江区", "高新区(滨江)", "高新技术产业开发区(滨江)"}, RoundingUnit: 1, RoundingMode: "down",
		Bureaus: map[string]string{"jxj": "区经信局", "fgj": "区发改局", "kjj": "区科技局"},
		Vouchers: map[Voucher]*VoucherPolicy{
			Compute: {Key: Compute, Name: "算力券", Clause: "二(六)", Bureau: "jxj",
				Rates: rates(RateDomestic, "0.6", RateForeign, "0.3"), Cap: Yuan(20_000_000), Pool: Yuan(100_000_000),
				Purposes: []string{"模型研究", "产品开发", "场景应用"}},
			Corpus: {Key: Corpus, Name: "语料券", Clause: "二(七)", Bureau: "fgj",
				Rates: rates(RateDefault, "0.3"), Cap: Yuan(2_000_000), Pool: Yuan(50_000_000)},
			Model: {Key: Model, Name: "模型券", Clause: "二(八)", Bureau: "jxj",
				Rates: rates(RateDefault, "0.3"), Cap: Yuan(2_000_000), Pool: Yuan(50_000_000),
				Purposes: []string{"模型服务", "智能体开发"}},
			Innovation: {Key: Innovation, Name: "创新券", Clause: "二(九)", Bureau: "kjj",
				Rates: rates(RateDefault, "0.3"), Cap: Yuan(500_000), Pool: Yuan(50_000_000)},
		},
	}
}

// world is a small registry and reference list for rule tests.
type world struct {
	tb  testing.TB
	reg *Registry
	ref *Reference
	in  *Inputs
	res *Result // the last settlement
}

func newWorld(tb testing.TB) *world {
	w := &world{tb: tb, reg: NewRegistry(), ref: NewReference()}
	w.in = &Inputs{Registry: w.reg, Reference: w.ref, Lines: map[Voucher]*Lines{}}
	return w
}

// enterprise registers an active 滨江区 enterprise, approved for every voucher.
func (w *world) enterprise(n int) string {
	u := uscc(w.tb, n)
	w.reg.Enterprises[u] = &Enterprise{USCC: u, Name: fmt.Sprintf("企业%d", n), District: "杭州市滨江区", Status: "存续（在营、开业、在册）"}
	for _, v := range Vouchers {
		w.reg.Reviews[ReviewKey{u, v}] = ReviewRow{Result: Approved}
	}
	return u
}

func (w *world) partner(n int, from, to string) string {
	u := uscc(w.tb, n)
	l := Listing{From: day(w.tb, from)}
	if to != "" {
		l.To, l.HasTo = day(w.tb, to), true
	}
	w.ref.Partners[u] = append(w.ref.Partners[u], l)
	return u
}

func day(tb testing.TB, s string) Date {
	tb.Helper()
	d, err := ParseISODate(s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// lineRef finds a line again after later appends moved the slice.
type lineRef struct {
	w *world
	v Voucher
	i int
}

// get returns the line with its outcome in the last settlement.
func (r lineRef) get() Line {
	r.w.tb.Helper()
	if r.w.res == nil {
		r.w.tb.Fatal("the world is not settled")
	}
	return r.w.res.Lines(r.v).Line(r.i)
}

// add appends a line to its voucher's file, numbering rows from 2.
func (w *world) add(l Line) lineRef {
	if l.Origin.File == "" {
		l.Origin = Origin{File: string(l.Voucher) + ".xlsx", Sheet: "s", Row: w.in.Lines[l.Voucher].Len() + 2}
	}
	if w.in.Lines[l.Voucher] == nil {
		w.in.Lines[l.Voucher] = &Lines{}
	}
	w.in.Lines[l.Voucher].Append(&l)
	return lineRef{w, l.Voucher, w.in.Lines[l.Voucher].Len() - 1}
}

// settle settles 2025 and registers an input file for every voucher used.
func (w *world) settle() *Result {
	w.tb.Helper()
	w.in.Files = nil
	for _, v := range Vouchers {
		if w.in.Lines[v].Len() > 0 {
			w.in.Files = append(w.in.Files, InputFile{Name: string(v) + ".xlsx", Voucher: v})
		}
	}
	return w.settleWith(testPolicy())
}

// settleWith settles 2025 under policy p.
func (w *world) settleWith(p *Policy) *Result {
	w.tb.Helper()
	r, err := Settle(context.Background(), Run{Year: 2025}, p, w.in)
	if err != nil {
		w.tb.Fatal(err)
	}
	w.res = r
	return r
}

// compute builds a compute line that passes every rule for buyer/provider.
func compute(buyer, provider, bill, date, origin string, yuan int64) Line {
	d, _ := ParseISODate(date)
	return Line{Voucher: Compute, EnterpriseUSCC: buyer, CounterpartyUSCC: provider, DocumentNo: bill,
		Date: d, HasDate: true, Amount: Yuan(yuan), HasAmount: true, ComputeOrigin: origin, Purpose: "模型研究"}
}

func awardOf(tb testing.TB, r *Result, v Voucher, u string) Award {
	tb.Helper()
	for _, a := range r.Awards {
		if a.Voucher == v && a.USCC == u {
			return a
		}
	}
	tb.Fatalf("no %s award for %s", v, u)
	return Award{}
}

func rates(kv ...string) map[string]decimal.Decimal {
	m := map[string]decimal.Decimal{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = decimal.RequireFromString(kv[i+1])
	}
	return m
}
