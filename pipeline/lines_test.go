package pipeline

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"settle/pipeline/compact"
)

func fullLine(i int) Line {
	return Line{
		Voucher:          Compute,
		Origin:           Origin{File: "compute_billing.xlsx", Sheet: "算力结算", Row: i + 2},
		EnterpriseUSCC:   fmt.Sprintf("buyer-%d", i%7),
		EnterpriseName:   fmt.Sprintf("企业%d", i%7),
		CounterpartyUSCC: "provider",
		CounterpartyName: "服务商",
		DocumentNo:       fmt.Sprintf("B-%07d", i),
		InvoiceNo:        fmt.Sprintf("INV-%d", i),
		Date:             NewDate(2025, 7, 1) + Date(i%30),
		HasDate:          i%5 != 0,
		HasAmount:        i%3 != 0,
		Amount:           Money(i * 101),
		ComputeOrigin:    []string{"国产", "非国产"}[i%2],
		Purpose:          "模型研究",
		Venue:            "",
		FilingNo:         fmt.Sprintf("M-%d", i%4),
	}
}

// TestLinesRoundTrip: every field of a line comes back as stored, after
// enough lines to fill several text blocks, and Set replaces one line.
func TestLinesRoundTrip(t *testing.T) {
	var want []Line
	s := &Lines{}
	for i := range 5000 {
		l := fullLine(i)
		if i%11 == 0 {
			l.Problems = []Problem{{Reason: BadAmount, Cell: fmt.Sprintf("I%d", i+2), Header: "金额", Value: "12,5x"}}
		}
		want = append(want, l)
		s.Append(&l)
	}
	if s.Len() != len(want) {
		t.Fatalf("Len = %d, want %d", s.Len(), len(want))
	}
	for i, l := range s.All() {
		if !reflect.DeepEqual(l, want[i]) {
			t.Fatalf("line %d:\n got %+v\nwant %+v", i, l, want[i])
		}
	}
	l := want[10]
	l.DocumentNo, l.EnterpriseName = "X-1", "新名称"
	s.Set(3, l)
	if got := s.Line(3); !reflect.DeepEqual(got, l) {
		t.Fatalf("after Set: %+v, want %+v", got, l)
	}
	if got := s.Line(4); !reflect.DeepEqual(got, want[4]) {
		t.Fatalf("Set changed the next line: %+v", got)
	}
}

// TestLinesCopyTexts: the texts a reader hands in (slices of a row's text
// that the next row overwrites) are copied, long ones included.
func TestLinesCopyTexts(t *testing.T) {
	s := &Lines{}
	buf := make([]byte, 0, 64)
	long := strings.Repeat("长", 1<<20) // longer than any block of the arena
	for i := range 3 {
		buf = fmt.Appendf(buf[:0], "DOC-%d", i)
		doc := string(buf) // as xlsx.Rows hands it out, then forgets it
		s.Append(&Line{Voucher: Model, DocumentNo: doc, InvoiceNo: long, FilingNo: doc})
	}
	for i := range 3 {
		l := s.Line(i)
		if want := fmt.Sprintf("DOC-%d", i); l.DocumentNo != want || l.FilingNo != want || l.InvoiceNo != long {
			t.Fatalf("line %d: %q %q %d bytes", i, l.DocumentNo, l.FilingNo, len(l.InvoiceNo))
		}
	}
}

// TestLinesRepeatedTexts: a text that repeats is kept once per column;
// past compact.MaxDistinct different texts the lookup table stops growing and
// every text still comes back.
func TestLinesRepeatedTexts(t *testing.T) {
	s := &Lines{}
	for range 100 {
		s.Append(&Line{Voucher: Compute, EnterpriseUSCC: "91330108MA2DEFX34T", EnterpriseName: "杭州舟风数字科技有限公司"})
	}
	if n := s.st.TextsStored(); n != 3 { // "", the code, the name
		t.Fatalf("%d texts kept for one buyer", n)
	}
	s = &Lines{}
	n := compact.MaxDistinct + 100
	for i := range n {
		s.Append(&Line{Voucher: Compute, EnterpriseUSCC: fmt.Sprintf("U%d", i)})
	}
	for i := range n {
		if got := s.Line(i).EnterpriseUSCC; got != fmt.Sprintf("U%d", i) {
			t.Fatalf("line %d: %q", i, got)
		}
	}
	if m := s.st.TextsIndexed(int(tEnterpriseUSCC)); m > compact.MaxDistinct {
		t.Errorf("the lookup table holds %d texts, more than %d", m, compact.MaxDistinct)
	}
}

