package gen

// roles are the enterprises reserved for the planted cases of §5 and of
// the review round (README.md): they
// get no random lines, so their totals are exactly as README.md says.
type roles struct {
	computeCap, creditForeign, corpusCap, modelCap, innovationCap *company
	rejected, pending, noReview                                   *company
	corpusPool                                                    []*company

	// 审定金额 cases (compute): below the entitlement (binding), above
	// it, not an amount, negative, and on a 不通过 row.
	approvedCut                                         [3]*company
	approvedAbove, approvedBad, approvedNeg, approvedNo *company
	excluded                                            *company    // compute lines struck out in 核减明细
	contestPending, contestApproved                     *company    // the invoice contest of SPEC §4
	official                                            [2]*company // registered under the zone's official names
	nearMiss                                            [2]*company // registered under near-misses
}

// buildRoles reserves the enterprises of the planted §5 cases.
func (w *world) buildRoles() {
	take := func() *company {
		c := w.clean[len(w.clean)-1]
		w.clean = w.clean[:len(w.clean)-1]
		return c
	}
	ro := &w.roles
	ro.computeCap, ro.creditForeign = take(), take()
	ro.corpusCap, ro.modelCap, ro.innovationCap = take(), take(), take()
	ro.rejected, ro.pending, ro.noReview = take(), take(), take()
	for range corpusPoolSize {
		ro.corpusPool = append(ro.corpusPool, take())
	}
	for i := range ro.approvedCut {
		ro.approvedCut[i] = take()
	}
	ro.approvedAbove, ro.approvedBad, ro.approvedNeg, ro.approvedNo = take(), take(), take(), take()
	ro.excluded, ro.contestPending, ro.contestApproved = take(), take(), take()
	for i := range ro.official {
		ro.official[i] = take()
		ro.official[i].place.district = officialNames[i]
	}
	for i := range ro.nearMiss {
		ro.nearMiss[i] = take()
		ro.nearMiss[i].place.district = nearMisses[i]
		w.outside = append(w.outside, ro.nearMiss[i])
	}
	w.plantBanks()
}

// plantBanks spoils the bank details of a few awarded enterprises, the
// cases finance must see held (pipeline.Enterprise.BankProblem): account
// missing, bank missing, both missing, letters in the account, and a
// 19-digit account typed into a number cell (Excel keeps 15 digits).
func (w *world) plantBanks() {
	ro := &w.roles
	ro.modelCap.account = ""
	ro.innovationCap.bank = ""
	ro.corpusPool[0].bank, ro.corpusPool[0].account = "", ""
	a := []byte(ro.corpusPool[1].account)
	a[len(a)-3] = 'O' // the letter O for a zero
	ro.corpusPool[1].account = string(a)
	cc := ro.computeCap
	cc.bank, cc.account = banks[1].name, "6222021202000123456"
	cc.accountCell = float64(6222021202000123456)
}
