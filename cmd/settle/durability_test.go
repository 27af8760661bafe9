package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"settle/internal/testkit"
)

// TestKilledRun kills `settle run` (the built binary, SIGKILL: no
// deferred cleanup runs) at several points while it reads and writes, on
// a year large enough that writing takes a while. After each kill:
//
//   - a first run leaves no OUT/2025 (unless it finished before the kill:
//     then OUT/2025 is the whole settlement);
//   - a --force run over an existing settlement leaves the old one in
//     place, byte for byte, or the new one, whole; never a mixture, and
//     never nothing (a kill between moving the old one aside and renaming
//     the new one in leaves it aside, and the next run puts it back: that
//     window is microseconds wide, so publish.TestAfterACrash
//     builds it by hand);
//
// and the next run succeeds, gives the same bytes as an undisturbed run and
// clears every .settle-2025-* folder left behind (the lock dies with the
// process).
func TestKilledRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the settle binary")
	}
	bin := buildSettle(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	runSettle(t, bin, nil, "gen", "--year", "2025", "--out", in, "--seed", "3", "--scale", "20000")
	// The undisturbed settlement, with one processor: the runs below have
	// two, so this also shows that a separate process on another
	// GOMAXPROCS gives the same bytes.
	start := time.Now()
	runSettle(t, bin, []string{"GOMAXPROCS=1"}, "run", "--year", "2025", "--in", in, "--out", filepath.Join(dir, "ref"))
	took := time.Since(start)
	want := testkit.ReadTree(t, filepath.Join(dir, "ref", "2025"))
	// An earlier settlement of the same year, from other inputs (without
	// the innovation workbook), for the --force runs to replace.
	prevIn := copyInputs(t, in)
	if err := os.Remove(filepath.Join(prevIn, "innovation_contracts.xlsx")); err != nil {
		t.Fatal(err)
	}
	runSettle(t, bin, nil, "run", "--year", "2025", "--in", prevIn, "--out", filepath.Join(dir, "prev"))
	prevDir := filepath.Join(dir, "prev", "2025")
	prev := testkit.ReadTree(t, prevDir)

	tmp := tmpPattern
	kills := []struct {
		name string
		when killPoint
	}{
		// At fractions of an undisturbed run, whatever the run is doing
		// then, and at the moments the outputs appear.
		{"at 25% of a run", afterDelay(took / 4)},
		{"at 50% of a run", afterDelay(took / 2)},
		{"at 75% of a run", afterDelay(took * 3 / 4)},
		{"when the temporary folder appears", whenExists(tmp)},
		{"when a bureau workbook appears", whenExists(tmp, "settlement-2025-*.xlsx")},
		{"when the compute lines table appears", whenExists(tmp, "parquet", "lines", "year=2025", "voucher=compute", "*.parquet")},
		{"when the manifest appears", whenExists(tmp, "manifest.json")},
	}

	t.Run("first run", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		hits := 0
		for _, k := range kills {
			killed, writing := killSettle(t, bin, k.when, out, "run", "--year", "2025", "--in", in, "--out", out)
			t.Logf("%s: killed %v, while writing %v", k.name, killed, writing)
			final := filepath.Join(out, "2025")
			switch _, err := os.Stat(final); {
			case errors.Is(err, fs.ErrNotExist):
			case err != nil:
				t.Fatal(err)
			default:
				t.Logf("%s: the settlement was in place before the kill", k.name)
				testkit.CheckTree(t, final, want, "killed "+k.name+": OUT/2025")
				removeAll(t, final) // the next case starts from nothing again
			}
			if writing {
				hits++
			}
		}
		if hits == 0 {
			t.Error("no kill landed while the temporary folder existed: the test showed nothing")
		}
		runSettle(t, bin, nil, "run", "--year", "2025", "--in", in, "--out", out)
		testkit.CheckTree(t, filepath.Join(out, "2025"), want, "the run after the kills")
		checkOnlySettlement(t, out)
	})

	// SIGTERM or Ctrl-C (SIGINT) is not a crash: the run stops within a
	// second, removes its temporary folder, says why and exits 128 + the
	// signal's number, as a shell reports it.
	for _, sig := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGTERM, 143}, {syscall.SIGINT, 130}} {
		t.Run(sig.sig.String()+" while writing", func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			start := time.Now()
			st, stderr, writing, took := signalSettleTimed(t, bin, whenExists(tmp), sig.sig, out, "run", "--year", "2025", "--in", in, "--out", out)
			if !writing {
				t.Skipf("the run finished before %v (%v)", sig.sig, time.Since(start))
			}
			t.Logf("stopped %v after %v: exit %d", took, sig.sig, st.ExitCode())
			switch _, err := os.Stat(filepath.Join(out, "2025")); {
			case err == nil: // past its last look at the signal: it published, whole
				testkit.CheckTree(t, filepath.Join(out, "2025"), want, "OUT/2025 after "+sig.sig.String())
			case st.ExitCode() != sig.code || !strings.Contains(stderr, "未写入任何结果"):
				t.Errorf("exit %d, want %d: %s", st.ExitCode(), sig.code, stderr)
			case took > time.Second:
				t.Errorf("the run took %v to stop after %v, want at most a second", took, sig.sig)
			}
			checkOnlySettlement(t, out)
		})
	}

	t.Run("--force over a settlement", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		testkit.CopyTree(t, prevDir, filepath.Join(out, "2025"))
		for _, k := range kills {
			killed, writing := killSettle(t, bin, k.when, out, "run", "--year", "2025", "--in", in, "--out", out, "--force")
			t.Logf("%s: killed %v, while writing %v", k.name, killed, writing)
			final := filepath.Join(out, "2025")
			_, err := os.Stat(final)
			switch got := readTreeIfAny(t, final); {
			case errors.Is(err, fs.ErrNotExist):
				// Killed between the two renames: the old settlement
				// must be whole in the one folder set aside.
				aside, _ := filepath.Glob(filepath.Join(out, ".settle-2025-old-*", "2025"))
				if len(aside) != 1 {
					t.Fatalf("killed %s: no OUT/2025 and %d settlements set aside", k.name, len(aside))
				}
				testkit.CheckTree(t, aside[0], prev, "killed "+k.name+": the settlement set aside")
			case testkit.TreeDiff(got, prev) == "":
			case testkit.TreeDiff(got, want) == "":
				t.Logf("%s: the new settlement was in place before the kill (killed: %v)", k.name, killed)
				removeAll(t, final)
				testkit.CopyTree(t, prevDir, final)
			default:
				t.Fatalf("killed %s: OUT/2025 is neither the old settlement (%s) nor the new one (%s)",
					k.name, testkit.TreeDiff(got, prev), testkit.TreeDiff(got, want))
			}
		}
		// Without --force the old settlement stays, whatever was left.
		code, _, stderr := runSettleCode(t, bin, nil, "run", "--year", "2025", "--in", in, "--out", out)
		if code != exitInputs || !strings.Contains(stderr, "--force") {
			t.Fatalf("run without --force: exit %d: %s", code, stderr)
		}
		testkit.CheckTree(t, filepath.Join(out, "2025"), prev, "after a run without --force")
		checkOnlySettlement(t, out)
		runSettle(t, bin, nil, "run", "--year", "2025", "--in", in, "--out", out, "--force")
		testkit.CheckTree(t, filepath.Join(out, "2025"), want, "the forced run after the kills")
		checkOnlySettlement(t, out)
		// Every settlement replaced (or set aside by a kill after the new
		// one was in place) is in history, whole: here always the old one.
		hist, _ := filepath.Glob(filepath.Join(out, "history", "*"))
		if len(hist) == 0 {
			t.Fatal("the forced run left no history")
		}
		for _, h := range hist {
			testkit.CheckTree(t, h, prev, "history "+filepath.Base(h))
		}
	})
}

