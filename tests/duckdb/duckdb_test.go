// Package duckdb reads settle's Parquet tables with DuckDB, an outside
// reader that knows nothing of parquet-go, to prove that the types, dates
// and exact amounts arrive as an analyst will see them. It is a module of
// its own so that the main module does not depend on cgo.
//
//	go test ./...                      the fixture tables
//	SETTLE_OUT=out/2025 go test ./...  also a settled year; a relative
//	                                   path is taken from the main module
package duckdb

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/shopspring/decimal"

	"settle/internal/testkit"
	"settle/pipeline"
	"settle/writers"
)

func openDB(tb testing.TB) *sql.DB {
	tb.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// tables returns the FROM expressions of the lines and awards tables under
// a Parquet root, read as hive partitions.
func tables(root string) (lines, awards string) {
	scan := func(dir string) string {
		glob := filepath.ToSlash(filepath.Join(root, dir, "**", "*.parquet"))
		return fmt.Sprintf("read_parquet('%s', hive_partitioning=true)", strings.ReplaceAll(glob, "'", "''"))
	}
	return scan("lines"), scan("awards")
}

// rows runs q and returns every row as text (NULL as "NULL"). Queries
// cast exact values to VARCHAR themselves.
func rows(tb testing.TB, db *sql.DB, q string) [][]string {
	tb.Helper()
	rs, err := db.Query(q)
	if err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
	defer rs.Close()
	cols, err := rs.Columns()
	if err != nil {
		tb.Fatal(err)
	}
	var out [][]string
	for rs.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			tb.Fatalf("%s: %v", q, err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = "NULL"
			if v != nil {
				row[i] = fmt.Sprint(v)
			}
		}
		out = append(out, row)
	}
	if err := rs.Err(); err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
	return out
}

// types returns DuckDB's column types of a table expression.
func types(tb testing.TB, db *sql.DB, from string) map[string]string {
	tb.Helper()
	m := map[string]string{}
	for _, r := range rows(tb, db, "DESCRIBE SELECT * FROM "+from) {
		m[r[0]] = r[1]
	}
	return m
}

// sameAmount compares two decimal texts by value ("1000.5" = "1000.50").
func sameAmount(tb testing.TB, what, got, want string) {
	tb.Helper()
	g, err1 := decimal.NewFromString(got)
	w, err2 := decimal.NewFromString(want)
	if err1 != nil || err2 != nil || !g.Equal(w) {
		tb.Errorf("%s = %s, want %s", what, got, want)
	}
}

// noEmptyText counts lines holding "" where null belongs (SPEC §6: empty
// text is null) and lines whose reason or reason_detail disagrees with
// eligible (reason_detail is null when eligible).
const noEmptyText = `SELECT count(*) FILTER (WHERE '' IN (enterprise_uscc, enterprise_name, counterparty_uscc,
	counterparty_name, document_no, invoice_no, compute_origin, purpose, venue, filing_no, reason_code, reason, reason_detail)),
	count(*) FILTER (WHERE eligible = (reason_code IS NOT NULL) OR eligible = (rate IS NULL)
		OR eligible AND reason_detail IS NOT NULL) FROM `

// noEmptyAwardText counts awards holding "" in review_note (null when the
// review has no note) and awards whose approved_amount is not a valid 审定金额.
const noEmptyAwardText = `SELECT count(*) FILTER (WHERE review_note = ''),
	count(*) FILTER (WHERE approved_amount < 0) FROM `

// Sums as text: DuckDB keeps DECIMAL exact, and a missing sum is zero.
const (
	sumAmount   = "CAST(coalesce(sum(amount), 0) AS VARCHAR)"
	sumEligible = "CAST(coalesce(sum(amount) FILTER (WHERE eligible), 0) AS VARCHAR)"
	sumRejected = "CAST(coalesce(sum(amount) FILTER (WHERE NOT eligible), 0) AS VARCHAR)"
)

