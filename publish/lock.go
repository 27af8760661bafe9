package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockDir is the hidden folder in <out> that holds the locks of running
// runs: nothing in it is a settlement, and it is empty when no run is.
const lockDir = ".settle"

// lock takes an exclusive advisory lock on <out>/.settle/<Y>.lock so that
// two runs never write the same year at once. The kernel releases it when
// the process dies, so a killed run never leaves a stale lock; a run that
// ends removes the file (and the folder when it is empty), so the output
// folder holds only settlements.
func lock(out, year string) (unlock func(), err error) {
	dir := filepath.Join(out, lockDir)
	path := filepath.Join(dir, year+".lock")
	for range 100 {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("输出文件夹 %s：%w", out, err)
		}
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
		if errors.Is(err, os.ErrNotExist) {
			continue // the folder was removed by a run that just ended
		}
		if err != nil {
			return nil, fmt.Errorf("输出文件夹 %s：%w", out, err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, fmt.Errorf("%s 已被锁定：%w", path, ErrLocked)
			}
			return nil, fmt.Errorf("未能锁定 %s：%w", path, err)
		}
		// A run that ended between our open and our lock removed the
		// file we hold: lock the one now at path instead.
		if !samePath(f, path) {
			f.Close()
			continue
		}
		return func() {
			os.Remove(path) // under the lock: the next run creates a new file
			os.Remove(dir)  // only when empty
			syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
			f.Close()
		}, nil
	}
	return nil, fmt.Errorf("未能锁定 %s：%w", path, ErrLocked)
}

// samePath says whether the open file f is still the file at path.
func samePath(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}
