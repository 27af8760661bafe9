package pipeline

import "context"

// rule is one reason code of SPEC §4 and where it is decided: a line rule
// looks at one line at a time; a set rule looks at every line still
// passing (the duplicate rules).
type rule struct {
	code Reason
	line func(c *checkCtx, l lineView) (detail string, rejected bool)
	set  func(ctx context.Context, c *checkCtx, s *settling) error
}

// ruleTable holds the rules of SPEC §4 top to bottom: a line gets the
// first code that applies. The line rules come first, so that one pass
// over the lines applies them all; TestRuleTableFollowsTheSpec keeps the
// table in the order of Reasons.
var ruleTable = []rule{
	{code: MissingField, line: missingField},
	{code: BadUSCC, line: badUSCC},
	{code: BadAmount, line: badAmount},
	{code: BadDate, line: badDate},
	{code: UnknownEnterprise, line: unknownEnterprise},
	{code: OutOfJurisdiction, line: outOfJurisdiction},
	{code: InactiveEnterprise, line: inactiveEnterprise},
	{code: OutOfPeriod, line: outOfPeriod},
	{code: BadPurpose, line: badPurpose},
	{code: ProviderNotPartner, line: providerNotPartner},
	{code: BadComputeOrigin, line: badComputeOrigin},
	{code: VenueNotRecognised, line: venueNotRecognised},
	{code: AffiliatedSeller, line: affiliatedSeller},
	{code: ModelNotFiled, line: modelNotFiled},
	{code: ModelNotYetFiled, line: modelNotYetFiled},
	{code: ExcludedByReview, line: excludedByReview},
	{code: AlreadyFunded, line: alreadyFunded},
	{code: DuplicateDocument, set: duplicateDocuments},
	{code: DuplicateInvoice, set: duplicateInvoices},
}

// settling is the state of one settlement's line rules: the lines as read
// and the verdicts so far, per voucher.
type settling struct {
	lines map[Voucher]*Lines
	verd  map[Voucher]*verdicts
}

// applyRules runs ruleTable over every line of every voucher. Lines that
// pass every line rule are admitted (their rate decided, once) before the
// set rules run, since the invoice rule compares rates.
func applyRules(ctx context.Context, c *checkCtx, s *settling) error {
	k := 0
	for k < len(ruleTable) && ruleTable[k].line != nil {
		k++
	}
	if err := checkLines(ctx, c, s, ruleTable[:k]); err != nil {
		return err
	}
	for _, r := range ruleTable[k:] {
		if err := r.set(ctx, c, s); err != nil {
			return err
		}
	}
	return nil
}

// firstRejection applies the line rules to l in order and returns the
// first that rejects it.
func firstRejection(c *checkCtx, rules []rule, l lineView) (Reason, string) {
	for _, r := range rules {
		if detail, bad := r.line(c, l); bad {
			return r.code, detail
		}
	}
	return "", ""
}

// admit decides the rate of a line that passed the line rules (by origin
// for compute, the voucher's single rate otherwise) and notes its origin
// and purpose in the policy's spelling.
func (vr *voucherRules) admit(l *Line) verdict {
	var v verdict
	o, ok := ParseComputeOrigin(l.ComputeOrigin)
	if ok {
		v.origin = vr.originIdx[o]
	}
	if vr.key == Compute {
		v.rate = vr.rateIdx[string(o)]
	} else {
		v.rate = vr.rateIdx[RateDefault]
	}
	if l.Purpose != "" {
		v.purpose = vr.purposes[Fold(l.Purpose)]
	}
	return v
}
