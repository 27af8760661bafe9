package writers

import (
	"strings"

	"settle/pipeline"
)

var (
	daxieDigits = []string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}
	// daxieUnits are the places inside a group of four digits (个, 拾, 佰, 仟).
	daxieUnits = []string{"", "拾", "佰", "仟"}
	// daxieGroups name the groups of four digits from the right: 万 and 亿,
	// then 万亿 for amounts past 10^12 yuan.
	daxieGroups = []string{"", "万", "亿", "万亿"}
)

// Daxie writes an amount in the capital numerals of Chinese financial
// documents (人民币大写), following the usual rules of the People's Bank
// of China's 《支付结算办法》 and the accounting standards:
//
//   - 人民币 prefix; 负 after it for a negative amount;
//   - a run of zeros inside the yuan part is one 零, also across 万 and 亿
//     (100,010,000 is 壹亿零壹万元整); zeros at the end of a group read
//     nothing (20,000,000 is 贰仟万元整); a group that is all zeros drops
//     its 万 (100,000,000 is 壹亿元整);
//   - 元 after the yuan part; 整 when there are no fen; 角 without 分 is
//     followed by nothing; a missing 角 before 分 reads 零 (100.01 is
//     壹佰元零壹分); an amount below one yuan has no 元 (0.05 is 伍分);
//   - zero is 零元整.
func Daxie(m pipeline.Money) string {
	var b strings.Builder
	b.WriteString("人民币")
	u := uint64(m)
	if m < 0 {
		b.WriteString("负")
		u = uint64(-m)
	}
	yuan, jiao, fen := u/100, u/10%10, u%10
	if yuan == 0 && jiao == 0 && fen == 0 {
		b.WriteString("零元整")
		return b.String()
	}
	if yuan > 0 {
		b.WriteString(daxieYuan(yuan))
		b.WriteString("元")
	}
	switch {
	case jiao == 0 && fen == 0:
		b.WriteString("整")
	case jiao == 0:
		if yuan > 0 {
			b.WriteString("零")
		}
		b.WriteString(daxieDigits[fen] + "分")
	default:
		b.WriteString(daxieDigits[jiao] + "角")
		if fen > 0 {
			b.WriteString(daxieDigits[fen] + "分")
		}
	}
	return b.String()
}

// daxieYuan writes a positive whole number of yuan.
func daxieYuan(n uint64) string {
	var groups []uint64 // least significant first
	for ; n > 0; n /= 10000 {
		groups = append(groups, n%10000)
	}
	var b strings.Builder
	zero := false // a zero is owed before the next digit written
	for g := len(groups) - 1; g >= 0; g-- {
		v := groups[g]
		if v == 0 {
			zero = b.Len() > 0
			continue
		}
		for p := 3; p >= 0; p-- {
			d := v / pow10(p) % 10
			if d == 0 {
				zero = zero || b.Len() > 0
				continue
			}
			if zero {
				b.WriteString("零")
				zero = false
			}
			b.WriteString(daxieDigits[d] + daxieUnits[p])
		}
		b.WriteString(daxieGroup(g))
	}
	return b.String()
}

// daxieGroup names group g: beyond 万亿 the names repeat with 亿 stacked
// (亿亿), which no voucher reaches but keeps every int64 writable.
func daxieGroup(g int) string {
	if g < len(daxieGroups) {
		return daxieGroups[g]
	}
	return daxieGroups[g%2] + strings.Repeat("亿", g/2)
}

func pow10(p int) uint64 {
	n := uint64(1)
	for range p {
		n *= 10
	}
	return n
}
