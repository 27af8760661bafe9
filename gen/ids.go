package gen

import (
	"fmt"
	"strings"

	"settle/pipeline"
)

// usccChars is the alphabet of GB 32100-2015 (no I, O, S, V, Z).
const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// newUSCC makes a valid code of an enterprise (registration authority 9,
// category 1) registered in division: 91 + division + organisation code +
// check character.
func (r *rnd) newUSCC(division string) string {
	first17 := "91" + division + r.orgCode()
	check, _ := pipeline.USCCCheckChar(first17)
	return first17 + string(check)
}

// orgCode is a 9-character organisation code (GB 11714): eight characters
// and a check character. Companies registered since 2015 have codes
// starting with MA; older ones have eight digits.
func (r *rnd) orgCode() string {
	var body string
	if r.chance(0.7) {
		body = "MA2" + r.charsFrom(usccChars, 5)
	} else {
		body = string(rune('5'+r.IntN(3))) + r.charsFrom(digits, 7)
	}
	weights := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 8 {
		c := body[i]
		v := int(c - '0')
		if c >= 'A' {
			v = int(c-'A') + 10
		}
		sum += v * weights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return body + "X"
	case 11:
		return body + "0"
	default:
		return body + string(rune('0'+c))
	}
}

// badUSCC spoils a valid code the way people do: a wrong check character,
// a character dropped, two characters swapped, or a letter outside the
// alphabet (O for 0, I for 1).
func (r *rnd) badUSCC(code string) string {
	for {
		var bad string
		switch r.IntN(4) {
		case 0:
			bad = code[:17] + string(usccChars[r.IntN(len(usccChars))])
		case 1:
			i := r.IntN(18)
			bad = code[:i] + code[i+1:]
		case 2:
			i := 2 + r.IntN(14)
			b := []byte(code)
			b[i], b[i+1] = b[i+1], b[i]
			bad = string(b)
		default:
			bad = strings.NewReplacer("0", "O", "1", "I").Replace(code[:17]) + code[17:]
		}
		if _, ok := pipeline.NormalizeUSCC(bad); !ok {
			return bad
		}
	}
}

// account is a bank account number of the bank's shape, as text.
func (r *rnd) account(b bank) string {
	return b.prefix + r.charsFrom(digits, b.length-len(b.prefix))
}

// invoiceSeq numbers 数电发票 (20 digits: year, province 33, channel, a
// space digit per voucher, then a scrambled serial). Numbers of different
// spaces never collide, so each voucher file numbers its own invoices.
type invoiceSeq struct {
	prefix string
	n      int64
}

func newInvoiceSeq(year, space int) *invoiceSeq {
	return &invoiceSeq{prefix: fmt.Sprintf("%02d332%d", year%100, space)}
}

// next returns a fresh number. The serial is scrambled by an affine map that
// is a bijection modulo 10^14, so numbers look random and never repeat.
func (s *invoiceSeq) next() string {
	s.n++
	const mod = 100_000_000_000_000
	v := (s.n*25_214_903_917 + 11_047_935_013) % mod
	return fmt.Sprintf("%s%014d", s.prefix, v)
}

// Invoice number spaces: one per voucher file, one for the planted invoices
// shared between files.
const sharedInvoiceSpace = 9

// synthesisFilingNo is an algorithm filing number of 深度合成 services,
// e.g. 网信算备330110507206401230035号.
func (r *rnd) synthesisFilingNo(division string) string {
	return "网信算备" + division + r.charsFrom(digits, 15) + "号"
}

// generativeFilingNo is a filing number of 生成式人工智能 services, e.g.
// Zhejiang-XingLan-20240315.
func generativeFilingNo(province, pinyin string, filed pipeline.Date) string {
	y, m, d := filed.Time().Date()
	return fmt.Sprintf("%s-%s-%04d%02d%02d", province, pinyin, y, int(m), d)
}

// provinceOf is the pinyin province of a filing by where the provider sits.
func provinceOf(p place) string {
	switch p.city {
	case "北京":
		return "Beijing"
	case "上海":
		return "Shanghai"
	case "深圳":
		return "Guangdong"
	}
	return "Zhejiang"
}
