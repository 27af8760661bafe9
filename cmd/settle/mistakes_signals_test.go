package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalWhileReading: Ctrl-C (SIGINT) or SIGTERM while the inputs of
// a larger year are still being read (TestKilledRun sends them once the
// run writes). The run stops within a second, exits 128 + the signal's
// number, says so, and leaves nothing in OUT: no OUT/2025, no temporary
// folder, no lock.
func TestSignalWhileReading(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the settle binary")
	}
	bin := buildSettle(t)
	in, _ := generateYear(t, 5, 120000)
	for _, sig := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGTERM, 143}, {syscall.SIGINT, 130}} {
		t.Run(sig.sig.String(), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			st, stderr, writing, took := signalSettleTimed(t, bin, afterDelay(150*time.Millisecond), sig.sig, out,
				"run", "--year", "2025", "--in", in, "--out", out)
			if writing {
				t.Skipf("the run was writing already when %v was sent", sig.sig)
			}
			t.Logf("stopped %v after %v: exit %d: %s", took, sig.sig, st.ExitCode(), stderr)
			// One line, in Chinese: no "context canceled" before it.
			if st.ExitCode() != sig.code || !strings.Contains(stderr, "收到") || !strings.Contains(stderr, "未写入任何结果") ||
				!strings.Contains(stderr, map[int]string{143: "SIGTERM", 130: "SIGINT"}[sig.code]) || strings.Contains(stderr, "canceled") {
				t.Errorf("exit %d, want %d: %s", st.ExitCode(), sig.code, stderr)
			}
			if took > time.Second {
				t.Errorf("the run took %v to stop after %v, want at most a second", took, sig.sig)
			}
			if _, err := os.Stat(out); err == nil {
				checkEmpty(t, out)
			}
		})
	}
}
