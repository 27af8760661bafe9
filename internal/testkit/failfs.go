package testkit

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
)

// FailingFS creates files on the operating system (it is a publish.FS),
// except that the file whose slash-separated path ends with Target fails
// with Err once more than After bytes were written to it: a disk that
// fills up, or an I/O error, half-way through one output.
type FailingFS struct {
	Target string
	After  int64
	Err    error
	hit    atomic.Bool
}

// Create creates path, and its folders, for writing.
func (f *FailingFS) Create(path string) (io.WriteCloser, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	w, err := os.Create(path)
	if err != nil || !strings.HasSuffix(filepath.ToSlash(path), f.Target) {
		return w, err
	}
	f.hit.Store(true)
	return &failingFile{File: w, left: f.After, err: &os.PathError{Op: "write", Path: filepath.Base(path), Err: f.Err}}, nil
}

// Hit says whether the target file was created.
func (f *FailingFS) Hit() bool { return f.hit.Load() }

type failingFile struct {
	*os.File
	left int64
	err  error
}

func (f *failingFile) Write(p []byte) (int, error) {
	if int64(len(p)) > f.left {
		n, _ := f.File.Write(p[:f.left])
		f.left = 0
		return n, f.err
	}
	f.left -= int64(len(p))
	return f.File.Write(p)
}
