// Command settle settles one year of the Binjiang AI vouchers
// (杭高新〔2025〕9号): it reads the year's workbooks, applies the policy's
// rules and writes the bureau and finance workbooks, Parquet tables and a
// manifest. See SPEC.md and README.md.
package main

import (
	"context"
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
