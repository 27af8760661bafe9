package writers

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/shopspring/decimal"

	"settle/internal/testkit"
	"settle/pipeline"
)

// parquetFixture settles a small year by hand-built inputs: every kind of
// value the tables hold (a capped compute award with a 6-decimal
// entitlement, a credit note, a bad amount, a bad date, an unknown buyer, a
// duplicate invoice, an oversubscribed pool, a pending review, an
// innovation workbook absent).
func parquetFixture(tb testing.TB) *pipeline.Result {
	tb.Helper()
	p := testkit.DefaultPolicy(tb)
	p.Vouchers[pipeline.Corpus].Pool = pipeline.Yuan(1000) // oversubscribed
	day := func(s string) pipeline.Date { return testkit.Day(tb, s) }
	reg := pipeline.NewRegistry()
	ent := func(n int, review pipeline.Review) string {
		return testkit.AddEnterprise(tb, reg, n, "存续（在营、开业、在册）", review)
	}
	a, b, c := ent(1, pipeline.Approved), ent(2, pipeline.Approved), ent(3, pipeline.Pending)
	ref, partner := testkit.Reference(tb)

	row := 3 // a title row, then the header row
	line := func(v pipeline.Voucher, file, sheet string, l pipeline.Line) pipeline.Line {
		row++
		l.Voucher, l.Origin = v, pipeline.Origin{File: file, Sheet: sheet, Row: row}
		if l.Date == 0 && !slices.ContainsFunc(l.Problems, func(p pipeline.Problem) bool { return p.Reason == pipeline.BadDate }) {
			l.Date, l.HasDate = day("2025-07-01"), true
		}
		l.HasAmount = l.HasAmount || l.Amount != 0
		return l
	}
	cb := func(l pipeline.Line) pipeline.Line {
		l.CounterpartyUSCC, l.CounterpartyName, l.Purpose = partner, "算力服务商", "模型研究"
		return line(pipeline.Compute, "compute_billing.xlsx", "算力结算", l)
	}
	cc := func(l pipeline.Line) pipeline.Line {
		l.Venue = "浙江大数据交易中心"
		return line(pipeline.Corpus, "corpus_contracts.xlsx", "语料合同", l)
	}
	mt := func(l pipeline.Line) pipeline.Line {
		l.FilingNo, l.Purpose = "Zhejiang-202401", "模型服务"
		return line(pipeline.Model, "model_transactions.xlsx", "模型交易", l)
	}
	in := &pipeline.Inputs{Registry: reg, Reference: ref, Lines: pipeline.StoreLines(map[pipeline.Voucher][]pipeline.Line{
		pipeline.Compute: {
			cb(pipeline.Line{EnterpriseUSCC: a, EnterpriseName: "甲", DocumentNo: "B-001", ComputeOrigin: "国产", Amount: 4_000_000_001}),
			cb(pipeline.Line{EnterpriseUSCC: a, EnterpriseName: "甲", DocumentNo: "B-002", ComputeOrigin: "非国产", Amount: 123_456, InvoiceNo: "INV-1", Date: day("2025-12-31")}),
			cb(pipeline.Line{EnterpriseUSCC: b, EnterpriseName: "乙", DocumentNo: "B-003", ComputeOrigin: "国产",
				Problems: []pipeline.Problem{{Reason: pipeline.BadAmount, Cell: "I6", Header: "结算金额", Value: "12,5x"}}}),
			cb(pipeline.Line{EnterpriseUSCC: testkit.USCC(tb, 77), DocumentNo: "B-004", ComputeOrigin: "国产", Amount: 50_000}),
			cb(pipeline.Line{EnterpriseUSCC: b, EnterpriseName: "乙", DocumentNo: "B-005", ComputeOrigin: "国产", Amount: 100_000}),
			cb(pipeline.Line{EnterpriseUSCC: b, EnterpriseName: "乙", DocumentNo: "B-006", ComputeOrigin: "国产", Amount: -10_025}),
			cb(pipeline.Line{EnterpriseUSCC: b, EnterpriseName: "乙", DocumentNo: "B-007", ComputeOrigin: "国产", Amount: 777,
				Problems: []pipeline.Problem{{Reason: pipeline.BadDate, Cell: "F10", Header: "结算日期", Value: "2025-13-01"}}}),
		},
		pipeline.Corpus: {
			cc(pipeline.Line{EnterpriseUSCC: a, CounterpartyUSCC: b, DocumentNo: "C-001", Amount: 500_000, InvoiceNo: "INV-1"}),
			cc(pipeline.Line{EnterpriseUSCC: b, CounterpartyUSCC: a, DocumentNo: "C-002", Amount: 500_000}),
			cc(pipeline.Line{EnterpriseUSCC: a, CounterpartyUSCC: c, DocumentNo: "C-003", Amount: 333_333}),
		},
		pipeline.Model: {
			mt(pipeline.Line{EnterpriseUSCC: c, DocumentNo: "M-001", Amount: 1_234_567}),
		},
	})}
	file := func(name string, v pipeline.Voucher, sheet string, summary int) pipeline.InputFile {
		return pipeline.InputFile{Name: name, Voucher: v, Sheet: sheet, SHA256: fmt.Sprintf("%064x", len(name)), Size: int64(1000 + len(name)), SummaryRows: summary}
	}
	in.Files = []pipeline.InputFile{
		file("enterprises.xlsx", "", "", 0),
		file("reference.xlsx", "", "", 0),
		file("compute_billing.xlsx", pipeline.Compute, "算力结算", 1),
		file("corpus_contracts.xlsx", pipeline.Corpus, "语料合同", 0),
		file("model_transactions.xlsx", pipeline.Model, "模型交易", 0),
	}
	in.Warnings = []pipeline.Warning{{At: pipeline.Origin{File: "reference.xlsx", Sheet: "算力合作伙伴", Row: 7}, Text: "入库日期为空，已忽略"}}
	r, err := pipeline.Settle(context.Background(), pipeline.Run{Year: 2025}, p, in)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

func openParquet(tb testing.TB, path string) *parquet.File {
	tb.Helper()
	fh, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { fh.Close() })
	st, err := fh.Stat()
	if err != nil {
		tb.Fatal(err)
	}
	f, err := parquet.OpenFile(fh, st.Size())
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

func readRows[T any](tb testing.TB, path string) []T {
	tb.Helper()
	f := openParquet(tb, path)
	r := parquet.NewGenericReader[T](f)
	defer r.Close()
	rows := make([]T, f.NumRows())
	n, err := r.Read(rows)
	if n != len(rows) {
		tb.Fatalf("%s: read %d of %d rows: %v", path, n, len(rows), err)
	}
	return rows
}

func TestWriteLinesPaths(t *testing.T) {
	r := parquetFixture(t)
	root := t.TempDir()
	got, err := WriteLines(root, r)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"lines/year=2025/voucher=compute/part-00000.parquet",
		"lines/year=2025/voucher=corpus/part-00000.parquet",
		"lines/year=2025/voucher=model/part-00000.parquet",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("paths = %q, want %q", got, want)
	}
	for _, rel := range got {
		if _, err := os.Stat(filepath.Join(root, rel)); err != nil {
			t.Error(err)
		}
	}
}

