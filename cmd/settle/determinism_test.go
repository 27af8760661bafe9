package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/xuri/excelize/v2"

	"settle/internal/testkit"
)

// TestRunsAreByteIdentical: identical inputs give byte-identical outputs
// (SPEC §6), every file of OUT/2025 compared, whether the run has one
// processor or two (the workbooks and tables are written concurrently)
// and whatever the output folder is called.
func TestRunsAreByteIdentical(t *testing.T) {
	in, _ := generateYear(t, 11, 500)
	settleWith := func(procs int) map[string][]byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		out := t.TempDir()
		if code, _, stderr := run(t, "run", "--year", "2025", "--in", in, "--out", out); code != exitOK {
			t.Fatalf("GOMAXPROCS=%d: exit %d: %s", procs, code, stderr)
		}
		return testkit.ReadTree(t, filepath.Join(out, "2025"))
	}
	first := settleWith(2)
	if len(first) < 9 {
		t.Fatalf("only %d outputs: %v", len(first), slices.Sorted(maps.Keys(first)))
	}
	for _, procs := range []int{2, 1} {
		if diff := testkit.TreeDiff(settleWith(procs), first); diff != "" {
			t.Errorf("GOMAXPROCS=%d against GOMAXPROCS=2: %s", procs, diff)
		}
	}
}

// TestShuffledRowsSameAwards: the order of the rows of the voucher inputs
// does not change any award, nor any line's outcome.
//
// Two rules are order-dependent on purpose (SPEC §4): DUPLICATE_DOCUMENT
// keeps the first of two documents, and DUPLICATE_INVOICE breaks ties
// between equal rates by row order. Shuffled, a different copy may win. So
// the test first removes every line rejected as a duplicate (the year then
// holds no duplicates at all: of each group only the line that won is left)
// and shows that this alone changes no award, since those lines were
// never counted. That year, shuffled, must give the same awards, row for
// row (run_id aside: it hashes the input files), and the same outcome for
// every line (compared by content, since rows move).
func TestShuffledRowsSameAwards(t *testing.T) {
	in, _ := generateYear(t, 5, 700)
	out := settleInto(t, in)
	dups := map[string][]int{} // file -> rows rejected as duplicates
	for _, vs := range voucherSheets {
		for _, l := range readParquet[lineCheck](t, linesFile(out, vs.voucher)) {
			if code := deref(l.ReasonCode); code == "DUPLICATE_DOCUMENT" || code == "DUPLICATE_INVOICE" {
				dups[vs.file] = append(dups[vs.file], int(l.SourceRow))
			}
		}
	}
	if len(dups) == 0 {
		t.Fatal("the generated year has no duplicates: the test would not show that they are handled")
	}

	unique := copyInputs(t, in)
	for _, vs := range voucherSheets {
		removeRows(t, filepath.Join(unique, vs.file), vs.sheet, dups[vs.file])
	}
	uniqueOut := settleInto(t, unique)
	awards := parquetRows(t, awardsFile(out), "run_id")
	if diff := sameRows(parquetRows(t, awardsFile(uniqueOut), "run_id"), awards); diff != "" {
		t.Fatalf("removing the rejected duplicates changed the awards: %s", diff)
	}

	shuffled := copyInputs(t, unique)
	rnd := rand.New(rand.NewPCG(5, 0))
	for _, vs := range voucherSheets {
		shuffleRows(t, filepath.Join(shuffled, vs.file), vs.sheet, vs.header, rnd)
	}
	shuffledOut := settleInto(t, shuffled)
	if diff := sameRows(parquetRows(t, awardsFile(shuffledOut), "run_id"), awards); diff != "" {
		t.Errorf("shuffled rows: awards differ: %s", diff)
	}
	for _, vs := range voucherSheets {
		want := parquetRows(t, linesFile(uniqueOut, vs.voucher), "run_id", "source_row", "reason_detail")
		got := parquetRows(t, linesFile(shuffledOut, vs.voucher), "run_id", "source_row", "reason_detail")
		slices.Sort(want)
		slices.Sort(got)
		if diff := sameRows(got, want); diff != "" {
			t.Errorf("%s shuffled: lines differ: %s", vs.file, diff)
		}
	}
}

// settleInto runs `settle run` on in and returns the output folder.
func settleInto(tb testing.TB, in string) string {
	tb.Helper()
	out := tb.TempDir()
	var stdout, stderr bytes.Buffer
	if code := Run(tb.Context(), []string{"run", "--year", "2025", "--in", in, "--out", out}, &stdout, &stderr); code != exitOK {
		tb.Fatalf("settle run --in %s: exit %d: %s", in, code, stderr.String())
	}
	return out
}

func linesFile(out, voucher string) string {
	return filepath.Join(out, "2025", "parquet", "lines", "year=2025", "voucher="+voucher, "part-00000.parquet")
}

