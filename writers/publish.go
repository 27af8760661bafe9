package writers

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"golang.org/x/sync/errgroup"

	"settle/internal/checksum"
	"settle/pipeline"
)

// ErrExists is returned when the year's output folder exists and Force is
// not set.
var ErrExists = errors.New("a settlement for this year already exists (use --force to replace it)")

// ErrLocked is returned when another run is writing the same year.
var ErrLocked = errors.New("another settle run is writing this year's outputs")

// PublishOptions control Publish. The zero value refuses to replace an
// existing settlement.
type PublishOptions struct {
	Force       bool   // replace an existing <out>/<Y>/ once the new one is complete
	ToolVersion string // recorded in the manifest
}

// Publish writes every output of a settled year (SPEC §6) into a temporary
// folder beside <out>/<Y>/ and renames it into place only when all of them
// are complete and flushed to disk: a failed or interrupted run leaves no
// <out>/<Y>/, and a run replacing one (Force) leaves either the old or the
// new settlement there, whole. The workbooks and Parquet tables are written
// concurrently; the manifest, which lists their checksums, last. A result
// whose control totals do not reconcile is refused. It returns the final
// folder and the outputs written.
func Publish(ctx context.Context, out string, r *pipeline.Result, opt PublishOptions) (string, []OutputFile, error) {
	if err := checkReconciles(r); err != nil {
		return "", nil, err
	}
	year := strconv.Itoa(r.Year)
	final := filepath.Join(out, year)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", nil, fmt.Errorf("output folder %s: %w", out, err)
	}
	unlock, err := lock(out, year)
	if err != nil {
		return "", nil, err
	}
	defer unlock()
	if err := restoreAside(out, year, final); err != nil {
		return "", nil, err
	}
	if err := removeStale(out, year); err != nil {
		return "", nil, err
	}
	if _, err := os.Lstat(final); err == nil && !opt.Force {
		return "", nil, fmt.Errorf("%s: %w", final, ErrExists)
	}
	tmp, err := mkdirTemp(out, leftoverPrefix(year, kindTmp))
	if err != nil {
		return "", nil, fmt.Errorf("output folder: %w", err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	outputs, err := writeAll(ctx, tmp, r, opt)
	if err := ctx.Err(); err != nil {
		return "", nil, fmt.Errorf("interrupted, nothing written (%w)", err)
	}
	if err != nil {
		return "", nil, err
	}
	if err := syncTree(tmp); err != nil {
		return "", nil, fmt.Errorf("flushing the outputs to disk: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return "", nil, fmt.Errorf("interrupted, nothing written (%w)", err)
	}
	if err := swap(tmp, final, out, year); err != nil {
		return "", nil, err
	}
	done = true
	return final, outputs, nil
}

// checkReconciles refuses a result whose control totals do not add up
// (SPEC §6), or whose totals do not count the lines that would be written:
// pipeline.Settle never returns one, but nothing half-right is published
// whoever built it.
func checkReconciles(r *pipeline.Result) error {
	for _, f := range r.Files {
		if !f.Reconciles() {
			return fmt.Errorf("%s: control totals do not reconcile: %d lines = %d eligible + %d rejected, %s = %s + %s; nothing written",
				f.Name, f.Lines, f.Eligible, f.Rejected, f.Amount, f.EligibleAmount, f.RejectedAmount)
		}
		if n := r.Inputs.Lines[f.Voucher].Len(); n != f.Lines {
			return fmt.Errorf("%s: control totals count %d lines but %d lines would be written; nothing written", f.Name, f.Lines, n)
		}
	}
	return nil
}

// writeAll writes every output into dir and the manifest last.
func writeAll(ctx context.Context, dir string, r *pipeline.Result, opt PublishOptions) ([]OutputFile, error) {
	var names []string
	add := func(rel ...string) { names = append(names, rel...) }
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(2)
	for _, b := range bureausOf(r.Policy) {
		name := fmt.Sprintf("settlement-%d-%s.xlsx", r.Year, b)
		add(name)
		g.Go(func() error { return guard(ctx, func() error { return WriteBureau(filepath.Join(dir, name), r, b) }) })
	}
	disb := fmt.Sprintf("disbursement-%d.xlsx", r.Year)
	add(disb)
	g.Go(func() error {
		return guard(ctx, func() error { return WriteDisbursement(filepath.Join(dir, disb), r) })
	})
	var lines []string
	var awards string
	g.Go(func() error {
		return guard(ctx, func() (err error) { lines, err = WriteLines(filepath.Join(dir, "parquet"), r); return err })
	})
	g.Go(func() error {
		return guard(ctx, func() (err error) { awards, err = WriteAwards(filepath.Join(dir, "parquet"), r); return err })
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for _, rel := range append(lines, awards) {
		add(filepath.ToSlash(filepath.Join("parquet", filepath.FromSlash(rel))))
	}
	outputs := make([]OutputFile, 0, len(names))
	for _, name := range names {
		sum, size, err := checksum.File(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return nil, err
		}
		outputs = append(outputs, OutputFile{Name: name, SHA256: sum, Size: size})
	}
	if err := WriteManifest(filepath.Join(dir, "manifest.json"), r, opt.ToolVersion, outputs); err != nil {
		return nil, err
	}
	return outputs, nil
}

// guard runs a writer unless the run was already cancelled.
func guard(ctx context.Context, write func() error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return write()
}

// bureausOf lists, sorted, the bureaus that own at least one voucher.
func bureausOf(p *pipeline.Policy) []string {
	var bs []string
	for _, v := range pipeline.Vouchers {
		if b := p.Vouchers[v].Bureau; !slices.Contains(bs, b) {
			bs = append(bs, b)
		}
	}
	slices.Sort(bs)
	return bs
}
