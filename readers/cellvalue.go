package readers

import (
	"strconv"
	"strings"

	"settle/pipeline"
	"settle/readers/xlsx"
)

// cellText is a cell's value as text, trimmed: numbers as Excel shows them
// at full precision (15 significant digits, shortest form), booleans as
// TRUE/FALSE, errors as their code.
func cellText(c xlsx.Cell) string {
	switch c.Type {
	case xlsx.Number:
		return numberText(c.Value)
	case xlsx.Bool:
		if c.Value == "1" {
			return "TRUE"
		}
		return "FALSE"
	}
	return strings.TrimSpace(c.Value)
}

// numberText formats a stored number as Excel shows it: rounded to 15
// significant digits, in shortest form. Apache POI stores whole numbers
// as 1234567.0 and .NET may write 1.234567E6: both read 1234567.
func numberText(raw string) string {
	if significant(raw) <= 15 && !strings.ContainsAny(raw, "eE+") && !trailingZero(raw) {
		return raw
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return raw
	}
	f, _ = strconv.ParseFloat(strconv.FormatFloat(f, 'e', 14, 64), 64)
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// cellAmount reads an amount cell (SPEC §3).
func cellAmount(c xlsx.Cell) (pipeline.Money, error) {
	switch c.Type {
	case xlsx.Number:
		return AmountFromNumber(c.Value)
	case xlsx.String:
		return AmountFromText(c.Value)
	}
	return 0, errNotAmount
}

// cellDate reads a date cell (SPEC §3).
func cellDate(c xlsx.Cell, date1904 bool) (pipeline.Date, error) {
	switch c.Type {
	case xlsx.Number:
		if c.Date {
			return DateFromSerial(c.Value, date1904)
		}
		return DateFromDigits(c.Value)
	case xlsx.String:
		return DateFromText(c.Value)
	case xlsx.ISODate:
		return DateFromISO(c.Value)
	}
	return 0, errNotDate
}

// trailingZero reports a decimal part that ends in a zero (or a bare
// point), which Excel does not show: 1234567.0, 12.50, 12.
func trailingZero(raw string) bool {
	return strings.Contains(raw, ".") && (strings.HasSuffix(raw, "0") || strings.HasSuffix(raw, "."))
}
