package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// Exit codes (SPEC §7).
const (
	exitOK       = 0
	exitInputs   = 1 // the inputs cannot be settled, or outputs cannot be written
	exitUsage    = 2
	toolVersion  = "settle 0.1.0"
	usageSummary = `settle：杭州高新区（滨江）人工智能券年度兑付结算（杭高新〔2025〕9号）。

用法：
  settle run     --year Y --in DIR --out DIR [--policy FILE] [--final] [--force] [--strict] [--date TEXT]
  settle check   --year Y --in DIR [--policy FILE]
  settle explain SETTLEMENT --uscc X [--voucher K] [--json]
  settle diff    OLD NEW [--xlsx FILE]
  settle policy
  settle gen     --year Y --out DIR [--seed N] [--scale LINES]
  settle version

run      结算一个年度，默认写出草稿（供评审和公示）；--final 写出正式结算（据以拨付）
         和已资助发票台账，须所有评审均已给出结论；--force 先把原有结算整体移入
         OUT/history/ 再写入新结算。
check    只校验和试算，不写出任何文件，列出全部警告。
explain  从已写出的结算文件夹逐步说明一家企业的兑付金额。
diff     比较两个结算文件夹（如草稿与正式结算）：金额、状态和明细行的变化。
policy   打印内置的政策参数文件，可修改后用 --policy 指定。
gen      生成仿真的年度输入（测试和性能测量用）。

各命令的参数：settle COMMAND --help。
退出码：0 完成；1 输入无法结算或结果无法写出；2 命令行有误。
`
)

// errUsage marks a command line that cannot be understood.
var errUsage = errors.New("命令行有误")

// Run is the whole command: it parses args, runs the subcommand and
// returns the exit code. main stays thin so that tests call Run.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageSummary)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "run":
		err = cmdRun(ctx, args[1:], stdout, stderr)
	case "check":
		err = cmdCheck(ctx, args[1:], stdout, stderr)
	case "explain":
		err = cmdExplain(ctx, args[1:], stdout, stderr)
	case "diff":
		err = cmdDiff(ctx, args[1:], stdout, stderr)
	case "policy":
		err = cmdPolicy(args[1:], stdout, stderr)
	case "gen":
		err = cmdGen(args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, toolVersion)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usageSummary)
	default:
		fmt.Fprintf(stderr, "settle: 没有 %q 这个命令\n\n%s", args[0], usageSummary)
		return exitUsage
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "settle %s: %v\n", args[0], strings.TrimPrefix(err.Error(), errUsage.Error()+": "))
		return exitUsage
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		return exitInputs // stopped by a signal: main says so, in Chinese
	default:
		fmt.Fprintf(stderr, "settle %s: %v\n", args[0], err)
		return exitInputs
	}
}

// newFlags makes a flag set that reports to stderr and never exits.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package's own English report of a parse error is dropped:
	// Run prints the error once, in Chinese (flagError).
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "用法：settle %s\n\n参数：\n", synopsis)
		printFlags(stderr, fs)
	}
	return fs
}

// parse parses flags and checks that no positional arguments are left.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %s", errUsage, flagError(err))
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: 多余的参数 %q", errUsage, fs.Arg(0))
	}
	return nil
}

// parseFolders parses the flags of a command that takes n settlement
// folders besides its flags, in any order (settle explain DIR --uscc X and
// settle explain --uscc X DIR both work), and returns the folders. Which
// flags take a value is read from fs, so a flag's value is never taken for
// a folder.
func parseFolders(fs *flag.FlagSet, args []string, n int, synopsis string) ([]string, error) {
	var folders, flags []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			folders = append(folders, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			folders = append(folders, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if !strings.Contains(name, "=") && takesValue(fs, name) && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if err := parse(fs, flags); err != nil {
		return nil, err
	}
	if len(folders) != n {
		what := map[int]string{1: "一个", 2: "两个"}[n]
		return nil, usagef("应给出%s结算文件夹：settle %s", what, synopsis)
	}
	return folders, nil
}

// takesValue reports whether the flag named name expects a value (every
// flag but the booleans; an unknown flag is left to fs.Parse to refuse).
func takesValue(fs *flag.FlagSet, name string) bool {
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}

func usagef(format string, a ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, a...))
}
