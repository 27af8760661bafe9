package gen

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// excelSerial is the 1900-system serial number of a date (1970-01-01 is
// 25569).
func excelSerial(d pipeline.Date) int { return int(d) + 25569 }

// ymd splits a date.
func ymd(d pipeline.Date) (int, int, int) {
	y, m, dd := d.Time().Date()
	return y, int(m), dd
}

// The spellings of a date: a date cell, a date-time cell, or text and
// numbers the way exports and hand-typed sheets have them (SPEC §3).
type dateForm int

const (
	dateCell dateForm = iota
	dateTimeCell
	dateSlash   // 2025/7/1
	dateChinese // 2025年7月1日
	dateCompact // "20250701"
	dateISO     // "2025-07-01"
	dateDotted  // 2025.7.1
	dateNumber  // 20250701 as a number without date style
)

// dateFormWeights: 88% date cells, the rest spread over the other forms.
var dateFormWeights = []int{880, 20, 30, 20, 15, 15, 10, 10}

func (b *book) dateAs(d pipeline.Date, form dateForm, r *rnd) any {
	y, m, dd := ymd(d)
	switch form {
	case dateTimeCell:
		minutes := r.between(8*60, 20*60)
		return excelize.Cell{StyleID: b.st.datetime, Value: float64(excelSerial(d)) + float64(minutes)/1440}
	case dateSlash:
		return fmt.Sprintf("%d/%d/%d", y, m, dd)
	case dateChinese:
		return fmt.Sprintf("%d年%d月%d日", y, m, dd)
	case dateCompact:
		return fmt.Sprintf("%04d%02d%02d", y, m, dd)
	case dateISO:
		return fmt.Sprintf("%04d-%02d-%02d", y, m, dd)
	case dateDotted:
		return fmt.Sprintf("%d.%d.%d", y, m, dd)
	case dateNumber:
		return y*10000 + m*100 + dd
	}
	return b.dateValue(d)
}

// The spellings of an amount.
type amountForm int

const (
	amountCell      amountForm = iota // number, #,##0.00
	amountPlain                       // number without style
	amountYuan                        // "¥12,345.60"
	amountGrouped                     // "12,345.60"
	amountFullWidth                   // "１２３４５.６０"
	amountParens                      // "(12,345.60)" for credit notes
	amountMinus                       // "-12345.60"
)

var (
	amountFormWeights = []int{920, 20, 30, 20, 10} // positive amounts
	creditFormWeights = []int{40, 0, 0, 0, 0, 40, 20}
)

func (b *book) amountAs(m pipeline.Money, form amountForm) any {
	switch form {
	case amountPlain:
		return moneyFloat(m)
	case amountYuan:
		return "¥" + grouped(m)
	case amountGrouped:
		return grouped(m)
	case amountFullWidth:
		return fullWidth(m.String())
	case amountParens:
		return "(" + grouped(-m) + ")"
	case amountMinus:
		return m.String()
	}
	return excelize.Cell{StyleID: b.st.money, Value: moneyFloat(m)}
}

// moneyFloat is the nearest float64 to the amount: an exact integer divided
// by 100 rounds once, so it shows as the amount at 15 digits.
func moneyFloat(m pipeline.Money) float64 { return float64(m) / 100 }

// grouped formats an amount with thousands separators: 12,345.60.
func grouped(m pipeline.Money) string {
	s := m.String()
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return sign + b.String() + "." + frac
}

// fullWidth turns ASCII into full-width forms (U+FF01..U+FF5E).
func fullWidth(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c > ' ' && c <= '~' {
			c += 0xFF01 - '!'
		}
		b.WriteRune(c)
	}
	return b.String()
}
