package duckdb

import (
	"context"
	"fmt"
	"testing"

	"settle/internal/testkit"
	"settle/pipeline"
)

// fixture settles a small year from hand-built inputs: a capped compute
// award whose entitlement has six decimals, a credit note, a bad amount, a
// bad date, an unknown buyer, a duplicate invoice and an oversubscribed
// corpus pool. It mirrors writers' parquetFixture and shares its
// enterprises and reference lists (testkit); its lines keep their own
// dates, rows and sheet, which the tests here assert.
func fixture(tb testing.TB) *pipeline.Result {
	tb.Helper()
	p := testkit.DefaultPolicy(tb)
	p.Vouchers[pipeline.Corpus].Pool = pipeline.Yuan(1000)
	day := func(s string) pipeline.Date { return testkit.Day(tb, s) }
	reg := pipeline.NewRegistry()
	ent := func(n int, review pipeline.Review) string {
		return testkit.AddEnterprise(tb, reg, n, "存续", review)
	}
	a, b, c := ent(1, pipeline.Approved), ent(2, pipeline.Approved), ent(3, pipeline.Pending)
	ref, partner := testkit.Reference(tb)

	row := 1
	line := func(v pipeline.Voucher, file string, l pipeline.Line, date string) pipeline.Line {
		row++
		l.Voucher, l.Origin = v, pipeline.Origin{File: file, Sheet: "s", Row: row}
		if date != "" {
			l.Date, l.HasDate = day(date), true
		}
		l.HasAmount = l.HasAmount || l.Amount != 0
		return l
	}
	cb := func(doc, buyer, origin string, fen pipeline.Money, date string, problems ...pipeline.Problem) pipeline.Line {
		return line(pipeline.Compute, "compute_billing.xlsx", pipeline.Line{EnterpriseUSCC: buyer, CounterpartyUSCC: partner,
			DocumentNo: doc, ComputeOrigin: origin, Purpose: "模型研究", Amount: fen, Problems: problems}, date)
	}
	cc := func(doc, buyer, seller, invoice string, fen pipeline.Money) pipeline.Line {
		return line(pipeline.Corpus, "corpus_contracts.xlsx", pipeline.Line{EnterpriseUSCC: buyer, CounterpartyUSCC: seller,
			DocumentNo: doc, Venue: "浙江大数据交易中心", Amount: fen, InvoiceNo: invoice}, "2025-06-20")
	}
	raw := map[pipeline.Voucher][]pipeline.Line{
		pipeline.Compute: {
			cb("B-001", a, "国产", 4_000_000_001, "2025-07-01"),
			cb("B-002", a, "非国产", 123_456, "2025-12-31"),
			cb("B-003", b, "国产", 0, "2025-09-30", pipeline.Problem{Reason: pipeline.BadAmount, Value: "12,5x"}),
			cb("B-004", testkit.USCC(tb, 77), "国产", 50_000, "2025-07-01"),
			cb("B-005", b, "国产", 100_000, "2025-08-15"),
			cb("B-006", b, "国产", -10_025, "2025-08-16"),
			cb("B-007", b, "国产", 777, "", pipeline.Problem{Reason: pipeline.BadDate, Value: "2025-13-01"}),
		},
		pipeline.Corpus: {
			cc("C-001", a, b, "INV-1", 500_000),
			cc("C-002", b, a, "", 500_000),
			cc("C-003", a, c, "", 333_333),
		},
		pipeline.Model: {
			line(pipeline.Model, "model_transactions.xlsx", pipeline.Line{EnterpriseUSCC: c, DocumentNo: "M-001",
				FilingNo: "Zhejiang-202401", Purpose: "模型服务", Amount: 1_234_567}, "2025-10-10"),
		},
	}
	raw[pipeline.Compute][1].InvoiceNo = "INV-1" // compute keeps it (附则(一))
	in := &pipeline.Inputs{Registry: reg, Reference: ref, Lines: pipeline.StoreLines(raw)}
	for _, f := range []struct {
		name string
		v    pipeline.Voucher
	}{{"enterprises.xlsx", ""}, {"reference.xlsx", ""}, {"compute_billing.xlsx", pipeline.Compute},
		{"corpus_contracts.xlsx", pipeline.Corpus}, {"model_transactions.xlsx", pipeline.Model}} {
		in.Files = append(in.Files, pipeline.InputFile{Name: f.name, Voucher: f.v, Sheet: "s", SHA256: fmt.Sprintf("%064x", len(f.name))})
	}
	r, err := pipeline.Settle(context.Background(), pipeline.Run{Year: 2025}, p, in)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}
