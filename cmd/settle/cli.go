package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// Exit codes (SPEC §7).
const (
	exitOK       = 0
	exitInputs   = 1 // the inputs cannot be settled, or outputs cannot be written
	exitUsage    = 2
	toolVersion  = "settle 0.1.0"
	usageSummary = `settle settles the Binjiang AI vouchers (杭高新〔2025〕9号) for one year.

Usage:
  settle run     --year Y --in DIR --out DIR [--policy FILE] [--final] [--force] [--strict] [--date TEXT]
  settle check   --year Y --in DIR [--policy FILE]
  settle explain SETTLEMENT --uscc X [--voucher K] [--json]
  settle diff    OLD NEW [--xlsx FILE]
  settle policy
  settle gen     --year Y --out DIR [--seed N] [--scale LINES]
  settle version

run writes a draft (草稿) for review and the public notice; --final writes
the settlement that is paid, and the funded-invoice ledger, once no review
is pending. --force moves the settlement it replaces to OUT/history/.

Run 'settle COMMAND --help' for the flags of a command.
Exit codes: 0 done, 1 the inputs cannot be settled, 2 usage.
`
)

// errUsage marks a command line that cannot be understood.
var errUsage = errors.New("usage")

// Run is the whole command: it parses args, runs the subcommand and
// returns the exit code. main stays thin so that tests call Run.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageSummary)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "run":
		err = cmdRun(ctx, args[1:], stdout, stderr)
	case "check":
		err = cmdCheck(ctx, args[1:], stdout, stderr)
	case "explain":
		err = cmdExplain(ctx, args[1:], stdout, stderr)
	case "diff":
		err = cmdDiff(ctx, args[1:], stdout, stderr)
	case "policy":
		err = cmdPolicy(args[1:], stdout, stderr)
	case "gen":
		err = cmdGen(args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, toolVersion)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usageSummary)
	default:
		fmt.Fprintf(stderr, "settle: unknown command %q\n\n%s", args[0], usageSummary)
		return exitUsage
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "settle %s: %v\n", args[0], strings.TrimPrefix(err.Error(), "usage: "))
		return exitUsage
	default:
		fmt.Fprintf(stderr, "settle %s: %v\n", args[0], err)
		return exitInputs
	}
}

// newFlags makes a flag set that reports to stderr and never exits.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: settle %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags and checks that no positional arguments are left.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	return nil
}

func usagef(format string, a ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, a...))
}
