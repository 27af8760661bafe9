package xlsx

// The limits of a worksheet: XFD1048576 is its last cell.
const (
	maxCols = 16384
	maxRows = 1048576
)

// parseCol returns the column number of a cell reference such as "C7"
// (letters in either case, then the row's digits). References beyond
// column XFD, or not of that form, are rejected.
func parseCol(ref []byte) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref) && i < 4; i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a') + 1
	}
	if i == 0 || col > maxCols {
		return 0, false
	}
	if _, ok := parseUint(ref[i:], maxRows); !ok {
		return 0, false
	}
	return col, true
}

// parseUint parses a non-empty run of ASCII digits no greater than limit.
func parseUint(b []byte, limit int) (int, bool) {
	if len(b) == 0 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		if n = n*10 + int(c-'0'); n > limit {
			return 0, false
		}
	}
	return n, true
}

// colName is the letters of a column number: 1 is A, 28 is AB.
func colName(col int) string {
	var b [8]byte
	i := len(b)
	for col > 0 && i > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:])
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace[b[0]] {
		b = b[1:]
	}
	for len(b) > 0 && isSpace[b[len(b)-1]] {
		b = b[:len(b)-1]
	}
	return b
}
