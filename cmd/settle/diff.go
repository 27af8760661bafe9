package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"settle/pipeline"
	"settle/writers"
)

// cmdDiff prints what changed between two settlement folders (SPEC §7),
// read from their manifests and Parquet tables, and with --xlsx writes it
// as a printable workbook.
func cmdDiff(_ context.Context, args []string, stdout, stderr io.Writer) error {
	const synopsis = "diff OLD NEW [--xlsx FILE]"
	fs := newFlags("diff", synopsis, stderr)
	xlsx := fs.String("xlsx", "", "同时把差异写入此工作簿（OLD 为正式结算时含补拨、追回工作表）")
	dirs, err := parseFolders(fs, args, 2, synopsis)
	if err != nil {
		return err
	}
	old, err := writers.ReadStored(dirs[0])
	if err != nil {
		return err
	}
	new, err := writers.ReadStored(dirs[1])
	if err != nil {
		return err
	}
	if old.Manifest.Year != new.Manifest.Year {
		fmt.Fprintf(stdout, "注意：两份结算年度不同（%d 与 %d）\n\n", old.Manifest.Year, new.Manifest.Year)
	}
	d := writers.Compare(old, new)
	printDiff(stdout, d)
	if *xlsx != "" {
		if err := writeDiffFile(*xlsx, d); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\n差异工作簿已写入 %s\n", *xlsx)
	}
	return nil
}

// writeDiffFile writes the diff workbook to path, removing it on failure.
func writeDiffFile(path string, d *writers.Diff) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = writers.WriteDiffWorkbook(f, d)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("写入差异工作簿 %s 失败：%w", path, err)
	}
	return nil
}

// printDiff prints d as aligned tables with Chinese headings.
func printDiff(w io.Writer, d *writers.Diff) {
	fmt.Fprintf(w, "原结算：%s（%s，运行编号 %s）\n新结算：%s（%s，运行编号 %s）\n\n",
		d.Old.Dir, pipeline.Stage(d.Old.Manifest.Stage).Text(), short(d.Old.Manifest.RunID),
		d.New.Dir, pipeline.Stage(d.New.Manifest.Stage).Text(), short(d.New.Manifest.RunID))
	fmt.Fprintln(w, "各券种兑付总额：")
	rows := [][]string{{"券种", "原兑付总额", "新兑付总额", "变化", "原获兑企业", "新获兑企业", "原系数", "新系数"}}
	for _, v := range d.Vouchers {
		rows = append(rows, []string{v.Name, v.OldAwarded.String(), v.NewAwarded.String(), signed(v.Change()),
			fmt.Sprint(v.OldCount), fmt.Sprint(v.NewCount), fmt.Sprintf("%.6f", v.OldFactor), fmt.Sprintf("%.6f", v.NewFactor)})
	}
	printTable(w, "  ", rows, 1, 2, 3, 4, 5, 6, 7)
	fmt.Fprintf(w, "\n兑付变化的企业（%d 项）：\n", len(d.Awards))
	if len(d.Awards) > 0 {
		rows = [][]string{{"券种", "统一社会信用代码", "企业名称", "原兑付", "新兑付", "变化", "原状态", "新状态", "原因"}}
		for _, a := range d.Awards {
			rows = append(rows, []string{string(a.Voucher), a.USCC, a.Name, a.Old.String(), a.New.String(), signed(a.Change()),
				writers.StatusText(a.OldStatus), writers.StatusText(a.NewStatus), cmp.Or(strings.Join(a.Why, "；"), "—")})
		}
		printTable(w, "  ", rows, 3, 4, 5)
	}
	fmt.Fprintf(w, "\n审核结果变化的申报行（%d 行）：\n", len(d.Lines))
	if len(d.Lines) > 0 {
		rows = [][]string{{"文件", "工作表", "行", "企业", "原结果", "新结果"}}
		for _, l := range d.Lines {
			rows = append(rows, []string{l.Origin.File, l.Origin.Sheet, fmt.Sprint(l.Origin.Row), l.USCC,
				writers.OutcomeText(l.OldReason, l.OldMissing), writers.OutcomeText(l.NewReason, l.NewMissing)})
		}
		printTable(w, "  ", rows, 2)
	}
	if d.Old.Manifest.Stage == string(pipeline.Final) {
		up, down := sumChange(d.TopUps()), sumChange(d.Recoveries())
		fmt.Fprintf(w, "\n原结算为正式结算：应补拨 %d 项共 %s 元，应追回 %d 项共 %s 元\n", len(d.TopUps()), up, len(d.Recoveries()), -down)
	}
}

func sumChange(as []writers.AwardDiff) pipeline.Money {
	var t pipeline.Money
	for _, a := range as {
		t += a.Change()
	}
	return t
}

// signed is an amount change with its sign, "+12.00" or "-3.50".
func signed(m pipeline.Money) string {
	if m > 0 {
		return "+" + m.String()
	}
	return m.String()
}
