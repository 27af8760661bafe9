package readers

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"settle/pipeline"
)

// AmountFromText reads an amount written as text (SPEC §3): 1,234.56,
// ¥1,234.56, full-width digits, (1,234.56) or -1234.56 for credit notes.
// Thousands separators must group by three; more than two non-zero
// decimals, or anything else, is an error.
func AmountFromText(s string) (pipeline.Money, error) {
	s = pipeline.Narrow(s)
	neg, signed, yen := false, false, false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, signed, s = true, true, strings.TrimSpace(s[1:len(s)-1])
	}
	for pass := 0; pass < 2; pass++ { // one sign and one currency sign, either order
		if !signed && (strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+")) {
			neg, signed = s[0] == '-', true
			s = strings.TrimSpace(s[1:])
		}
		if t, ok := strings.CutPrefix(s, "¥"); ok && !yen {
			s, yen = strings.TrimSpace(t), true
		}
	}
	m, err := plainAmount(s, true)
	if err != nil {
		return 0, err
	}
	if neg {
		m = -m
	}
	return m, nil
}

// plainAmount reads digits with an optional decimal part; with grouping,
// commas are allowed between groups of three.
func plainAmount(s string, grouping bool) (pipeline.Money, error) {
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" && (!hasDot || frac == "") {
		return 0, errNotAmount
	}
	if strings.Contains(intPart, ",") {
		if !grouping || !allDigits(strings.ReplaceAll(intPart, ",", "")) {
			return 0, errNotAmount
		}
		if !validGrouping(intPart) {
			return 0, errGrouping
		}
		intPart = strings.ReplaceAll(intPart, ",", "")
	}
	if hasDot && frac == "" {
		return 0, errNotAmount
	}
	frac = strings.TrimRight(frac, "0")
	if !allDigits(intPart) || !allDigits(frac) {
		return 0, errNotAmount
	}
	if len(frac) > 2 {
		return 0, errDecimals
	}
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > 16 {
		return 0, errTooLarge
	}
	var fen int64
	for _, c := range intPart {
		fen = fen*10 + int64(c-'0')
	}
	for i := 0; i < 2; i++ {
		fen *= 10
		if i < len(frac) {
			fen += int64(frac[i] - '0')
		}
	}
	if pipeline.Money(fen) > pipeline.MaxAmount {
		return 0, errTooLarge
	}
	return pipeline.Money(fen), nil
}

func validGrouping(s string) bool {
	groups := strings.Split(s, ",")
	if len(groups[0]) < 1 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// AmountFromNumber reads the stored value of a numeric cell as Excel shows
// it at full precision: rounded to 15 significant digits, then in shortest
// form (1234.5599999999999 is 1234.56).
func AmountFromNumber(raw string) (pipeline.Money, error) {
	neg := strings.HasPrefix(raw, "-")
	digits := strings.TrimPrefix(raw, "-")
	if len(digits) <= 16 && !strings.ContainsAny(digits, "eE") && significant(digits) <= 15 {
		m, err := plainAmount(digits, false)
		if neg {
			m = -m
		}
		return m, err
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return 0, errNotAmount
	}
	d, err := decimal.NewFromString(strconv.FormatFloat(f, 'e', 14, 64))
	if err != nil {
		return 0, errNotAmount
	}
	if d.Abs().GreaterThan(pipeline.MaxAmount.Decimal()) {
		return 0, errTooLarge
	}
	m, err := pipeline.MoneyFromDecimal(d)
	if err != nil {
		return 0, errDecimals
	}
	return m, nil
}

// significant counts the digits of a plain decimal without leading zeros.
func significant(s string) int {
	n, leading := 0, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			continue
		}
		if leading && c == '0' {
			continue
		}
		leading = false
		n++
	}
	return n
}
