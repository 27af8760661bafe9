package gen

import (
	"fmt"
	"strings"

	"settle/pipeline"
)

// The planted cases of the review round (SPEC §2 评审结果 审定金额,
// 核减明细, prior_funding.xlsx; §4 the invoice contest): fixed rows after
// the other planted rows, at every scale. README.md lists them.

// Codes of the review round, spelled here so that gen builds before and
// after the pipeline declares them.
const (
	excludedByReview = pipeline.Reason("EXCLUDED_BY_REVIEW")
	alreadyFunded    = pipeline.Reason("ALREADY_FUNDED")
)

// exclusion is a row of 核减明细. warn: the readers or rules must warn
// about it (no line matches, a required cell is empty, 券种 unknown).
type exclusion struct {
	uscc, name, voucher, doc, reason string
	warn                             bool
}

// funded is a row of prior_funding.xlsx 已资助发票.
type funded struct {
	uscc, name, invoice, program string
	year                         int
	amount                       pipeline.Money
}

// exclude strikes line l out in 核减明细, its document written as doc.
func (p *plant) exclude(l line, doc, reason string) {
	p.excl = append(p.excl, exclusion{uscc: l.buyer, name: l.buyerName,
		voucher: pipeline.VoucherNames[p.g.v], doc: doc, reason: reason})
}

// fund lists the invoice of l in prior_funding.xlsx under enterprise c.
func (p *plant) fund(l line, c *company, invoice, program string, year int) {
	p.funded = append(p.funded, funded{uscc: c.uscc, name: c.name, invoice: invoice,
		program: program, year: year, amount: l.amount})
}

// timed is l with its date as text followed by a time of day, as Java and
// .NET exports write dates.
func (p *plant) timed(l line, suffix string) line {
	y, m, d := ymd(l.date)
	l.dateCell = fmt.Sprintf("%04d-%02d-%02d%s", y, m, d, suffix)
	return l
}

func (p *plant) computeReview() {
	w, ro := p.g.w, &p.g.w.roles
	r := pipeline.Reason("")

	// 审定金额 below the entitlement: it binds (rows 64-69).
	for _, e := range ro.approvedCut {
		for range 2 {
			l := p.std(e)
			p.origin(&l, true)
			p.add(p.with(l, l.date, p.yuan(150_000, 250_000)), r)
		}
	}
	l := p.std(ro.approvedAbove)
	p.origin(&l, true)
	p.add(p.with(l, l.date, p.yuan(50_000, 80_000)), r) // 审定金额 above: no effect
	for _, e := range []*company{ro.approvedBad, ro.approvedNeg, ro.approvedNo} {
		p.add(p.std(e), r) // 待核, negative: pending; on 不通过: rejected
	}

	// 核减明细: struck out as written, after width and case folding; a third
	// line of the same enterprise stays.
	ex := p.std(ro.excluded)
	p.add(ex, excludedByReview)
	p.exclude(ex, ex.doc, "结算单与发票金额不符")
	ex = p.std(ro.excluded)
	p.add(ex, excludedByReview)
	p.exclude(ex, fullWidth(strings.ToLower(ex.doc)), "服务期超出结算期")
	p.add(p.std(ro.excluded), r)
	// Rows that strike nothing: warnings.
	p.excl = append(p.excl,
		exclusion{uscc: ex.buyer, name: ex.buyerName, voucher: "算力券",
			doc: fmt.Sprintf("%s%04d12-9999999", ex.docPrefix, w.year), reason: "重复申报", warn: true},
		exclusion{uscc: ex.buyer, name: ex.buyerName, voucher: "算力券", reason: "单据不全", warn: true},
		exclusion{uscc: ex.buyer, name: ex.buyerName, voucher: "数据券", doc: ex.doc, reason: "重复申报", warn: true})

	// prior_funding.xlsx: two invoices already funded (one listed in
	// full-width digits), one listed under another enterprise.
	fa := p.std()
	p.add(fa, alreadyFunded)
	p.fund(fa, fa.ent, fa.invoice, fmt.Sprintf("%d年度算力券", w.year-1), w.year-1)
	fb := p.std()
	p.add(fb, alreadyFunded)
	p.fund(fb, fb.ent, fullWidth(fb.invoice)+" ", "省级人工智能产业发展专项资金", w.year)
	fc := p.std()
	p.add(fc, r)
	p.fund(fc, ro.corpusCap, fc.invoice, fmt.Sprintf("%d年度语料券", w.year-1), w.year-1)

	// The invoice contest: 60% compute of a 待定 enterprise against 30% model
	// of a 通过 one; the model line keeps it.
	l = p.std(ro.contestPending)
	p.origin(&l, true)
	l.invoice = w.shared[4]
	p.add(l, pipeline.DuplicateInvoice)

	// 注册区域: the zone's official names, and near-misses.
	for _, e := range ro.official {
		p.add(p.std(e), r)
	}
	for _, e := range ro.nearMiss {
		p.add(p.std(e), pipeline.OutOfJurisdiction)
	}

	// Workbook realism: text dates with a time of day, and a bill number
	// typed as a number, repeated as text (the same document).
	p.add(p.timed(p.std(), " 00:00:00"), r)
	p.add(p.timed(p.std(), "T10:30"), r)
	l = p.std()
	y, m, d := ymd(l.date)
	l.doc = fmt.Sprintf("%04d%02d%02d%04d", y, m, d, l.seq%10_000)
	l.docCell = int64(y*10000+m*100+d)*10_000 + int64(l.seq%10_000)
	p.add(l, r)
	l.docCell = nil
	p.add(l, pipeline.DuplicateDocument)
}

func (p *plant) modelReview() {
	w, ro := p.g.w, &p.g.w.roles
	r := pipeline.Reason("")

	l := p.std(ro.contestApproved)
	l.invoice = w.shared[4]
	p.add(l, r) // keeps the invoice over the pending compute line
	l = p.std()
	p.add(l, alreadyFunded)
	p.fund(l, l.ent, l.invoice, "杭州市人工智能产业扶持资金", w.year)
	p.add(p.timed(p.std(), " 00:00:00"), r)
	l = p.std()
	l.doc = fmt.Sprintf("%d", 7_300_000_000+int64(l.seq))
	l.docCell = 7_300_000_000 + int64(l.seq)
	p.add(l, r) // 交易编号 typed as a number
}
