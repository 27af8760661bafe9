package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"settle/internal/testkit"
	"settle/pipeline/policy"
)

const samples = "../../samples/2025"

// run calls the command as main does and returns exit code and output.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestUsageExitCodes(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"no command", nil, exitUsage},
		{"unknown command", []string{"settel"}, exitUsage},
		{"unknown flag", []string{"run", "--yaer", "2025"}, exitUsage},
		{"run without out", []string{"run", "--year", "2025", "--in", samples}, exitUsage},
		{"run without year", []string{"run", "--in", samples, "--out", "x"}, exitUsage},
		{"check without in", []string{"check", "--year", "2025"}, exitUsage},
		{"stray argument", []string{"policy", "extra"}, exitUsage},
		{"help", []string{"run", "--help"}, exitOK},
		{"version", []string{"version"}, exitOK},
		{"missing input folder", []string{"check", "--year", "2025", "--in", "/nonexistent"}, exitInputs},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if code, _, stderr := run(t, tc.args...); code != tc.want {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.want, stderr)
			}
		})
	}
}

func TestPolicyPrintsTheEmbeddedFile(t *testing.T) {
	code, out, _ := run(t, "policy")
	if code != 0 || out != string(policy.Embedded()) {
		t.Fatalf("exit %d, printed %d bytes", code, len(out))
	}
	if _, err := policy.Parse([]byte(out)); err != nil {
		t.Fatal(err)
	}
}

// TestRunPublishesOnceAndRefusesToOverwrite settles the sample year, checks
// that every output of SPEC §6 is there, that a second run without --force
// is refused and one with --force replaces the folder.
func TestRunPublishesOnceAndRefusesToOverwrite(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := run(t, "run", "--year", "2025", "--in", samples, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, v := range []string{"compute", "算力券", "corpus", "语料券", "model", "模型券", "innovation", "创新券", "兑付金额", "草稿"} {
		if !strings.Contains(stdout, v) {
			t.Errorf("summary lacks %q:\n%s", v, stdout)
		}
	}
	for _, name := range []string{
		"manifest.json", "settlement-2025-jxj.xlsx", "settlement-2025-fgj.xlsx", "settlement-2025-kjj.xlsx",
		"disbursement-2025.xlsx", "parquet/awards/year=2025/part-00000.parquet",
		"parquet/lines/year=2025/voucher=compute/part-00000.parquet",
		"parquet/lines/year=2025/voucher=innovation/part-00000.parquet",
	} {
		if _, err := os.Stat(filepath.Join(out, "2025", name)); err != nil {
			t.Errorf("missing output: %v", err)
		}
	}
	if code, _, stderr := run(t, "run", "--year", "2025", "--in", samples, "--out", out); code != exitInputs || !strings.Contains(stderr, "--force") {
		t.Fatalf("second run: exit %d, stderr %q", code, stderr)
	}
	// The refusal comes before the inputs are read: with an input folder
	// holding no workbook at all, the existing settlement is what is
	// reported (with --force, the inputs are).
	empty := t.TempDir()
	if code, _, stderr := run(t, "run", "--year", "2025", "--in", empty, "--out", out); code != exitInputs ||
		!strings.Contains(stderr, "已有结算结果") || strings.Contains(stderr, "compute_billing.xlsx") {
		t.Fatalf("run over a settlement with unreadable inputs: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := run(t, "run", "--year", "2025", "--in", empty, "--out", out, "--force"); code != exitInputs ||
		!strings.Contains(stderr, "compute_billing.xlsx") {
		t.Fatalf("forced run with unreadable inputs: exit %d, stderr %q", code, stderr)
	}
	runID := testkit.ReadManifest(t, filepath.Join(out, "2025")).RunID
	if code, _, stderr := run(t, "run", "--year", "2025", "--in", samples, "--out", out, "--force"); code != 0 {
		t.Fatalf("forced run: exit %d: %s", code, stderr)
	}
	// The settlement replaced is kept whole, named by its run id.
	if got := testkit.ReadManifest(t, filepath.Join(out, "history", "2025-"+runID)).RunID; got != runID {
		t.Fatalf("history/2025-%s holds run %s", runID, got)
	}
	testkit.CheckOnly(t, filepath.Join(out, "history"), "2025-"+runID)
	leftovers, _ := filepath.Glob(filepath.Join(out, ".settle-2025-*"))
	if len(leftovers) != 0 {
		t.Fatalf("temporary folders left behind: %v", leftovers)
	}
}

func TestCheckWritesNothing(t *testing.T) {
	in, err := filepath.Abs(samples)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	code, stdout, stderr := run(t, "check", "--year", "2025", "--in", in)
	if code != 0 || !strings.Contains(stdout, "剔除行按原因") {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("check wrote %v", entries)
	}
}
