package pipeline

import (
	"strings"
	"unicode"
)

// Fold is the key under which headers and enumerations (compute origin,
// purpose, venue, review words, document and invoice numbers) are compared:
// surrounding white space trimmed, full-width forms folded to half-width and
// English letters lower-cased (SPEC §2).
func Fold(s string) string {
	return strings.ToLower(Narrow(s))
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
