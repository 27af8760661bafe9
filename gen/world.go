package gen

import (
	"settle/pipeline"
	"slices"
)

// company is any company in the inputs: an enterprise of 企业名录 (id ≥ 0,
// its row order there), or a provider, seller or stranger (id -1).
type company struct {
	id      int
	uscc    string
	name    string
	pinyin  string
	place   place
	status  string
	group   string
	bank    string
	account string
	// accountCell, when set, is the 银行账号 cell instead of the text
	// account (a number cell, as Excel keeps a 19-digit number typed in).
	accountCell any
}

// world is everything the workbooks describe, built before any file is
// written: the enterprises, the reference lists and the roles of the
// planted cases.
type world struct {
	year     int
	from, to pipeline.Date // the settlement period: year ∩ policy window

	ents []*company // 企业名录, in written order
	// Pools of 企业名录 by kind. clean holds the active enterprises
	// registered in the district that no planted case reserved.
	clean, outside, inactive []*company
	roles                    roles
	affPairs                 []affiliation // 关联关系 rows
	groupPairs               [][2]*company // same 所属集团, not listed

	partners    []partner  // 算力合作伙伴
	nonPartners []*company // compute providers never listed
	sellers     []*company // corpus sellers, not in 企业名录
	models      []model    // 备案模型
	lateModels  []int      // models filed inside the period
	unfiled     []string   // plausible filing numbers that are not filed
	strangers   []*company // valid codes that are not in 企业名录

	// shared are invoice numbers the planted cases put on lines of two
	// files: compute/corpus, compute/model, corpus/innovation, model/corpus,
	// and the review contest compute/model.
	shared [5]string

	codes map[string]bool // every USCC made, to keep them unique
	names map[string]bool // every company name made
}

// affiliation is one row of 关联关系.
type affiliation struct {
	a, b     *company
	relation string
}

// corpusPoolSize enterprises each reach the corpus cap (2,000,000) so that
// the corpus pool (50,000,000) is oversubscribed even in the sample:
// (26 + the cap case) × 2,000,000 = 54,000,000.
const corpusPoolSize = 26

// Partners with a listing window inside the period (indexes of
// world.partners); the others are listed all year.
const (
	partnerMidListed = 10 // 入库日期 inside the period (and 11)
	partnerDelisted  = 12 // 出库日期 inside the period (and 13)
	partnerRelisted  = 14 // two rows: delisted, then listed again
	partnerCount     = 15
)

// partner is a compute provider with its listing windows.
type partner struct {
	co     *company
	spans  []pipeline.Listing
	prefix string // of its bill numbers
}

func (p *partner) covers(d pipeline.Date) bool {
	for _, s := range p.spans {
		if s.Covers(d) {
			return true
		}
	}
	return false
}

// model is a row of 备案模型.
type model struct {
	no, name, kind string
	provider       *company
	filed          pipeline.Date
}

func buildWorld(year int, from, to pipeline.Date, seed int64, enterprises int) *world {
	r := newRnd(seed, streamWorld)
	w := &world{year: year, from: from, to: to, codes: map[string]bool{}, names: map[string]bool{}}
	w.buildEnterprises(r, enterprises)
	w.buildRoles()
	w.buildAffiliations(r)
	w.buildPartners(r)
	w.buildSellers(r, max(20, enterprises/20))
	w.buildModels(r, max(15, enterprises/100))
	for range max(10, enterprises/50) {
		w.strangers = append(w.strangers, w.newCompany(r, binjiang, applicantTrades))
	}
	inv := newInvoiceSeq(year, sharedInvoiceSpace)
	for i := range w.shared {
		w.shared[i] = inv.next()
	}
	return w
}

// newCompany makes a company with a unique name and code.
func (w *world) newCompany(r *rnd, p place, trades []string) *company {
	c := &company{id: -1, place: p}
	for {
		b := r.brand()
		name := p.city + b.han + pick(r, trades) + "有限公司"
		if r.chance(0.05) {
			name = p.city + b.han + pick(r, trades) + "股份有限公司"
		}
		if !w.names[name] {
			w.names[name] = true
			c.name, c.pinyin = name, b.pinyin
			break
		}
	}
	for {
		code := r.newUSCC(p.division)
		if !w.codes[code] {
			w.codes[code] = true
			c.uscc = code
			return c
		}
	}
}

// buildEnterprises makes 企业名录: 5% registered outside the district, 4%
// inactive, the rest active in 滨江区, in a shuffled order.
func (w *world) buildEnterprises(r *rnd, n int) {
	nOut, nInactive := max(4, n*5/100), max(4, n*4/100)
	all := make([]*company, n)
	for i := range all {
		p := binjiang
		if i < nOut {
			p = outside[i%len(outside)]
		}
		c := w.newCompany(r, p, applicantTrades)
		c.place.district = districtSpelling(r, p)
		c.status = pick(r, activeStatuses)
		if i >= nOut && i < nOut+nInactive {
			c.status = inactiveStatuses[(i-nOut)%len(inactiveStatuses)]
		}
		b := pick(r, banks)
		c.bank, c.account = b.name, r.account(b)
		all[i] = c
	}
	w.ents = make([]*company, n)
	for i, j := range r.Perm(n) {
		all[i].id = j
		w.ents[j] = all[i]
	}
	// Pools keep creation order, so the first outside enterprise is the
	// one of 西湖区 and the first inactive one is 注销.
	for i, c := range all {
		switch {
		case i < nOut:
			w.outside = append(w.outside, c)
		case i < nOut+nInactive:
			w.inactive = append(w.inactive, c)
		default:
			w.clean = append(w.clean, c)
		}
	}
}

