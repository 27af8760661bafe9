package writers

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"settle/internal/testkit"
	"settle/pipeline"
)

// publishTest publishes testResult into out, the tool version marking
// which settlement it is (it is recorded in the manifest), and returns the
// published tree.
func publishTest(tb testing.TB, out, version string, force bool) map[string][]byte {
	tb.Helper()
	dir, _, err := Publish(context.Background(), out, testResult(tb), PublishOptions{Force: force, ToolVersion: version})
	if err != nil {
		tb.Fatalf("publishing %s: %v", version, err)
	}
	return testkit.ReadTree(tb, dir)
}

// checkSettlement fails unless out/2025 holds exactly want.
func checkSettlement(tb testing.TB, out string, want map[string][]byte, which string) {
	tb.Helper()
	testkit.CheckTree(tb, filepath.Join(out, "2025"), want, "want settlement "+which+" in place")
}

// checkNoLeftovers fails if anything but the year's folder and the lock
// file is in out.
func checkNoLeftovers(tb testing.TB, out string) {
	tb.Helper()
	testkit.CheckOnly(tb, out, "2025", ".settle-2025.lock")
}

// A killed run can stop at any point of Publish. Each case builds the
// folder a run killed at one point leaves (settlement A published before,
// B being written); the next run must find settlement A or B whole in
// out/2025, never nothing, and clear the rest.
func TestPublishAfterACrash(t *testing.T) {
	cases := []struct {
		name string
		// crash turns out (holding A in 2025/, and B complete in b/)
		// into what a run killed at that point leaves.
		crash func(tb testing.TB, out, b string)
		want  string // the settlement a run without Force must find
	}{
		{"while writing", func(tb testing.TB, out, b string) {
			mustMkdir(tb, filepath.Join(out, ".settle-2025-tmp-k1"))
			mustWrite(tb, filepath.Join(out, ".settle-2025-tmp-k1", "settlement-2025-jxj.xlsx"), "PK half")
		}, "A"},
		{"before moving the old one aside", func(tb testing.TB, out, b string) {
			mustRename(tb, b, filepath.Join(out, ".settle-2025-tmp-k2"))
			mustMkdir(tb, filepath.Join(out, ".settle-2025-old-k2"))
		}, "A"},
		{"between the two renames", func(tb testing.TB, out, b string) {
			mustRename(tb, b, filepath.Join(out, ".settle-2025-tmp-k3"))
			mustMkdir(tb, filepath.Join(out, ".settle-2025-old-k3"))
			mustRename(tb, filepath.Join(out, "2025"), filepath.Join(out, ".settle-2025-old-k3", "2025"))
		}, "A"},
		{"before removing the old one", func(tb testing.TB, out, b string) {
			mustMkdir(tb, filepath.Join(out, ".settle-2025-old-k4"))
			mustRename(tb, filepath.Join(out, "2025"), filepath.Join(out, ".settle-2025-old-k4", "2025"))
			mustRename(tb, b, filepath.Join(out, "2025"))
		}, "B"},
		{"while removing the old one", func(tb testing.TB, out, b string) {
			mustMkdir(tb, filepath.Join(out, ".settle-2025-del-k5"))
			mustRename(tb, filepath.Join(out, "2025"), filepath.Join(out, ".settle-2025-del-k5", "2025"))
			os.Remove(filepath.Join(out, ".settle-2025-del-k5", "2025", "manifest.json"))
			mustRename(tb, b, filepath.Join(out, "2025"))
		}, "B"},
	}
	// Settlements A and B are published once and copied into each case.
	pristine := t.TempDir()
	trees := map[string]map[string][]byte{
		"A": publishTest(t, filepath.Join(pristine, "A"), "A", false),
		"B": publishTest(t, filepath.Join(pristine, "B"), "B", false),
	}
	for _, tc := range cases {
		for _, force := range []bool{false, true} {
			name := tc.name
			if force {
				name += ", then --force"
			}
			t.Run(name, func(t *testing.T) {
				out, other := t.TempDir(), t.TempDir()
				testkit.CopyTree(t, filepath.Join(pristine, "A", "2025"), filepath.Join(out, "2025"))
				testkit.CopyTree(t, filepath.Join(pristine, "B", "2025"), filepath.Join(other, "2025"))
				tc.crash(t, out, filepath.Join(other, "2025"))

				if !force {
					_, _, err := Publish(context.Background(), out, testResult(t), PublishOptions{ToolVersion: "C"})
					if !errors.Is(err, ErrExists) {
						t.Fatalf("run without --force: %v, want ErrExists", err)
					}
					checkSettlement(t, out, trees[tc.want], tc.want)
				} else {
					publishTest(t, out, "C", true)
				}
				checkNoLeftovers(t, out)
			})
		}
	}
}

// Two settlements set aside with none in place cannot be told apart: the
// run stops and says so rather than guess or delete one.
func TestPublishTwoSettlementsAside(t *testing.T) {
	out := t.TempDir()
	publishTest(t, out, "A", false)
	for _, k := range []string{"x", "y"} {
		old := filepath.Join(out, ".settle-2025-old-"+k)
		mustMkdir(t, old)
		if k == "x" {
			mustRename(t, filepath.Join(out, "2025"), filepath.Join(old, "2025"))
		} else {
			publishTest(t, old, "B", false)
		}
	}
	_, _, err := Publish(context.Background(), out, testResult(t), PublishOptions{Force: true})
	if err == nil || !strings.Contains(err.Error(), "by hand") {
		t.Fatalf("error %v, want a request to choose by hand", err)
	}
	for _, k := range []string{"x", "y"} {
		if _, err := os.Stat(filepath.Join(out, ".settle-2025-old-"+k, "2025", "manifest.json")); err != nil {
			t.Errorf("a settlement set aside was touched: %v", err)
		}
	}
}

