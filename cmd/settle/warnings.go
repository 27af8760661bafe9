package main

import (
	"fmt"
	"io"
	"strings"

	"settle/pipeline"
)

// runWarningsShown is how many warnings run prints; the manifest lists
// them all.
const runWarningsShown = 10

// printWarnings prints how many warnings the run had and the first limit
// of them, saying where the rest are.
func printWarnings(w io.Writer, ws []pipeline.Warning, limit int) {
	if len(ws) == 0 {
		return
	}
	fmt.Fprintf(w, "警告 %d 条：\n", len(ws))
	for i, warn := range ws {
		if i == limit {
			fmt.Fprintf(w, "  …… 其余 %d 条见 manifest.json 的 warnings（或运行 settle check 全部列出）\n", len(ws)-limit)
			break
		}
		fmt.Fprintf(w, "  %s\n", warn)
	}
	fmt.Fprintln(w)
}

// refusePending refuses a final run while any enterprise and voucher with
// an eligible line is still pending review (SPEC §6), listing them.
func refusePending(r *pipeline.Result) error {
	pending := r.Pending()
	if len(pending) == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "不能正式结算（--final）：%d 个企业和券种尚待评审，请在 enterprises.xlsx 的评审结果中给出结论（通过或不通过）后再运行：", len(pending))
	for _, a := range pending {
		name := string(a.Voucher)
		if vp := r.Policy.Vouchers[a.Voucher]; vp != nil {
			name = vp.Name
		}
		fmt.Fprintf(&b, "\n  %s  %s  %s（待评审，计算金额 %s 元）", a.USCC, a.Name, name, a.AfterCap)
	}
	return fmt.Errorf("%s\n未写入任何结果", b.String())
}
