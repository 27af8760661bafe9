package publish

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"settle/internal/testkit"
)

// testRun is the run id of every test settlement (they differ in their
// contents), as when the same inputs are settled again: a second one in
// history gets the suffix -2.
const testRun = "run1"

// testOptions name a replaced settlement by the id file a test
// settlement holds.
func testOptions(force bool) Options {
	return Options{Force: force, RunID: func(dir string) string {
		b, _ := os.ReadFile(filepath.Join(dir, "id"))
		return string(b)
	}}
}

// writeSettlement writes a settlement as publish sees one: files and
// folders, their contents naming which settlement it is.
func writeSettlement(tb testing.TB, dir, which string) {
	tb.Helper()
	for name, content := range map[string]string{
		"id":                        testRun,
		"which.txt":                 which,
		"tables/year=2025/part.bin": strings.Repeat(which, 1000),
	} {
		err := WriteFile(nil, filepath.Join(dir, name), func(w io.Writer) error {
			_, err := io.WriteString(w, content)
			return err
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
}

// publishTest publishes settlement which into out and returns the
// published tree.
func publishTest(tb testing.TB, out, which string, force bool) map[string][]byte {
	tb.Helper()
	tx, err := Begin(out, 2025, testOptions(force))
	if err != nil {
		tb.Fatalf("publishing %s: %v", which, err)
	}
	defer tx.Abort()
	writeSettlement(tb, tx.Dir(), which)
	dir, err := tx.Commit(context.Background())
	if err != nil {
		tb.Fatalf("publishing %s: %v", which, err)
	}
	return testkit.ReadTree(tb, dir)
}

// checkSettlement fails unless out/2025 holds exactly want.
func checkSettlement(tb testing.TB, out string, want map[string][]byte, which string) {
	tb.Helper()
	testkit.CheckTree(tb, filepath.Join(out, "2025"), want, "want settlement "+which+" in place")
}

// checkNoLeftovers fails if anything but the year's folder and the
// history is in out: the lock goes away with the run.
func checkNoLeftovers(tb testing.TB, out string) {
	tb.Helper()
	testkit.CheckOnly(tb, out, "2025", historyDir)
}

// checkHistory fails unless out/history holds exactly the settlements
// want (naming trees), each whole, in any order.
func checkHistory(tb testing.TB, out string, trees map[string]map[string][]byte, want ...string) {
	tb.Helper()
	entries, _ := os.ReadDir(filepath.Join(out, historyDir))
	if len(entries) != len(want) {
		tb.Fatalf("history holds %d settlements, want %d (%v)", len(entries), len(want), want)
	}
	left := slices.Clone(want)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "2025-"+testRun) {
			tb.Errorf("history/%s: want 2025-<run id>[-n]", e.Name())
		}
		got := testkit.ReadTree(tb, filepath.Join(out, historyDir, e.Name()))
		k := slices.IndexFunc(left, func(v string) bool { return testkit.TreeDiff(got, trees[v]) == "" })
		if k < 0 {
			tb.Fatalf("history/%s is none of the settlements %v, whole", e.Name(), left)
		}
		left = slices.Delete(left, k, k+1)
	}
}

// A killed run can stop at any point of a transaction. Each case builds
// the folder a run killed at one point leaves (settlement A published
// before, B being written); the next run must find settlement A or B whole
// in out/2025, never nothing, and clear the rest.
func TestAfterACrash(t *testing.T) {
	cases := []struct {
		name string
		// crash turns out (holding A in 2025/, and B complete in b/)
		// into what a run killed at that point leaves.
		crash func(tb testing.TB, out, b string)
		want  string // the settlement a run without Force must find
		// kept are the settlements then in history, without and with
		// Force (which files the one it replaces there).
		kept, keptForce []string
	}{
		{"while writing", func(tb testing.TB, out, b string) {
			mustMkdir(tb, filepath.Join(out, ".settle-2025-tmp-k1"))
			mustWrite(tb, filepath.Join(out, ".settle-2025-tmp-k1", "which.txt"), "half")
		}, "A", nil, []string{"A"}},
		{"before moving the old one aside", func(tb testing.TB, out, b string) {
			mustRename(tb, b, filepath.Join(out, ".settle-2025-tmp-k2"))
			mustMkdir(tb, filepath.Join(out, ".settle-2025-old-k2"))
		}, "A", nil, []string{"A"}},
		{"between the two renames", func(tb testing.TB, out, b string) {
			mustRename(tb, b, filepath.Join(out, ".settle-2025-tmp-k3"))
			mustMkdir(tb, filepath.Join(out, ".settle-2025-old-k3"))
			mustRename(tb, filepath.Join(out, "2025"), filepath.Join(out, ".settle-2025-old-k3", "2025"))
		}, "A", nil, []string{"A"}},
		{"before filing the old one in history", func(tb testing.TB, out, b string) {
			mustMkdir(tb, filepath.Join(out, ".settle-2025-old-k4"))
			mustRename(tb, filepath.Join(out, "2025"), filepath.Join(out, ".settle-2025-old-k4", "2025"))
			mustRename(tb, b, filepath.Join(out, "2025"))
		}, "B", []string{"A"}, []string{"A", "B"}},
		{"while removing the old one (earlier versions)", func(tb testing.TB, out, b string) {
			mustMkdir(tb, filepath.Join(out, ".settle-2025-del-k5"))
			mustRename(tb, filepath.Join(out, "2025"), filepath.Join(out, ".settle-2025-del-k5", "2025"))
			os.Remove(filepath.Join(out, ".settle-2025-del-k5", "2025", "id"))
			mustRename(tb, b, filepath.Join(out, "2025"))
		}, "B", nil, []string{"B"}},
		{"after filing the old one in history", func(tb testing.TB, out, b string) {
			mustMkdir(tb, filepath.Join(out, ".settle-2025-old-k6"))
			mustMkdir(tb, filepath.Join(out, historyDir))
			mustRename(tb, filepath.Join(out, "2025"), filepath.Join(out, historyDir, "2025-"+testRun))
			mustRename(tb, b, filepath.Join(out, "2025"))
		}, "B", []string{"A"}, []string{"A", "B"}},
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
				name += ", then Force"
			}
			t.Run(name, func(t *testing.T) {
				out, other := t.TempDir(), t.TempDir()
				testkit.CopyTree(t, filepath.Join(pristine, "A", "2025"), filepath.Join(out, "2025"))
				testkit.CopyTree(t, filepath.Join(pristine, "B", "2025"), filepath.Join(other, "2025"))
				tc.crash(t, out, filepath.Join(other, "2025"))

				if !force {
					if _, err := Begin(out, 2025, testOptions(false)); !errors.Is(err, ErrExists) {
						t.Fatalf("run without Force: %v, want ErrExists", err)
					}
					checkSettlement(t, out, trees[tc.want], tc.want)
					checkHistory(t, out, trees, tc.kept...)
				} else {
					publishTest(t, out, "C", true)
					checkHistory(t, out, trees, tc.keptForce...)
				}
				checkNoLeftovers(t, out)
			})
		}
	}
}