// A voucher workbook that is present but holds no line still gets its
// (empty) file, so that readers see the voucher was settled.
func TestWriteLinesEmptyVoucher(t *testing.T) {
	r := parquetFixture(t)
	r.Files = append(r.Files, pipeline.FileTotals{InputFile: pipeline.InputFile{Name: "innovation_contracts.xlsx", Voucher: pipeline.Innovation}})
	root := t.TempDir()
	got, err := WriteLines(root, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got[3] != "lines/year=2025/voucher=innovation/part-00000.parquet" {
		t.Fatalf("paths = %q", got)
	}
	if n := openParquet(t, filepath.Join(root, got[3])).NumRows(); n != 0 {
		t.Errorf("innovation rows = %d, want 0", n)
	}
}

func TestLinesSchema(t *testing.T) {
	r := parquetFixture(t)
	root := t.TempDir()
	paths, err := WriteLines(root, r)
	if err != nil {
		t.Fatal(err)
	}
	f := openParquet(t, filepath.Join(root, paths[0]))
	want := []parquetColumn{
		{"run_id", "BYTE_ARRAY", "STRING", false},
		{"source_file", "BYTE_ARRAY", "STRING", false},
		{"source_sheet", "BYTE_ARRAY", "STRING", false},
		{"source_row", "INT32", "INT(32,true)", false},
		{"enterprise_uscc", "BYTE_ARRAY", "STRING", true},
		{"enterprise_name", "BYTE_ARRAY", "STRING", true},
		{"counterparty_uscc", "BYTE_ARRAY", "STRING", true},
		{"counterparty_name", "BYTE_ARRAY", "STRING", true},
		{"document_no", "BYTE_ARRAY", "STRING", true},
		{"invoice_no", "BYTE_ARRAY", "STRING", true},
		{"event_date", "INT32", "DATE", true},
		{"amount", "INT64", "DECIMAL(18,2)", true},
		{"compute_origin", "BYTE_ARRAY", "STRING", true},
		{"purpose", "BYTE_ARRAY", "STRING", true},
		{"venue", "BYTE_ARRAY", "STRING", true},
		{"filing_no", "BYTE_ARRAY", "STRING", true},
		{"rate", "INT32", "DECIMAL(5,4)", true},
		{"eligible", "BOOLEAN", "", false},
		{"reason_code", "BYTE_ARRAY", "STRING", true},
		{"reason", "BYTE_ARRAY", "STRING", true},
		{"reason_detail", "BYTE_ARRAY", "STRING", true},
	}
	checkSchema(t, f, want)
	checkZstd(t, f)
	if got := f.Metadata().CreatedBy; got != "settle (github.com/parquet-go/parquet-go)" {
		t.Errorf("created_by = %q", got)
	}
	if kv := f.Metadata().KeyValueMetadata; len(kv) != 0 {
		t.Errorf("key/value metadata = %v, want none", kv)
	}
}

func TestAwardsSchema(t *testing.T) {
	r := parquetFixture(t)
	root := t.TempDir()
	rel, err := WriteAwards(root, r)
	if err != nil {
		t.Fatal(err)
	}
	if rel != "awards/year=2025/part-00000.parquet" {
		t.Errorf("path = %q", rel)
	}
	f := openParquet(t, filepath.Join(root, rel))
	want := []parquetColumn{
		{"run_id", "BYTE_ARRAY", "STRING", false},
		{"voucher", "BYTE_ARRAY", "STRING", false},
		{"bureau", "BYTE_ARRAY", "STRING", false},
		{"clause", "BYTE_ARRAY", "STRING", false},
		{"enterprise_uscc", "BYTE_ARRAY", "STRING", false},
		{"enterprise_name", "BYTE_ARRAY", "STRING", true},
		{"eligible_lines", "INT64", "INT(64,true)", false},
		{"base_amount", "INT64", "DECIMAL(18,2)", false},
		{"base_domestic", "INT64", "DECIMAL(18,2)", true},
		{"base_foreign", "INT64", "DECIMAL(18,2)", true},
		{"entitlement", "FIXED_LEN_BYTE_ARRAY", "DECIMAL(20,6)", false},
		{"cap", "INT64", "DECIMAL(18,2)", false},
		{"cap_applied", "BOOLEAN", "", false},
		{"approved_amount", "INT64", "DECIMAL(18,2)", true},
		{"after_cap", "INT64", "DECIMAL(18,2)", false},
		{"pool_factor", "DOUBLE", "", false},
		{"award", "INT64", "DECIMAL(18,2)", false},
		{"review_status", "BYTE_ARRAY", "STRING", false},
		{"review_note", "BYTE_ARRAY", "STRING", true},
		{"status", "BYTE_ARRAY", "STRING", false},
	}
	checkSchema(t, f, want)
	checkZstd(t, f)
}

type parquetColumn struct {
	name, physical, logical string
	optional                bool
}

func checkSchema(t *testing.T, f *parquet.File, want []parquetColumn) {
	t.Helper()
	var got []parquetColumn
	for _, field := range f.Schema().Fields() {
		c := parquetColumn{name: field.Name(), physical: field.Type().Kind().String(), optional: field.Optional()}
		if lt := field.Type().LogicalType(); lt != nil {
			c.logical = lt.String()
		}
		got = append(got, c)
	}
	if !slices.Equal(got, want) {
		t.Errorf("schema:\n got %v\nwant %v", got, want)
	}
}

func checkZstd(t *testing.T, f *parquet.File) {
	t.Helper()
	for _, rg := range f.Metadata().RowGroups {
		for _, c := range rg.Columns {
			if got := c.MetaData.Codec.String(); got != "ZSTD" {
				t.Errorf("column %v codec = %s, want ZSTD", c.MetaData.PathInSchema, got)
			}
		}
	}
}

func TestLinesValues(t *testing.T) {
	r := parquetFixture(t)
	root := t.TempDir()
	paths, err := WriteLines(root, r)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range []pipeline.Voucher{pipeline.Compute, pipeline.Corpus, pipeline.Model} {
		rows := readRows[lineRow](t, filepath.Join(root, paths[i]))
		lines := r.Lines(v)
		if len(rows) != lines.Len() {
			t.Fatalf("%s: %d rows, want %d", v, len(rows), lines.Len())
		}
		for j := range lines.Len() {
			var want lineRow
			if err := fillLineRow(&want, &lineValue{line: lines.Line(j)}, r.RunID); err != nil {
				t.Fatal(err)
			}
			if got, want := cells(rows[j]), cells(want); !maps.Equal(got, want) {
				t.Errorf("%s row %d:\n got %v\nwant %v", v, j, got, want)
			}
		}
	}

	// Spot checks against the fixture, not through fillLineRow.
	compute := readRows[lineRow](t, filepath.Join(root, paths[0]))
	model := readRows[lineRow](t, filepath.Join(root, paths[2]))
	day := func(s string) string { d, _ := pipeline.ParseISODate(s); return fmt.Sprint(int32(d)) }
	tests := []struct {
		name string
		row  lineRow
		want map[string]string
	}{
		{"eligible", compute[0], map[string]string{
			"source_file": "compute_billing.xlsx", "source_sheet": "算力结算", "source_row": "4",
			"event_date": day("2025-07-01"), "amount": "4000000001", "rate": "6000", "compute_origin": "domestic",
			"eligible": "true", "reason_code": "NULL", "reason": "NULL", "invoice_no": "NULL", "venue": "NULL"}},
		{"bad amount", compute[2], map[string]string{
			"amount": "NULL", "rate": "NULL", "eligible": "false", "reason_code": "BAD_AMOUNT", "reason": "金额无效",
			"compute_origin": "国产"}},
		{"credit note", compute[5], map[string]string{"amount": "-10025", "eligible": "true"}},
		{"bad date", compute[6], map[string]string{"event_date": "NULL", "amount": "777", "reason_code": "BAD_DATE"}},
		{"no counterparty", model[0], map[string]string{"counterparty_uscc": "NULL", "counterparty_name": "NULL",
			"filing_no": "Zhejiang-202401", "rate": "3000"}},
	}
	for _, tc := range tests {
		got := cells(tc.row)
		for col, want := range tc.want {
			if got[col] != want {
				t.Errorf("%s: %s = %s, want %s", tc.name, col, got[col], want)
			}
		}
	}
}

// Empty text is written as null, never as "": a regression test for
// parquet-go v0.32.0, whose writer for `optional` value fields (zero value
// = null) writes the nulls after a lone value at bit 1 of a 64-row word as
// non-null values (the pattern of rows 0..63 here), and other patterns at
// random.
func TestLinesNulls(t *testing.T) {
	r := parquetFixture(t)
	src := r.Lines(pipeline.Compute).Line(0)
	lines := make([]pipeline.Line, 14200)
	rng := rand.New(rand.NewPCG(1, 2))
	empty := 0
	for i := range lines {
		lines[i] = src
		lines[i].Origin.Row = i + 2
		if i == 1 || (i >= 64 && rng.Float64() < 0.04) {
			lines[i].InvoiceNo = fmt.Sprintf("INV-%d", i)
		} else {
			empty++
		}
	}
	r.Inputs.Lines = nil
	r.SetLines(pipeline.Compute, lines...)
	r.Files = r.Files[:1]
	root := t.TempDir()
	paths, err := WriteLines(root, r)
	if err != nil {
		t.Fatal(err)
	}
	nulls := 0
	for i, row := range readRows[lineRow](t, filepath.Join(root, paths[0])) {
		switch {
		case row.InvoiceNo == nil:
			nulls++
		case *row.InvoiceNo != lines[i].InvoiceNo:
			t.Fatalf("row %d: invoice_no %q, want %q", i, *row.InvoiceNo, lines[i].InvoiceNo)
		}
	}
	if nulls != empty {
		t.Errorf("invoice_no: %d nulls, want %d", nulls, empty)
	}
	f := openParquet(t, filepath.Join(root, paths[0]))
	var stats int64
	for _, rg := range f.Metadata().RowGroups {
		for _, c := range rg.Columns {
			if c.MetaData.PathInSchema[0] == "invoice_no" {
				stats += c.MetaData.Statistics.NullCount
			}
		}
	}
	if stats != int64(empty) {
		t.Errorf("invoice_no null_count statistics = %d, want %d", stats, empty)
	}
}

func TestAwardsValues(t *testing.T) {
	r := parquetFixture(t)
	root := t.TempDir()
	rel, err := WriteAwards(root, r)
	if err != nil {
		t.Fatal(err)
	}
	rows := readRows[awardRow](t, filepath.Join(root, rel))
	if len(rows) != len(r.Awards) {
		t.Fatalf("%d rows, want %d", len(rows), len(r.Awards))
	}
	var sum int64
	for i, a := range r.Awards {
		got := rows[i]
		sum += got.Award
		if got.Voucher != string(a.Voucher) || got.EnterpriseUSCC != a.USCC || got.Award != int64(a.Amount) ||
			got.AfterCap != int64(a.AfterCap) || got.PoolFactor != a.PoolFactor || got.Status != string(a.Status) ||
			got.ReviewStatus != string(a.Review) || got.CapApplied != a.CapApplied {
			t.Errorf("row %d = %+v, award %+v", i, got, a)
		}
		if e := fromDecimal206(got.Entitlement); !e.Equal(a.Entitlement) {
			t.Errorf("row %d entitlement = %s, want %s", i, e, a.Entitlement)
		}
		if (a.Voucher == pipeline.Compute) != (got.BaseDomestic != nil && got.BaseForeign != nil) {
			t.Errorf("row %d: base_domestic %v base_foreign %v for %s", i, got.BaseDomestic, got.BaseForeign, a.Voucher)
		}
	}
	var want int64
	for _, tot := range r.Totals {
		want += int64(tot.AwardedAmount)
	}
	if sum != want {
		t.Errorf("sum of awards = %d, want %d", sum, want)
	}
	// The capped compute award: 60% × 40,000,000.01 + 30% × 1,234.56.
	if e := fromDecimal206(rows[0].Entitlement).String(); e != "24000370.374" || !rows[0].CapApplied {
		t.Errorf("compute award of %s: entitlement %s, cap applied %v", rows[0].EnterpriseUSCC, e, rows[0].CapApplied)
	}
}

func TestParquetDeterministic(t *testing.T) {
	r := parquetFixture(t)
	write := func() string {
		root := t.TempDir()
		if _, err := WriteLines(root, r); err != nil {
			t.Fatal(err)
		}
		if _, err := WriteAwards(root, r); err != nil {
			t.Fatal(err)
		}
		return root
	}
	a, b := write(), write()
	for _, rel := range []string{
		"lines/year=2025/voucher=compute/part-00000.parquet",
		"lines/year=2025/voucher=model/part-00000.parquet",
		"awards/year=2025/part-00000.parquet",
	} {
		x, err := os.ReadFile(filepath.Join(a, rel))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", rel)
		}
	}
}

