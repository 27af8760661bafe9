package writers

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// FS creates the files of a settlement. Every output is created through
// it, so that a test can make any one of them fail half-way (a full disk,
// an I/O error) and check that nothing half-written is published. Create
// makes the file's folders first. The file is complete only when Close
// returns nil.
//
// Workbook writers save through it with excelize's WriteTo:
//
//	w, err := fsys.Create(path)
//	if err == nil { _, err = f.WriteTo(w); err = errors.Join(err, w.Close()) }
type FS interface {
	Create(path string) (io.WriteCloser, error)
}

// OSFS is the operating system's file system, the FS of a nil
// PublishOptions.FS.
type OSFS struct{}

// Create creates path, and its folders, for writing.
func (OSFS) Create(path string) (io.WriteCloser, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	return os.Create(path)
}

// fsOf is fsys, or the OS when nil.
func fsOf(fsys FS) FS {
	if fsys == nil {
		return OSFS{}
	}
	return fsys
}

// createFile writes a whole file through fsys with write; a failed write
// or Close removes what was written, so that no file looks whole that is
// not.
func createFile(fsys FS, path string, write func(w io.Writer) error) error {
	f, err := fsOf(fsys).Create(path)
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// writeOutput writes the output named name (relative to dir) through the
// file system, naming it in any error.
func writeOutput(fsys FS, dir, name string, write func(w io.Writer) error) error {
	if err := createFile(fsys, filepath.Join(dir, filepath.FromSlash(name)), write); err != nil {
		return fmt.Errorf("写入 %s 失败：%w", name, err)
	}
	return nil
}
