package writers

import (
	"fmt"

	"settle/pipeline"
)

// writeFollowUp fills 待跟进: every enterprise and voucher of vs whose
// review is still pending (待定) or that the review rejected (不通过), with
// its after-cap amount (what the pool would have to absorb if approved)
// and the reviewer's note; a 合计 row for each of the two.
func writeFollowUp(b *book, r *pipeline.Result, vs []*pipeline.VoucherPolicy) error {
	names := map[pipeline.Voucher]string{}
	for _, vp := range vs {
		names[vp.Key] = vp.Name
	}
	var rows []pipeline.Award
	var widest []string
	for _, want := range []pipeline.Status{pipeline.PendingReview, pipeline.RejectedByReview} {
		for _, a := range r.Awards {
			if _, ok := names[a.Voucher]; ok && a.Status == want {
				rows = append(rows, a)
				widest = append(widest, a.Name)
			}
		}
	}
	cols := []column{{"评审结论", 8, b.text}, {"券种", 7, b.text}, {"统一社会信用代码", 20, b.text},
		{"企业名称", min(fitWidth(14, widest...), 28), b.wrap}, {"合格单据数", 6, b.count},
		{"封顶后金额（元）", 15, b.money}, {"状态", 11, b.wrap}, {"评审备注", 40, b.wrap}}
	t := b.newTable("待跟进", cols, 1+len(rows)+2)
	sums := map[pipeline.Status]pipeline.Money{}
	counts := map[pipeline.Status]int{}
	for _, st := range []pipeline.Status{pipeline.PendingReview, pipeline.RejectedByReview} {
		counts[st] = distinct(r, vs, func(a pipeline.Award) bool { return a.Status == st })
	}
	for _, a := range rows {
		review := a.Review.Text()
		if review == "" {
			review = "待定"
		}
		t.add(review, names[a.Voucher], a.USCC, a.Name, a.EligibleLines, yuan(a.AfterCap), a.Status.Text(), a.ReviewNote)
		sums[a.Status] += a.AfterCap
	}
	bold := b.boldStyles(cols)
	t.addTotal([]any{"待定 合计", nil, nil, fmt.Sprintf("%d 家", counts[pipeline.PendingReview]), nil,
		yuan(sums[pipeline.PendingReview]), nil, "评审通过后需由资金池承担"}, bold)
	t.addTotal([]any{"不通过 合计", nil, nil, fmt.Sprintf("%d 家", counts[pipeline.RejectedByReview]), nil,
		yuan(sums[pipeline.RejectedByReview]), nil, nil}, bold)
	return t.close(true)
}
