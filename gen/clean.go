package gen

import (
	"fmt"
	"math"

	"settle/pipeline"
)

// clean makes an eligible line of the generator's voucher for buyer.
func (g *voucherGen) clean(buyer *company) line {
	var l line
	l.setBuyer(buyer)
	d := g.r.dateIn(g.w.from, g.w.to)
	switch g.v {
	case pipeline.Compute:
		g.cleanCompute(&l, d)
	case pipeline.Corpus:
		g.cleanCorpus(&l, d)
	case pipeline.Model:
		g.cleanModel(&l, d)
	case pipeline.Innovation:
		g.cleanInnovation(&l, d)
	}
	g.setDate(&l, d)
	l.seq = g.nextDoc()
	l.doc = g.docNo(&l)
	return l
}

// docNo is the document number of a line, from its serial and date: bill
// numbers by provider and month, contract numbers by venue and year,
// transaction numbers by day, technology contract registration numbers by
// year and district (技术合同登记号).
func (g *voucherGen) docNo(l *line) string {
	y, m, d := ymd(l.date)
	switch g.v {
	case pipeline.Compute:
		return fmt.Sprintf("%s%04d%02d-%07d", l.docPrefix, y, m, l.seq)
	case pipeline.Corpus:
		return fmt.Sprintf("%s-%d-%06d", l.docPrefix, y, l.seq)
	case pipeline.Model:
		return fmt.Sprintf("MX%04d%02d%02d%07d", y, m, d, l.seq)
	}
	return fmt.Sprintf("%04d330108%06d", y, l.seq)
}

// redate moves a line to day d, renumbering its document.
func (g *voucherGen) redate(l *line, d pipeline.Date) {
	g.setDate(l, d)
	if l.doc != "" {
		l.doc = g.docNo(l)
	}
}

// cleanCompute: a bill of a partner listed on the day, 65% domestic compute,
// amounts log-normal around 18,000 yuan (2,000 to 5,000,000).
func (g *voucherGen) cleanCompute(l *line, d pipeline.Date) {
	p := g.partnerOn(d)
	l.party, l.partyName = p.co.uscc, p.co.name
	l.docPrefix = p.prefix
	l.origin = g.originText(g.r.chance(0.65))
	l.purpose = computePurposes[g.r.weighted([]int{3, 4, 3})]
	x := 18000 * math.Exp(1.4*g.r.NormFloat64())
	x = min(max(x, 2000), 5_000_000)
	g.setAmount(l, pipeline.Money(math.Round(x*100)))
	if g.r.chance(0.95) {
		l.invoice = g.inv.next()
	}
}

// partnerOn picks a partner listed on day d, favouring the big ones.
func (g *voucherGen) partnerOn(d pipeline.Date) *partner {
	for range 8 {
		p := &g.w.partners[g.r.skewed(partnerCount)]
		if p.covers(d) {
			return p
		}
	}
	return &g.w.partners[g.r.IntN(partnerMidListed)] // listed all period
}

// originText spells 国产/非国产, now and then in English or with spaces.
func (g *voucherGen) originText(domestic bool) string {
	if g.r.chance(0.97) {
		if domestic {
			return "国产"
		}
		return "非国产"
	}
	if domestic {
		return pick(g.r, []string{"Domestic", "domestic", " 国产 "})
	}
	return pick(g.r, []string{"Foreign", "foreign", "非国产 "})
}

// cleanCorpus: a contract through a recognised venue with a seller that is
// not in 企业名录, 50,000 to 3,000,000 yuan, mostly round.
func (g *voucherGen) cleanCorpus(l *line, d pipeline.Date) {
	s := g.w.sellers[g.r.skewed(len(g.w.sellers))]
	l.party, l.partyName = s.uscc, s.name
	l.venue = venues[g.r.weighted(venueWeights)]
	l.docPrefix = venueCodes[l.venue]
	x := g.r.logUniform(50_000, 3_000_000)
	var fen int64
	switch k := g.r.IntN(10); {
	case k < 6:
		fen = int64(math.Round(x/1000)) * 100_000
	case k < 9:
		fen = int64(math.Round(x/100)) * 10_000
	default:
		fen = int64(math.Round(x * 100))
	}
	g.setAmount(l, pipeline.Money(fen))
	if g.r.chance(0.9) {
		l.invoice = g.inv.next()
	}
	if g.r.chance(0.1) {
		l.note = pick(g.r, []string{"框架合同首期", "分期结算", "含数据清洗服务", "年度订阅"})
	}
}

// cleanModel: fees for a model filed by the day, the provider left blank
// in 15% of the lines, 10,000 to 1,000,000 yuan.
func (g *voucherGen) cleanModel(l *line, d pipeline.Date) {
	m := g.modelFiledBy(d)
	l.filing = m.no
	if g.r.chance(0.85) {
		l.party, l.partyName = m.provider.uscc, m.provider.name
	}
	l.purpose = modelPurposes[g.r.weighted([]int{6, 4})]
	g.setAmount(l, pipeline.Money(math.Round(g.r.logUniform(10_000, 1_000_000)*100)))
	if g.r.chance(0.95) {
		l.invoice = g.inv.next()
	}
}

// modelFiledBy picks a model filed on or before d.
func (g *voucherGen) modelFiledBy(d pipeline.Date) *model {
	for range 8 {
		m := &g.w.models[g.r.skewed(len(g.w.models))]
		if m.filed <= d {
			return m
		}
	}
	return &g.w.models[0] // filed before the period
}

// cleanInnovation: a registered technology contract with a university or
// institute, 100,000 to 3,000,000 yuan in thousands.
func (g *voucherGen) cleanInnovation(l *line, d pipeline.Date) {
	l.partyName = pick(g.r, institutions)
	g.setAmount(l, pipeline.Money(math.Round(g.r.logUniform(100_000, 3_000_000)/1000)*100_000))
	if g.r.chance(0.7) {
		l.invoice = g.inv.next()
	}
}
