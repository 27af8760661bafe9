package pipeline

import "strings"

// usccAlphabet is the character set of the unified social credit code
// (GB 32100-2015); a character's value is its index here.
const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// usccValue is each byte's value in usccAlphabet plus one; 0 for a byte
// outside it. (Two codes a line, a million lines: a table, not a search.)
var usccValue = func() (t [256]uint8) {
	for i := range len(usccAlphabet) {
		t[usccAlphabet[i]] = uint8(i + 1)
	}
	return t
}()

// NormalizeUSCC returns the code in canonical form (trimmed, half-width,
// upper-case) and whether it is a valid 18-character code whose last
// character is the GB 32100-2015 check character. Invalid input comes back
// normalized as far as possible so it can still be shown.
func NormalizeUSCC(s string) (string, bool) {
	n := strings.ToUpper(Narrow(s))
	return n, ValidUSCC(n)
}

// ValidUSCC reports whether an already normalized code is valid.
func ValidUSCC(s string) bool {
	if len(s) != 18 {
		return false
	}
	check, ok := USCCCheckChar(s[:17])
	return ok && s[17] == check
}

// USCCCheckChar computes the check character for the first 17 characters of
// a code; ok is false when one of them is outside the alphabet.
func USCCCheckChar(first17 string) (check byte, ok bool) {
	if len(first17) != 17 {
		return 0, false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := int(usccValue[first17[i]])
		if v == 0 {
			return 0, false
		}
		sum += (v - 1) * usccWeights[i]
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	return usccAlphabet[c], true
}
