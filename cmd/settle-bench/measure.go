package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// sample is one child process run.
type sample struct {
	wall   time.Duration
	cpu    time.Duration // user + system
	maxRSS int64         // bytes
	stdout []byte
}

// measure runs a child process to completion and reads its wall time, CPU
// time and peak RSS (getrusage ru_maxrss of the child). Linux starts a
// child's ru_maxrss at the parent's own peak RSS (os/exec forks with
// CLONE_VM, and exec records the shared memory's high-water mark), so
// this process keeps its own peak small: it generates inputs in a child
// too.
func measure(ctx context.Context, name string, args ...string) (sample, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s %v: %w\n%s", name, args, err, errb.Bytes())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return sample{}, fmt.Errorf("%s: no rusage on this system", name)
	}
	return sample{
		wall:   wall,
		cpu:    cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(),
		maxRSS: ru.Maxrss * 1024, // kilobytes on Linux
		stdout: out.Bytes(),
	}, nil
}

// self is the path of this executable, for the baseline children.
func self() (string, error) {
	p, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("locating settle-bench: %w", err)
	}
	return p, nil
}