func TestFixtureTables(t *testing.T) {
	r := fixture(t)
	// One award cut by 审定金额 with a note; the others have neither.
	r.Awards[0].Approved, r.Awards[0].HasApproved, r.Awards[0].ReviewNote = 123456, true, "按审定金额兑付"
	root := t.TempDir()
	if _, err := writers.WriteLines(root, r); err != nil {
		t.Fatal(err)
	}
	if _, err := writers.WriteAwards(root, r); err != nil {
		t.Fatal(err)
	}
	db := openDB(t)
	lines, awards := tables(root)

	t.Run("types", func(t *testing.T) {
		checkTypes(t, types(t, db, lines), map[string]string{
			"run_id": "VARCHAR", "source_file": "VARCHAR", "source_row": "INTEGER",
			"enterprise_uscc": "VARCHAR", "counterparty_uscc": "VARCHAR", "invoice_no": "VARCHAR",
			"event_date": "DATE", "amount": "DECIMAL(18,2)", "rate": "DECIMAL(5,4)",
			"eligible": "BOOLEAN", "reason_code": "VARCHAR", "reason": "VARCHAR", "reason_detail": "VARCHAR",
			"year": "BIGINT", "voucher": "VARCHAR",
		}, 23)
		checkTypes(t, types(t, db, awards), map[string]string{
			"voucher": "VARCHAR", "eligible_lines": "BIGINT", "base_amount": "DECIMAL(18,2)",
			"base_domestic": "DECIMAL(18,2)", "base_foreign": "DECIMAL(18,2)", "entitlement": "DECIMAL(20,6)",
			"cap": "DECIMAL(18,2)", "cap_applied": "BOOLEAN", "after_cap": "DECIMAL(18,2)",
			"pool_factor": "DOUBLE", "award": "DECIMAL(18,2)", "review_status": "VARCHAR", "year": "BIGINT",
			"approved_amount": "DECIMAL(18,2)", "review_note": "VARCHAR",
		}, 21)
	})

	t.Run("dates", func(t *testing.T) {
		got := rows(t, db, "SELECT document_no, CAST(event_date AS VARCHAR), year(event_date) FROM "+lines+
			" WHERE document_no IN ('B-001', 'B-002', 'B-007', 'M-001') ORDER BY document_no")
		want := [][]string{
			{"B-001", "2025-07-01", "2025"}, {"B-002", "2025-12-31", "2025"},
			{"B-007", "NULL", "NULL"}, {"M-001", "2025-10-10", "2025"},
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("dates = %v, want %v", got, want)
		}
	})

	t.Run("nulls", func(t *testing.T) {
		if got := rows(t, db, noEmptyText+lines); fmt.Sprint(got) != "[[0 0]]" {
			t.Errorf("lines with empty text, with a reason that disagrees with eligible: %v", got)
		}
		if got := rows(t, db, noEmptyAwardText+awards); fmt.Sprint(got) != "[[0 0]]" {
			t.Errorf("awards with an empty note or a negative 审定金额: %v", got)
		}
		got := rows(t, db, "SELECT enterprise_uscc, CAST(approved_amount AS VARCHAR), review_note FROM "+awards+
			" WHERE approved_amount IS NOT NULL OR review_note IS NOT NULL")
		if want := fmt.Sprint([][]string{{r.Awards[0].USCC, "1234.56", "按审定金额兑付"}}); fmt.Sprint(got) != want {
			t.Errorf("awards with 审定金额 or a note: %v, want %s", got, want)
		}
		if got := rows(t, db, "SELECT count(*) FROM "+lines+" WHERE NOT eligible AND reason_detail IS NOT NULL"); fmt.Sprint(got) == "[[0]]" {
			t.Error("no rejected line has a reason_detail")
		}
	})

	t.Run("control totals", func(t *testing.T) {
		got := map[string][]string{}
		for _, row := range rows(t, db, "SELECT source_file, count(*), count(*) FILTER (WHERE eligible), count(*) FILTER (WHERE amount IS NULL), "+
			sumAmount+", "+sumEligible+", "+sumRejected+" FROM "+lines+" GROUP BY source_file") {
			got[row[0]] = row[1:]
		}
		for _, f := range r.Files {
			g := got[f.Name]
			if g == nil {
				t.Errorf("%s: no lines", f.Name)
				continue
			}
			if want := []string{fmt.Sprint(f.Lines), fmt.Sprint(f.Eligible), fmt.Sprint(f.BadAmountLines)}; fmt.Sprint(g[:3]) != fmt.Sprint(want) {
				t.Errorf("%s: lines, eligible, null amounts = %v, want %v", f.Name, g[:3], want)
			}
			sameAmount(t, f.Name+" amount", g[3], f.Amount.String())
			sameAmount(t, f.Name+" eligible amount", g[4], f.EligibleAmount.String())
			sameAmount(t, f.Name+" rejected amount", g[5], f.RejectedAmount.String())
		}
	})

	t.Run("awards", func(t *testing.T) {
		got := map[string][]string{}
		for _, row := range rows(t, db, "SELECT voucher, CAST(sum(award) AS VARCHAR), CAST(sum(entitlement) AS VARCHAR), "+
			"CAST(sum(after_cap) AS VARCHAR), max(pool_factor) FROM "+awards+" GROUP BY voucher") {
			got[row[0]] = row[1:]
		}
		for _, tot := range r.Totals {
			g := got[string(tot.Voucher)]
			if tot.Applicants == 0 {
				if g != nil {
					t.Errorf("%s: awards %v for a voucher without applicants", tot.Voucher, g)
				}
				continue
			}
			if g == nil {
				t.Fatalf("%s: no awards", tot.Voucher)
			}
			sameAmount(t, string(tot.Voucher)+" award", g[0], tot.AwardedAmount.String())
			sameAmount(t, string(tot.Voucher)+" entitlement", g[1], tot.Entitlement.String())
		}
		// 60% × 40,000,000.01 + 30% × 1,234.56, exact to the last digit.
		e := rows(t, db, "SELECT CAST(entitlement AS VARCHAR), CAST(after_cap AS VARCHAR), cap_applied FROM "+awards+
			" WHERE voucher = 'compute' ORDER BY enterprise_uscc LIMIT 1")
		if fmt.Sprint(e) != "[[24000370.374000 20000000.00 true]]" {
			t.Errorf("capped compute award = %v", e)
		}
	})

	t.Run("partitions", func(t *testing.T) {
		got := rows(t, db, "SELECT voucher, year, count(*) FROM "+lines+" GROUP BY ALL ORDER BY voucher")
		var want [][]string
		for _, v := range []pipeline.Voucher{pipeline.Compute, pipeline.Corpus, pipeline.Model} {
			want = append(want, []string{string(v), "2025", fmt.Sprint(r.Inputs.Lines[v].Len())})
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("partitions = %v, want %v", got, want)
		}
		pruned := rows(t, db, "SELECT count(*) FROM "+lines+" WHERE voucher = 'corpus' AND year = 2025")
		if pruned[0][0] != "3" {
			t.Errorf("corpus lines = %s, want 3", pruned[0][0])
		}
	})
}

