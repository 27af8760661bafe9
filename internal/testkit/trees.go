package testkit

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// ReadTree reads every file under dir, by slash-separated relative path.
func ReadTree(tb testing.TB, dir string) map[string][]byte {
	tb.Helper()
	tree := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		tree[filepath.ToSlash(rel)], err = os.ReadFile(path)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return tree
}

// TreeDiff reports the first difference between two trees, in the order
// of their sorted names, or "" when they are the same.
func TreeDiff(got, want map[string][]byte) string {
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if _, ok := got[name]; !ok {
			return "missing " + name
		}
	}
	for _, name := range slices.Sorted(maps.Keys(got)) {
		w, ok := want[name]
		switch {
		case !ok:
			return "unexpected " + name
		case !bytes.Equal(got[name], w):
			return name + " differs"
		}
	}
	return ""
}

// CheckTree fails the test unless dir exists and holds exactly the files
// of want, byte for byte; what begins the message.
func CheckTree(tb testing.TB, dir string, want map[string][]byte, what string) {
	tb.Helper()
	if _, err := os.Stat(dir); err != nil {
		tb.Fatalf("%s: %v", what, err)
	}
	if diff := TreeDiff(ReadTree(tb, dir), want); diff != "" {
		tb.Fatalf("%s: %s", what, diff)
	}
}

// CheckOnly reports every entry of dir not named in keep as left behind.
func CheckOnly(tb testing.TB, dir string, keep ...string) {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		if !slices.Contains(keep, e.Name()) {
			tb.Errorf("left behind in %s: %s", dir, e.Name())
		}
	}
}

// CopyTree copies the tree under from to to, which must not exist yet or
// hold none of its files.
func CopyTree(tb testing.TB, from, to string) {
	tb.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		tb.Fatal(err)
	}
}
