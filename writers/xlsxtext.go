package writers

import (
	"strings"
	"unicode/utf8"

	"settle/pipeline"
)

// maxCellChars is Excel's limit on the text of one cell, in UTF-16 units.
const maxCellChars = 32767

// truncatedMark ends a text that was cut to fit a cell.
const truncatedMark = "…〔超出单元格长度，已截断〕"

// safeText makes text from the inputs safe to store in a cell: invalid UTF-8
// (lone surrogates included) and characters XML 1.0 forbids (control
// characters other than tab, LF and CR; U+FFFE, U+FFFF) become U+FFFD, and
// text longer than a cell holds is cut with a marker. Formula-like text
// (=, +, -, @) needs nothing here: it is always written as a string cell.
func safeText(s string) string {
	if isPlainText(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == 0xFFFE, r == 0xFFFF:
			return '\uFFFD'
		}
		return r
	}, s)
	if utf16Len(s) <= maxCellChars {
		return s
	}
	room, n := maxCellChars-utf16Len(truncatedMark), 0
	for i, r := range s {
		if n += utf16Units(r); n > room {
			return s[:i] + truncatedMark
		}
	}
	return s
}

// isPlainText reports, in one pass, that safeText has nothing to change:
// valid UTF-8 without characters XML forbids, and short enough for a cell
// (a valid string never has more UTF-16 units than bytes).
func isPlainText(s string) bool {
	if len(s) > maxCellChars {
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF {
			return false // invalid, or U+FFFD itself: the long way decides
		}
		i += size
	}
	return true
}

func utf16Units(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Units(r)
	}
	return n
}

// textWidth is the column width s needs: CJK and other wide characters
// take about two units.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x1100 && utf8.RuneLen(r) >= 3 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// fitWidth is a column width for the widest of texts, between lo and 60.
func fitWidth(lo float64, texts ...string) float64 {
	w := lo
	for _, s := range texts {
		w = max(w, textWidth(s)+2)
	}
	return min(w, 60)
}

// moneyWidth is the column width an amount needs as #,##0.00 prints it:
// a unit per digit, half a unit per separator, half a unit of room.
func moneyWidth(m pipeline.Money) float64 {
	w := 0.5
	for _, c := range moneyText(m) {
		if c == ',' || c == '.' {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}
