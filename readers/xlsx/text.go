package xlsx

import (
	"bytes"
	"unicode/utf8"
)

// validUTF8 replaces each run of bytes of b that are not UTF-8 by U+FFFD.
// XML text is Unicode, so a parser would refuse such bytes; the byte
// scanner passes them on, and a string that is not UTF-8 would break the
// outputs (a Parquet reader rejects it).
func validUTF8(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	return bytes.ToValidUTF8(b, []byte("\uFFFD"))
}

// decodeText decodes, in place, XML character data: the predefined entities
// (&amp; &lt; &gt; &quot; &apos;), character references (&#NNN; &#xHH;) and
// line ends (CR LF and a lone CR become LF, as an XML parser must). An
// ampersand that starts nothing valid is kept as it is. It returns the
// decoded prefix of b; decoding never makes text longer.
func decodeText(b []byte) []byte {
	i := indexAmpCR(b)
	if i < 0 {
		return b
	}
	w := i
	for i < len(b) {
		switch c := b[i]; c {
		case '\r':
			b[w] = '\n'
			w, i = w+1, i+1
			if i < len(b) && b[i] == '\n' {
				i++
			}
		case '&':
			r, n := entity(b[i:])
			if n == 0 {
				b[w] = '&'
				w, i = w+1, i+1
				continue
			}
			w += utf8.EncodeRune(b[w:], r)
			i += n
		default:
			b[w] = c
			w, i = w+1, i+1
		}
	}
	return b[:w]
}

func indexAmpCR(b []byte) int {
	i := bytes.IndexByte(b, '&')
	if j := bytes.IndexByte(b, '\r'); j >= 0 && (i < 0 || j < i) {
		return j
	}
	return i
}

// normalizeNewlines turns CR LF and lone CR into LF, in place.
func normalizeNewlines(b []byte) []byte {
	i := bytes.IndexByte(b, '\r')
	if i < 0 {
		return b
	}
	w := i
	for i < len(b) {
		c := b[i]
		i++
		if c == '\r' {
			c = '\n'
			if i < len(b) && b[i] == '\n' {
				i++
			}
		}
		b[w] = c
		w++
	}
	return b[:w]
}

// entity decodes the entity or character reference at the start of b
// (b[0] == '&') and returns the rune and the number of bytes it took, or
// n == 0 when b does not start with a valid one.
func entity(b []byte) (r rune, n int) {
	end := bytes.IndexByte(b[:min(len(b), 12)], ';')
	if end < 2 {
		return 0, 0
	}
	name := b[1:end]
	n = end + 1
	switch string(name) {
	case "amp":
		return '&', n
	case "lt":
		return '<', n
	case "gt":
		return '>', n
	case "quot":
		return '"', n
	case "apos":
		return '\'', n
	}
	if name[0] != '#' || len(name) < 2 {
		return 0, 0
	}
	digits, base := name[1:], rune(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 {
		return 0, 0
	}
	for _, c := range digits {
		d := hexDigit(c)
		if d < 0 || d >= base {
			return 0, 0
		}
		if r = r*base + d; r > utf8.MaxRune {
			return 0, 0
		}
	}
	if r == 0 || !utf8.ValidRune(r) {
		return 0, 0
	}
	return r, n
}

func hexDigit(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return rune(c-'A') + 10
	}
	return -1
}

// unescapeX decodes, in place, the escapes OOXML uses in strings for
// characters XML 1.0 cannot carry: _xHHHH_ is the UTF-16 code unit HHHH
// (Excel writes a carriage return as _x000D_), and _x005F_ is a literal
// underscore, so "_x005F_x000D_" reads "_x000D_". A surrogate pair written
// as two escapes becomes one character; a lone surrogate becomes U+FFFD.
// It returns the decoded prefix of b.
func unescapeX(b []byte) []byte {
	i := bytes.Index(b, []byte("_x"))
	if i < 0 {
		return b
	}
	w := i
	for i < len(b) {
		r, ok := xEscape(b[i:])
		if !ok {
			b[w] = b[i]
			w, i = w+1, i+1
			continue
		}
		i += 7
		if 0xD800 <= r && r < 0xDC00 {
			if lo, ok := xEscape(b[i:]); ok && 0xDC00 <= lo && lo < 0xE000 {
				r = 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00)
				i += 7
			}
		}
		if !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		w += utf8.EncodeRune(b[w:], r)
	}
	return b[:w]
}

// xEscape decodes an _xHHHH_ escape at the start of b.
func xEscape(b []byte) (rune, bool) {
	if len(b) < 7 || b[0] != '_' || b[1] != 'x' || b[6] != '_' {
		return 0, false
	}
	var r rune
	for _, c := range b[2:6] {
		d := hexDigit(c)
		if d < 0 {
			return 0, false
		}
		r = r<<4 | d
	}
	return r, true
}
