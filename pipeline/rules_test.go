package pipeline

import "testing"

// TestLineReasons shows every reason code of SPEC §4 on a line that
// triggers it, and which code wins when two apply.
func TestLineReasons(t *testing.T) {
	type setup struct {
		w                               *world
		buyer, prov, seller, other, out string
	}
	prep := func(t *testing.T) setup {
		w := newWorld(t)
		s := setup{w: w, buyer: w.enterprise(1), seller: w.enterprise(2)}
		s.prov = w.partner(100, "2025-01-01", "2025-09-30")
		s.other = uscc(t, 999) // valid but unknown
		w.ref.Venues[Fold("杭州数据交易所")] = true
		w.ref.Models[Fold("网信算备330110507206401230035号")] = day(t, "2025-07-01")
		s.out = w.enterprise(3)
		w.reg.Enterprises[s.out].District = "杭州市西湖区"
		return s
	}
	corpus := func(s setup) Line {
		return Line{Voucher: Corpus, EnterpriseUSCC: s.buyer, CounterpartyUSCC: s.seller, DocumentNo: "C-1",
			Date: day(s.w.tb, "2025-08-01"), HasDate: true, Amount: Yuan(1000), HasAmount: true, Venue: " 杭州数据交易所 "}
	}
	model := func(s setup) Line {
		return Line{Voucher: Model, EnterpriseUSCC: s.buyer, DocumentNo: "T-1", FilingNo: "网信算备330110507206401230035号",
			Date: day(s.w.tb, "2025-08-01"), HasDate: true, Amount: Yuan(1000), HasAmount: true, Purpose: "智能体开发"}
	}
	cases := []struct {
		name  string
		build func(s setup) []Line // the last line is the one checked
		want  Reason
	}{
		{"eligible compute", func(s setup) []Line { return []Line{compute(s.buyer, s.prov, "B1", "2025-07-01", "国产", 100)} }, ""},
		{"missing field", func(s setup) []Line {
			l := compute(s.buyer, s.prov, "B1", "2025-07-01", "国产", 100)
			l.Problems = []Problem{{Reason: MissingField, Cell: "E2", Header: "账单编号"}}
			return []Line{l}
		}, MissingField},
		{"missing field beats bad amount", func(s setup) []Line {
			l := compute(s.buyer, s.prov, "", "2025-07-01", "国产", 100)
			l.Problems = []Problem{{Reason: BadAmount, Cell: "I2"}, {Reason: MissingField, Cell: "E2"}}
			return []Line{l}
		}, MissingField},
		{"bad uscc beats bad date", func(s setup) []Line {
			l := compute("X", s.prov, "B1", "2025-07-01", "国产", 100)
			l.Problems = []Problem{{Reason: BadDate, Cell: "F2"}, {Reason: BadUSCC, Cell: "A2"}}
			return []Line{l}
		}, BadUSCC},
		{"bad amount", func(s setup) []Line {
			l := compute(s.buyer, s.prov, "B1", "2025-07-01", "国产", 0)
			l.HasAmount = false
			l.Problems = []Problem{{Reason: BadAmount, Cell: "I2", Value: "12,5x"}}
			return []Line{l}
		}, BadAmount},
		{"bad date", func(s setup) []Line {
			l := compute(s.buyer, s.prov, "B1", "2025-07-01", "国产", 10)
			l.HasDate = false
			l.Problems = []Problem{{Reason: BadDate, Cell: "F2", Value: "2025-02-30"}}
			return []Line{l}
		}, BadDate},
		{"unknown enterprise", func(s setup) []Line { return []Line{compute(s.other, s.prov, "B1", "2025-07-01", "国产", 100)} }, UnknownEnterprise},
		{"out of jurisdiction", func(s setup) []Line { return []Line{compute(s.out, s.prov, "B1", "2025-07-01", "国产", 100)} }, OutOfJurisdiction},
		{"inactive", func(s setup) []Line {
			s.w.reg.Enterprises[s.buyer].Status = "注销"
			return []Line{compute(s.buyer, s.prov, "B1", "2025-07-01", "国产", 100)}
		}, InactiveEnterprise},
		{"out of jurisdiction beats inactive", func(s setup) []Line {
			s.w.reg.Enterprises[s.out].Status = "吊销"
			return []Line{compute(s.out, s.prov, "B1", "2025-07-01", "国产", 100)}
		}, OutOfJurisdiction},
		{"before the policy took effect", func(s setup) []Line { return []Line{compute(s.buyer, s.prov, "B1", "2025-06-09", "国产", 100)} }, OutOfPeriod},
		{"first day of the policy", func(s setup) []Line { return []Line{compute(s.buyer, s.prov, "B1", "2025-06-10", "国产", 100)} }, ""},
		{"next year", func(s setup) []Line { return []Line{compute(s.buyer, s.prov, "B1", "2026-01-01", "国产", 100)} }, OutOfPeriod},
		{"bad purpose", func(s setup) []Line {
			l := compute(s.buyer, s.prov, "B1", "2025-07-01", "国产", 100)
			l.Purpose = "日常办公"
			return []Line{l}
		}, BadPurpose},
		{"purpose matched across width and spaces", func(s setup) []Line {
			l := compute(s.buyer, s.prov, "B1", "2025-07-01", "国产", 100)
			l.Purpose = "　场景应用 "
			return []Line{l}
		}, ""},
		{"provider never listed", func(s setup) []Line { return []Line{compute(s.buyer, s.other, "B1", "2025-07-01", "国产", 100)} }, ProviderNotPartner},
		{"provider delisted before the bill", func(s setup) []Line { return []Line{compute(s.buyer, s.prov, "B1", "2025-10-01", "国产", 100)} }, ProviderNotPartner},
		{"provider on its last listed day", func(s setup) []Line { return []Line{compute(s.buyer, s.prov, "B1", "2025-09-30", "国产", 100)} }, ""},
		{"provider beats origin", func(s setup) []Line { return []Line{compute(s.buyer, s.other, "B1", "2025-07-01", "进口", 100)} }, ProviderNotPartner},
		{"bad compute origin", func(s setup) []Line { return []Line{compute(s.buyer, s.prov, "B1", "2025-07-01", "进口", 100)} }, BadComputeOrigin},
		{"origin in English, any case", func(s setup) []Line { return []Line{compute(s.buyer, s.prov, "B1", "2025-07-01", " Foreign", 100)} }, ""},
		{"venue not recognised", func(s setup) []Line {
			l := corpus(s)
			l.Venue = "某网店"
			return []Line{l}
		}, VenueNotRecognised},
		{"seller is the buyer", func(s setup) []Line {
			l := corpus(s)
			l.CounterpartyUSCC = s.buyer
			return []Line{l}
		}, AffiliatedSeller},
		{"seller listed as related", func(s setup) []Line {
			s.w.reg.AddAffiliation(s.seller, s.buyer)
			return []Line{corpus(s)}
		}, AffiliatedSeller},
		{"seller in the same group", func(s setup) []Line {
			s.w.reg.Enterprises[s.buyer].Group = "某集团"
			s.w.reg.Enterprises[s.seller].Group = " 某集团"
			return []Line{corpus(s)}
		}, AffiliatedSeller},
		{"unrelated seller", func(s setup) []Line { return []Line{corpus(s)} }, ""},
		{"model not filed", func(s setup) []Line {
			l := model(s)
			l.FilingNo = "网信算备000"
			return []Line{l}
		}, ModelNotFiled},
		{"model not yet filed", func(s setup) []Line {
			l := model(s)
			l.Date = day(s.w.tb, "2025-06-30")
			return []Line{l}
		}, ModelNotYetFiled},
		{"model on its filing day", func(s setup) []Line {
			l := model(s)
			l.Date = day(s.w.tb, "2025-07-01")
			return []Line{l}
		}, ""},
		{"duplicate document", func(s setup) []Line {
			return []Line{compute(s.buyer, s.prov, "B1", "2025-07-01", "国产", 100), compute(s.buyer, s.prov, " b1", "2025-07-02", "国产", 100)}
		}, DuplicateDocument},
		{"same number from another provider is no duplicate", func(s setup) []Line {
			p2 := s.w.partner(101, "2025-01-01", "")
			return []Line{compute(s.buyer, s.prov, "B1", "2025-07-01", "国产", 100), compute(s.buyer, p2, "B1", "2025-07-02", "国产", 100)}
		}, ""},
		{"a rejected first line does not make a duplicate", func(s setup) []Line {
			return []Line{compute(s.buyer, s.prov, "B1", "2024-07-01", "国产", 100), compute(s.buyer, s.prov, "B1", "2025-07-02", "国产", 100)}
		}, ""},
		{"duplicate invoice within one voucher: the earlier row keeps it", func(s setup) []Line {
			a := compute(s.buyer, s.prov, "B1", "2025-07-01", "国产", 100)
			b := compute(s.buyer, s.prov, "B2", "2025-07-02", "国产", 100)
			a.InvoiceNo, b.InvoiceNo = "INV-1", "inv-1"
			return []Line{a, b}
		}, DuplicateInvoice},
		{"duplicate invoice: domestic compute beats an earlier foreign line", func(s setup) []Line {
			a := compute(s.buyer, s.prov, "B1", "2025-07-01", "非国产", 100)
			b := compute(s.buyer, s.prov, "B2", "2025-07-02", "国产", 100)
			a.InvoiceNo, b.InvoiceNo = "INV-1", "INV-1"
			return []Line{b, a} // the foreign line is checked, and loses
		}, DuplicateInvoice},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := prep(t)
			lines := tc.build(s)
			var ref lineRef
			for _, l := range lines {
				ref = s.w.add(l)
			}
			s.w.settle()
			last := ref.get()
			if last.Reason != tc.want {
				t.Fatalf("reason = %q (%s), want %q", last.Reason, last.Detail, tc.want)
			}
			if last.Eligible != (tc.want == "") {
				t.Fatalf("eligible = %v with reason %q", last.Eligible, last.Reason)
			}
		})
	}
}

