// Package readers turns one year's input folder of workbooks into
// pipeline.Inputs (SPEC §2, §3).
package readers

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sync/errgroup"

	"settle/internal/checksum"
	"settle/pipeline"
	"settle/readers/xlsx"
)

// Options tune how workbooks are opened. The zero value reads unencrypted
// workbooks with the default size guard.
type Options struct {
	// Password opens password-protected workbooks.
	Password string
	// MaxPartSize caps the inflated size of any one part of a workbook
	// (zero: xlsx.DefaultMaxPartSize); it guards against zip bombs.
	MaxPartSize int64
}

// ReadYear reads the input folder of one year. The workbooks are read
// concurrently; the first structural error (missing file, sheet or column,
// unreadable workbook) cancels the others and is returned.
func ReadYear(ctx context.Context, dir string, opt Options) (*pipeline.Inputs, error) {
	in := &pipeline.Inputs{Lines: map[pipeline.Voucher]*pipeline.Lines{}}
	present := []pipeline.Voucher{}
	for _, v := range pipeline.Vouchers {
		if exists(filepath.Join(dir, VoucherFile(v))) {
			present = append(present, v)
		}
	}
	if len(present) == 0 {
		return nil, &Error{File: dir, Err: fmt.Errorf("%w：应至少有 compute_billing.xlsx、corpus_contracts.xlsx、model_transactions.xlsx、innovation_contracts.xlsx 之一", ErrNoVoucherFile)}
	}
	// Files in SPEC §2 order: enterprises, reference, prior funding
	// (when present), then the vouchers.
	names := []string{EnterprisesFile, ReferenceFile}
	if exists(filepath.Join(dir, PriorFundingFile)) {
		names = append(names, PriorFundingFile)
	}
	first := len(names)
	for _, v := range present {
		names = append(names, VoucherFile(v))
	}
	files := make([]pipeline.InputFile, len(names))
	warnings := make([][]pipeline.Warning, len(names)) // by file, each written by one goroutine
	g, ctx := errgroup.WithContext(ctx)
	read := func(k int, fn func(*book) error) {
		g.Go(func() error {
			return withWorkbook(dir, names[k], opt, &files[k], func(w pipeline.Warning) { warnings[k] = append(warnings[k], w) }, fn)
		})
	}
	read(0, func(b *book) (err error) {
		in.Registry, in.Exclusions, err = readRegistry(ctx, b)
		return err
	})
	read(1, func(b *book) (err error) {
		in.Reference, err = readReference(ctx, b)
		return err
	})
	if first == 3 {
		read(2, func(b *book) (err error) {
			in.Funded, err = readFunded(ctx, b)
			return err
		})
	}
	lines := make([]*pipeline.Lines, len(present))
	for i, v := range present {
		k := first + i
		files[k].Voucher = v
		read(k, func(b *book) error {
			ls, t, err := readVoucher(ctx, b, v)
			if err != nil {
				return err
			}
			// A sheet without data rows is warned of by the settlement
			// (pipeline), once.
			lines[i], files[k].Sheet, files[k].SummaryRows = ls, t.sheet, t.summaryRows
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for i, v := range present {
		in.Lines[v] = lines[i]
	}
	in.Files = files
	for _, ws := range warnings {
		in.Warnings = append(in.Warnings, ws...)
	}
	return in, nil
}

// exists reports whether something is at path (a file, or a folder or
// pipe that withWorkbook then refuses by name).
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// withWorkbook opens dir/name, records its checksum and size in f, and
// calls read with it; warnings about it go to warn.
func withWorkbook(dir, name string, opt Options, f *pipeline.InputFile, warn func(pipeline.Warning), read func(*book) error) error {
	path := filepath.Join(dir, name)
	f.Name = name
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return &Error{File: name, Err: fmt.Errorf("%w（在 %s 中未找到）", ErrMissingFile, dir)}
	}
	if err == nil && !st.Mode().IsRegular() {
		// A directory, or a device or named pipe that reading would
		// never finish.
		return &Error{File: name, Err: fmt.Errorf("%w：%s 不是普通文件（是%s）", ErrUnreadable, path, fileKind(st.Mode()))}
	}
	sum, size, err := checksum.File(path)
	if err != nil {
		return &Error{File: name, Err: fmt.Errorf("%w: %v", ErrUnreadable, err)}
	}
	f.SHA256, f.Size = sum, size
	wb, err := xlsx.Open(path, xlsx.Options{Password: opt.Password, MaxPartSize: opt.MaxPartSize})
	if err != nil {
		return &Error{File: name, Err: fmt.Errorf("%w: %w", ErrUnreadable, err)}
	}
	defer wb.Close()
	b := &book{wb: wb, file: name, warn: warn}
	if err := read(b); err != nil {
		return err
	}
	b.finish()
	return nil
}

// fileKind names what a file that is not a regular file is.
func fileKind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "文件夹"
	case m&os.ModeNamedPipe != 0:
		return "命名管道"
	case m&os.ModeDevice != 0:
		return "设备"
	case m&os.ModeSocket != 0:
		return "套接字"
	}
	return "其他特殊文件"
}
