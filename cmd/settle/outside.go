package main

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"syscall"
)

// checkOutside refuses an output folder that is the input folder or lies
// inside it: the next run would read the outputs as inputs, and a
// settlement must never sit among the workbooks it was made from. Both
// paths are compared as absolute paths with symbolic links resolved (for
// out, the part that exists).
func checkOutside(in, out string) error {
	ai, err := realPath(in)
	if err != nil {
		return usagef("--in %s: %v", in, err)
	}
	ao, err := realPath(out)
	if err != nil {
		return usagef("--out %s: %v", out, err)
	}
	if rel, err := filepath.Rel(ai, ao); err == nil && (rel == "." || !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && rel != "..") {
		return usagef("--out %s 是输入文件夹 %s 本身或在其中：请把结果写到输入文件夹之外", out, in)
	}
	return nil
}

// realPath is path made absolute, with the symbolic links of its longest
// existing prefix resolved.
func realPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	rest := ""
	for p := abs; ; p = filepath.Dir(p) {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest), nil
		} else if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
			return "", err
		}
		if filepath.Dir(p) == p {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}