// TestForceKeepsTheOldSettlement: an existing settlement is never replaced
// without --force, and with --force only by a complete new one: a run
// that fails (here an input file has gone) leaves it byte for byte.
func TestForceKeepsTheOldSettlement(t *testing.T) {
	in, _ := generateYear(t, 21, 300)
	out := settleInto(t, in)
	before := testkit.ReadTree(t, filepath.Join(out, "2025"))

	code, _, stderr := run(t, "run", "--year", "2025", "--in", in, "--out", out)
	if code != exitInputs || !strings.Contains(stderr, filepath.Join(out, "2025")) || !strings.Contains(stderr, "--force") {
		t.Errorf("run without --force over a settlement: exit %d: %s", code, stderr)
	}
	testkit.CheckTree(t, filepath.Join(out, "2025"), before, "after a run without --force")

	if err := os.Remove(filepath.Join(in, "reference.xlsx")); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run(t, "run", "--year", "2025", "--in", in, "--out", out, "--force")
	if code != exitInputs || !strings.Contains(stderr, "reference.xlsx") {
		t.Errorf("forced run without reference.xlsx: exit %d: %s", code, stderr)
	}
	testkit.CheckTree(t, filepath.Join(out, "2025"), before, "after a failed forced run")
	checkOnlySettlement(t, out)
}

// TestConcurrentRunIsRefused: while another run holds the year's lock, a
// run is refused with a message naming the lock file, and writes nothing.
func TestConcurrentRunIsRefused(t *testing.T) {
	in, _ := generateYear(t, 22, 300)
	out := t.TempDir()
	lockPath := filepath.Join(out, ".settle", "2025.lock")
	if err := os.Mkdir(filepath.Dir(lockPath), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(lockPath, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// What a running settle holds (flock locks of two open files
	// conflict, even in one process).
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "run", "--year", "2025", "--in", in, "--out", out)
	if code != exitInputs || !strings.Contains(stderr, lockPath) || !strings.Contains(stderr, "另一个 settle") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 1 {
		t.Errorf("a refused run wrote %v", entries)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_UN); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "run", "--year", "2025", "--in", in, "--out", out); code != exitOK {
		t.Fatalf("once the lock is released: exit %d: %s", code, stderr)
	}
}

// TestUnwritableOutput: an output folder that cannot be made (tests run as
// root, for whom permissions stop nothing: these paths are under a regular
// file) stops the run with exit code 1 and a message naming it.
func TestUnwritableOutput(t *testing.T) {
	in, _ := generateYear(t, 23, 300)
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{filepath.Join(file, "out"), "/proc/version/out"} {
		code, _, stderr := run(t, "run", "--year", "2025", "--in", in, "--out", out)
		if code != exitInputs || !strings.Contains(stderr, "输出文件夹") || !strings.Contains(stderr, out) {
			t.Errorf("--out %s: exit %d: %s", out, code, stderr)
		}
	}
}
