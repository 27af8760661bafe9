package gen

import (
	"fmt"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// The planted cases: fixed lines at the top of each voucher file, the same
// rows at every scale and seed (only names, codes and amounts vary with the
// seed). README.md lists them row by row; keep the two in step.

// planted returns the planted lines of the generator's voucher.
func (g *voucherGen) planted() []line {
	p := &plant{g: g}
	switch g.v {
	case pipeline.Compute:
		p.compute()
		p.computeReview()
	case pipeline.Corpus:
		p.corpus()
	case pipeline.Model:
		p.model()
		p.modelReview()
	case pipeline.Innovation:
		p.innovation()
	}
	g.exclusions, g.funded = p.excl, p.funded
	return p.lines
}

type plant struct {
	g      *voucherGen
	lines  []line
	excl   []exclusion // rows of 核减明细 the lines call for
	funded []funded    // rows of prior_funding.xlsx
}

func (p *plant) add(l line, want pipeline.Reason) {
	l.want = want
	p.lines = append(p.lines, l)
}

// std is an eligible line of a random clean buyer (or the given one) with a
// date cell, a #,##0.00 amount, the canonical spelling of its enumerations
// and an invoice number.
func (p *plant) std(buyer ...*company) line {
	g := p.g
	b := g.pickBuyer()
	if len(buyer) > 0 {
		b = buyer[0]
	}
	l := g.clean(b)
	if g.v == pipeline.Compute {
		p.origin(&l, l.origin == "国产" || pipeline.Fold(l.origin) == "domestic")
	}
	if l.invoice == "" {
		l.invoice = g.inv.next()
	}
	g.plain(&l)
	return l
}

func (p *plant) origin(l *line, domestic bool) {
	if domestic {
		l.origin = "国产"
	} else {
		l.origin = "非国产"
	}
}

// with returns l with date d (its document renumbered) and amount m as
// plain cells.
func (p *plant) with(l line, d pipeline.Date, m pipeline.Money) line {
	l.date, l.amount = d, m
	if l.doc != "" {
		l.doc = p.g.docNo(&l)
	}
	p.g.plain(&l)
	return l
}

// yuan is an amount between lo and hi yuan, with random fen.
func (p *plant) yuan(lo, hi int) pipeline.Money {
	return pipeline.Money(int64(p.g.r.between(lo, hi-1))*100 + int64(p.g.r.IntN(100)))
}

// billed moves a compute line to partner pt on day d.
func (p *plant) billed(l line, pt *partner, d pipeline.Date) line {
	l.party, l.partyName, l.docPrefix = pt.co.uscc, pt.co.name, pt.prefix
	return p.with(l, d, l.amount)
}

func (p *plant) compute() {
	g, w := p.g, p.g.w
	r := pipeline.Reason("")

	l := p.std()
	l.doc = ""
	p.add(l, pipeline.MissingField) // 账单编号 empty
	l = p.std()
	l.amtCell, l.hasAmount = nil, false
	p.add(l, pipeline.MissingField) // 结算金额 empty
	l = p.std()
	l.buyer = wrongCheck(l.buyer)
	p.add(l, pipeline.BadUSCC) // buyer: wrong check character
	l = p.std()
	l.party = l.party[:10] + "O" + l.party[11:]
	p.add(l, pipeline.BadUSCC) // provider: letter O, outside the alphabet
	l = p.std()
	l.amtCell, l.hasAmount = "12,3O4.50", false
	p.add(l, pipeline.BadAmount)
	l = p.std()
	l.amtCell, l.hasAmount = excelize.Cell{StyleID: g.b.st.money, Value: 1234.567}, false
	p.add(l, pipeline.BadAmount) // a number with three decimals, shown as 1,234.57
	l = p.std()
	l.dateCell, l.hasDate = "待补", false
	p.add(l, pipeline.BadDate)
	l = p.std()
	l.dateCell, l.hasDate = fmt.Sprintf("%d-02-30", w.year), false
	p.add(l, pipeline.BadDate)
	p.add(p.std(w.strangers[0]), pipeline.UnknownEnterprise)
	p.add(p.std(w.outside[0]), pipeline.OutOfJurisdiction)   // 杭州市西湖区
	p.add(p.std(w.inactive[0]), pipeline.InactiveEnterprise) // 注销
	l = p.std()
	p.add(p.with(l, pipeline.NewDate(w.year-1, 12, 20), l.amount), pipeline.OutOfPeriod)
	l = p.std()
	p.add(p.with(l, p.inYearOutOfWindow(), l.amount), pipeline.OutOfPeriod)
	l = p.std()
	l.purpose = "日常办公"
	p.add(l, pipeline.BadPurpose)
	l = p.std()
	l.party, l.partyName = w.nonPartners[0].uscc, w.nonPartners[0].name
	p.add(l, pipeline.ProviderNotPartner) // never listed
	del := &w.partners[partnerDelisted]
	out := del.spans[0].To
	p.add(p.billed(p.std(), del, out+(w.to-out)/2), pipeline.ProviderNotPartner) // after 出库日期
	re := &w.partners[partnerRelisted]
	p.add(p.billed(p.std(), re, (re.spans[0].To+re.spans[1].From)/2), pipeline.ProviderNotPartner) // between its two listings
	l = p.std()
	l.origin = "混合"
	p.add(l, pipeline.BadComputeOrigin)

	a := p.std()
	p.add(a, r)
	p.add(a, pipeline.DuplicateDocument) // the same provider and bill again
	b := p.std()
	p.origin(&b, true)
	b.contested = true
	p.add(b, r)
	c := p.std()
	p.origin(&c, true)
	c.invoice = b.invoice
	b.contested, c.contested = true, true
	p.add(c, pipeline.DuplicateInvoice) // same rate: the earlier row keeps it
	f, d := p.std(), p.std()
	p.origin(&f, false)
	p.origin(&d, true)
	d.invoice = f.invoice
	f.contested, d.contested = true, true
	p.add(f, pipeline.DuplicateInvoice) // foreign 30% loses to the later domestic 60%
	p.add(d, r)
	l = p.std()
	p.origin(&l, true)
	l.invoice = w.shared[0]
	p.add(l, r) // keeps the invoice over corpus
	l = p.std()
	p.origin(&l, false)
	l.invoice = w.shared[1]
	p.add(l, r) // keeps the invoice over model (tie at 30%: compute first)
	mid := &w.partners[partnerMidListed]
	p.add(p.billed(p.std(), mid, mid.spans[0].From), r) // on its 入库日期
	p.add(p.billed(p.std(), del, out), r)               // on its 出库日期

	// Spellings that must all be read (SPEC §3).
	for _, form := range []dateForm{dateSlash, dateChinese, dateCompact, dateNumber, dateTimeCell} {
		l = p.std()
		l.dateCell = g.b.dateAs(l.date, form, g.r)
		p.add(l, r)
	}
	for _, form := range []amountForm{amountYuan, amountFullWidth} {
		l = p.std()
		l.amtCell = g.b.amountAs(l.amount, form)
		p.add(l, r)
	}
	l = p.std()
	// A float artefact: the next float64 above the amount. excelize keeps
	// 15 significant digits (by truncation), so the sheet holds e.g.
	// 22649.2000000000 rather than 22649.200000000004.
	l.amtCell = excelize.Cell{StyleID: g.b.st.money, Value: math.Nextafter(moneyFloat(l.amount), math.Inf(1))}
	p.add(l, r)
	l = p.std()
	l.buyer = strings.ToLower(l.buyer) + " "
	p.add(l, r)
	l = p.std()
	l.buyer = fullWidth(l.buyer)
	p.add(l, r)
	l = p.std()
	l.origin = " Domestic "
	p.add(l, r)

	// §5: a foreign base made negative by a credit note, domestic positive.
	cf := w.roles.creditForeign
	l = p.std(cf)
	p.origin(&l, true)
	p.add(p.with(l, l.date, 80_000_000), r)
	f = p.std(cf)
	p.origin(&f, false)
	f = p.with(f, f.date, 12_000_000)
	p.add(f, r)
	f.doc += "-H"
	f.invoice = g.inv.next()
	f.amount = -20_000_000
	f.amtCell = g.b.amountAs(f.amount, amountParens)
	p.add(f, r)
	// §5: entitlement above the cap: 12 domestic bills of 2.9 to 3.3 million.
	for range 12 {
		l = p.std(w.roles.computeCap)
		p.origin(&l, true)
		p.add(p.with(l, l.date, p.yuan(2_900_000, 3_300_000)), r)
	}
	// §5: review outcomes 不通过, 待定 and no row.
	for _, e := range []*company{w.roles.rejected, w.roles.pending, w.roles.noReview} {
		p.add(p.std(e), r)
		p.add(p.std(e), r)
	}
}

// inYearOutOfWindow is a day of year Y outside the policy window (2025-05-20
// for 2025), or the next January when the window covers the whole year.
func (p *plant) inYearOutOfWindow() pipeline.Date {
	w := p.g.w
	switch {
	case w.from > pipeline.NewDate(w.year, 1, 1):
		return w.from - 21
	case w.to < pipeline.NewDate(w.year, 12, 31):
		return w.to + 10
	}
	return pipeline.NewDate(w.year+1, 1, 6)
}

// wrongCheck replaces the check character of a valid code by another one.
func wrongCheck(code string) string {
	i := strings.IndexByte(usccChars, code[17])
	return code[:17] + string(usccChars[(i+1)%len(usccChars)])
}

func (p *plant) corpus() {
	w := p.g.w
	r := pipeline.Reason("")

	l := p.std()
	l.venue = ""
	p.add(l, pipeline.MissingField) // 交易平台 empty
	l = p.std()
	l.party = l.party[:5] + l.party[6:]
	p.add(l, pipeline.BadUSCC) // seller: 17 characters
	l = p.std()
	l.venue = "线下直签"
	p.add(l, pipeline.VenueNotRecognised)
	l = p.std()
	l.party, l.partyName = l.buyer, l.buyerName
	p.add(l, pipeline.AffiliatedSeller) // seller = buyer
	pair := w.affPairs[0]
	p.add(p.sold(pair.a, pair.b), pipeline.AffiliatedSeller) // listed in 关联关系
	p.add(p.sold(pair.b, pair.a), pipeline.AffiliatedSeller) // the same pair the other way
	grp := w.groupPairs[0]
	p.add(p.sold(grp[0], grp[1]), pipeline.AffiliatedSeller) // same 所属集团
	for i, share := range []int{0, 2, 3} {
		l = p.std()
		l.invoice = w.shared[share]
		want := []pipeline.Reason{pipeline.DuplicateInvoice, r, pipeline.DuplicateInvoice}[i]
		p.add(l, want) // loses to compute; keeps it over innovation; loses to model
	}
	c := p.std()
	p.add(c, r)
	p.add(c, pipeline.DuplicateDocument)
	for _, m := range []pipeline.Money{240_000_000, 250_000_000, 220_000_000} {
		l = p.std(w.roles.corpusCap)
		p.add(p.with(l, l.date, m), r)
	}
	for _, e := range w.roles.corpusPool {
		for range 3 {
			l = p.std(e)
			p.add(p.with(l, l.date, pipeline.Money(p.g.r.between(230, 290))*1_000_000), r)
		}
	}
}

// sold is an eligible-looking corpus line of buyer bought from seller.
func (p *plant) sold(buyer, seller *company) line {
	l := p.std(buyer)
	l.party, l.partyName = seller.uscc, seller.name
	return l
}

func (p *plant) model() {
	w := p.g.w
	r := pipeline.Reason("")

	l := p.std()
	l.filing = w.unfiled[0]
	p.add(l, pipeline.ModelNotFiled)
	late := w.models[w.lateModels[0]]
	l = p.traded(late, w.from+(late.filed-w.from)/2)
	p.add(l, pipeline.ModelNotYetFiled)
	l = p.std()
	l.purpose = "模型研究"
	p.add(l, pipeline.BadPurpose) // a compute purpose
	for i, share := range []int{1, 3} {
		l = p.std()
		l.invoice = w.shared[share]
		p.add(l, []pipeline.Reason{pipeline.DuplicateInvoice, r}[i]) // loses to compute; keeps it over corpus
	}
	l = p.std()
	l.party, l.partyName = "", ""
	p.add(l, r) // no provider
	late = w.models[w.lateModels[1]]
	p.add(p.traded(late, late.filed), r) // on its filing date
	d := p.std()
	p.add(d, r)
	p.add(d, pipeline.DuplicateDocument)
	for range 8 {
		l = p.std(w.roles.modelCap)
		p.add(p.with(l, l.date, p.yuan(850_000, 1_000_000)), r)
	}
}

// traded is a model line of model m on day d.
func (p *plant) traded(m model, d pipeline.Date) line {
	l := p.std()
	l.filing = m.no
	l.party, l.partyName = m.provider.uscc, m.provider.name
	return p.with(l, d, l.amount)
}

func (p *plant) innovation() {
	w := p.g.w
	r := pipeline.Reason("")

	l := p.std()
	l.doc = ""
	p.add(l, pipeline.MissingField) // 技术合同登记号 empty
	e := p.std()
	p.add(e, r)
	p.add(e, pipeline.DuplicateDocument)
	l = p.std()
	l.invoice = w.shared[2]
	p.add(l, pipeline.DuplicateInvoice) // loses to corpus
	l = p.std()
	p.add(p.with(l, pipeline.NewDate(w.year-1, 11, 15), l.amount), pipeline.OutOfPeriod)
	for _, m := range []pipeline.Money{120_000_000, 90_000_000} {
		l = p.std(w.roles.innovationCap)
		p.add(p.with(l, l.date, m), r)
	}
}