func awardsFile(out string) string {
	return filepath.Join(out, "2025", "parquet", "awards", "year=2025", "part-00000.parquet")
}

// parquetRows renders every row of a Parquet file as text, column by
// column, leaving out the columns named in skip.
func parquetRows(tb testing.TB, path string, skip ...string) []string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := parquet.NewReader(f)
	defer r.Close()
	cols := r.Schema().Columns()
	var out []string
	buf := make([]parquet.Row, 64)
	for {
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			var b strings.Builder
			for _, v := range row {
				name := strings.Join(cols[v.Column()], ".")
				switch {
				case slices.Contains(skip, name):
				case v.Kind() == parquet.FixedLenByteArray && !v.IsNull():
					fmt.Fprintf(&b, "%s=%x ", name, v.ByteArray()) // entitlement
				default:
					fmt.Fprintf(&b, "%s=%s ", name, v)
				}
			}
			out = append(out, b.String())
		}
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
	}
}

// sameRows reports the first difference between two lists of rows, or "".
func sameRows(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("row %d:\n got  %s\n want %s", i, got[i], want[i])
		}
	}
	if len(got) != len(want) {
		return fmt.Sprintf("%d rows, want %d", len(got), len(want))
	}
	return ""
}

// copyInputs copies an input folder into a new one.
func copyInputs(tb testing.TB, in string) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "in")
	testkit.CopyTree(tb, in, dir)
	return dir
}

// removeRows deletes the given rows (as Excel numbers them) of a sheet.
func removeRows(tb testing.TB, path, sheet string, rows []int) {
	tb.Helper()
	if len(rows) == 0 {
		return
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	for _, r := range slices.Backward(slices.Sorted(slices.Values(rows))) {
		if err := f.RemoveRow(sheet, r); err != nil {
			tb.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		tb.Fatal(err)
	}
}

// shuffleRows permutes the data rows of a sheet: the rows between the
// header and gen's closing 合计 row. Each cell keeps its type (text or
// number), its raw value and its style (a date stays a date cell); a cell
// that was absent becomes an empty one. The rows above the header and the
// 合计 row stay where they are. It checks that the sheet holds the same
// rows afterwards, as excelize shows them, in another order.
func shuffleRows(tb testing.TB, path, sheet string, header int, rnd *rand.Rand) {
	tb.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	before, err := f.GetRows(sheet)
	if err != nil {
		tb.Fatal(err)
	}
	first, last := header+1, len(before)-1 // the 合计 row is the last
	width := len(before[header-1])
	type cell struct {
		typ   excelize.CellType
		value string
		style int
	}
	data := make([][]cell, 0, last-first+1)
	for r := first; r <= last; r++ {
		row := make([]cell, width)
		for c := range row {
			name, _ := excelize.CoordinatesToCellName(c+1, r)
			row[c].typ, err = f.GetCellType(sheet, name)
			if err == nil {
				row[c].value, err = f.GetCellValue(sheet, name, excelize.Options{RawCellValue: true})
			}
			if err == nil {
				row[c].style, err = f.GetCellStyle(sheet, name)
			}
			if err != nil {
				tb.Fatal(err)
			}
		}
		data = append(data, row)
	}
	for i, p := range rnd.Perm(len(data)) {
		for c, v := range data[p] {
			name, _ := excelize.CoordinatesToCellName(c+1, first+i)
			switch v.typ {
			case excelize.CellTypeInlineString, excelize.CellTypeSharedString:
				err = f.SetCellStr(sheet, name, v.value)
			case excelize.CellTypeUnset, excelize.CellTypeNumber:
				err = f.SetCellDefault(sheet, name, v.value) // a number as written, or no value
			default:
				tb.Fatalf("%s %s: cell type %d not handled", path, name, v.typ)
			}
			if err == nil {
				err = f.SetCellStyle(sheet, name, name, v.style)
			}
			if err != nil {
				tb.Fatal(err)
			}
		}
	}
	if err := f.Save(); err != nil {
		tb.Fatal(err)
	}
	after, err := f.GetRows(sheet)
	if err != nil {
		tb.Fatal(err)
	}
	key := func(rows [][]string) []string {
		var ks []string
		for _, r := range rows {
			ks = append(ks, strings.Join(r, "\x00"))
		}
		return ks
	}
	b, a := key(before), key(after)
	if slices.Equal(b, a) && last > first {
		tb.Fatalf("%s: the rows were not moved", path)
	}
	if !slices.Equal(b[:first-1], a[:first-1]) || b[last] != a[last] {
		tb.Fatalf("%s: the title, header or 合计 rows moved", path)
	}
	slices.Sort(b)
	slices.Sort(a)
	if !slices.Equal(b, a) {
		tb.Fatalf("%s: the shuffled sheet does not hold the same rows", path)
	}
}
