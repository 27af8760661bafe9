// Package readers turns one year's input folder of workbooks into
// pipeline.Inputs (SPEC §2, §3).
package readers

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

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
		if _, err := os.Stat(filepath.Join(dir, VoucherFile(v))); err == nil {
			present = append(present, v)
		}
	}
	if len(present) == 0 {
		return nil, &Error{File: dir, Err: fmt.Errorf("%w：应至少有 compute_billing.xlsx、corpus_contracts.xlsx、model_transactions.xlsx、innovation_contracts.xlsx 之一", ErrNoVoucherFile)}
	}
	files := make([]pipeline.InputFile, 2+len(present))
	var (
		mu       sync.Mutex
		warnings = map[string][]pipeline.Warning{}
	)
	warner := func(file string) func(pipeline.Warning) {
		return func(w pipeline.Warning) {
			mu.Lock()
			warnings[file] = append(warnings[file], w)
			mu.Unlock()
		}
	}
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		return withWorkbook(dir, EnterprisesFile, opt, &files[0], func(wb *xlsx.Workbook) (err error) {
			in.Registry, err = readRegistry(ctx, wb, warner(EnterprisesFile))
			return err
		})
	})
	g.Go(func() error {
		return withWorkbook(dir, ReferenceFile, opt, &files[1], func(wb *xlsx.Workbook) (err error) {
			in.Reference, err = readReference(ctx, wb, warner(ReferenceFile))
			return err
		})
	})
	lines := make([]*pipeline.Lines, len(present))
	for i, v := range present {
		f := &files[2+i]
		f.Voucher = v
		g.Go(func() error {
			return withWorkbook(dir, VoucherFile(v), opt, f, func(wb *xlsx.Workbook) error {
				ls, t, err := readVoucher(ctx, wb, v)
				if err != nil {
					return err
				}
				lines[i], f.Sheet, f.SummaryRows = ls, t.sheet, t.summaryRows
				return nil
			})
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for i, v := range present {
		in.Lines[v] = lines[i]
	}
	in.Files = files
	for _, name := range []string{EnterprisesFile, ReferenceFile} {
		in.Warnings = append(in.Warnings, warnings[name]...)
	}
	return in, nil
}

// withWorkbook opens dir/name, records its checksum and size in f, and
// calls read with it.
func withWorkbook(dir, name string, opt Options, f *pipeline.InputFile, read func(*xlsx.Workbook) error) error {
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
	return read(wb)
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
