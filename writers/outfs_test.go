package writers

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"settle/internal/testkit"
	"settle/pipeline"
)

// failingFS is the OS, except that the file whose path ends with target
// fails with err once more than after bytes were written to it: a disk
// that fills up, or an I/O error, half-way through one output.
type failingFS struct {
	target string
	after  int64
	err    error
	hit    bool
}

func (f *failingFS) Create(path string) (io.WriteCloser, error) {
	w, err := OSFS{}.Create(path)
	if err != nil || !strings.HasSuffix(filepath.ToSlash(path), f.target) {
		return w, err
	}
	f.hit = true
	return &failingFile{WriteCloser: w, left: f.after, err: f.err}, nil
}

type failingFile struct {
	io.WriteCloser
	left int64
	err  error
}

func (f *failingFile) Write(p []byte) (int, error) {
	if int64(len(p)) > f.left {
		n, _ := f.WriteCloser.Write(p[:f.left])
		f.left = 0
		return n, &os.PathError{Op: "write", Path: "file", Err: f.err}
	}
	f.left -= int64(len(p))
	return f.WriteCloser.Write(p)
}

// A full disk or an I/O error at any output, early or late in it, fails
// the run with an error naming that output; the settlement in place and
// the history stay as they were, and nothing temporary is left.
func TestPublishWriteErrors(t *testing.T) {
	out := t.TempDir()
	publishTest(t, out, "A", false)
	publishTest(t, out, "B", true) // A goes to history
	pristine := testkit.ReadTree(t, out)
	targets := []string{
		"settlement-2025-jxj.xlsx",
		"settlement-2025-fgj.xlsx",
		"disbursement-2025.xlsx",
		"publicity-2025.xlsx",
		"payments-2025-kjj.csv",
		"parquet/lines/year=2025/voucher=compute/part-00000.parquet",
		"parquet/lines/year=2025/voucher=model/part-00000.parquet",
		"parquet/awards/year=2025/part-00000.parquet",
		"funded-invoices-2025.xlsx",
		"manifest.json",
	}
	for _, target := range targets {
		for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EIO} {
			for _, after := range []int64{0, 100} {
				t.Run(target+"/"+errno.Error(), func(t *testing.T) {
					r := testResult(t)
					r.Stage = pipeline.Final
					fsys := &failingFS{target: target, after: after, err: errno}
					_, _, err := Publish(context.Background(), out, r, PublishOptions{Force: true, ToolVersion: "C", FS: fsys})
					if !fsys.hit {
						t.Fatalf("%s was never created", target)
					}
					if !errors.Is(err, errno) || !strings.Contains(err.Error(), strings.TrimPrefix(target, "parquet/")) {
						t.Fatalf("error %v, want %v naming %s", err, errno, target)
					}
					if diff := testkit.TreeDiff(testkit.ReadTree(t, out), pristine); diff != "" {
						t.Fatalf("the output folder changed: %s", diff)
					}
					checkNoLeftovers(t, out)
				})
			}
		}
	}
}
