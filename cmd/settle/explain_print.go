package main

import (
	"fmt"
	"io"
	"settle/pipeline"
)

// printExplanation prints an explanation in Chinese for people.
func printExplanation(w io.Writer, ex *explanation) {
	fmt.Fprintf(w, "%s（%s）\n%d 年度结算（%s），运行编号 %s\n结算文件夹：%s\n",
		ex.Name, ex.USCC, ex.Year, pipeline.Stage(ex.Stage).Text(), short(ex.RunID), ex.Settlement)
	for _, v := range ex.Vouchers {
		fmt.Fprintf(w, "\n== %s（%s，%s，主管部门 %s）==\n", v.Name, v.Voucher, v.Clause, v.Bureau)
		fmt.Fprintln(w, "\n申报行：")
		rows := [][]string{{"文件", "工作表", "行", "单据编号", "发票号码", "日期", "金额", "结果"}}
		for _, l := range v.Lines {
			verdict := "符合，比例 " + l.Rate
			if !l.Eligible {
				verdict = fmt.Sprintf("剔除 %s %s", l.ReasonCode, l.Reason)
				if l.Detail != "" {
					verdict += "：" + l.Detail
				}
			}
			rows = append(rows, []string{l.File, l.Sheet, fmt.Sprint(l.Row), l.Document, l.Invoice, l.Date, l.Amount, verdict})
		}
		printTable(w, "  ", rows, 2, 6)
		fmt.Fprintln(w, "\n基数与比例：")
		for _, b := range v.Bases {
			fmt.Fprintf(w, "  %s：合计 %s 元，计入 %s 元 × 比例 %s = %s 元\n", b.Label, b.Sum, b.Base, b.Rate, b.Entitlement)
		}
		fmt.Fprintln(w, "\n步骤（【】内为政策条款和 docs/RULES.md 中的规则编号）：")
		for i, s := range v.Steps {
			fmt.Fprintf(w, "  %d. %s【%s】%s\n", i+1, s.Step, s.Clause, s.Text)
		}
		fmt.Fprintf(w, "\n兑付金额：%s 元（%s）\n", v.Award, v.StatusText)
	}
}

func short(id string) string { return id[:min(16, len(id))] }
