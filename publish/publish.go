// Package publish puts a year's settlement folder in place as one
// transaction on the file system: claim the year (a lock, crash recovery,
// no silent overwrite), hand out a temporary folder beside <out>/<Y>/,
// and commit it (everything flushed to disk, the settlement it replaces
// moved whole to <out>/history/, one rename) or abort it. A failed or
// interrupted run leaves no <out>/<Y>/, or the previous settlement whole.
//
// It knows nothing of what a settlement holds: the writers fill the
// temporary folder through FS, and Options.RunID names a replaced
// settlement in history. README ("run writes into a temporary folder…")
// describes what users see.
package publish

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// ErrExists is returned when the year's folder exists and Options.Force
// is not set.
var ErrExists = errors.New("该年度已有结算结果，未覆盖")

// ErrLocked is returned when another run is writing the same year.
var ErrLocked = errors.New("另一个 settle 正在写入该年度的结果，请等它结束")

// Options control a transaction. The zero value refuses to replace an
// existing settlement and files what it must keep under history/<Y>-unknown.
type Options struct {
	// Force replaces an existing <out>/<Y>/ once the new one is complete,
	// after moving it whole to <out>/history/<Y>-<its run id>/.
	Force bool
	// RunID gives the run id of the settlement in a folder, which names it
	// in history (<Y>-<run id>). nil, or an id that is empty or holds a
	// dot or a slash, files it as <Y>-unknown.
	RunID func(dir string) string
}

// Precheck says, before anything is computed, whether Begin would refuse
// year's settlement in out: one is there already and Force is not set,
// or another run holds the lock. Like Begin, it first puts back a
// settlement that a crash left set aside and clears what crashed runs
// left, so that it answers as Begin will and a refused run leaves the
// folder clean. It creates nothing when out does not exist. Begin checks
// again: a settlement may appear meanwhile.
func Precheck(out string, year int, opt Options) error {
	if _, err := os.Stat(out); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	unlock, err := claim(out, strconv.Itoa(year), opt)
	if err != nil {
		return err
	}
	unlock()
	return nil
}

// Tx is one year's settlement being written. It holds the year's lock
// until Commit or Abort; one goroutine drives it (the writers may fill
// Dir concurrently).
type Tx struct {
	out, year, final, tmp string
	opt                   Options
	unlock                func() // nil once the transaction is over
}

// Begin claims year in out (creating out when needed) and makes the
// temporary folder the settlement is written into. The caller ends the
// transaction with Commit or Abort; deferring Abort is safe after Commit.
func Begin(out string, year int, opt Options) (*Tx, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("输出文件夹 %s：%w", out, err)
	}
	y := strconv.Itoa(year)
	unlock, err := claim(out, y, opt)
	if err != nil {
		return nil, err
	}
	tmp, err := mkdirTemp(out, leftoverPrefix(y, kindTmp))
	if err != nil {
		unlock()
		return nil, fmt.Errorf("输出文件夹 %s：%w", out, err)
	}
	return &Tx{out: out, year: y, final: filepath.Join(out, y), tmp: tmp, opt: opt, unlock: unlock}, nil
}

// Dir is the temporary folder to write the settlement into.
func (t *Tx) Dir() string { return t.tmp }

// Commit flushes every file and folder under Dir to disk and puts Dir in
// place of <out>/<Y>/, moving a settlement there (Options.Force) whole to
// history first. It returns the published folder. It ends the
// transaction either way: on an error, or when ctx is done before the
// rename, nothing is published and the temporary folder is removed.
func (t *Tx) Commit(ctx context.Context) (string, error) {
	if t.unlock == nil {
		return "", errors.New("发布事务已结束")
	}
	defer t.Abort()
	if err := Canceled(ctx); err != nil {
		return "", err
	}
	if err := syncTree(t.tmp); err != nil {
		return "", fmt.Errorf("结果写入磁盘（fsync）失败：%w", err)
	}
	if err := Canceled(ctx); err != nil {
		return "", err
	}
	if err := swap(t.tmp, t.final, t.out, t.year, t.opt); err != nil {
		return "", err
	}
	t.tmp = "" // it is the published folder now
	return t.final, nil
}

// Abort removes the temporary folder, unless Commit published it, and
// releases the lock. A second call does nothing.
func (t *Tx) Abort() {
	if t.unlock == nil {
		return
	}
	if t.tmp != "" {
		os.RemoveAll(t.tmp)
	}
	t.unlock()
	t.unlock = nil
}

// Canceled is the error of a run stopped through ctx before its
// settlement was published (it wraps ctx.Err()), or nil while ctx is live.
func Canceled(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("已中止，未写入任何结果（%w）", err)
	}
	return nil
}

// claim takes the year's lock in out, puts back a settlement that a crash
// left set aside, removes what crashed runs left, and refuses an existing
// settlement unless Force. The caller releases the lock with unlock.
func claim(out, year string, opt Options) (unlock func(), err error) {
	if unlock, err = lock(out, year); err != nil {
		return nil, err
	}
	final := filepath.Join(out, year)
	err = restoreAside(out, year, final)
	if err == nil {
		err = removeStale(out, year, opt)
	}
	if _, serr := os.Lstat(final); err == nil && serr == nil && !opt.Force {
		err = fmt.Errorf("%s: %w", final, ErrExists)
	}
	if err != nil {
		unlock()
		return nil, err
	}
	return unlock, nil
}
