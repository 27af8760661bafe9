package gen

import (
	"fmt"
	"math"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// defect spoils a clean line so that it gets one reason code: the defect
// never makes an earlier code of SPEC §4 apply. apply reports false when
// it cannot be applied (no earlier line to repeat yet).
type defect struct {
	weight int
	apply  func(g *voucherGen, l *line) bool
}

// defects lists, per voucher, the kinds of bad line and how often each
// comes up among the bad lines.
var defects = map[pipeline.Voucher][]defect{
	pipeline.Compute: {
		{3, missingField}, {1, badBuyerCode}, {1, badPartyCode}, {2, badAmount}, {2, badDate},
		{2, unknownBuyer}, {2, outsideBuyer}, {2, inactiveBuyer}, {3, outOfPeriod},
		{2, badPurpose}, {3, notPartner}, {1, badOrigin}, {3, duplicateDocument}, {2, duplicateInvoice},
	},
	pipeline.Corpus: {
		{3, missingField}, {1, badBuyerCode}, {1, badPartyCode}, {2, badAmount}, {2, badDate},
		{2, unknownBuyer}, {2, outsideBuyer}, {2, inactiveBuyer}, {3, outOfPeriod},
		{3, badVenue}, {3, affiliatedSeller}, {3, duplicateDocument}, {2, duplicateInvoice},
	},
	pipeline.Model: {
		{3, missingField}, {1, badBuyerCode}, {1, badPartyCode}, {2, badAmount}, {2, badDate},
		{2, unknownBuyer}, {2, outsideBuyer}, {2, inactiveBuyer}, {3, outOfPeriod},
		{2, badPurpose}, {3, notFiled}, {2, notYetFiled}, {3, duplicateDocument}, {2, duplicateInvoice},
	},
	pipeline.Innovation: {
		{3, missingField}, {1, badBuyerCode}, {2, badAmount}, {2, badDate},
		{2, unknownBuyer}, {2, outsideBuyer}, {2, inactiveBuyer}, {3, outOfPeriod},
		{3, duplicateDocument}, {2, duplicateInvoice},
	},
}

// spoil applies a random defect, or leaves the line clean when the drawn
// one cannot be applied.
func (g *voucherGen) spoil(l *line) {
	ds := defects[g.v]
	weights := make([]int, len(ds))
	for i, d := range ds {
		weights[i] = d.weight
	}
	d := ds[g.r.weighted(weights)]
	saved := *l
	if !d.apply(g, l) {
		*l = saved
	}
}

func missingField(g *voucherGen, l *line) bool {
	blank := ""
	if g.r.chance(0.2) {
		blank = pick(g.r, []string{" ", "　"})
	}
	switch pick(g.r, g.lay.required) {
	case fBuyer:
		l.buyer, l.ent = blank, nil
	case fParty:
		l.party = blank
	case fDoc:
		l.doc = blank
	case fDate:
		l.dateCell, l.hasDate = text(blank), false
	case fOrigin:
		l.origin = blank
	case fPurpose:
		l.purpose = blank
	case fVenue:
		l.venue = blank
	case fFiling:
		l.filing = blank
	case fAmount:
		l.amtCell, l.hasAmount = text(blank), false
	}
	l.want = pipeline.MissingField
	return true
}

func badBuyerCode(g *voucherGen, l *line) bool {
	l.buyer, l.want = g.r.badUSCC(l.buyer), pipeline.BadUSCC
	return true
}

func badPartyCode(g *voucherGen, l *line) bool {
	if l.party == "" {
		return false
	}
	l.party, l.want = g.r.badUSCC(l.party), pipeline.BadUSCC
	return true
}

// badAmount spellings: a letter typed for a digit, three decimals (as text
// or as a number that Excel shows rounded), words.
func badAmount(g *voucherGen, l *line) bool {
	m := l.amount
	switch g.r.IntN(5) {
	case 0:
		s := []rune(grouped(m))
		s[g.r.IntN(len(s)-3)] = 'O'
		l.amtCell = string(s)
	case 1:
		l.amtCell = fmt.Sprintf("%s5", m.String())
	case 2:
		l.amtCell = excelize.Cell{StyleID: g.b.st.money, Value: float64(int64(m)*10+5) / 1000}
	case 3:
		l.amtCell = fmt.Sprintf("约%d万元", max(1, int64(math.Round(float64(m)/1e6))))
	default:
		l.amtCell = pick(g.r, []string{"见附件", "待确认", "详见合同"})
	}
	l.hasAmount, l.want = false, pipeline.BadAmount
	return true
}

// badDate spellings: days that do not exist, words, dates missing a part.
func badDate(g *voucherGen, l *line) bool {
	y, m, d := ymd(l.date)
	switch g.r.IntN(5) {
	case 0:
		l.dateCell = fmt.Sprintf("%d-02-30", y)
	case 1:
		l.dateCell = fmt.Sprintf("%d/%d/31", y, pick(g.r, []int{4, 6, 9, 11}))
	case 2:
		l.dateCell = pick(g.r, []string{"待补", "见合同", "同上"})
	case 3:
		l.dateCell = fmt.Sprintf("%d.%d", y, m)
	default:
		l.dateCell = fmt.Sprintf("%d月%d日", m, d)
	}
	l.hasDate, l.want = false, pipeline.BadDate
	return true
}

func (l *line) setBuyer(c *company) {
	l.buyer, l.buyerName = c.uscc, c.name
	l.ent = nil
	if c.id >= 0 {
		l.ent = c
	}
}

func unknownBuyer(g *voucherGen, l *line) bool {
	l.setBuyer(pick(g.r, g.w.strangers))
	l.want = pipeline.UnknownEnterprise
	return true
}

func outsideBuyer(g *voucherGen, l *line) bool {
	l.setBuyer(pick(g.r, g.w.outside))
	l.want = pipeline.OutOfJurisdiction
	return true
}

func inactiveBuyer(g *voucherGen, l *line) bool {
	l.setBuyer(pick(g.r, g.w.inactive))
	l.want = pipeline.InactiveEnterprise
	return true
}

func outOfPeriod(g *voucherGen, l *line) bool {
	g.redate(l, g.outOfPeriodDate())
	l.want = pipeline.OutOfPeriod
	return true
}

// outOfPeriodDate is a day of the prior year, early next year, or of year
// Y outside the policy window.
func (g *voucherGen) outOfPeriodDate() pipeline.Date {
	y := g.w.year
	ranges := [][2]pipeline.Date{
		{pipeline.NewDate(y-1, 7, 1), pipeline.NewDate(y-1, 12, 31)},
		{pipeline.NewDate(y+1, 1, 1), pipeline.NewDate(y+1, 3, 31)},
	}
	if jan1 := pipeline.NewDate(y, 1, 1); g.w.from > jan1 {
		ranges = append(ranges, [2]pipeline.Date{jan1, g.w.from - 1})
	}
	if dec31 := pipeline.NewDate(y, 12, 31); g.w.to < dec31 {
		ranges = append(ranges, [2]pipeline.Date{g.w.to + 1, dec31})
	}
	rg := pick(g.r, ranges)
	return g.r.dateIn(rg[0], rg[1])
}

func badPurpose(g *voucherGen, l *line) bool {
	if g.v == pipeline.Compute {
		l.purpose = pick(g.r, badComputePurposes)
	} else {
		l.purpose = pick(g.r, badModelPurposes)
	}
	l.want = pipeline.BadPurpose
	return true
}

// notPartner bills a provider that was never listed, or a partner on a day
// outside its listing.
func notPartner(g *voucherGen, l *line) bool {
	l.want = pipeline.ProviderNotPartner
	if g.r.chance(0.5) {
		p := g.w.partners[g.r.between(partnerMidListed, partnerCount-1)]
		for range 20 {
			d := g.r.dateIn(g.w.from, g.w.to)
			if !p.covers(d) {
				l.party, l.partyName, l.docPrefix = p.co.uscc, p.co.name, p.prefix
				g.redate(l, d)
				return true
			}
		}
	}
	c := pick(g.r, g.w.nonPartners)
	l.party, l.partyName = c.uscc, c.name
	return true
}

func badOrigin(g *voucherGen, l *line) bool {
	l.origin, l.want = pick(g.r, badOrigins), pipeline.BadComputeOrigin
	return true
}

func badVenue(g *voucherGen, l *line) bool {
	l.venue, l.want = pick(g.r, badVenues), pipeline.VenueNotRecognised
	return true
}

// affiliatedSeller buys from itself, from a listed related party (either
// direction) or from an enterprise of its group.
func affiliatedSeller(g *voucherGen, l *line) bool {
	var buyer, seller *company
	switch g.r.IntN(3) {
	case 0:
		buyer = l.ent
		seller = buyer
	case 1:
		a := pick(g.r, g.w.affPairs)
		buyer, seller = a.a, a.b
		if g.r.chance(0.5) {
			buyer, seller = seller, buyer
		}
	default:
		p := pick(g.r, g.w.groupPairs)
		buyer, seller = p[0], p[1]
	}
	l.setBuyer(buyer)
	l.party, l.partyName = seller.uscc, seller.name
	l.want = pipeline.AffiliatedSeller
	return true
}

func notFiled(g *voucherGen, l *line) bool {
	l.filing, l.want = pick(g.r, g.w.unfiled), pipeline.ModelNotFiled
	return true
}

// notYetFiled trades a model filed inside the period before its filing.
func notYetFiled(g *voucherGen, l *line) bool {
	m := g.w.models[pick(g.r, g.w.lateModels)]
	l.filing = m.no
	if l.party != "" {
		l.party, l.partyName = m.provider.uscc, m.provider.name
	}
	g.redate(l, g.r.dateIn(g.w.from, m.filed-1))
	l.want = pipeline.ModelNotYetFiled
	return true
}

// duplicateDocument files an earlier eligible line again, as it was.
func duplicateDocument(g *voucherGen, l *line) bool {
	if len(g.recent) == 0 {
		return false
	}
	*l = pick(g.r, g.recent)
	l.want = pipeline.DuplicateDocument
	return true
}

// duplicateInvoice puts the invoice of an earlier eligible line of the
// same rate on a new line; the earlier line keeps it.
func duplicateInvoice(g *voucherGen, l *line) bool {
	if len(g.recent) == 0 {
		return false
	}
	src := pick(g.r, g.recent)
	if src.invoice == "" {
		return false
	}
	l.invoice = src.invoice
	l.origin = src.origin
	l.want = pipeline.DuplicateInvoice
	l.contested = true
	if src.ent != nil {
		g.contested[src.ent.id] = true
	}
	return true
}

// credit turns the line into a credit note (红字) of an earlier eligible
// line: same buyer, counterparty and day, part or all of its amount.
func (g *voucherGen) credit(l *line) {
	if len(g.recent) == 0 {
		return
	}
	i := g.r.IntN(len(g.recent))
	src := g.recent[i]
	g.recent[i] = g.recent[len(g.recent)-1]
	g.recent = g.recent[:len(g.recent)-1]
	*l = src
	l.doc = src.doc + "-H"
	l.invoice = g.inv.next()
	frac := 1.0
	if g.r.chance(0.7) {
		frac = 0.1 + 0.8*g.r.Float64()
	}
	g.setAmount(l, -pipeline.Money(math.Round(float64(src.amount)*frac)))
}