func TestDecimal206(t *testing.T) {
	tests := []struct {
		name, in string
		wantErr  bool
	}{
		{"zero", "0", false},
		{"six decimals", "24000000.006", false},
		{"negative", "-1.5", false},
		{"largest", "99999999999999.999999", false},
		{"smallest", "-99999999999999.999999", false},
		{"too large", "100000000000000", true},
		{"seven decimals", "0.0000001", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := decimal.RequireFromString(tc.in)
			b, err := decimal206(d)
			if (err != nil) != tc.wantErr {
				t.Fatalf("decimal206(%s) error = %v, wantErr %v", tc.in, err, tc.wantErr)
			}
			if err == nil && !fromDecimal206(b).Equal(d) {
				t.Errorf("round trip of %s = %s", tc.in, fromDecimal206(b))
			}
		})
	}
}

// fromDecimal206 decodes big-endian two's complement at scale 6.
func fromDecimal206(b [decimal206Len]byte) decimal.Decimal {
	u := new(big.Int).SetBytes(b[:])
	if b[0]&0x80 != 0 {
		u.Sub(u, new(big.Int).Lsh(big.NewInt(1), 8*decimal206Len))
	}
	return decimal.NewFromBigInt(u, -6)
}

// cells renders a row as column name → value, "NULL" for a nil pointer.
func cells(row any) map[string]string {
	v := reflect.ValueOf(row)
	m := map[string]string{}
	for i := range v.NumField() {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("parquet"), ",")
		f := v.Field(i)
		if f.Kind() == reflect.Pointer {
			if f.IsNil() {
				m[name] = "NULL"
				continue
			}
			f = f.Elem()
		}
		m[name] = fmt.Sprint(f.Interface())
	}
	return m
}

