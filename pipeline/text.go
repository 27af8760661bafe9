package pipeline

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fold is the key under which headers and enumerations (compute origin,
// purpose, venue, review words, document and invoice numbers) are compared:
// surrounding white space trimmed, full-width forms folded to half-width and
// English letters lower-cased (SPEC §2).
func Fold(s string) string {
	if foldsToItself(s) {
		return s
	}
	return strings.ToLower(Narrow(s))
}

// foldsToItself reports, cheaply, that Fold(s) is s: no surrounding
// space, no English capital, and nothing but ASCII and CJK unified
// ideographs (which have no case and no full-width form), the shape of
// nearly every document number, purpose and origin in the inputs. It may
// say false for a string that does fold to itself; Fold then takes the
// long way.
func foldsToItself(s string) bool {
	if s == "" {
		return true
	}
	if isASCIISpace(s[0]) || isASCIISpace(s[len(s)-1]) {
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return false
			}
			i++
			continue
		}
		// A CJK unified ideograph, U+4E00..U+9FFF, is E4 B8..BF xx or
		// E5..E9 xx xx in UTF-8 (xx a continuation byte, 80..BF).
		if i+2 >= len(s) || !isCont(s[i+1]) || !isCont(s[i+2]) ||
			c < 0xE4 || c > 0xE9 || (c == 0xE4 && s[i+1] < 0xB8) {
			return false
		}
		i += 3
	}
	return true
}

func isCont(b byte) bool { return b&0xC0 == 0x80 }

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// Narrow trims surrounding white space and folds full-width ASCII forms
// (U+FF01..U+FF5E), the ideographic space and the full-width yen sign to
// their half-width equivalents. It allocates only when something changes.
func Narrow(s string) string {
	s = strings.TrimSpace(s)
	wide := false
	for _, r := range s {
		if isWide(r) {
			wide = true
			break
		}
	}
	if !wide {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(narrowRune(r))
	}
	return strings.TrimSpace(b.String())
}

func isWide(r rune) bool {
	return (r >= 0xFF01 && r <= 0xFF5E) || r == 0x3000 || r == 0xFFE5
}

func narrowRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFF01 + 0x21
	case r == 0x3000:
		return ' '
	case r == 0xFFE5:
		return '¥'
	}
	return r
}

// IsBlank reports whether s holds nothing but white space.
func IsBlank(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) }) < 0
}

// appendFold appends Fold(s) to buf; ASCII text, the usual document and
// invoice number, is folded without allocating.
func appendFold(buf []byte, s string) []byte {
	if foldsToItself(s) {
		return append(buf, s...)
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return append(buf, Fold(s)...)
		}
	}
	s = strings.TrimSpace(s) // ASCII: Narrow is TrimSpace
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}
