package publish

import (
	"os"
	"path/filepath"
	"testing"

	"settle/internal/testkit"
)

// A replaced settlement is filed under <Y>-<its run id>, with a suffix
// when that name is taken, and under <Y>-unknown when its run id cannot
// name a folder.
func TestHistoryNames(t *testing.T) {
	cases := []struct {
		name  string
		runID func(dir string) string
		want  []string // the history after replacing twice
	}{
		{"the run id", func(string) string { return "3f9a" }, []string{"2025-3f9a", "2025-3f9a-2"}},
		{"no RunID", nil, []string{"2025-unknown", "2025-unknown-2"}},
		{"none read", func(string) string { return "" }, []string{"2025-unknown", "2025-unknown-2"}},
		{"a path", func(string) string { return "../../etc" }, []string{"2025-unknown", "2025-unknown-2"}},
		{"a dot", func(string) string { return "a.b" }, []string{"2025-unknown", "2025-unknown-2"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			var trees []map[string][]byte
			for _, which := range []string{"A", "B", "C"} {
				tx, err := Begin(out, 2025, Options{Force: true, RunID: tc.runID})
				if err != nil {
					t.Fatal(err)
				}
				writeSettlement(t, tx.Dir(), which)
				if _, err := tx.Commit(t.Context()); err != nil {
					t.Fatal(err)
				}
				trees = append(trees, testkit.ReadTree(t, filepath.Join(out, "2025")))
			}
			testkit.CheckOnly(t, filepath.Join(out, historyDir), tc.want...)
			for i, name := range tc.want {
				testkit.CheckTree(t, filepath.Join(out, historyDir, name), trees[i], name)
			}
			if entries, _ := os.ReadDir(filepath.Join(out, historyDir)); len(entries) != len(tc.want) {
				t.Errorf("history holds %d settlements, want %d", len(entries), len(tc.want))
			}
		})
	}
}
