// Command settle settles one year of the Binjiang AI vouchers
// (杭高新〔2025〕9号): it reads the year's workbooks, applies the policy's
// rules and writes the bureau and finance workbooks, Parquet tables and a
// manifest. See SPEC.md and README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
