package pipeline

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"
)

// Money is an exact amount of CNY in fen (0.01). Input amounts have at most
// two decimals (SPEC §3), so every amount the settlement touches is a whole
// number of fen; products with rates are computed in decimal.Decimal.
type Money int64

// MaxAmount bounds a single input amount: anything larger in magnitude is
// a bad amount. 10^13 yuan is a thousand times any plausible voucher line,
// and keeps one line's entitlement inside the DECIMAL(20,6) column; sums
// that still outgrow the columns stop the run (see MaxEntitlement).
const MaxAmount Money = 1e13 * 100

// MaxEntitlement is the largest entitlement the awards table's
// DECIMAL(20,6) column holds, in yuan.
const MaxEntitlement = 1e14

// Yuan makes a Money from whole yuan.
func Yuan(y int64) Money { return Money(y * 100) }

// Decimal is the amount in yuan as an exact decimal.
func (m Money) Decimal() decimal.Decimal { return decimal.New(int64(m), -2) }

// String formats the amount in yuan with two decimals, e.g. "-1234.50".
func (m Money) String() string {
	sign := ""
	u := uint64(m)
	if m < 0 {
		sign = "-"
		u = uint64(-m)
	}
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}

// Float64 is for Excel cells only: every amount below 10^13 yuan
// round-trips through float64 at Excel's 15 significant digits.
func (m Money) Float64() float64 {
	// Below 2^53 fen both the amount and 100 are exact doubles, and IEEE
	// division rounds the quotient correctly: the result is the double
	// nearest to the exact amount, as parsing its decimal text gives.
	if -1<<53 <= m && m <= 1<<53 {
		return float64(m) / 100
	}
	f, _ := strconv.ParseFloat(m.String(), 64)
	return f
}

// MoneyFromDecimal converts an exact decimal that has at most two decimals.
func MoneyFromDecimal(d decimal.Decimal) (Money, error) {
	fen := d.Shift(2)
	if !fen.Equal(fen.Truncate(0)) {
		return 0, fmt.Errorf("%s 的小数超过两位", d)
	}
	if !fen.BigInt().IsInt64() {
		return 0, fmt.Errorf("%s 超出可表示的范围", d)
	}
	return Money(fen.IntPart()), nil
}

// AddMoney adds with an overflow check.
func AddMoney(a, b Money) (Money, bool) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, false
	}
	return s, true
}

// Clamp0 returns m, or zero when m is negative.
func (m Money) Clamp0() Money {
	if m < 0 {
		return 0
	}
	return m
}

// FloorTo rounds a non-negative decimal amount of yuan down to a multiple of
// unit (in fen) and returns it as Money; negative values round toward zero.
func FloorTo(d decimal.Decimal, unit Money) Money {
	fen := d.Shift(2).Truncate(0).IntPart()
	if unit > 1 {
		fen -= fen % int64(unit)
	}
	return Money(fen)
}
