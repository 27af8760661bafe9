package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"settle/pipeline"
	"settle/pipeline/policy"
	"settle/readers"
	"settle/writers"
)

// passwordEnv names the environment variable holding the password of
// password-protected input workbooks.
const passwordEnv = "SETTLE_XLSX_PASSWORD"

// yearFlags are the flags shared by run and check.
type yearFlags struct {
	year   int
	in     string
	policy string
}

func (yf *yearFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&yf.year, "year", 0, "settlement year Y (the year the expenses were made)")
	fs.StringVar(&yf.in, "in", "", "input folder holding the year's workbooks")
	fs.StringVar(&yf.policy, "policy", "", "policy file replacing the embedded one (see 'settle policy')")
}

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("run", "run --year Y --in DIR --out DIR [--policy FILE] [--force]", stderr)
	var yf yearFlags
	yf.register(fs)
	out := fs.String("out", "", "output folder; the settlement goes to OUT/Y/")
	force := fs.Bool("force", false, "replace an existing OUT/Y/ once the new settlement is complete")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out is required")
	}
	res, err := settleYear(ctx, yf)
	if err != nil {
		return err
	}
	dir, _, err := writers.Publish(ctx, *out, res, writers.PublishOptions{Force: *force, ToolVersion: toolVersion})
	if err != nil {
		return err
	}
	printSummary(stdout, res)
	fmt.Fprintf(stdout, "\nwritten to %s (run %s)\n", dir, res.RunID[:16])
	return nil
}

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", "check --year Y --in DIR [--policy FILE]", stderr)
	var yf yearFlags
	yf.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	res, err := settleYear(ctx, yf)
	if err != nil {
		return err
	}
	printSummary(stdout, res)
	printReasons(stdout, res)
	fmt.Fprintln(stdout, "\ncheck: nothing written")
	return nil
}

// settleYear validates the flags, loads the policy, reads the inputs and
// settles them.
func settleYear(ctx context.Context, yf yearFlags) (*pipeline.Result, error) {
	if yf.year < 1900 || yf.year > 9999 {
		return nil, usagef("--year must be a year such as 2025")
	}
	if yf.in == "" {
		return nil, usagef("--in is required")
	}
	if st, err := os.Stat(yf.in); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("input folder %s: not found", yf.in)
	}
	pol, err := loadPolicy(yf.policy)
	if err != nil {
		return nil, err
	}
	in, err := readers.ReadYear(ctx, yf.in, readers.Options{Password: os.Getenv(passwordEnv)})
	if err != nil {
		return nil, err
	}
	return pipeline.Settle(yf.year, pol, in)
}

func loadPolicy(path string) (*pipeline.Policy, error) {
	if path == "" {
		return policy.Default()
	}
	return policy.Load(path)
}
