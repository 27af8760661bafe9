package main

import (
	"fmt"
	"io"
	"maps"
	"slices"

	"settle/gen"
)

func cmdGen(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("gen", "gen --year Y --out DIR [--seed N] [--scale LINES]", stderr)
	year := fs.Int("year", 0, "仿真输入的结算年度 `Y`")
	out := fs.String("out", "", "写入输入工作簿的文件夹 `DIR`")
	seed := fs.Int64("seed", 1, "随机种子 `N`：相同种子生成相同文件")
	scale := fs.Int("scale", 0, "明细行数 `LINES`（约数；0 为随附样例的规模）")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *year < 1900 || *year > 9999 || *out == "" || *scale < 0 {
		return usagef("须给出 --year（年份）和 --out（输出文件夹）；--scale 不能为负数")
	}
	sum, err := gen.Generate(gen.Options{Year: *year, Out: *out, Seed: *seed, Lines: *scale})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "已在 %s 生成 %d 家企业的输入：\n", *out, sum.Enterprises)
	for _, name := range slices.Sorted(maps.Keys(sum.Lines)) {
		fmt.Fprintf(stdout, "  %-28s %d 行\n", name, sum.Lines[name])
	}
	return nil
}