// A run that fails while writing leaves the previous settlement as it was,
// even with Force, and nothing else.
func TestPublishFailureKeepsThePrevious(t *testing.T) {
	out := t.TempDir()
	before := publishTest(t, out, "A", false)
	r := testResult(t)
	r.Awards[0].Entitlement = decimal.RequireFromString("123456789012345") // beyond DECIMAL(20,6)
	if _, _, err := Publish(context.Background(), out, r, PublishOptions{Force: true}); err == nil {
		t.Fatal("Publish succeeded with an award that cannot be written")
	}
	checkSettlement(t, out, before, "A")
	checkNoLeftovers(t, out)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Publish(ctx, out, testResult(t), PublishOptions{Force: true}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v", err)
	}
	checkSettlement(t, out, before, "A")
	checkNoLeftovers(t, out)
}

// Results whose control totals do not add up are not published, and
// nothing is created.
func TestPublishRefusesUnreconciledTotals(t *testing.T) {
	cases := []struct {
		name   string
		tamper func(r *pipeline.Result)
	}{
		{"lines", func(r *pipeline.Result) { r.Files[0].Eligible++ }},
		{"amounts", func(r *pipeline.Result) { r.Files[1].RejectedAmount++ }},
		{"a line not counted", func(r *pipeline.Result) {
			r.Inputs.Lines[pipeline.Model] = pipeline.NewLines(r.Lines(pipeline.Model).Slice()[1:]...)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := testResult(t)
			tc.tamper(r)
			out := filepath.Join(t.TempDir(), "out")
			_, _, err := Publish(context.Background(), out, r, PublishOptions{})
			if err == nil || !strings.Contains(err.Error(), "nothing written") {
				t.Fatalf("error %v, want a refusal", err)
			}
			if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("output folder created: %v", err)
			}
		})
	}
}

// A second run on the same year while one holds the lock is refused with
// a message naming the lock file, and writes nothing.
func TestPublishLocked(t *testing.T) {
	out := t.TempDir()
	unlock, err := lock(out, "2025")
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = Publish(context.Background(), out, testResult(t), PublishOptions{})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), filepath.Join(out, ".settle-2025.lock")) {
		t.Fatalf("error %v, want ErrLocked naming the lock file", err)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 1 {
		t.Errorf("a refused run wrote %v", entries)
	}
	unlock()
	publishTest(t, out, "A", false)
}

// An output folder that cannot be created is an error naming it.
func TestPublishUnwritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	mustWrite(t, file, "")
	for _, out := range []string{filepath.Join(file, "out"), "/proc/version/out"} {
		_, _, err := Publish(context.Background(), out, testResult(t), PublishOptions{})
		if err == nil || !strings.Contains(err.Error(), "output folder") {
			t.Errorf("%s: error %v", out, err)
		}
	}
}

// The published folder gets the permissions of any folder made with the
// process's umask (os.MkdirTemp would give 0700), and no output is
// executable.
func TestPublishPermissions(t *testing.T) {
	out := t.TempDir()
	publishTest(t, out, "A", false)
	ref := filepath.Join(out, "ref")
	mustMkdir(t, ref)
	want, err := os.Stat(ref)
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(filepath.Join(out, "2025"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch mode := info.Mode().Perm(); {
		case d.IsDir() && mode != want.Mode().Perm():
			t.Errorf("%s: mode %v, want %v", path, mode, want.Mode().Perm())
		case !d.IsDir() && mode&0o111 != 0:
			t.Errorf("%s: mode %v is executable", path, mode)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func mustMkdir(tb testing.TB, dir string) {
	tb.Helper()
	if err := os.Mkdir(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
}

func mustRename(tb testing.TB, from, to string) {
	tb.Helper()
	if err := os.Rename(from, to); err != nil {
		tb.Fatal(err)
	}
}

func mustWrite(tb testing.TB, path, content string) {
	tb.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// TestPrecheck answers as Publish will, before anything is settled: no
// output folder yet, a settlement there (also one a crash left set aside
// between the two renames, which it puts back, removing the crashed run's
// temporary folder), Force, and a lock held.
func TestPrecheck(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "not-yet")
	if err := Precheck(missing, 2025, false); err != nil {
		t.Fatalf("no output folder: %v", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Precheck created %s", missing)
	}

	out := t.TempDir()
	if err := Precheck(out, 2025, false); err != nil {
		t.Fatalf("empty output folder: %v", err)
	}
	a := publishTest(t, out, "A", false)
	mustMkdir(t, filepath.Join(out, ".settle-2025-old-k3"))
	mustRename(t, filepath.Join(out, "2025"), filepath.Join(out, ".settle-2025-old-k3", "2025"))
	mustMkdir(t, filepath.Join(out, ".settle-2025-tmp-k3"))
	if err := Precheck(out, 2025, false); !errors.Is(err, ErrExists) {
		t.Fatalf("settlement set aside by a crash: %v, want ErrExists", err)
	}
	checkSettlement(t, out, a, "A, put back")
	checkNoLeftovers(t, out)
	if err := Precheck(out, 2025, true); err != nil {
		t.Fatalf("with Force: %v", err)
	}
	if err := Precheck(out, 2026, false); err != nil {
		t.Fatalf("another year: %v", err)
	}

	unlock, err := lock(out, "2025")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if err := Precheck(out, 2025, true); !errors.Is(err, ErrLocked) {
		t.Fatalf("locked: %v, want ErrLocked", err)
	}
}
