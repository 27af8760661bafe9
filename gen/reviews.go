package gen

import (
	"settle/pipeline"
)

// review is a row of 评审结果.
type review struct {
	ent     *company
	voucher pipeline.Voucher
	result  string // 通过, 不通过 or 待定
	note    string
	// approved is the 审定金额 cell: nil (empty), an amount, or a text
	// that is not one. want says what the readers make of it.
	approved any
	want     pipeline.ReviewRow
}

// reviews decides the expert review of every enterprise and voucher it
// filed lines for (used[voucher index][enterprise id]): 85% 通过, 5% 不通过,
// 5% 待定 and 5% without a row (pending too); one 通过 row in ten carries
// a note. The planted roles get the outcome README.md gives them, and the
// buyers of lines that share an invoice (contested) are 通过, so that the
// contest is decided by rate and voucher as the lines were written for.
// Rows go in 企业名录 order.
func (w *world) reviews(used, contested [][]bool, r *rnd) []review {
	forced := w.forcedReviews()
	var out []review
	for _, e := range w.ents {
		for vi, v := range pipeline.Vouchers {
			if !used[vi][e.id] {
				continue
			}
			rv, ok := forced[reviewKey{e, v}]
			if !ok {
				switch x := r.IntN(100); {
				case x < 85:
					rv.result = "通过"
					if r.chance(0.1) {
						rv.note = pick(r, approveNotes)
					}
				case x < 90:
					rv.result = "不通过"
					rv.note = pick(r, rejectNotes)
				case x < 95:
					rv.result = "待定"
					rv.note = pick(r, pendingNotes)
				}
				if contested[vi][e.id] {
					rv = review{result: "通过"}
				}
			}
			if rv.result == "" {
				continue
			}
			rv.ent, rv.voucher = e, v
			rv.want.Result, _ = pipeline.ParseReview(rv.result)
			rv.want.Note = rv.note
			out = append(out, rv)
		}
	}
	return out
}

type reviewKey struct {
	ent     *company
	voucher pipeline.Voucher
}

// 审定金额 of the planted cases, in fen.
var (
	approvedCuts  = [3]pipeline.Money{10_000_000, 12_000_000, 15_000_000} // below the entitlement: binds
	approvedAbove = pipeline.Money(50_000_000)                            // above it: no effect
	approvedNo    = pipeline.Money(5_000_000)                             // on a 不通过 row: ignored
	approvedNeg   = pipeline.Money(-500_000)                              // negative: pending
)

// approvedBadText is a 审定金额 that is not an amount: pending.
const approvedBadText = "待核"

// forcedReviews are the outcomes of the planted roles; result "" = no row.
func (w *world) forcedReviews() map[reviewKey]review {
	ro := &w.roles
	pass := review{result: "通过"}
	m := map[reviewKey]review{
		{ro.computeCap, pipeline.Compute}:       pass,
		{ro.creditForeign, pipeline.Compute}:    pass,
		{ro.corpusCap, pipeline.Corpus}:         {result: "通过", note: "材料齐全"},
		{ro.modelCap, pipeline.Model}:           pass,
		{ro.innovationCap, pipeline.Innovation}: pass,
		{ro.rejected, pipeline.Compute}:         {result: "不通过", note: "存在关联交易"},
		{ro.pending, pipeline.Compute}:          {result: "待定", note: "待现场核查"},
		{ro.noReview, pipeline.Compute}:         {},
		{ro.approvedAbove, pipeline.Compute}:    approvedRow("通过", approvedAbove, "材料齐全"),
		{ro.approvedNeg, pipeline.Compute}:      approvedRow("通过", approvedNeg, ""),
		{ro.approvedNo, pipeline.Compute}:       approvedRow("不通过", approvedNo, "结算凭证与发票不一致"),
		{ro.approvedBad, pipeline.Compute}: {result: "通过", note: "审定金额待财务复核", approved: approvedBadText,
			want: pipeline.ReviewRow{BadApproved: approvedBadText}},
		{ro.excluded, pipeline.Compute}:       {result: "通过", note: "部分单据核减，见核减明细"},
		{ro.contestPending, pipeline.Compute}: {result: "待定", note: "待现场核查"},
		{ro.contestApproved, pipeline.Model}:  {result: "通过", note: "材料齐全"},
		{ro.official[0], pipeline.Compute}:    pass,
		{ro.official[1], pipeline.Compute}:    pass,
		{ro.nearMiss[0], pipeline.Compute}:    pass,
		{ro.nearMiss[1], pipeline.Compute}:    pass,
	}
	for i, c := range ro.approvedCut {
		m[reviewKey{c, pipeline.Compute}] = approvedRow("通过", approvedCuts[i], "核减部分费用")
	}
	for _, c := range ro.corpusPool {
		m[reviewKey{c, pipeline.Corpus}] = pass
	}
	return m
}

// approvedRow is a review with a 审定金额 written as a money cell. A
// negative one reads as BadApproved, written as Excel shows it.
func approvedRow(result string, m pipeline.Money, note string) review {
	rv := review{result: result, note: note, approved: m}
	switch {
	case result == "不通过": // ignored (SPEC §2)
	case m < 0:
		rv.want.BadApproved = m.String()
	default:
		rv.want.Approved, rv.want.HasApproved = m, true
	}
	return rv
}
