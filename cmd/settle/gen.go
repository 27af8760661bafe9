package main

import (
	"fmt"
	"io"
	"maps"
	"slices"

	"settle/gen"
)

func cmdGen(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("gen", "gen --year Y --out DIR [--seed N] [--scale LINES]", stderr)
	year := fs.Int("year", 0, "settlement year of the synthetic inputs")
	out := fs.String("out", "", "folder to write the input workbooks into")
	seed := fs.Int64("seed", 1, "random seed: the same seed gives the same files")
	scale := fs.Int("scale", 0, "approximate number of voucher lines (0: the bundled sample's size)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *year < 1900 || *year > 9999 || *out == "" || *scale < 0 {
		return usagef("--year and --out are required; --scale must not be negative")
	}
	sum, err := gen.Generate(gen.Options{Year: *year, Out: *out, Seed: *seed, Lines: *scale})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "generated %d enterprises into %s:\n", sum.Enterprises, *out)
	for _, name := range slices.Sorted(maps.Keys(sum.Lines)) {
		fmt.Fprintf(stdout, "  %-28s %d lines\n", name, sum.Lines[name])
	}
	return nil
}
