package publish

import (
	"io/fs"
	"os"
	"path/filepath"
)

// Sync flushes a file, or a folder's entries, to disk. Writers call it on
// each output as soon as it is complete, while the others are still being
// written, so that Commit's own pass over the tree finds little left to
// flush.
func Sync(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncTree flushes every file and folder under dir to disk, so that a
// power loss after the rename cannot publish empty or torn files. It also
// clears execute bits, which some libraries give the files they save
// (excelize's SaveAs creates them with mode 0777 less the umask): no
// output is a program.
func syncTree(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			if mode := info.Mode().Perm(); mode&0o111 != 0 {
				if err := os.Chmod(path, mode&^0o111); err != nil {
					return err
				}
			}
		}
		return Sync(path)
	})
}
