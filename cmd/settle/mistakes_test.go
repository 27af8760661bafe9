package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/xuri/excelize/v2"

	"settle/internal/testkit"
)

// Mistakes a user can make (issue 11), each through Run on a copy of the
// sample year: the exit code, the message and what was (not) written.
func TestMistakes(t *testing.T) {
	cases := []struct {
		name string
		// args builds the command line from the input and output folders.
		args    func(in, out string) []string
		code    int
		message []string // all in stderr
		// written: whether OUT/2025 exists afterwards.
		written bool
	}{
		{"run: a year outside the expense window", func(in, out string) []string {
			return []string{"run", "--year", "2024", "--in", in, "--out", out}
		}, exitUsage, []string{"2024", "2025-06-10", "2028-06-09", "OUT_OF_PERIOD"}, false},
		{"check: a year outside the expense window", func(in, out string) []string {
			return []string{"check", "--year", "2029", "--in", in}
		}, exitUsage, []string{"2029", "2025-06-10", "2028-06-09"}, false},
		{"--out is --in", func(in, out string) []string {
			return []string{"run", "--year", "2025", "--in", in, "--out", in}
		}, exitUsage, []string{"--out", "输入文件夹"}, false},
		{"--out inside --in", func(in, out string) []string {
			return []string{"run", "--year", "2025", "--in", in, "--out", filepath.Join(in, "out")}
		}, exitUsage, []string{filepath.Join("in", "out"), "输入文件夹"}, false},
		{"--out inside --in through a relative path", func(in, out string) []string {
			return []string{"run", "--year", "2025", "--in", in, "--out", filepath.Join(in, "..", "in", "x", "..", "results")}
		}, exitUsage, []string{"输入文件夹"}, false},
		{"--out beside --in", func(in, out string) []string {
			return []string{"run", "--year", "2025", "--in", in, "--out", out}
		}, exitOK, nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := copyInputs(t, samples)
			before := testkit.ReadTree(t, in)
			out := filepath.Join(filepath.Dir(in), "out")
			code, _, stderr := run(t, tc.args(in, out)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, stderr)
			}
			for _, m := range tc.message {
				if !strings.Contains(stderr, m) {
					t.Errorf("message %q lacks %q", stderr, m)
				}
			}
			if diff := testkit.TreeDiff(testkit.ReadTree(t, in), before); diff != "" {
				t.Errorf("the input folder changed: %s", diff)
			}
			if _, err := os.Stat(filepath.Join(out, "2025")); (err == nil) != tc.written {
				t.Errorf("OUT/2025 written: %v, want %v", err == nil, tc.written)
			}
			if tc.written {
				// The lock went with the run: the output folder holds
				// only the settlement.
				testkit.CheckOnly(t, out, "2025")
			}
		})
	}
}

// spoilReviews makes n review rows unreadable (an unknown 评审结论), each
// a warning naming its row.
func spoilReviews(tb testing.TB, in string, n int) {
	tb.Helper()
	path := filepath.Join(in, "enterprises.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	for r := 2; r < 2+n; r++ {
		if err := f.SetCellStr("评审结果", fmt.Sprintf("D%d", r), "也许"); err != nil {
			tb.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		tb.Fatal(err)
	}
}

// run prints how many warnings there are and the first ten, pointing to
// the manifest for the rest; check prints them all; --strict publishes
// nothing when there is one.
func TestWarnings(t *testing.T) {
	in := copyInputs(t, samples)
	spoilReviews(t, in, 12)
	// check lists every warning: the sample year's own and one per
	// spoiled review word.
	code, stdout, _ := run(t, "check", "--year", "2025", "--in", in)
	spoiled := strings.Count(stdout, "评审结论“也许”无法识别")
	all := strings.Count(stdout, "\n  ")
	if code != exitOK || spoiled != 12 || all < 22 {
		t.Fatalf("check: exit %d, %d spoiled review warnings (want 12), %d in all:\n%s", code, spoiled, all, stdout)
	}

	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := run(t, "run", "--year", "2025", "--in", in, "--out", out, "--strict")
	if code != exitInputs || !strings.Contains(stderr, "条警告") || !strings.Contains(stderr, "--strict") {
		t.Fatalf("--strict: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		testkit.CheckOnly(t, out)
	}
	code, stdout, stderr = run(t, "run", "--year", "2025", "--in", in, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	n := len(readStored(t, filepath.Join(out, "2025")).Manifest.Warnings)
	if n < 22 || !strings.Contains(stdout, fmt.Sprintf("警告 %d 条", n)) || !strings.Contains(stdout, fmt.Sprintf("其余 %d 条见 manifest.json", n-10)) {
		t.Errorf("manifest lists %d warnings; run output:\n%s", n, stdout)
	}
	if got := strings.Count(stdout, "评审结论“也许”无法识别"); got != 10 {
		t.Errorf("run printed %d of the spoiled review warnings first, want 10:\n%s", got, stdout)
	}
}

// A full disk while writing a --force run: exit 1 naming the output, the
// settlement in place and its history unchanged, nothing temporary left.
func TestDiskFull(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	args := []string{"run", "--year", "2025", "--in", samples, "--out", out, "--force"}
	for range 2 {
		if code, _, stderr := run(t, args...); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	before := testkit.ReadTree(t, out)
	outputFS = &testkit.FailingFS{Target: "parquet/awards/year=2025/part-00000.parquet", Err: syscall.ENOSPC}
	defer func() { outputFS = nil }()
	code, _, stderr := run(t, args...)
	if code != exitInputs || !strings.Contains(stderr, "awards/year=2025/part-00000.parquet") || !strings.Contains(stderr, "no space left") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if diff := testkit.TreeDiff(testkit.ReadTree(t, out), before); diff != "" {
		t.Errorf("the output folder changed: %s", diff)
	}
	testkit.CheckOnly(t, out, "2025", "history")
}
