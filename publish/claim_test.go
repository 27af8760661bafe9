package publish

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"settle/internal/testkit"
)

// A second run on the same year while one holds the lock is refused with
// a message naming the lock file, and writes nothing.
func TestLocked(t *testing.T) {
	out := t.TempDir()
	unlock, err := lock(out, "2025")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Begin(out, 2025, testOptions(false))
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), filepath.Join(out, ".settle", "2025.lock")) {
		t.Fatalf("error %v, want ErrLocked naming the lock file", err)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 1 {
		t.Errorf("a refused run wrote %v", entries)
	}
	unlock()
	publishTest(t, out, "A", false)
	testkit.CheckOnly(t, out, "2025")
}

// Runs that begin the same year at once: exactly one gets it, the others
// are refused by the lock; another year is not held up.
func TestConcurrentBegin(t *testing.T) {
	out := t.TempDir()
	const runs = 4
	var (
		began, tried sync.WaitGroup
		mu           sync.Mutex
		won, locked  int
	)
	// Every run is counted before any starts: a run that got through
	// Begin must not see tried at zero and commit before the others tried.
	began.Add(runs)
	tried.Add(runs)
	for range runs {
		go func() {
			defer began.Done()
			tx, err := Begin(out, 2025, testOptions(true))
			tried.Done()
			tried.Wait() // nobody releases the lock before all have tried
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				won++
				if _, err := tx.Commit(context.Background()); err != nil {
					t.Error(err)
				}
			case errors.Is(err, ErrLocked):
				locked++
			default:
				t.Error(err)
			}
		}()
	}
	tx, err := Begin(out, 2026, testOptions(false))
	if err != nil {
		t.Fatalf("another year: %v", err)
	}
	tx.Abort()
	began.Wait()
	if won != 1 || locked != runs-1 {
		t.Fatalf("%d runs began and %d were refused, want 1 and %d", won, locked, runs-1)
	}
	testkit.CheckOnly(t, out, "2025")
}

// An output folder that cannot be created is an error naming it.
func TestUnwritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	mustWrite(t, file, "")
	for _, out := range []string{filepath.Join(file, "out"), "/proc/version/out"} {
		_, err := Begin(out, 2025, Options{})
		if err == nil || !strings.Contains(err.Error(), "输出文件夹 "+out) {
			t.Errorf("%s: error %v", out, err)
		}
	}
}

// Precheck answers as Begin will, before anything is settled: no output
// folder yet, a settlement there (also one a crash left set aside between
// the two renames, which it puts back, removing the crashed run's
// temporary folder), Force, and a lock held.
func TestPrecheck(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "not-yet")
	if err := Precheck(missing, 2025, testOptions(false)); err != nil {
		t.Fatalf("no output folder: %v", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Precheck created %s", missing)
	}

	out := t.TempDir()
	if err := Precheck(out, 2025, testOptions(false)); err != nil {
		t.Fatalf("empty output folder: %v", err)
	}
	a := publishTest(t, out, "A", false)
	mustMkdir(t, filepath.Join(out, ".settle-2025-old-k3"))
	mustRename(t, filepath.Join(out, "2025"), filepath.Join(out, ".settle-2025-old-k3", "2025"))
	mustMkdir(t, filepath.Join(out, ".settle-2025-tmp-k3"))
	if err := Precheck(out, 2025, testOptions(false)); !errors.Is(err, ErrExists) {
		t.Fatalf("settlement set aside by a crash: %v, want ErrExists", err)
	}
	checkSettlement(t, out, a, "A, put back")
	checkNoLeftovers(t, out)
	if err := Precheck(out, 2025, testOptions(true)); err != nil {
		t.Fatalf("with Force: %v", err)
	}
	if err := Precheck(out, 2026, testOptions(false)); err != nil {
		t.Fatalf("another year: %v", err)
	}

	unlock, err := lock(out, "2025")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if err := Precheck(out, 2025, testOptions(true)); !errors.Is(err, ErrLocked) {
		t.Fatalf("locked: %v, want ErrLocked", err)
	}
}
