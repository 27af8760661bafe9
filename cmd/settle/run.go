package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"settle/pipeline"
	"settle/pipeline/policy"
	"settle/readers"
	"settle/writers"
)

// passwordEnv names the environment variable holding the password of
// password-protected input workbooks.
const passwordEnv = "SETTLE_XLSX_PASSWORD"

// maxPartEnv names the environment variable that caps, in MiB, the
// inflated size of any one part of an input workbook (the zip-bomb guard;
// unset: xlsx.DefaultMaxPartSize, 1 GiB).
const maxPartEnv = "SETTLE_MAX_PART_MB"

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

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	fs := newFlags("run", "run --year Y --in DIR --out DIR [--policy FILE] [--force]", stderr)
	var yf yearFlags
	yf.register(fs)
	var pf profileFlags
	pf.register(fs)
	out := fs.String("out", "", "output folder; the settlement goes to OUT/Y/")
	force := fs.Bool("force", false, "replace an existing OUT/Y/ once the new settlement is complete")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out is required")
	}
	// A settlement that is there already, or a run writing one, is
	// refused now, not after minutes of reading.
	if err := yf.validate(); err != nil {
		return err
	}
	if err := writers.Precheck(*out, yf.year, *force); err != nil {
		return err
	}
	stopProfiles, err := pf.start()
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, stopProfiles()) }()
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
	if err := yf.validate(); err != nil {
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

// validate checks the year and the input folder.
func (yf *yearFlags) validate() error {
	if yf.year < 1900 || yf.year > 9999 {
		return usagef("--year must be a year such as 2025")
	}
	if yf.in == "" {
		return usagef("--in is required")
	}
	if st, err := os.Stat(yf.in); err != nil || !st.IsDir() {
		return fmt.Errorf("input folder %s: not found", yf.in)
	}
	return nil
}

// settleYear loads the policy, reads the inputs and settles them (the
// flags validated).
func settleYear(ctx context.Context, yf yearFlags) (*pipeline.Result, error) {
	pol, err := loadPolicy(yf.policy)
	if err != nil {
		return nil, err
	}
	opt, err := readOptions()
	if err != nil {
		return nil, err
	}
	in, err := readers.ReadYear(ctx, yf.in, opt)
	if err != nil {
		return nil, explainRead(err, opt)
	}
	return pipeline.Settle(ctx, pipeline.Run{Year: yf.year}, pol, in)
}

func loadPolicy(path string) (*pipeline.Policy, error) {
	if path == "" {
		return policy.Default()
	}
	return policy.Load(path)
}

// readOptions takes the password and the part-size limit from the
// environment.
func readOptions() (readers.Options, error) {
	opt := readers.Options{Password: os.Getenv(passwordEnv)}
	if s := os.Getenv(maxPartEnv); s != "" {
		mb, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || mb < 1 || mb > 1<<20 {
			return opt, usagef("%s=%q: want a whole number of MiB from 1 to 1048576", maxPartEnv, s)
		}
		opt.MaxPartSize = mb << 20
	}
	return opt, nil
}

// explainRead says which environment variable to set when a workbook is
// password-protected or larger than the limit.
func explainRead(err error, opt readers.Options) error {
	switch {
	case errors.Is(err, readers.ErrEncrypted) && opt.Password == "":
		return fmt.Errorf("%w (set %s to its password)", err, passwordEnv)
	case errors.Is(err, readers.ErrEncrypted):
		return fmt.Errorf("%w (the password in %s does not open it)", err, passwordEnv)
	case errors.Is(err, readers.ErrTooLarge):
		limit := opt.MaxPartSize
		if limit <= 0 {
			limit = readers.DefaultMaxPartSize
		}
		return fmt.Errorf("%w (if the workbook is genuine, raise %s, now %d)", err, maxPartEnv, limit>>20)
	}
	return err
}
