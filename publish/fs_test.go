package publish

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"settle/internal/testkit"
)

// WriteFile makes the file's folders, and removes a file whose write or
// Close failed: no file looks whole that is not.
func TestWriteFile(t *testing.T) {
	write := func(w io.Writer) error {
		_, err := w.Write(make([]byte, 4096))
		return err
	}
	cases := []struct {
		name    string
		fsys    FS
		write   func(io.Writer) error
		wantErr error
	}{
		{"the operating system", nil, write, nil},
		{"OSFS", OSFS{}, write, nil},
		{"a full disk", &testkit.FailingFS{Target: "f.bin", After: 100, Err: syscall.ENOSPC}, write, syscall.ENOSPC},
		{"a writer that fails", nil, func(w io.Writer) error {
			w.Write([]byte("half"))
			return syscall.EIO
		}, syscall.EIO},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a", "b", "f.bin")
			err := WriteFile(tc.fsys, path, tc.write)
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil) != (err == nil) {
				t.Fatalf("error %v, want %v", err, tc.wantErr)
			}
			st, serr := os.Stat(path)
			switch {
			case tc.wantErr == nil && (serr != nil || st.Size() != 4096):
				t.Errorf("written: %v, %v", st, serr)
			case tc.wantErr != nil && !errors.Is(serr, os.ErrNotExist):
				t.Errorf("a failed file is left: %v", serr)
			}
		})
	}
}