// checkTypes compares the columns named in want and the column count.
func checkTypes(t *testing.T, got, want map[string]string, columns int) {
	t.Helper()
	for name, typ := range want {
		if got[name] != typ {
			t.Errorf("%s: type %q, want %q", name, got[name], typ)
		}
	}
	if len(got) != columns {
		t.Errorf("%d columns, want %d: %v", len(got), columns, got)
	}
}

// TestOutputFolder checks a settled year (SETTLE_OUT=out/2025) against its
// own manifest: what DuckDB sums from the Parquet tables is what the
// manifest promises.
func TestOutputFolder(t *testing.T) {
	dir := os.Getenv("SETTLE_OUT")
	if dir == "" {
		t.Skip("SETTLE_OUT is not set (e.g. SETTLE_OUT=out/2025)")
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join("..", "..", dir) // go test runs in tests/duckdb
	}
	m := testkit.ReadManifest(t, dir)
	db := openDB(t)
	lines, awards := tables(filepath.Join(dir, "parquet"))

	awarded := map[string]string{}
	for _, row := range rows(t, db, "SELECT voucher, CAST(sum(award) AS VARCHAR) FROM "+awards+" GROUP BY voucher") {
		awarded[row[0]] = row[1]
	}
	for _, v := range m.Vouchers {
		got := awarded[v.Key]
		if got == "" {
			got = "0"
		}
		sameAmount(t, v.Key+" awarded", got, v.AwardedAmount)
	}

	files := map[string][]string{}
	for _, row := range rows(t, db, "SELECT source_file, count(*), count(*) FILTER (WHERE eligible), count(*) FILTER (WHERE NOT eligible), "+
		"count(*) FILTER (WHERE amount IS NULL), "+sumAmount+", "+sumEligible+", "+sumRejected+" FROM "+lines+" GROUP BY source_file") {
		files[row[0]] = row[1:]
	}
	checked := 0
	for _, in := range m.Inputs {
		if in.Totals == nil {
			continue
		}
		checked++
		tot := in.Totals
		g := files[in.Name]
		if g == nil {
			if tot.Lines != 0 {
				t.Errorf("%s: no lines in Parquet, manifest has %d", in.Name, tot.Lines)
			}
			continue
		}
		want := fmt.Sprint([]int{tot.Lines, tot.Eligible, tot.Rejected, tot.BadAmountLines})
		if got := fmt.Sprint(g[:4]); got != want {
			t.Errorf("%s: lines, eligible, rejected, bad amounts = %s, manifest %s", in.Name, got, want)
		}
		sameAmount(t, in.Name+" amount", g[4], tot.Amount)
		sameAmount(t, in.Name+" eligible amount", g[5], tot.EligibleAmount)
		sameAmount(t, in.Name+" rejected amount", g[6], tot.RejectedAmount)
	}
	if checked == 0 {
		t.Error("the manifest lists no voucher input")
	}
	if got := rows(t, db, noEmptyText+lines); fmt.Sprint(got) != "[[0 0]]" {
		t.Errorf("lines with empty text, with a reason that disagrees with eligible: %v", got)
	}
	if got := rows(t, db, noEmptyAwardText+awards); fmt.Sprint(got) != "[[0 0]]" {
		t.Errorf("awards with an empty note or a negative 审定金额: %v", got)
	}
	if len(files) > checked {
		t.Errorf("Parquet has lines of %d files, the manifest %d", len(files), checked)
	}
}
