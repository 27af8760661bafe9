package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"settle/internal/testkit"
)

// The settle binary as the durability tests run it: built once, started
// as a child process, killed or signalled at a chosen point.

// buildSettle builds the settle command into a temporary folder (without
// the race detector: the subprocesses run at full speed).
func buildSettle(tb testing.TB) string {
	tb.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		tb.Skip("no go command to build settle with")
	}
	bin := filepath.Join(tb.TempDir(), "settle")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runSettleCode runs the binary to completion, with env added to its
// environment.
func runSettleCode(tb testing.TB, bin string, env []string, args ...string) (int, string, string) {
	tb.Helper()
	cmd, stdout, stderr := settleCommand(bin, env, args)
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		tb.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()
}

// runSettle runs the binary and fails unless it succeeds.
func runSettle(tb testing.TB, bin string, env []string, args ...string) {
	tb.Helper()
	if code, _, stderr := runSettleCode(tb, bin, env, args...); code != exitOK {
		tb.Fatalf("settle %s: exit %d: %s", strings.Join(args, " "), code, stderr)
	}
}

func settleCommand(bin string, env, args []string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	return cmd, &stdout, &stderr
}

// killPoint is when to kill a run: after a delay, or as soon as a path
// matching pattern (relative to OUT, one glob per element) appears that
// was not there before the run started.
type killPoint struct {
	delay   time.Duration
	pattern []string
}

func afterDelay(d time.Duration) killPoint { return killPoint{delay: d} }

func whenExists(pattern ...string) killPoint { return killPoint{pattern: pattern} }

// tmpPattern matches the temporary folders of runs writing 2025.
const tmpPattern = ".settle-2025-tmp-*"

// matches lists the paths under out that match a pattern.
func matches(out string, pattern ...string) map[string]bool {
	m, _ := filepath.Glob(filepath.Join(append([]string{out}, pattern...)...))
	set := map[string]bool{}
	for _, p := range m {
		set[p] = true
	}
	return set
}

// appeared reports whether a path matches now that did not in before.
func appeared(before map[string]bool, out string, pattern ...string) bool {
	for p := range matches(out, pattern...) {
		if !before[p] {
			return true
		}
	}
	return false
}

// killSettle starts the binary, SIGKILLs it at the kill point, and
// reports whether the kill ended it (false: it had exited by itself) and
// whether the run's temporary folder existed then.
func killSettle(tb testing.TB, bin string, at killPoint, out string, args ...string) (killed, writing bool) {
	tb.Helper()
	st, stderr, writing := signalSettle(tb, bin, at, syscall.SIGKILL, out, args...)
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return true, writing
	}
	if !st.Success() {
		tb.Fatalf("settle %s: %v: %s", strings.Join(args, " "), st, stderr)
	}
	return false, false
}

// signalSettle starts the binary, sends it sig at the kill point (unless
// it has exited already) and waits for it to end. It returns how it ended,
// its stderr and whether its temporary folder existed when sig was sent.
func signalSettle(tb testing.TB, bin string, at killPoint, sig os.Signal, out string, args ...string) (*os.ProcessState, string, bool) {
	tb.Helper()
	st, stderr, writing, _ := signalSettleTimed(tb, bin, at, sig, out, args...)
	return st, stderr, writing
}

// signalSettleTimed is signalSettle, also returning how long the process
// took to end after sig.
func signalSettleTimed(tb testing.TB, bin string, at killPoint, sig os.Signal, out string, args ...string) (*os.ProcessState, string, bool, time.Duration) {
	tb.Helper()
	tmpBefore, before := matches(out, tmpPattern), matches(out, at.pattern...)
	cmd, _, stderr := settleCommand(bin, nil, args)
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	if at.pattern == nil {
		time.Sleep(at.delay)
	} else {
		tick := time.NewTicker(time.Millisecond)
	wait:
		for !appeared(before, out, at.pattern...) {
			select {
			case <-done:
				break wait
			case <-tick.C:
			}
		}
		tick.Stop()
	}
	writing := appeared(tmpBefore, out, tmpPattern)
	sent := time.Now()
	cmd.Process.Signal(sig)
	<-done
	return cmd.ProcessState, stderr.String(), writing, time.Since(sent)
}

// readTreeIfAny is testkit.ReadTree, or nil when dir does not exist.
func readTreeIfAny(tb testing.TB, dir string) map[string][]byte {
	tb.Helper()
	if _, err := os.Stat(dir); err != nil {
		return nil
	}
	return testkit.ReadTree(tb, dir)
}

// checkOnlySettlement fails if out holds anything but 2025/ and the
// history: the lock goes away with the run.
func checkOnlySettlement(tb testing.TB, out string) {
	tb.Helper()
	testkit.CheckOnly(tb, out, "2025", "history")
}

func removeAll(tb testing.TB, dir string) {
	tb.Helper()
	if err := os.RemoveAll(dir); err != nil {
		tb.Fatal(err)
	}
}
