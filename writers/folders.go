package writers

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Leftover folders beside <out>/<Y>/, named .settle-<Y>-<kind>-<random>.
const (
	kindTmp = "tmp" // a settlement being written
	kindOld = "old" // holds <Y>/, a complete settlement moved aside by swap
	kindDel = "del" // an old folder being removed (earlier versions)
)

func leftoverPrefix(year, kind string) string { return ".settle-" + year + "-" + kind + "-" }

// swap puts the complete tmp folder in place of final. An existing final
// folder (only with Force) is first moved aside, whole, into
// .settle-<Y>-old-*/, and moved on into <out>/history/<Y>-<its run id>/
// once the new one is in place: the tool never deletes a settlement. A
// crash between the two renames leaves no final folder but the previous
// settlement aside: the next run puts it back (restoreAside) before
// anything else; a crash after them leaves it aside beside the new one, and
// the next run files it in history (archiveAside).
func swap(tmp, final, out, year string) error {
	aside := ""
	if _, err := os.Lstat(final); err == nil {
		o, err := mkdirTemp(out, leftoverPrefix(year, kindOld))
		if err != nil {
			return fmt.Errorf("output folder: %w", err)
		}
		aside = filepath.Join(o, year)
		if err := os.Rename(final, aside); err != nil {
			os.Remove(o)
			return fmt.Errorf("moving the previous settlement aside: %w", err)
		}
	}
	if err := os.Rename(tmp, final); err != nil {
		if aside != "" {
			if rerr := os.Rename(aside, final); rerr != nil {
				return fmt.Errorf("publishing %s: %w; the previous settlement is kept in %s and the next run puts it back (%v)",
					final, err, aside, rerr)
			}
			os.Remove(filepath.Dir(aside))
		}
		return fmt.Errorf("publishing %s: %w", final, err)
	}
	if err := syncDir(out); err != nil {
		return fmt.Errorf("%s is in place but could not be flushed to disk: %w", final, err)
	}
	if aside != "" {
		if _, err := archive(out, year, aside); err != nil {
			return fmt.Errorf("%s is in place, but the settlement it replaced stays in %s: %w", final, aside, err)
		}
		os.Remove(filepath.Dir(aside))
	}
	return nil
}

// historyDir is where replaced settlements are kept, in <out>.
const historyDir = "history"

// archive moves the settlement folder dir, whole, to
// <out>/history/<Y>-<its run id>/ (with a suffix -2, -3 … when that exists)
// and returns its new place. The run id comes from its manifest; a folder
// without a readable one is filed under "unknown".
func archive(out, year, dir string) (string, error) {
	hist := filepath.Join(out, historyDir)
	if err := os.MkdirAll(hist, 0o755); err != nil {
		return "", err
	}
	base := year + "-" + manifestRunID(dir)
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
		if err := syncDir(hist); err != nil {
			return dst, err
		}
		return dst, syncDir(filepath.Dir(dir))
	}
	return "", fmt.Errorf("no free name for %s in %s", base, hist)
}

// manifestRunID reads the run id of the settlement in dir.
func manifestRunID(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return "unknown"
	}
	var m struct {
		RunID string `json:"run_id"`
	}
	if json.Unmarshal(b, &m) != nil || m.RunID == "" || strings.ContainsAny(m.RunID, `/\.`) {
		return "unknown"
	}
	return m.RunID
}

// restoreAside puts back the previous settlement when a run was killed
// between the two renames of swap: no <out>/<Y>/, and one complete
// settlement in .settle-<Y>-old-*/<Y>/. It must run under the lock, before
// removeStale would delete it.
func restoreAside(out, year, final string) error {
	if _, err := os.Lstat(final); !errors.Is(err, fs.ErrNotExist) {
		return nil // there is a settlement (or Publish's next step reports the error)
	}
	olds, err := leftovers(out, year, kindOld)
	if err != nil {
		return err
	}
	var aside []string
	for _, o := range olds {
		if st, err := os.Lstat(filepath.Join(o, year)); err == nil && st.IsDir() {
			aside = append(aside, filepath.Join(o, year))
		}
	}
	switch len(aside) {
	case 0:
		return nil
	case 1:
		if err := os.Rename(aside[0], final); err != nil {
			return fmt.Errorf("putting back the previous settlement from %s: %w", aside[0], err)
		}
		return syncDir(out)
	default:
		return fmt.Errorf("%s is missing and %d earlier settlements were set aside (%s): move the right one back to %s by hand",
			final, len(aside), strings.Join(aside, ", "), final)
	}
}

// removeStale clears what killed runs left behind (the lock is ours):
// temporary folders of this year are deleted, and a settlement left aside
// beside a published one (a run killed after its rename) is filed in
// history, never deleted. It runs after restoreAside.
func removeStale(out, year string) error {
	for _, kind := range []string{kindTmp, kindOld, kindDel} {
		dirs, err := leftovers(out, year, kind)
		if err != nil {
			return err
		}
		for _, d := range dirs {
			if kind == kindOld {
				if _, serr := os.Lstat(filepath.Join(d, year)); serr == nil {
					if _, err := archive(out, year, filepath.Join(d, year)); err != nil {
						return fmt.Errorf("filing the settlement left in %s in history: %w", d, err)
					}
				}
			}
			if err := os.RemoveAll(d); err != nil {
				return fmt.Errorf("removing what an interrupted run left behind: %w", err)
			}
		}
	}
	return nil
}

// leftovers lists the folders .settle-<Y>-<kind>-* in out, sorted.
func leftovers(out, year, kind string) ([]string, error) {
	entries, err := os.ReadDir(out)
	if err != nil {
		return nil, fmt.Errorf("output folder: %w", err)
	}
	var dirs []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), leftoverPrefix(year, kind)) {
			dirs = append(dirs, filepath.Join(out, e.Name()))
		}
	}
	return dirs, nil
}

// mkdirTemp is os.MkdirTemp with the permissions of os.Mkdir (0777 less
// the umask) instead of 0700: the published folder is the temporary
// folder renamed, and must be as readable as the files in it.
func mkdirTemp(dir, prefix string) (string, error) {
	for range 10000 {
		name := filepath.Join(dir, prefix+strconv.FormatUint(rand.Uint64(), 36))
		err := os.Mkdir(name, 0o777)
		if err == nil {
			return name, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
	}
	return "", fmt.Errorf("no free temporary name %s* in %s", prefix, dir)
}

// syncTree flushes every file and folder under dir to disk, so that a
// power loss after the rename cannot publish empty or torn files. It also
// clears the execute bits excelize gives the workbooks it saves (it creates
// them with mode 0777 less the umask).
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
		return syncPath(path)
	})
}

// syncDir flushes a folder's entries (a rename in it) to disk.
func syncDir(dir string) error { return syncPath(dir) }

func syncPath(path string) error {
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