// Two settlements set aside with none in place cannot be told apart: the
// run stops and says so rather than guess or delete one.
func TestTwoSettlementsAside(t *testing.T) {
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
	_, err := Begin(out, 2025, testOptions(true))
	if err == nil || !strings.Contains(err.Error(), "请手动") {
		t.Fatalf("error %v, want a request to choose by hand", err)
	}
	for _, k := range []string{"x", "y"} {
		if _, err := os.Stat(filepath.Join(out, ".settle-2025-old-"+k, "2025", "id")); err != nil {
			t.Errorf("a settlement set aside was touched: %v", err)
		}
	}
}

// A transaction that ends without publishing (aborted after a failed
// write, or committed after the run was cancelled) leaves the previous
// settlement as it was, even with Force, and nothing else; it is over
// then, and ending it again does nothing.
func TestUnpublished(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	cases := []struct {
		name string
		end  func(tx *Tx) error
	}{
		{"aborted", func(tx *Tx) error { tx.Abort(); return nil }},
		{"committed when cancelled", func(tx *Tx) error {
			_, err := tx.Commit(cancelled)
			if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "未写入任何结果") {
				return err
			}
			return nil
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			before := publishTest(t, out, "A", false)
			tx, err := Begin(out, 2025, testOptions(true))
			if err != nil {
				t.Fatal(err)
			}
			writeSettlement(t, tx.Dir(), "B")
			if err := tc.end(tx); err != nil {
				t.Fatalf("error %v, want the run's cancellation", err)
			}
			checkSettlement(t, out, before, "A")
			testkit.CheckOnly(t, out, "2025")
			tx.Abort()
			if _, err := tx.Commit(context.Background()); err == nil {
				t.Fatal("a transaction that was over committed")
			}
			checkSettlement(t, out, before, "A")
		})
	}
}

// The published folder gets the permissions of any folder made with the
// process's umask (os.MkdirTemp would give 0700), and no file in it is
// executable, whatever mode it was written with.
func TestPermissions(t *testing.T) {
	out := t.TempDir()
	tx, err := Begin(out, 2025, Options{})
	if err != nil {
		t.Fatal(err)
	}
	writeSettlement(t, tx.Dir(), "A")
	if err := os.WriteFile(filepath.Join(tx.Dir(), "saved-as.xlsx"), []byte("PK"), 0o777); err != nil {
		t.Fatal(err)
	}
	dir, err := tx.Commit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ref := filepath.Join(out, "ref")
	mustMkdir(t, ref)
	want, err := os.Stat(ref)
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
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
		case !d.IsDir():
			files++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files != 4 {
		t.Errorf("%d files published, want 4", files)
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
