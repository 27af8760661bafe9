package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"settle/pipeline"
)

// printSummary prints one screen per run: per voucher the enterprises,
// eligible base, entitlement, pool, factor and amount awarded.
func printSummary(w io.Writer, r *pipeline.Result) {
	fmt.Fprintf(w, "settlement %d under %s (policy %s)\n\n", r.Year, r.Policy.DocumentNo, r.Policy.ID)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "voucher\tlines\teligible\tenterprises\tapproved\teligible base\tentitlement\tpool\tfactor\tawarded\t")
	for _, t := range r.Totals {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%.6f\t%s\t  %s\n",
			t.Voucher, t.Lines, t.EligibleLines, t.Applicants, t.Approved,
			t.EligibleBase, t.Entitlement.StringFixed(2), t.Pool, t.PoolFactor, t.AwardedAmount, t.Name)
	}
	tw.Flush()
}

// printReasons prints how many lines each reason code rejected.
func printReasons(w io.Writer, r *pipeline.Result) {
	counts := map[pipeline.Reason]int{}
	for _, f := range r.Files {
		for code, n := range f.ByReason {
			counts[code] += n
		}
	}
	fmt.Fprintln(w, "\nrejected lines by reason:")
	for _, code := range pipeline.Reasons {
		if counts[code] > 0 {
			fmt.Fprintf(w, "  %-22s %6d  %s\n", code, counts[code], code.Text())
		}
	}
}