// BenchmarkWriteLines writes 1.4M lines, the size of a large year:
// go test -run - -bench WriteLines -benchtime 1x -benchmem ./writers/
func BenchmarkWriteLines(b *testing.B) {
	r := parquetFixture(b)
	const n = 1_400_000
	src := r.Lines(pipeline.Compute).Slice()
	lines := make([]pipeline.Line, n)
	for i := range lines {
		lines[i] = src[i%len(src)]
		lines[i].Origin.Row = i + 4
		lines[i].DocumentNo = fmt.Sprintf("B-%07d", i)
	}
	r.Inputs.Lines = nil
	r.SetLines(pipeline.Compute, lines...)
	r.Files = r.Files[:1]
	for b.Loop() {
		if _, err := WriteLines(b.TempDir(), r); err != nil {
			b.Fatal(err)
		}
	}
}

// The tables add up to the control totals of testResult (the bureau
// writers' fixture): rows, amounts and bad amounts per file, awards per
// voucher.
func TestParquetMatchesTotals(t *testing.T) {
	r := testResult(t)
	root := t.TempDir()
	paths, err := WriteLines(root, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != len(r.Files) {
		t.Fatalf("%d line files for %d inputs", len(paths), len(r.Files))
	}
	for i, f := range r.Files {
		rows := readRows[lineRow](t, filepath.Join(root, paths[i]))
		var amount, eligible pipeline.Money
		bad := 0
		for _, row := range rows {
			if row.SourceFile != f.Name {
				t.Fatalf("%s holds a row of %s", paths[i], row.SourceFile)
			}
			if row.Amount == nil {
				bad++
				continue
			}
			amount += pipeline.Money(*row.Amount)
			if row.Eligible {
				eligible += pipeline.Money(*row.Amount)
			}
		}
		if len(rows) != f.Lines || amount != f.Amount || eligible != f.EligibleAmount || bad != f.BadAmountLines {
			t.Errorf("%s: %d rows, amount %s, eligible %s, %d bad; want %d, %s, %s, %d",
				f.Name, len(rows), amount, eligible, bad, f.Lines, f.Amount, f.EligibleAmount, f.BadAmountLines)
		}
	}
	rel, err := WriteAwards(root, r)
	if err != nil {
		t.Fatal(err)
	}
	awarded := map[string]pipeline.Money{}
	for _, row := range readRows[awardRow](t, filepath.Join(root, rel)) {
		awarded[row.Voucher] += pipeline.Money(row.Award)
	}
	for _, tot := range r.Totals {
		if got := awarded[string(tot.Voucher)]; got != tot.AwardedAmount {
			t.Errorf("%s: awards sum to %s, want %s", tot.Voucher, got, tot.AwardedAmount)
		}
	}
}

// A value that does not fit its column stops the table with an error that
// names the row, and leaves no file behind that could pass for complete.
func TestParquetBadValueLeavesNoFile(t *testing.T) {
	r := parquetFixture(t)
	r.Awards[1].Entitlement = decimal.RequireFromString("123456789012345") // 15 digits before the point
	root := t.TempDir()
	if _, err := WriteAwards(root, r); err == nil {
		t.Error("WriteAwards accepted an entitlement beyond DECIMAL(20,6)")
	} else if !strings.Contains(err.Error(), r.Awards[1].USCC) {
		t.Errorf("error %q does not name the enterprise", err)
	}
	if _, err := os.Stat(filepath.Join(root, awardsPath(2025))); !os.IsNotExist(err) {
		t.Errorf("a failed awards table was left behind: %v", err)
	}

	// The same inputs settled under a policy whose domestic compute rate
	// has five decimals: DECIMAL(5,4) cannot hold it.
	p := *r.Policy
	vp := *p.Vouchers[pipeline.Compute]
	vp.Rates = maps.Clone(vp.Rates)
	vp.Rates[pipeline.RateDomestic] = decimal.RequireFromString("0.12345")
	p.Vouchers = maps.Clone(p.Vouchers)
	p.Vouchers[pipeline.Compute] = &vp
	r, err := pipeline.Settle(context.Background(), pipeline.Run{Year: 2025}, &p, r.Inputs)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteLines(root, r); err == nil || !strings.Contains(err.Error(), "compute_billing.xlsx 算力结算!4") {
		t.Errorf("WriteLines with a 5-decimal rate: error %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, linesPath(2025, pipeline.Compute))); !os.IsNotExist(err) {
		t.Errorf("a failed lines table was left behind: %v", err)
	}
}
