package pipeline

import (
	"math/bits"
	"sort"
)

// Claim is one candidate's after-cap amount competing for a pool.
type Claim struct {
	USCC     string
	AfterCap Money // a non-negative multiple of the rounding unit
}

// Allocate divides a pool among claims (SPEC §5 step 5). When the claims
// fit, each gets its after-cap amount and factor is 1. Otherwise each gets
// its amount × pool/total rounded down to the unit, and the units left over
// go one each to the largest remainders (ties: USCC ascending), so that the
// awards sum to the pool exactly and none exceeds its claim. Amounts are
// computed with 128-bit intermediates: exact for every int64 amount.
// The awards come back in the order of claims.
func Allocate(claims []Claim, pool, unit Money) (awards []Money, factor float64) {
	awards = make([]Money, len(claims))
	var total uint64
	for _, c := range claims {
		total += uint64(c.AfterCap / unit)
	}
	p := uint64(pool / unit)
	if total <= p {
		for i, c := range claims {
			awards[i] = c.AfterCap
		}
		return awards, 1
	}
	rem := make([]uint64, len(claims))
	var given uint64
	for i, c := range claims {
		hi, lo := bits.Mul64(uint64(c.AfterCap/unit), p)
		q, r := bits.Div64(hi, lo, total) // hi < total since claim ≤ total and p < 2^64
		awards[i], rem[i] = Money(q)*unit, r
		given += q
	}
	order := make([]int, len(claims))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		i, j := order[a], order[b]
		if rem[i] != rem[j] {
			return rem[i] > rem[j]
		}
		return claims[i].USCC < claims[j].USCC
	})
	for k := uint64(0); k < p-given; k++ {
		awards[order[k]] += unit
	}
	return awards, float64(p) / float64(total)
}