// TestDuplicateInvoiceAcrossVouchers: the higher rate keeps the invoice; at
// equal rates compute beats model beats corpus beats innovation.
func TestDuplicateInvoiceAcrossVouchers(t *testing.T) {
	w := newWorld(t)
	buyer, seller := w.enterprise(1), w.enterprise(2)
	prov := w.partner(100, "2025-01-01", "")
	w.ref.Venues["杭州数据交易所"] = true
	w.ref.Models["m-1"] = day(t, "2025-01-01")
	inv := "33002500001"
	corpus := w.add(Line{Voucher: Corpus, EnterpriseUSCC: buyer, CounterpartyUSCC: seller, DocumentNo: "C1", Venue: "杭州数据交易所",
		Date: day(t, "2025-07-01"), HasDate: true, Amount: Yuan(500), HasAmount: true, InvoiceNo: inv})
	foreign := compute(buyer, prov, "B1", "2025-07-01", "非国产", 500)
	foreign.InvoiceNo = inv
	fl := w.add(foreign)
	model := w.add(Line{Voucher: Model, EnterpriseUSCC: buyer, DocumentNo: "T1", FilingNo: "M-1", Purpose: "模型服务",
		Date: day(t, "2025-07-01"), HasDate: true, Amount: Yuan(500), HasAmount: true, InvoiceNo: inv})
	innov := w.add(Line{Voucher: Innovation, EnterpriseUSCC: buyer, DocumentNo: "R1",
		Date: day(t, "2025-07-01"), HasDate: true, Amount: Yuan(500), HasAmount: true, InvoiceNo: inv})
	w.settle()
	if fl := fl.get(); !fl.Eligible {
		t.Fatalf("foreign compute line (0.30, compute first) should keep the invoice: %s %s", fl.Reason, fl.Detail)
	}
	for _, r := range []lineRef{corpus, model, innov} {
		if l := r.get(); l.Reason != DuplicateInvoice {
			t.Errorf("%s line: reason %q, want DUPLICATE_INVOICE", l.Voucher, l.Reason)
		}
	}

	// A domestic line (0.60) anywhere takes the invoice from all of them.
	w2 := newWorld(t)
	buyer, seller = w2.enterprise(1), w2.enterprise(2)
	prov = w2.partner(100, "2025-01-01", "")
	w2.ref.Venues["杭州数据交易所"] = true
	c := w2.add(Line{Voucher: Corpus, EnterpriseUSCC: buyer, CounterpartyUSCC: seller, DocumentNo: "C1", Venue: "杭州数据交易所",
		Date: day(t, "2025-07-01"), HasDate: true, Amount: Yuan(500), HasAmount: true, InvoiceNo: inv})
	f := compute(buyer, prov, "B1", "2025-07-01", "非国产", 500)
	f.InvoiceNo = inv
	fl = w2.add(f)
	d := compute(buyer, prov, "B2", "2025-12-31", "国产", 500)
	d.InvoiceNo = inv
	dl := w2.add(d)
	w2.settle()
	if !dl.get().Eligible || fl.get().Reason != DuplicateInvoice || c.get().Reason != DuplicateInvoice {
		t.Fatalf("domestic %v, foreign %s, corpus %s", dl.get().Eligible, fl.get().Reason, c.get().Reason)
	}
}
