package publish

import (
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
// the next run files it in history (removeStale).
func swap(tmp, final, out, year string, opt Options) error {
	aside := ""
	if _, err := os.Lstat(final); err == nil {
		o, err := mkdirTemp(out, leftoverPrefix(year, kindOld))
		if err != nil {
			return fmt.Errorf("输出文件夹 %s：%w", out, err)
		}
		aside = filepath.Join(o, year)
		if err := os.Rename(final, aside); err != nil {
			os.Remove(o)
			return fmt.Errorf("未能把原结算结果 %s 移到一旁：%w", final, err)
		}
	}
	if err := os.Rename(tmp, final); err != nil {
		if aside != "" {
			if rerr := os.Rename(aside, final); rerr != nil {
				return fmt.Errorf("发布 %s 失败：%w；原结算结果保存在 %s，下次运行时放回原处（%v）",
					final, err, aside, rerr)
			}
			os.Remove(filepath.Dir(aside))
		}
		return fmt.Errorf("发布 %s 失败：%w", final, err)
	}
	if err := Sync(out); err != nil {
		return fmt.Errorf("%s 已就位，但未能写入磁盘（fsync）：%w", final, err)
	}
	if aside != "" {
		if _, err := archive(out, year, aside, opt); err != nil {
			return fmt.Errorf("%s 已就位，但被替换的结算结果仍在 %s，未能移入 history/：%w", final, aside, err)
		}
		os.Remove(filepath.Dir(aside))
	}
	return nil
}

// restoreAside puts back the previous settlement when a run was killed
// between the two renames of swap: no <out>/<Y>/, and one complete
// settlement in .settle-<Y>-old-*/<Y>/. It must run under the lock, before
// removeStale would file it in history.
func restoreAside(out, year, final string) error {
	if _, err := os.Lstat(final); !errors.Is(err, fs.ErrNotExist) {
		return nil // there is a settlement (or claim's next step reports the error)
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
			return fmt.Errorf("未能从 %s 放回原结算结果：%w", aside[0], err)
		}
		return Sync(out)
	default:
		return fmt.Errorf("%s 不存在，而有 %d 份先前的结算结果被移到一旁（%s）：无法判断该放回哪一份，请手动把正确的一份移回 %s",
			final, len(aside), strings.Join(aside, "、"), final)
	}
}

// removeStale clears what killed runs left behind (the lock is ours):
// temporary folders of this year are deleted, and a settlement left aside
// beside a published one (a run killed after its rename) is filed in
// history, never deleted. It runs after restoreAside.
func removeStale(out, year string, opt Options) error {
	for _, kind := range []string{kindTmp, kindOld, kindDel} {
		dirs, err := leftovers(out, year, kind)
		if err != nil {
			return err
		}
		for _, d := range dirs {
			if kind == kindOld {
				if _, serr := os.Lstat(filepath.Join(d, year)); serr == nil {
					if _, err := archive(out, year, filepath.Join(d, year), opt); err != nil {
						return fmt.Errorf("未能把留在 %s 的结算结果移入 history/：%w", d, err)
					}
				}
			}
			if err := os.RemoveAll(d); err != nil {
				return fmt.Errorf("未能清除中断的运行留下的 %s：%w", d, err)
			}
		}
	}
	return nil
}

// leftovers lists the folders .settle-<Y>-<kind>-* in out, sorted.
func leftovers(out, year, kind string) ([]string, error) {
	entries, err := os.ReadDir(out)
	if err != nil {
		return nil, fmt.Errorf("输出文件夹 %s：%w", out, err)
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
	return "", fmt.Errorf("%s 中没有可用的临时名称 %s*", dir, prefix)
}
