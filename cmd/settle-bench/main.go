// Command settle-bench measures `settle run` end to end against two
// baselines over the same input workbooks, at several scales (see the
// README's Performance section and `make bench`):
//
//   - the floor: inflating every worksheet (and shared-string table) of the
//     input workbooks to io.Discard with archive/zip, one after the
//     other, the least any reader of the inputs must do;
//   - the library: iterating every sheet of the six workbooks with
//     excelize's Rows() and Columns() with RawCellValue.
//
// Each measurement runs in a child process (settle itself, or this command
// in its floor or excelize mode), so that its peak RSS is the child's
// getrusage ru_maxrss. The input years are generated once with gen and
// cached under -dir, keyed by scale, seed and a hash of the generator's
// sources. The tool is kept out of the settle binary.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// config is what one bench run measures. The zero value is not usable:
// see parseFlags for the defaults.
type config struct {
	settle  string // the settle binary
	dir     string // cache and scratch folder
	src     string // module root, whose generator sources key the cache
	year    int
	seed    int64
	scales  []int
	runs    int // settle and floor runs per scale (the median is reported)
	noExcel bool
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case modeFloor, modeExcelize, modeGen:
			// A child: generate a year, or measure one baseline over the
			// files given.
			var err error
			if args[0] == modeGen {
				err = generate(args[1:])
			} else {
				err = runBaseline(args[0], args[1:], stdout)
			}
			if err != nil {
				fmt.Fprintf(stderr, "settle-bench %s: %v\n", args[0], err)
				return 1
			}
			return 0
		}
	}
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		fmt.Fprintf(stderr, "settle-bench: %v\n", err)
		return 2
	}
	if err := bench(ctx, cfg, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "settle-bench: %v\n", err)
		return 1
	}
	return 0
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("settle-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := config{}
	scales := fs.String("scales", "100000 500000 1400000", "voucher lines per generated year, separated by spaces or commas")
	fs.StringVar(&cfg.settle, "settle", "bin/settle", "the settle binary to measure")
	fs.StringVar(&cfg.dir, "dir", ".bench", "folder for the cached input years and scratch outputs")
	fs.StringVar(&cfg.src, "src", ".", "module root: the generator sources under it key the cache")
	fs.IntVar(&cfg.year, "year", 2025, "settlement year of the generated inputs")
	fs.Int64Var(&cfg.seed, "seed", 2025, "generator seed")
	fs.IntVar(&cfg.runs, "runs", 3, "settle and floor runs per scale; the median is reported")
	fs.BoolVar(&cfg.noExcel, "no-excelize", false, "skip the excelize baseline (about 40 s per pass at 1.4M lines)")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	for _, f := range strings.FieldsFunc(*scales, func(r rune) bool { return r == ',' || r == ' ' }) {
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return cfg, fmt.Errorf("-scales: %q is not a positive number of lines", f)
		}
		cfg.scales = append(cfg.scales, n)
	}
	if len(cfg.scales) == 0 {
		return cfg, fmt.Errorf("-scales: no scale given")
	}
	if cfg.runs < 1 {
		return cfg, fmt.Errorf("-runs must be at least 1")
	}
	return cfg, nil
}
