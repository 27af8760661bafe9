package writers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"

	"golang.org/x/sync/errgroup"

	"settle/internal/checksum"
	"settle/pipeline"
)

// ErrExists is returned when the year's output folder exists and Force is
// not set.
var ErrExists = errors.New("该年度已有结算结果，未覆盖（要替换它请加 --force，原结果会整体移入 history/）")

// ErrLocked is returned when another run is writing the same year.
var ErrLocked = errors.New("另一个 settle 正在写入该年度的结果，请等它结束")

// PublishOptions control Publish. The zero value refuses to replace an
// existing settlement.
type PublishOptions struct {
	// Force replaces an existing <out>/<Y>/ once the new one is complete,
	// after moving it whole to <out>/history/<Y>-<its run id>/.
	Force       bool
	ToolVersion string     // recorded in the manifest
	Doc         DocOptions // texts printed on the workbooks (制表日期)
	// FS creates every output file; nil is the operating system. Tests
	// make it fail (a full disk) to check that nothing half-written is
	// published.
	FS FS
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
	unlock, err := claim(out, year, opt.Force)
	if err != nil {
		return "", nil, err
	}
	defer unlock()
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
		return "", nil, fmt.Errorf("已中止，未写入任何结果（%w）", err)
	}
	if err != nil {
		return "", nil, err
	}
	if err := syncTree(tmp); err != nil {
		return "", nil, fmt.Errorf("flushing the outputs to disk: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return "", nil, fmt.Errorf("已中止，未写入任何结果（%w）", err)
	}
	if err := swap(tmp, final, out, year); err != nil {
		return "", nil, err
	}
	done = true
	return final, outputs, nil
}

// Precheck says, before the inputs are read and settled, whether Publish
// would refuse to write year's settlement into out: one is there already
// and force is not set, or another run holds the lock. Like Publish, it
// first puts back a settlement that a crash left set aside and removes
// what crashed runs left, so that it answers as Publish will and a refused
// run leaves the folder clean. Publish checks again: a settlement may appear
// meanwhile.
func Precheck(out string, year int, force bool) error {
	if _, err := os.Stat(out); errors.Is(err, fs.ErrNotExist) {
		return nil // nothing written there yet; Publish creates it
	}
	unlock, err := claim(out, strconv.Itoa(year), force)
	if err != nil {
		return err
	}
	unlock()
	return nil
}

// claim takes the year's lock in out, puts back a settlement that a crash
// left set aside, removes what crashed runs left, and refuses an existing
// settlement unless force. The caller releases the lock with unlock.
func claim(out, year string, force bool) (unlock func(), err error) {
	if unlock, err = lock(out, year); err != nil {
		return nil, err
	}
	final := filepath.Join(out, year)
	err = restoreAside(out, year, final)
	if err == nil {
		err = removeStale(out, year)
	}
	if _, serr := os.Lstat(final); err == nil && serr == nil && !force {
		err = fmt.Errorf("%s: %w", final, ErrExists)
	}
	if err != nil {
		unlock()
		return nil, err
	}
	return unlock, nil
}

// checkReconciles refuses a result whose control totals do not add up
// (SPEC §6), or whose totals do not count the lines that would be written:
// pipeline.Settle never returns one, but nothing half-right is published
// whoever built it.
func checkReconciles(r *pipeline.Result) error {
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

// writeAll writes every output into dir and the manifest last. The
// outputs are written two at a time, the longest first (the lines tables,
// then the bureau workbooks by how many lines they list), and each is
// checksummed and flushed to disk by the goroutine that wrote it, while
// the others are still being written: flushing a large year's 200 MB at
// the end took a second of its own. The manifest lists the outputs in a
// fixed order, whatever order they were finished in.
func writeAll(ctx context.Context, dir string, r *pipeline.Result, opt PublishOptions) ([]OutputFile, error) {
	type task struct {
		weight int
		write  func() ([]string, error) // the outputs written, relative to dir, slash-separated
	}
	var tasks []task // in manifest order
	for _, b := range bureausOf(r.Policy) {
		name := fmt.Sprintf("settlement-%d-%s.xlsx", r.Year, b)
		tasks = append(tasks, task{bureauLines(r, b), func() ([]string, error) {
			return []string{name}, writeOutput(opt.FS, dir, name, func(w io.Writer) error {
				return WriteBureau(ctx, w, r, b, opt.Doc)
			})
		}})
	}
	disb := fmt.Sprintf("disbursement-%d.xlsx", r.Year)
	tasks = append(tasks, task{len(r.Awards), func() ([]string, error) {
		return []string{disb}, writeOutput(opt.FS, dir, disb, func(w io.Writer) error {
			return WriteDisbursement(ctx, w, r, opt.Doc)
		})
	}})
	notice := fmt.Sprintf("publicity-%d.xlsx", r.Year)
	tasks = append(tasks, task{len(r.Awards) / 2, func() ([]string, error) {
		return []string{notice}, writeOutput(opt.FS, dir, notice, func(w io.Writer) error {
			return WritePublicity(ctx, w, r, opt.Doc)
		})
	}})
	for _, b := range bureausOf(r.Policy) {
		name := fmt.Sprintf("payments-%d-%s.csv", r.Year, b)
		tasks = append(tasks, task{len(r.Awards) / 8, func() ([]string, error) {
			return []string{name}, writeOutput(opt.FS, dir, name, func(w io.Writer) error {
				return WritePayments(ctx, w, r, b)
			})
		}})
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
		ledger := ledgerName(r.Year)
		tasks = append(tasks, task{bureauLines(r, "") / 4, func() ([]string, error) {
			return []string{ledger}, writeOutput(opt.FS, dir, ledger, func(w io.Writer) error { return WriteLedger(w, r) })
		}})
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
		if err := syncPath(p); err != nil {
			return nil, fmt.Errorf("flushing %s to disk: %w", rel, err)
		}
		files = append(files, OutputFile{Name: rel, SHA256: sum, Size: size})
	}
	return files, nil
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
