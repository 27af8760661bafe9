package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"testing"
	"time"

	"settle/pipeline"
)

// TestHostileInputs runs `settle run` over every input of the hostile
// corpus (hostileCases), each a valid small year with one workbook
// replaced or spoiled. Whatever the input, nothing panics and the heap
// stays bounded; a structural problem stops the run with exit code 1 and
// one message naming the file (and the sheet and header where there is
// one); a bad cell rejects its line with the reason code of SPEC §4, and
// every row read is a line, none dropped. Every workbook written opens
// again in excelize and holds no formula.
func TestHostileInputs(t *testing.T) {
	y := newHostileYear(t)
	names := map[string]bool{}
	for _, tc := range hostileCases() {
		if names[tc.name] {
			t.Fatalf("two cases named %q", tc.name)
		}
		names[tc.name] = true
		t.Run(tc.name, func(t *testing.T) { runHostile(t, y, tc) })
	}
	if len(names) < 30 {
		t.Errorf("the corpus has %d inputs, want at least 30", len(names))
	}
}

// hostileCase is one input of the corpus and the behaviour it must get.
type hostileCase struct {
	name string
	env  map[string]string // set for the run (t.Setenv)
	// prepare spoils the copy of the valid year in dir (usually one
	// workbook).
	prepare func(tb testing.TB, y *hostileYear, dir string)
	// rows, when set, replace compute_billing.xlsx: the template line in
	// row 2, then each row from row 3 with the outcome it must get.
	rows []hostileRow
	// header, when set, replaces computeHeader above rows.
	header []string
	// lines, when set, are the outcomes of the compute lines prepare
	// wrote, by row; no other compute line may exist.
	lines map[int]reason
	// fail, when set, means a structural problem: exit 1 and one line on
	// stderr holding each of these texts.
	fail []string
	// check looks further at a successful run's OUT/2025.
	check func(t *testing.T, y *hostileYear, year string)
	// maxHeap bounds the heap during the run (0: defaultMaxHeap).
	maxHeap uint64
	// bigOutputs: the workbooks written are too large to read cell by
	// cell with excelize; their sheets' XML is searched for formulas.
	bigOutputs bool
}

// reason is a line's expected outcome: its reason code, "" for eligible.
type reason = pipeline.Reason

// hostileRow is the template line with some cells replaced (by column
// alias), and the reason code it must be rejected with ("" = eligible).
type hostileRow struct {
	what   string
	set    map[string]xc
	want   pipeline.Reason
	amount string // when set, the amount the line must carry ("0.00")
}

// defaultMaxHeap bounds the heap of a run over the small year, whatever
// the hostile workbook declares or inflates to.
const defaultMaxHeap = 256 << 20

// hostileCases is the corpus, by family.
func hostileCases() []hostileCase {
	return slices.Concat(notWorkbookCases(), passwordCases(), bombCases(), structureCases(),
		headerCases(), cellCases(), amountCases(), injectionCases(), sizeCases())
}

func runHostile(t *testing.T, y *hostileYear, tc hostileCase) {
	for k, v := range tc.env {
		t.Setenv(k, v)
	}
	in := y.copy(t)
	if tc.prepare != nil {
		tc.prepare(t, y, in)
	}
	want, rows := tc.lines, map[int]hostileRow{}
	if tc.rows != nil {
		cells := [][]xc{headerCells(orDefaultHeader(tc.header)), y.row("HOSTILE-2", nil)}
		want, rows[2] = map[int]pipeline.Reason{2: ""}, hostileRow{what: "the template line"}
		for i, r := range tc.rows {
			cells = append(cells, y.row(fmt.Sprintf("HOSTILE-%d", i+3), r.set))
			want[i+3], rows[i+3] = r.want, r
		}
		writeSheet(t, in, "compute_billing.xlsx", "算力结算", cells...)
	}
	out := t.TempDir()
	start := time.Now()
	code, stdout, stderr, peak := runBounded(t, "run", "--year", "2025", "--in", in, "--out", out)
	t.Logf("exit %d in %v, heap peak %d MiB", code, time.Since(start).Round(time.Millisecond), peak>>20)
	if limit := orDefault(tc.maxHeap, defaultMaxHeap); peak > limit {
		t.Errorf("heap reached %d MiB, bound %d MiB", peak>>20, limit>>20)
	}
	year := filepath.Join(out, "2025")
	if tc.fail != nil {
		checkStructural(t, code, stderr, year, tc.fail)
		return
	}
	if code != exitOK {
		t.Fatalf("exit %d, want 0: %s", code, stderr)
	}
	if !strings.Contains(stdout, "已写入") {
		t.Errorf("stdout: %s", stdout)
	}
	if want != nil {
		compareLines(t, year, want, rows)
	}
	if tc.bigOutputs {
		checkNoFormulaXML(t, year)
	} else {
		checkWorkbooks(t, year)
	}
	if tc.check != nil {
		tc.check(t, y, year)
	}
}

func orDefaultHeader(h []string) []string {
	if h == nil {
		return computeHeader
	}
	return h
}

func orDefault(v, zero uint64) uint64 {
	if v == 0 {
		return zero
	}
	return v
}

// runBounded calls Run as main does, turning a panic into a test failure
// that names the input, and samples the heap meanwhile.
func runBounded(t *testing.T, args ...string) (code int, stdout, stderr string, peak uint64) {
	t.Helper()
	var out, errOut bytes.Buffer
	runtime.GC() // the garbage of earlier cases is not this run's heap
	stop, done := make(chan struct{}), make(chan uint64)
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var p uint64
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			p = max(p, s[0].Value.Uint64())
			select {
			case <-stop:
				done <- p
				return
			case <-tick.C:
			}
		}
	}()
	func() {
		defer func() {
			if p := recover(); p != nil {
				t.Errorf("panic: %v\n%s", p, debug.Stack())
				code = -1
			}
		}()
		code = Run(context.Background(), args, &out, &errOut)
	}()
	close(stop)
	return code, out.String(), errOut.String(), <-done
}

// checkStructural: exit 1, one line on stderr holding every word, and
// nothing published.
func checkStructural(t *testing.T, code int, stderr, year string, words []string) {
	t.Helper()
	if code != exitInputs {
		t.Fatalf("exit %d, want %d; stderr: %s", code, exitInputs, stderr)
	}
	t.Logf("%s", stderr)
	if n := strings.Count(stderr, "\n"); n != 1 || !strings.HasSuffix(stderr, "\n") {
		t.Errorf("stderr holds %d lines, want one message:\n%s", n, stderr)
	}
	for _, w := range words {
		if !strings.Contains(stderr, w) {
			t.Errorf("message does not say %q:\n%s", w, stderr)
		}
	}
	if _, err := os.Stat(year); !os.IsNotExist(err) {
		t.Errorf("a failed run published %s (%v)", year, err)
	}
}