// districtSpelling writes 注册区域 the ways registries do.
func districtSpelling(r *rnd, p place) string {
	if p != binjiang {
		return p.district
	}
	switch x := r.IntN(20); {
	case x < 2:
		return "滨江区"
	case x < 3:
		return "浙江省杭州市滨江区"
	case x < 4:
		return officialNames[0]
	case x < 5:
		return officialNames[1]
	}
	return p.district
}

// buildAffiliations forms groups (所属集团) of 2 to 4 enterprises and lists
// related pairs in 关联关系, among enterprises not reserved by the roles.
func (w *world) buildAffiliations(r *rnd) {
	free := append([]*company(nil), w.clean...)
	r.Shuffle(len(free), func(i, j int) { free[i], free[j] = free[j], free[i] })
	nGroups, nPairs := max(3, len(w.ents)/80), max(3, len(w.ents)/60)
	for range nGroups {
		size := r.between(2, 4)
		members := free[:size]
		free = free[size:]
		name := r.brand().han + pick(r, []string{"控股集团", "科技集团", "集团有限公司"})
		for _, m := range members {
			m.group = name
		}
		w.groupPairs = append(w.groupPairs, [2]*company{members[0], members[1]})
	}
	for range nPairs {
		w.affPairs = append(w.affPairs, affiliation{free[0], free[1], pick(r, relationTypes)})
		free = free[2:]
	}
}

// buildPartners lists 15 compute providers: ten all year, two listed inside
// the period, two delisted inside it, one delisted and listed again.
func (w *world) buildPartners(r *rnd) {
	span := int(w.to - w.from)
	at := func(frac float64) pipeline.Date { return w.from + pipeline.Date(float64(span)*frac) }
	before := func() pipeline.Date {
		return r.dateIn(pipeline.NewDate(w.year-2, 3, 1), w.from-30)
	}
	for i := range partnerCount {
		c := w.newCompany(r, pick(r, providerPlaces), computeTrades)
		p := partner{co: c, prefix: initials(c.pinyin)}
		switch {
		case i < partnerMidListed:
			p.spans = []pipeline.Listing{{From: before()}}
		case i < partnerDelisted:
			p.spans = []pipeline.Listing{{From: at(0.25 + 0.05*float64(i-partnerMidListed))}}
		case i < partnerRelisted:
			p.spans = []pipeline.Listing{{From: before(), To: at(0.6 + 0.05*float64(i-partnerDelisted)), HasTo: true}}
		default:
			p.spans = []pipeline.Listing{
				{From: before(), To: at(0.3), HasTo: true},
				{From: at(0.5)},
			}
		}
		w.partners = append(w.partners, p)
	}
	for range 5 {
		w.nonPartners = append(w.nonPartners, w.newCompany(r, pick(r, providerPlaces), computeTrades))
	}
}

// initials are the capitals of a pinyin brand: XingLan → XL.
func initials(pinyin string) string {
	var b []byte
	for i := 0; i < len(pinyin); i++ {
		if c := pinyin[i]; c >= 'A' && c <= 'Z' {
			b = append(b, c)
		}
	}
	return string(b)
}

func (w *world) buildSellers(r *rnd, n int) {
	for range n {
		w.sellers = append(w.sellers, w.newCompany(r, pick(r, providerPlaces), sellerTrades))
	}
}

// buildModels files n models of n/2 providers: 60% 深度合成, 40%
// 生成式人工智能, filed before the period, except three filed inside it.
func (w *world) buildModels(r *rnd, n int) {
	var providers []*company
	for range max(4, n/2) {
		providers = append(providers, w.newCompany(r, pick(r, providerPlaces), modelTrades))
	}
	filed := map[string]bool{}
	span := int(w.to - w.from)
	for i := range n {
		p := providers[i%len(providers)]
		m := model{provider: p, filed: r.dateIn(pipeline.NewDate(w.year-2, 1, 1), w.from-1)}
		if i >= n-3 {
			m.filed = w.from + pipeline.Date(span*(i-n+4)/4)
			w.lateModels = append(w.lateModels, i)
		}
		for {
			b := r.brand()
			if r.chance(0.6) {
				m.kind, m.name = "深度合成", b.han+pick(r, synthesisAlgorithms)
				m.no = r.synthesisFilingNo(p.place.division)
			} else {
				m.kind, m.name = "生成式人工智能", b.han+pick(r, generativeModels)
				m.no = generativeFilingNo(provinceOf(p.place), b.pinyin, m.filed)
			}
			if !filed[m.no] {
				filed[m.no] = true
				break
			}
		}
		w.models = append(w.models, m)
	}
	for len(w.unfiled) < 20 {
		var no string
		if len(w.unfiled)%2 == 0 {
			no = r.synthesisFilingNo(pick(r, providerPlaces).division)
		} else {
			no = generativeFilingNo("Zhejiang", r.brand().pinyin, r.dateIn(w.from-400, w.to))
		}
		if !filed[no] {
			filed[no] = true
			w.unfiled = append(w.unfiled, no)
		}
	}
}

// isShared reports whether invoice is one the planted contests of rate
// and voucher share between lines (w.shared[4] is the review contest's,
// whose buyers' reviews are planted).
func (w *world) isShared(invoice string) bool {
	return invoice != "" && slices.Contains(w.shared[:4], invoice)
}
