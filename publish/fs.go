package publish

import (
	"io"
	"os"
	"path/filepath"
)

// FS creates the files of a settlement. Every output is created through
// it, so that a test can make any one of them fail half-way (a full disk,
// an I/O error) and check that nothing half-written is published. Create
// makes the file's folders first. The file is complete only when Close
// returns nil.
type FS interface {
	Create(path string) (io.WriteCloser, error)
}

// OSFS is the operating system's file system, the FS that nil stands for.
type OSFS struct{}

// Create creates path, and its folders, for writing.
func (OSFS) Create(path string) (io.WriteCloser, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	return os.Create(path)
}

// WriteFile writes a whole file through fsys (nil: the operating system)
// with write. A failed write or Close removes what was written, so that
// no file looks whole that is not.
func WriteFile(fsys FS, path string, write func(w io.Writer) error) error {
	if fsys == nil {
		fsys = OSFS{}
	}
	f, err := fsys.Create(path)
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
