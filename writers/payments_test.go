package writers

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"settle/internal/testkit"
	"settle/pipeline"
)

// readPayments writes and reads back a bureau's bank batch file, checking
// the BOM and the header.
func readPayments(tb testing.TB, r *pipeline.Result, bureau string) [][]string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "payments-"+bureau+".csv")
	if err := savePayments(context.Background(), path, r, bureau); err != nil {
		tb.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	body, ok := bytes.CutPrefix(raw, []byte("\uFEFF"))
	if !ok {
		tb.Errorf("%s has no UTF-8 BOM", path)
	}
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	if want := []string{"户名", "账号", "开户银行", "金额", "用途"}; len(rows) == 0 || !slices.Equal(rows[0], want) {
		tb.Fatalf("header %q, want %q", firstRow(rows), want)
	}
	return rows[1:]
}

// TestPayments checks each bureau's batch: payable rows only (e3, without
// an account, is held), one per enterprise across the bureau's vouchers,
// amounts as text to the fen, the 用途 naming year and vouchers, and the
// sum equal to the bureau's 拨付 sheet.
func TestPayments(t *testing.T) {
	r := testResult(t)
	f := openXLSX(t, writeDisbursementFile(t, r))
	e := func(n int) *pipeline.Enterprise { return r.Inputs.Registry.Enterprises[testkit.USCC(t, n)] }
	tests := []struct {
		bureau, sheet string
		want          [][]string
	}{
		{"jxj", "拨付(区经信局)", [][]string{
			{e(1).Name, e(1).Account, e(1).Bank, "1147883.58", "2025年度算力券、模型券补助"},
			{e(2).Name, e(2).Account, e(2).Bank, "20171428.58", "2025年度算力券、模型券补助"},
			{e(4).Name, e(4).Account, e(4).Bank, "571428.57", "2025年度模型券补助"},
		}},
		{"fgj", "拨付(区发改局)", [][]string{{e(4).Name, e(4).Account, e(4).Bank, "750000.15", "2025年度语料券补助"}}},
		{"kjj", "拨付(区科技局)", [][]string{{e(6).Name, e(6).Account, e(6).Bank, "500000.00", "2025年度创新券补助"}}},
	}
	for _, tc := range tests {
		t.Run(tc.bureau, func(t *testing.T) {
			rows := readPayments(t, r, tc.bureau)
			if !slices.EqualFunc(rows, tc.want, slices.Equal) {
				t.Errorf("rows\n got %q\nwant %q", rows, tc.want)
			}
			var sum pipeline.Money
			for _, row := range rows {
				m, err := pipeline.MoneyFromDecimal(mustDecimal(t, row[3]))
				if err != nil {
					t.Fatal(err)
				}
				sum += m
			}
			n, _ := rowStarting(t, f, tc.sheet, "合计")
			if got := moneyAt(t, f, tc.sheet, fmt.Sprintf("E%d", n)); got != sum {
				t.Errorf("CSV sums to %s, %s 合计 %s", sum, tc.sheet, got)
			}
			checkDaxie(t, f, tc.sheet, sum)
		})
	}
}

// TestPaymentsInert checks that text from the inputs cannot become a
// formula when the CSV is opened in a spreadsheet.
func TestPaymentsInert(t *testing.T) {
	r := testResult(t)
	e := r.Inputs.Registry.Enterprises[testkit.USCC(t, 6)]
	e.Name, e.Bank = "=cmd|' /C calc'!A0", "@SUM(1)"
	rows := readPayments(t, r, "kjj")
	if len(rows) != 1 || rows[0][0] != "'=cmd|' /C calc'!A0" || rows[0][2] != "'@SUM(1)" {
		t.Errorf("rows %q", rows)
	}
	for _, tc := range []struct{ in, want string }{
		{"+1", "'+1"}, {"-1", "'-1"}, {"\tx", "'\tx"}, {"\rx", "'\rx"}, {"杭州", "杭州"}, {"", ""},
	} {
		if got := csvSafe(tc.in); got != tc.want {
			t.Errorf("csvSafe(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestPaymentsNothingPayable writes the header only.
func TestPaymentsNothingPayable(t *testing.T) {
	r := testResult(t)
	for i := range r.Awards {
		r.Awards[i].Amount = 0
	}
	if rows := readPayments(t, r, "jxj"); len(rows) != 0 {
		t.Errorf("rows %q, want none", rows)
	}
	if err := savePayments(context.Background(), filepath.Join(t.TempDir(), "x.csv"), r, "nope"); err == nil {
		t.Error("no error for a bureau without vouchers")
	}
}

// TestPaymentsBy checks that the payments of several bureaus computed in
// one pass are those computed one bureau at a time, and that the bureaus'
// payments of an enterprise add up to its payment across all of them.
func TestPaymentsBy(t *testing.T) {
	r := testResult(t)
	keys := append([]string{""}, bureausOf(r.Policy)...)
	all := paymentsBy(r, keys...)
	if len(all) != len(keys) {
		t.Fatalf("%d lists, want %d", len(all), len(keys))
	}
	sums := map[string]pipeline.Money{}
	for _, k := range keys {
		if got, want := all[k], paymentsBy(r, k)[k]; !reflect.DeepEqual(got, want) {
			t.Errorf("bureau %q: together %+v, alone %+v", k, got, want)
		}
		for _, p := range all[k] {
			if k != "" {
				sums[p.uscc] += p.total
			}
		}
	}
	if len(all[""]) != 5 {
		t.Errorf("%d enterprises paid, want 5", len(all[""]))
	}
	for _, p := range all[""] {
		if sums[p.uscc] != p.total {
			t.Errorf("%s: bureaus pay %s, all together %s", p.uscc, sums[p.uscc], p.total)
		}
	}
}
