package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"settle/pipeline"
	"settle/pipeline/policy"
	"settle/publish"
	"settle/readers"
	"settle/writers"
)

// passwordEnv names the environment variable holding the password of
// password-protected input workbooks.
const passwordEnv = "SETTLE_XLSX_PASSWORD"

// maxPartEnv names the environment variable that caps, in MiB, the
// inflated size of any one part of an input workbook (the zip-bomb guard;
// unset: xlsx.DefaultMaxPartSize, 1 GiB).
const maxPartEnv = "SETTLE_MAX_PART_MB"

// yearFlags are the flags shared by run and check.
type yearFlags struct {
	year   int
	in     string
	policy string
}

func (yf *yearFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&yf.year, "year", 0, "结算年度 `Y`（费用发生的年度）")
	fs.StringVar(&yf.in, "in", "", "输入文件夹 `DIR`，存放该年度的输入工作簿")
	fs.StringVar(&yf.policy, "policy", "", "政策参数文件 `FILE`，代替内置的政策（内置的见 settle policy）")
}

// runFlags are the flags of run beyond the year's.
type runFlags struct {
	out    string
	force  bool
	final  bool
	strict bool
	date   string
}

// outputFS creates the output files of run; nil is the operating system.
// Tests set it to make an output fail half-way (a full disk).
var outputFS publish.FS

const runSynopsis = "run --year Y --in DIR --out DIR [--policy FILE] [--final] [--force] [--strict] [--date TEXT]"

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	fs := newFlags("run", runSynopsis, stderr)
	var yf yearFlags
	yf.register(fs)
	var pf profileFlags
	pf.register(fs)
	var rf runFlags
	fs.StringVar(&rf.out, "out", "", "输出文件夹 `DIR`；结算结果写入 OUT/Y/")
	fs.BoolVar(&rf.force, "force", false, "新结算完整写出后替换已有的 OUT/Y/；原结算整体移入 OUT/history/")
	fs.BoolVar(&rf.final, "final", false, "写出正式结算（据以拨付；默认写出供评审和公示的草稿）；尚有待评审的企业和券种时拒绝")
	fs.BoolVar(&rf.strict, "strict", false, "有任何警告时不发布任何结果（退出码 1）")
	fs.StringVar(&rf.date, "date", "", "兑付审批表上的制表日期 `TEXT`，例如 2026年1月15日（默认留空，由经办人手填）")
	if err := parse(fs, args); err != nil {
		return err
	}
	if rf.out == "" {
		return usagef("缺少 --out（输出文件夹）")
	}
	if err := yf.validate(); err != nil {
		return err
	}
	pol, err := yf.loadPolicy()
	if err != nil {
		return err
	}
	if err := checkOutside(yf.in, rf.out); err != nil {
		return err
	}
	// A settlement that is there already, or a run writing one, is
	// refused now, not after minutes of reading.
	if err := publish.Precheck(rf.out, yf.year, rf.publishOptions()); err != nil {
		return explainPublish(err)
	}
	stopProfiles, err := pf.start()
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, stopProfiles()) }()
	stage := pipeline.Draft
	if rf.final {
		stage = pipeline.Final
	}
	res, err := settleYear(ctx, yf, pol, stage)
	if err != nil {
		return err
	}
	if rf.final {
		if err := refusePending(res); err != nil {
			return err
		}
	}
	printWarnings(stdout, res.Warnings, runWarningsShown)
	if rf.strict && len(res.Warnings) > 0 {
		return fmt.Errorf("本次结算有 %d 条警告（见上），--strict 下不发布任何结果", len(res.Warnings))
	}
	dir, err := publishYear(ctx, rf, res)
	if err != nil {
		return err
	}
	printSummary(stdout, res)
	fmt.Fprintf(stdout, "\n%s已写入 %s（运行编号 %s）\n", res.Stage.Text(), dir, res.RunID[:16])
	return nil
}

// publishYear writes the settlement res into a temporary folder beside
// OUT/Y and puts it in place only when every output is complete (README:
// "run writes into a temporary folder…"). It returns the folder.
func publishYear(ctx context.Context, rf runFlags, res *pipeline.Result) (string, error) {
	// Refused before anything is created, not only before it is written.
	if err := writers.CheckTotals(res); err != nil {
		return "", err
	}
	tx, err := publish.Begin(rf.out, res.Year, rf.publishOptions())
	if err != nil {
		return "", explainPublish(err)
	}
	defer tx.Abort()
	_, err = writers.WriteAll(ctx, tx.Dir(), res, writers.Options{
		ToolVersion: toolVersion, Doc: writers.DocOptions{Date: rf.date}, FS: outputFS,
	})
	if cerr := publish.Canceled(ctx); cerr != nil {
		return "", cerr // whatever the writers made of the cancellation
	}
	if err != nil {
		return "", err
	}
	return tx.Commit(ctx)
}