// TestSetLines: lines given with an outcome (a Result built by hand) read
// back with it through the Result, rates as written and texts as given;
// the store itself keeps no outcome.
func TestSetLines(t *testing.T) {
	ok := fullLine(0)
	ok.Eligible, ok.Rate, ok.Purpose = true, decimal.RequireFromString("0.60"), " 模型研究 "
	zero := fullLine(2)
	zero.Eligible, zero.ComputeOrigin, zero.Purpose = true, "", ""
	bad := fullLine(1)
	bad.Reason, bad.Detail, bad.Rate = DuplicateDocument, "单据重复", decimal.RequireFromString("0.3")
	r := &Result{}
	r.SetLines(Compute, ok, bad, zero)
	got := r.Lines(Compute).Slice()
	if !reflect.DeepEqual(got[0], ok) || got[0].Rate.Exponent() != -2 { // as written, 0.60
		t.Errorf("eligible line:\n got %+v\nwant %+v", got[0], ok)
	}
	if !reflect.DeepEqual(got[2], zero) {
		t.Errorf("eligible line without origin or purpose:\n got %+v\nwant %+v", got[2], zero)
	}
	bad.Rate = decimal.Decimal{} // a rejected line has no rate
	if !reflect.DeepEqual(got[1], bad) {
		t.Errorf("rejected line:\n got %+v\nwant %+v", got[1], bad)
	}
	s := r.Lines(Compute)
	if s.Reason(1) != DuplicateDocument || s.Eligible(1) || !s.Eligible(0) || s.Row(1) != 3 {
		t.Fatalf("accessors: %s %v %v %d", s.Reason(1), s.Eligible(1), s.Eligible(0), s.Row(1))
	}
	if l := r.Inputs.Lines[Compute].Line(0); l.Eligible || !l.Rate.IsZero() || l.Reason != "" {
		t.Errorf("the store kept an outcome: %+v", l)
	}
	// Lines replaced without SetLines are not settled: no outcome.
	r.Inputs.Lines[Compute] = NewLines(ok)
	if s := r.Lines(Compute); s.Eligible(0) || s.Reason(0) != "" {
		t.Errorf("unsettled line shows an outcome: %+v", s.Line(0))
	}
	var none *Lines
	if none.Len() != 0 || len(none.Slice()) != 0 || r.Lines(Model).Len() != 0 {
		t.Fatal("a nil store is not empty")
	}
	for range none.All() {
		t.Fatal("a nil store yields a line")
	}
}

// TestSetLinesRefusesNoOutcome: a line neither eligible nor rejected, or
// both, cannot be a settled line.
func TestSetLinesRefusesNoOutcome(t *testing.T) {
	both := fullLine(0)
	both.Eligible, both.Reason = true, BadDate
	for name, l := range map[string]Line{"neither": fullLine(0), "both": both} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("SetLines accepted it")
				}
			}()
			(&Result{}).SetLines(Compute, l)
		})
	}
}

// TestLinesKeepTheDecidingProblem: of several problems the store keeps the
// one whose reason comes first in SPEC §4, the leftmost of equals, and
// the line is rejected with it.
func TestLinesKeepTheDecidingProblem(t *testing.T) {
	ps := []Problem{
		{Reason: BadUSCC, Cell: "A2", Header: "统一社会信用代码", Value: "X"},
		{Reason: MissingField, Cell: "C2", Header: "服务商统一社会信用代码"},
		{Reason: BadAmount, Cell: "I2", Header: "结算金额", Value: "12,5x"},
		{Reason: MissingField, Cell: "F2", Header: "结算日期"},
	}
	s := NewLines(Line{Voucher: Compute, Problems: ps})
	got := s.Line(0).Problems
	if len(got) != 1 || got[0] != ps[1] {
		t.Fatalf("kept %+v, want %+v", got, ps[1])
	}
	w := newWorld(t)
	l := compute(w.enterprise(1), w.partner(100, "2025-01-01", ""), "B1", "2025-07-01", "国产", 100)
	l.Problems = ps
	ref := w.add(l)
	w.settle()
	if got := ref.get(); got.Reason != MissingField || got.Detail != ps[1].String() {
		t.Fatalf("rejected %s (%s), want MISSING_FIELD (%s)", got.Reason, got.Detail, ps[1])
	}
}
