package gen

import "settle/pipeline"

// review is a row of 评审结果.
type review struct {
	ent     *company
	voucher pipeline.Voucher
	result  string // 通过, 不通过 or 待定
	note    string
}

// reviews decides the expert review of every enterprise and voucher it
// filed lines for (used[voucher index][enterprise id]): 85% 通过, 5% 不通过,
// 5% 待定 and 5% without a row (pending too). The planted roles get the
// outcome README.md gives them. Rows go in 企业名录 order.
func (w *world) reviews(used [][]bool, r *rnd) []review {
	forced := w.forcedReviews()
	var out []review
	for _, e := range w.ents {
		for vi, v := range pipeline.Vouchers {
			if !used[vi][e.id] {
				continue
			}
			rv := review{ent: e, voucher: v}
			if f, ok := forced[reviewKey{e, v}]; ok {
				rv.result = f
			} else {
				switch x := r.IntN(100); {
				case x < 85:
					rv.result = "通过"
				case x < 90:
					rv.result = "不通过"
				case x < 95:
					rv.result = "待定"
				default:
					rv.result = ""
				}
			}
			switch rv.result {
			case "":
				continue
			case "不通过":
				rv.note = pick(r, rejectNotes)
			case "待定":
				rv.note = pick(r, pendingNotes)
			}
			out = append(out, rv)
		}
	}
	return out
}

type reviewKey struct {
	ent     *company
	voucher pipeline.Voucher
}

// forcedReviews are the outcomes of the planted roles; "" = no row.
func (w *world) forcedReviews() map[reviewKey]string {
	ro := &w.roles
	m := map[reviewKey]string{
		{ro.computeCap, pipeline.Compute}:       "通过",
		{ro.creditForeign, pipeline.Compute}:    "通过",
		{ro.corpusCap, pipeline.Corpus}:         "通过",
		{ro.modelCap, pipeline.Model}:           "通过",
		{ro.innovationCap, pipeline.Innovation}: "通过",
		{ro.rejected, pipeline.Compute}:         "不通过",
		{ro.pending, pipeline.Compute}:          "待定",
		{ro.noReview, pipeline.Compute}:         "",
	}
	for _, c := range ro.corpusPool {
		m[reviewKey{c, pipeline.Corpus}] = "通过"
	}
	return m
}