// publishOptions are the options of run's publishing transaction: a
// replaced settlement goes to history under the run id in its manifest.
func (rf runFlags) publishOptions() publish.Options {
	return publish.Options{Force: rf.force, RunID: writers.StoredRunID}
}

// explainPublish says how to replace a settlement that is there already.
func explainPublish(err error) error {
	if errors.Is(err, publish.ErrExists) {
		return fmt.Errorf("%w（要替换它请加 --force，原结果会整体移入 history/）", err)
	}
	return err
}

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", "check --year Y --in DIR [--policy FILE]", stderr)
	var yf yearFlags
	yf.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := yf.validate(); err != nil {
		return err
	}
	pol, err := yf.loadPolicy()
	if err != nil {
		return err
	}
	res, err := settleYear(ctx, yf, pol, pipeline.Draft)
	if err != nil {
		return err
	}
	printSummary(stdout, res)
	printReasons(stdout, res)
	printWarnings(stdout, res.Warnings, len(res.Warnings))
	fmt.Fprintln(stdout, "检查完毕，未写入任何文件")
	return nil
}

// validate checks the year and the input folder.
func (yf *yearFlags) validate() error {
	if yf.year < 1900 || yf.year > 9999 {
		return usagef("--year 应为年份，例如 2025")
	}
	if yf.in == "" {
		return usagef("缺少 --in（输入文件夹）")
	}
	if st, err := os.Stat(yf.in); err != nil || !st.IsDir() {
		return fmt.Errorf("输入文件夹 %s 不存在", yf.in)
	}
	return nil
}

// loadPolicy loads the policy of the run and refuses a year that shares no
// day with its expense window (SPEC §7): every line would be rejected
// OUT_OF_PERIOD.
func (yf *yearFlags) loadPolicy() (*pipeline.Policy, error) {
	pol, err := loadPolicy(yf.policy)
	if err != nil {
		return nil, err
	}
	from, to := pol.EligibleFrom, pol.EligibleTo
	first, last := pipeline.NewDate(yf.year, time.January, 1), pipeline.NewDate(yf.year, time.December, 31)
	if (from != 0 || to != 0) && (last < from || first > to) {
		return nil, usagef("--year %d 与政策 %s 的费用期间 %s 至 %s（eligible_from…eligible_to）没有一天重合：该年的每一行都会被剔除为 OUT_OF_PERIOD",
			yf.year, pol.DocumentNo, from, to)
	}
	return pol, nil
}

// settleYear reads the inputs and settles them under pol (the flags
// validated).
func settleYear(ctx context.Context, yf yearFlags, pol *pipeline.Policy, stage pipeline.Stage) (*pipeline.Result, error) {
	opt, err := readOptions()
	if err != nil {
		return nil, err
	}
	in, err := readers.ReadYear(ctx, yf.in, opt)
	if err != nil {
		return nil, explainRead(err, opt)
	}
	return pipeline.Settle(ctx, pipeline.Run{Year: yf.year, Stage: stage}, pol, in)
}

func loadPolicy(path string) (*pipeline.Policy, error) {
	if path == "" {
		return policy.Default()
	}
	return policy.Load(path)
}

// readOptions takes the password and the part-size limit from the
// environment.
func readOptions() (readers.Options, error) {
	opt := readers.Options{Password: os.Getenv(passwordEnv)}
	if s := os.Getenv(maxPartEnv); s != "" {
		mb, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || mb < 1 || mb > 1<<20 {
			return opt, usagef("%s=%q：应为 1 到 1048576 之间的整数（单位 MiB）", maxPartEnv, s)
		}
		opt.MaxPartSize = mb << 20
	}
	return opt, nil
}

// explainRead says which environment variable to set when a workbook is
// password-protected or larger than the limit.
func explainRead(err error, opt readers.Options) error {
	switch {
	case errors.Is(err, readers.ErrEncrypted) && opt.Password == "":
		return fmt.Errorf("%w（请在环境变量 %s 中给出它的密码）", err, passwordEnv)
	case errors.Is(err, readers.ErrEncrypted):
		return fmt.Errorf("%w（环境变量 %s 中的密码打不开它）", err, passwordEnv)
	case errors.Is(err, readers.ErrTooLarge):
		limit := opt.MaxPartSize
		if limit <= 0 {
			limit = readers.DefaultMaxPartSize
		}
		return fmt.Errorf("%w（如果该工作簿确实无误，请调高 %s，现为 %d）", err, maxPartEnv, limit>>20)
	}
	return err
}
