package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// historyDir is where replaced settlements are kept, in <out>.
const historyDir = "history"

// archive moves the settlement folder dir, whole, to
// <out>/history/<Y>-<its run id>/ (with a suffix -2, -3 … when that exists)
// and returns its new place.
func archive(out, year, dir string, opt Options) (string, error) {
	hist := filepath.Join(out, historyDir)
	if err := os.MkdirAll(hist, 0o755); err != nil {
		return "", err
	}
	base := year + "-" + historyID(dir, opt)
	for n := 1; n < 10000; n++ {
		name := base
		if n > 1 {
			name = fmt.Sprintf("%s-%d", base, n)
		}
		dst := filepath.Join(hist, name)
		if _, err := os.Lstat(dst); !errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := os.Rename(dir, dst); err != nil {
			return "", err
		}
		if err := Sync(hist); err != nil {
			return dst, err
		}
		return dst, Sync(filepath.Dir(dir))
	}
	return "", fmt.Errorf("%s 中没有可用的名称 %s[-n]", hist, base)
}

// historyID is the run id naming the settlement in dir in history, or
// "unknown" when Options.RunID gives none that can be part of a folder
// name.
func historyID(dir string, opt Options) string {
	if opt.RunID == nil {
		return "unknown"
	}
	id := opt.RunID(dir)
	if id == "" || strings.ContainsAny(id, `/\.`) {
		return "unknown"
	}
	return id
}
