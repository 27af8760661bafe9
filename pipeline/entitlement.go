package pipeline

// entitlement is rate × base, exact (SPEC §5 step 2), from the rates the
// lines were admitted at: for compute the domestic and foreign bases at
// their own rates, each base counted as zero when negative. It fills the
// award's bases.
func entitlement(a *Award, v Voucher, b *base) {
	dom, frn := b.domestic.Clamp0(), b.foreign.Clamp0()
	if v == Compute {
		a.BaseDomestic, a.BaseForeign = dom, frn
	}
	a.Base = dom + frn
	a.Entitlement = b.domesticRate.Mul(dom.Decimal()).Add(b.foreignRate.Mul(frn.Decimal()))
}
