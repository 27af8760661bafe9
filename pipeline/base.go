package pipeline

import (
	"fmt"
	"sort"

	"github.com/shopspring/decimal"
)

// base accumulates one enterprise's eligible amounts for one voucher
// (SPEC §5 step 1), each origin apart with the rate its lines were
// admitted at.
type base struct {
	lines    int64
	domestic Money // compute: domestic origin; other vouchers: everything
	foreign  Money // compute: foreign origin
	// The rates of the lines summed in domestic and in foreign: all lines
	// of one origin share one rate.
	domesticRate, foreignRate decimal.Decimal
}

// bases sums the eligible lines of one voucher per enterprise; the
// enterprises come back in USCC order.
func bases(v Voucher, lines *Lines, verd *verdicts) (map[string]*base, []string, error) {
	m := map[string]*base{}
	var order []string
	for i := range lines.Len() {
		if !verd.passes(i) {
			continue
		}
		uscc := lines.buyer(i)
		b := m[uscc]
		if b == nil {
			b = &base{}
			m[uscc] = b
			order = append(order, uscc)
		}
		b.lines++
		sum, rate := &b.domestic, &b.domesticRate
		if v == Compute && verd.v[i].origin == verd.originOf(Foreign) {
			sum, rate = &b.foreign, &b.foreignRate
		}
		*rate = verd.rate(i)
		amount, _ := lines.Amount(i)
		var ok bool
		if *sum, ok = AddMoney(*sum, amount); !ok {
			return nil, nil, fmt.Errorf("%s: 企业 %s 的%s基数超出可结算的范围；请检查其明细中是否有数位错误的金额", lines.Line(i).Origin, uscc, VoucherNames[v])
		}
	}
	sort.Strings(order)
	return m, order, nil
}

// originOf is the canon index of origin o.
func (vs *verdicts) originOf(o ComputeOrigin) uint8 {
	for k, c := range vs.canon {
		if c == string(o) {
			return uint8(k + 1)
		}
	}
	return 0
}
