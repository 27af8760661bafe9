package readers

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"settle/pipeline"
)

// TestComputeWorkbook reads a billing export as finance receives it: a title
// row above the header, columns in their own order with English and
// full-width headers, an extra column, every amount and date form of SPEC
// §3, an empty row and a summary row.
func TestComputeWorkbook(t *testing.T) {
	dir := minimalYear(t)
	hdr := []any{"备注", "ＡＭＯＵＮＴ", " uscc ", "企业名称", "Provider_USCC", "账单编号", "结算日期", "算力类型", "用途", "发票号码"}
	row := func(amount, date any, bill string) []any {
		return []any{"", amount, code(1), "甲", code(100), bill, date, "国产", "模型研究", ""}
	}
	writeBook(t, dir, "compute_billing.xlsx", sheet{"compute_billing", [][]any{
		{"2025年度算力结算明细"},
		{},
		hdr,
		row(1234.56, date(2025, 7, 1), "B1"),
		row("¥1,234.56", "2025/7/2", "B2"),
		row("(1,234.56)", "2025年7月3日", "B3"),
		row("１２３４.５６", "20250704", "B4"),
		row(1234.5599999999999, 20250705, "B5"),
		{},
		row("12,5x", date(2025, 7, 6), "B6"),
		row(100, "2025-02-30", "B7"),
		{"", 100, "", "甲", code(100), "B8", date(2025, 7, 8), "国产", "模型研究"},
		{"", 100, "91330108MA27XXXX0Z", "甲", code(100), "B9", date(2025, 7, 9), "国产", "模型研究"},
		{"合计", 4938.24},
	}})
	in, err := ReadYear(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	lines := in.Lines[pipeline.Compute].Slice()
	if len(lines) != 9 {
		t.Fatalf("%d lines, want 9 (title, empty and summary rows are not lines)", len(lines))
	}
	wantAmount := []pipeline.Money{123456, 123456, -123456, 123456, 123456}
	for i, w := range wantAmount {
		l := lines[i]
		if !l.HasAmount || l.Amount != w || !l.HasDate || l.Date.String() != "2025-07-0"+string(rune('1'+i)) || len(l.Problems) != 0 {
			t.Errorf("line %d: amount %s (%v) date %s (%v) problems %v", i, l.Amount, l.HasAmount, l.Date, l.HasDate, l.Problems)
		}
		if l.Origin.Row != 4+i || l.Origin.Sheet != "compute_billing" || l.Origin.File != "compute_billing.xlsx" {
			t.Errorf("line %d origin %+v", i, l.Origin)
		}
	}
	checks := []struct {
		i      int
		reason pipeline.Reason
		cell   string
	}{{5, pipeline.BadAmount, "B10"}, {6, pipeline.BadDate, "G11"}, {7, pipeline.MissingField, "C12"}, {8, pipeline.BadUSCC, "C13"}}
	for _, c := range checks {
		ps := lines[c.i].Problems
		if len(ps) != 1 || ps[0].Reason != c.reason || ps[0].Cell != c.cell {
			t.Errorf("line %d problems %+v, want %s at %s", c.i, ps, c.reason, c.cell)
		}
	}
	f := in.Files[2]
	if f.Name != "compute_billing.xlsx" || f.SummaryRows != 1 || len(f.SHA256) != 64 || f.Voucher != pipeline.Compute {
		t.Errorf("file %+v", f)
	}
	if r := in.Registry.ReviewOf(code(2), pipeline.Compute); r != pipeline.Rejected {
		t.Errorf("review %s", r)
	}
	if !in.Reference.PartnerOn(code(100), pipeline.NewDate(2025, 7, 1)) {
		t.Error("partner not listed")
	}
}

// TestStructuralErrors: a missing file, sheet or column stops the run with
// one message naming file, sheet and header.
func TestStructuralErrors(t *testing.T) {
	good := [][]any{{"统一社会信用代码", "服务商统一社会信用代码", "账单编号", "结算日期", "算力类型", "用途", "结算金额"}}
	cases := []struct {
		name    string
		prepare func(dir string)
		want    error
		words   []string
	}{
		{"no voucher file", func(string) {}, ErrNoVoucherFile, nil},
		{"missing sheet", func(dir string) {
			writeBook(t, dir, "compute_billing.xlsx", sheet{"Sheet9", good})
		}, ErrMissingSheet, []string{"compute_billing.xlsx: 找不到工作表“算力结算”（或“compute_billing”）", "“Sheet9”"}},
		{"missing column", func(dir string) {
			writeBook(t, dir, "compute_billing.xlsx", sheet{"算力结算", [][]any{good[0][:6]}})
		}, ErrMissingColumn, []string{"compute_billing.xlsx 算力结算: 缺少必需的列“结算金额 / amount”"}},
		{"header below row 10", func(dir string) {
			rows := make([][]any, 11)
			rows = append(rows, good[0])
			writeBook(t, dir, "compute_billing.xlsx", sheet{"算力结算", rows})
		}, ErrMissingColumn, []string{"算力结算", "前 10 行中没有一行包含它"}},
		{"duplicated header", func(dir string) {
			writeBook(t, dir, "compute_billing.xlsx", sheet{"算力结算", [][]any{append(append([]any{}, good[0]...), "amount")}})
		}, ErrDuplicateColumn, []string{"算力结算!H1", "列名重复：“结算金额”出现在 G 列和 H 列"}},
		{"not a workbook", func(dir string) {
			writeFile(t, dir, "corpus_contracts.xlsx", "a,b,c\n1,2,3\n")
		}, ErrUnreadable, []string{"corpus_contracts.xlsx"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := minimalYear(t)
			tc.prepare(dir)
			_, err := ReadYear(context.Background(), dir, Options{})
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			for _, w := range tc.words {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q does not name %q", err, w)
				}
			}
		})
	}
}

// TestReadYearCancelled: a cancelled read returns the context's error and
// leaves no goroutine behind (each voucher sheet is read by two, plus the
// one inflating it), whether it was cancelled before or during the read.
func TestReadYearCancelled(t *testing.T) {
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ReadYear(ctx, "../samples/2025", Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled before: %v", err)
	}
	for range 5 {
		ctx, cancel := context.WithCancel(context.Background())
		go func() { time.Sleep(2 * time.Millisecond); cancel() }()
		in, err := ReadYear(ctx, "../samples/2025", Options{})
		if err == nil && in.Lines[pipeline.Compute].Len() != 2130 {
			t.Fatalf("a read that was not cancelled gave %d compute lines", in.Lines[pipeline.Compute].Len())
		} else if err != nil && !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled during: %v", err)
		}
		cancel()
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines left running (%d before)", n-before, before)
	}
}
