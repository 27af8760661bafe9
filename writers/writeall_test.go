package writers

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/shopspring/decimal"

	"settle/internal/testkit"
	"settle/pipeline"
	"settle/publish"
)

// publishResult publishes r into out as settle run does (Begin, WriteAll,
// Commit), the tool version marking which settlement it is, and returns
// the published folder.
func publishResult(ctx context.Context, out string, r *pipeline.Result, version string, force bool, fsys publish.FS) (string, error) {
	tx, err := publish.Begin(out, r.Year, publish.Options{Force: force, RunID: StoredRunID})
	if err != nil {
		return "", err
	}
	defer tx.Abort()
	if _, err := WriteAll(ctx, tx.Dir(), r, Options{ToolVersion: version, FS: fsys}); err != nil {
		return "", err
	}
	return tx.Commit(ctx)
}

// mustPublish is publishResult of testResult, failing the test on an
// error.
func mustPublish(tb testing.TB, out, version string, force bool) string {
	tb.Helper()
	dir, err := publishResult(context.Background(), out, testResult(tb), version, force, nil)
	if err != nil {
		tb.Fatalf("publishing %s: %v", version, err)
	}
	return dir
}

// A full disk or an I/O error at any output, early or late in it, fails
// the run with an error naming that output; the settlement in place and
// the history stay as they were, and nothing temporary is left.
func TestWriteErrors(t *testing.T) {
	out := t.TempDir()
	mustPublish(t, out, "A", false)
	mustPublish(t, out, "B", true) // A goes to history
	pristine := testkit.ReadTree(t, out)
	targets := []string{
		"settlement-2025-jxj.xlsx",
		"settlement-2025-fgj.xlsx",
		"disbursement-2025.xlsx",
		"publicity-2025.xlsx",
		"payments-2025-kjj.csv",
		"parquet/lines/year=2025/voucher=compute/part-00000.parquet",
		"parquet/lines/year=2025/voucher=model/part-00000.parquet",
		"parquet/awards/year=2025/part-00000.parquet",
		"funded-invoices-2025.xlsx",
		"manifest.json",
	}
	for _, target := range targets {
		for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EIO} {
			for _, after := range []int64{0, 100} {
				t.Run(target+"/"+errno.Error(), func(t *testing.T) {
					r := testResult(t)
					r.Stage = pipeline.Final
					fsys := &testkit.FailingFS{Target: target, After: after, Err: errno}
					_, err := publishResult(context.Background(), out, r, "C", true, fsys)
					if !fsys.Hit() {
						t.Fatalf("%s was never created", target)
					}
					if !errors.Is(err, errno) || !strings.Contains(err.Error(), target) {
						t.Fatalf("error %v, want %v naming %s", err, errno, target)
					}
					if diff := testkit.TreeDiff(testkit.ReadTree(t, out), pristine); diff != "" {
						t.Fatalf("the output folder changed: %s", diff)
					}
					testkit.CheckOnly(t, out, "2025", "history")
				})
			}
		}
	}
}

// A run that fails while writing (an award that cannot be written, a
// cancelled run) leaves the previous settlement as it was, even with
// Force, and nothing else.
func TestWriteFailureKeepsThePrevious(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	cases := []struct {
		name    string
		ctx     context.Context
		tamper  func(r *pipeline.Result)
		wantErr error
		want    string
	}{
		{"an award beyond DECIMAL(20,6)", context.Background(), func(r *pipeline.Result) {
			r.Awards[0].Entitlement = decimal.RequireFromString("123456789012345")
		}, nil, "awards/year=2025/part-00000.parquet"},
		{"a cancelled run", cancelled, func(*pipeline.Result) {}, context.Canceled, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			mustPublish(t, out, "A", false)
			before := testkit.ReadTree(t, out)
			r := testResult(t)
			tc.tamper(r)
			_, err := publishResult(tc.ctx, out, r, "B", true, nil)
			if err == nil || (tc.wantErr != nil && !errors.Is(err, tc.wantErr)) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %v naming %q", err, tc.wantErr, tc.want)
			}
			if diff := testkit.TreeDiff(testkit.ReadTree(t, out), before); diff != "" {
				t.Fatalf("the output folder changed: %s", diff)
			}
			testkit.CheckOnly(t, out, "2025")
		})
	}
}

// Results whose control totals do not add up are refused before anything
// is written.
func TestWriteAllRefusesUnreconciledTotals(t *testing.T) {
	cases := []struct {
		name   string
		tamper func(r *pipeline.Result)
	}{
		{"lines", func(r *pipeline.Result) { r.Files[0].Eligible++ }},
		{"amounts", func(r *pipeline.Result) { r.Files[1].RejectedAmount++ }},
		{"a line not counted", func(r *pipeline.Result) {
			r.SetLines(pipeline.Model, r.Lines(pipeline.Model).Slice()[1:]...)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := testResult(t)
			tc.tamper(r)
			if err := CheckTotals(r); err == nil || !strings.Contains(err.Error(), "未写入任何结果") {
				t.Fatalf("CheckTotals: %v, want a refusal", err)
			}
			dir := t.TempDir()
			_, err := WriteAll(context.Background(), dir, r, Options{})
			if err == nil || !strings.Contains(err.Error(), "未写入任何结果") {
				t.Fatalf("WriteAll: %v, want a refusal", err)
			}
			testkit.CheckOnly(t, dir)
		})
	}
	if err := CheckTotals(testResult(t)); err != nil {
		t.Fatalf("a settled result: %v", err)
	}
}

// StoredRunID reads the run id that names a replaced settlement in
// history; a folder without a readable manifest has none.
func TestStoredRunID(t *testing.T) {
	out := t.TempDir()
	dir := mustPublish(t, out, "A", false)
	if got, want := StoredRunID(dir), testResult(t).RunID; got != want || want == "" {
		t.Errorf("StoredRunID = %q, want %q", got, want)
	}
	mustPublish(t, out, "B", true)
	if _, err := os.Stat(filepath.Join(out, "history", "2025-"+testResult(t).RunID, "manifest.json")); err != nil {
		t.Errorf("the replaced settlement is not in history under its run id: %v", err)
	}
	for name, content := range map[string]string{"no manifest": "", "not JSON": "PK", "no run id": `{"year": 2025}`} {
		d := t.TempDir()
		if content != "" {
			if err := os.WriteFile(filepath.Join(d, "manifest.json"), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got := StoredRunID(d); got != "" {
			t.Errorf("%s: StoredRunID = %q, want none", name, got)
		}
	}
}
