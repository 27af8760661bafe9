// Command settle settles one year of the Binjiang AI vouchers
// (杭高新〔2025〕9号): it reads the year's workbooks, applies the policy's
// rules and writes the bureau and finance workbooks, Parquet tables and a
// manifest. See SPEC.md and README.md.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// memoryLimit is the soft limit on the memory of the Go runtime that
// settle keeps to unless GOMEMLIMIT sets another. A settlement holds every
// line until its outputs are written (about 130 bytes a line, see
// pipeline.Lines), and with the default pacing the heap grows to twice
// that before the collector runs. Under the limit it runs earlier, largely
// on the core left idle while the big voucher sheet is read: a 1.4M-line
// year peaks near 525 MB instead of 700 MB, for about 5% more time
// (README, Performance). A year whose lines alone outgrow the limit still
// runs, with the collector busier.
const memoryLimit = 512 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	got := make(chan os.Signal, 1)
	go func() {
		s := <-sigs
		got <- s
		cancel() // readers, rules and writers stop and remove what they wrote
	}()
	code := Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	signal.Stop(sigs)
	// A signal after the run finished changes nothing: what it wrote is
	// complete and the exit code says so.
	if code != exitOK {
		select {
		case s := <-got:
			code = signalExit(s)
			fmt.Fprintf(os.Stderr, "settle: 收到%s，已中止，未写入任何结果\n", signalName(s))
		default:
		}
	}
	cancel()
	os.Exit(code)
}

// signalExit is the shell's exit code for a run stopped by s: 128 + the
// signal number (130 for SIGINT, 143 for SIGTERM).
func signalExit(s os.Signal) int {
	if n, ok := s.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 130
}

// signalName says which signal stopped the run, in Chinese.
func signalName(s os.Signal) string {
	switch s {
	case os.Interrupt:
		return "中断信号（SIGINT，Ctrl-C）"
	case syscall.SIGTERM:
		return "终止信号（SIGTERM）"
	}
	return "信号 " + s.String()
}
