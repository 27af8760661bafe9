package main

import (
	"fmt"
	"io"

	"settle/pipeline"
)

// printSummary prints one screen per run: per voucher the lines,
// enterprises, eligible base, entitlement, pool, factor and amount
// awarded.
func printSummary(w io.Writer, r *pipeline.Result) {
	fmt.Fprintf(w, "%d 年度结算（%s），依据 %s（政策 %s）\n\n", r.Year, r.Stage.Text(), r.Policy.DocumentNo, r.Policy.ID)
	rows := [][]string{{"券种", "", "申报行", "符合行", "申报企业", "通过企业", "符合基数", "应补金额", "资金池", "系数", "兑付金额"}}
	for _, t := range r.Totals {
		rows = append(rows, []string{t.Name, string(t.Voucher), fmt.Sprint(t.Lines), fmt.Sprint(t.EligibleLines),
			fmt.Sprint(t.Applicants), fmt.Sprint(t.Approved), t.EligibleBase.String(), pipeline.FloorTo(t.Entitlement, 1).String(), // floored, as the workbooks show it
			t.Pool.String(), fmt.Sprintf("%.6f", t.PoolFactor), t.AwardedAmount.String()})
	}
	printTable(w, "  ", rows, 2, 3, 4, 5, 6, 7, 8, 9, 10)
}

// printReasons prints how many lines each reason code rejected.
func printReasons(w io.Writer, r *pipeline.Result) {
	counts := map[pipeline.Reason]int{}
	for _, f := range r.Files {
		for code, n := range f.ByReason {
			counts[code] += n
		}
	}
	fmt.Fprintln(w, "\n剔除行按原因：")
	var rows [][]string
	for _, code := range pipeline.Reasons {
		if counts[code] > 0 {
			rows = append(rows, []string{string(code), fmt.Sprint(counts[code]), code.Text()})
		}
	}
	printTable(w, "  ", rows, 1)
	fmt.Fprintln(w)
}
