package writers

import (
	"context"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"slices"

	"golang.org/x/sync/errgroup"

	"settle/internal/checksum"
	"settle/pipeline"
	"settle/publish"
)

// Options control WriteAll.
type Options struct {
	ToolVersion string     // recorded in the manifest
	Doc         DocOptions // texts printed on the workbooks (制表日期)
	// FS creates every output file; nil is the operating system. Tests
	// make it fail (a full disk) to check that nothing half-written is
	// published.
	FS publish.FS
}

// CheckTotals refuses a result whose control totals do not add up
// (SPEC §6), or whose totals do not count the lines that would be written:
// pipeline.Settle never returns one, but nothing half-right is written
// whoever built it. WriteAll checks it first; settle run also checks it
// before it claims the output folder, so that a refused result creates
// nothing.
func CheckTotals(r *pipeline.Result) error {
	for _, f := range r.Files {
		if !f.Reconciles() {
			return fmt.Errorf("%s: 控制合计不平（%d 行 = %d 符合 + %d 剔除，%s = %s + %s），未写入任何结果",
				f.Name, f.Lines, f.Eligible, f.Rejected, f.Amount, f.EligibleAmount, f.RejectedAmount)
		}
		if n := r.Lines(f.Voucher).Len(); n != f.Lines {
			return fmt.Errorf("%s: 控制合计为 %d 行，而将写出 %d 行，未写入任何结果", f.Name, f.Lines, n)
		}
	}
	return nil
}

// WriteAll writes every output of a settled year (SPEC §6) into dir, an
// empty folder, and the manifest last, and returns the outputs as the
// manifest lists them. A result whose control totals do not reconcile is
// refused before anything is written. The outputs are written two at a
// time, the longest first (the lines tables,
// then the bureau workbooks by how many lines they list), and each is
// checksummed and flushed to disk by the goroutine that wrote it, while
// the others are still being written: flushing a large year's 200 MB at
// the end took a second of its own. The manifest lists the outputs in a
// fixed order, whatever order they were finished in.
func WriteAll(ctx context.Context, dir string, r *pipeline.Result, opt Options) ([]OutputFile, error) {
	if err := CheckTotals(r); err != nil {
		return nil, err
	}
	type task struct {
		weight int
		write  func() ([]string, error) // the outputs written, relative to dir, slash-separated
	}
	// file is the task writing the one output name with write. The
	// writers see the ctx of the errgroup below: the first failure stops
	// the others.
	file := func(weight int, name string, write func(w io.Writer) error) task {
		return task{weight, func() ([]string, error) { return []string{name}, writeOutput(opt.FS, dir, name, write) }}
	}
	var tasks []task // in manifest order
	for _, b := range bureausOf(r.Policy) {
		tasks = append(tasks, file(bureauLines(r, b), fmt.Sprintf("settlement-%d-%s.xlsx", r.Year, b), func(w io.Writer) error {
			return WriteBureau(ctx, w, r, b, opt.Doc)
		}))
	}
	tasks = append(tasks,
		file(len(r.Awards), fmt.Sprintf("disbursement-%d.xlsx", r.Year), func(w io.Writer) error {
			return WriteDisbursement(ctx, w, r, opt.Doc)
		}),
		file(len(r.Awards)/2, fmt.Sprintf("publicity-%d.xlsx", r.Year), func(w io.Writer) error {
			return WritePublicity(ctx, w, r, opt.Doc)
		}))
	for _, b := range bureausOf(r.Policy) {
		tasks = append(tasks, file(len(r.Awards)/8, fmt.Sprintf("payments-%d-%s.csv", r.Year, b), func(w io.Writer) error {
			return WritePayments(ctx, w, r, b)
		}))
	}
	parquetRel := func(rels ...string) []string {
		for i, rel := range rels {
			rels[i] = path.Join("parquet", rel)
		}
		return rels
	}
	tasks = append(tasks, task{2 * bureauLines(r, ""), func() ([]string, error) {
		rels, err := writeLines(ctx, opt.FS, filepath.Join(dir, "parquet"), r)
		return parquetRel(rels...), err
	}}, task{len(r.Awards), func() ([]string, error) {
		rel, err := writeAwards(ctx, opt.FS, filepath.Join(dir, "parquet"), r)
		return parquetRel(rel), err
	}})
	if r.Stage == pipeline.Final {
		tasks = append(tasks, file(bureauLines(r, "")/4, ledgerName(r.Year), func(w io.Writer) error { return WriteLedger(w, r) }))
	}

	start := make([]int, len(tasks))
	for i := range start {
		start[i] = i
	}
	slices.SortStableFunc(start, func(a, b int) int { return tasks[b].weight - tasks[a].weight })
	done := make([][]OutputFile, len(tasks))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(2)
	for _, i := range start {
		g.Go(func() error {
			return guard(ctx, func() error {
				rels, err := tasks[i].write()
				if err != nil {
					return err
				}
				done[i], err = finishOutputs(dir, rels)
				return err
			})
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	var outputs []OutputFile
	for _, files := range done {
		outputs = append(outputs, files...)
	}
	if err := writeManifest(opt.FS, filepath.Join(dir, "manifest.json"), r, opt.ToolVersion, outputs); err != nil {
		return nil, err
	}
	return outputs, nil
}

// bureauLines counts the lines of the vouchers a bureau owns (every
// voucher's for bureau ""): how long its outputs take to write.
func bureauLines(r *pipeline.Result, bureau string) int {
	n := 0
	for _, v := range pipeline.Vouchers {
		if vp := r.Policy.Vouchers[v]; vp != nil && (bureau == "" || vp.Bureau == bureau) {
			n += r.Lines(v).Len()
		}
	}
	return n
}

// finishOutputs checksums the written outputs and flushes them to disk.
func finishOutputs(dir string, rels []string) ([]OutputFile, error) {
	files := make([]OutputFile, 0, len(rels))
	for _, rel := range rels {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		sum, size, err := checksum.File(p)
		if err != nil {
			return nil, err
		}
		if err := publish.Sync(p); err != nil {
			return nil, fmt.Errorf("%s 写入磁盘（fsync）失败：%w", rel, err)
		}
		files = append(files, OutputFile{Name: rel, SHA256: sum, Size: size})
	}
	return files, nil
}

// writeOutput writes the output named name (relative to dir) through the
// file system, naming it in any error.
func writeOutput(fsys publish.FS, dir, name string, write func(w io.Writer) error) error {
	if err := publish.WriteFile(fsys, filepath.Join(dir, filepath.FromSlash(name)), write); err != nil {
		return fmt.Errorf("写入 %s 失败：%w", name, err)
	}
	return nil
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
