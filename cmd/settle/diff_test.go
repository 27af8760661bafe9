package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// diff through the command line: a settlement against itself shows no
// change; a folder that is not a settlement, or a wrong number of
// folders, is refused.
func TestDiffCommand(t *testing.T) {
	dir := settleSample(t)
	code, stdout, stderr := run(t, "diff", dir, dir)
	if code != exitOK || !strings.Contains(stdout, "兑付变化的企业（0 项）") || !strings.Contains(stdout, "审核结果变化的申报行（0 行）") {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	if strings.Contains(stdout, "应追回") {
		t.Errorf("a draft compared shows recoveries:\n%s", stdout)
	}
	xlsx := filepath.Join(t.TempDir(), "d.xlsx")
	if code, _, stderr := run(t, "diff", "--xlsx", xlsx, dir, dir); code != exitOK {
		t.Fatalf("--xlsx first: exit %d: %s", code, stderr)
	}
	if st, err := os.Stat(xlsx); err != nil || st.Size() == 0 {
		t.Errorf("diff workbook: %v", err)
	}
	notSettlement := t.TempDir()
	if code, _, stderr := run(t, "diff", notSettlement, dir); code != exitInputs || !strings.Contains(stderr, "manifest.json") {
		t.Errorf("a folder without a settlement: exit %d: %s", code, stderr)
	}
	for _, args := range [][]string{{"diff"}, {"diff", dir}, {"diff", dir, dir, dir}, {"diff", dir, dir, "--bogus"}} {
		if code, _, stderr := run(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2: %s", args, code, stderr)
		}
	}
}
