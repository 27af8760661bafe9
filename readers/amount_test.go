package readers

import (
	"errors"
	"testing"

	"settle/pipeline"
)

func TestAmountFromText(t *testing.T) {
	cases := []struct {
		in   string
		want pipeline.Money
		ok   bool
	}{
		{"1234.56", 123456, true},
		{"1,234.56", 123456, true},
		{"¥1,234.56", 123456, true},
		{"￥1,234.56", 123456, true},
		{"¥ 1,234.56", 123456, true},
		{"１２３４.５６", 123456, true},
		{"（1,234.56）", -123456, true},
		{"(1,234.56)", -123456, true},
		{"-1234.56", -123456, true},
		{"-¥1,234.56", -123456, true},
		{"¥-1,234.56", -123456, true},
		{" 12 ", 1200, true},
		{"1,234,567.8", 123456780, true},
		{"0.10", 10, true},
		{"1.230", 123, true},
		{"-0.00", 0, true},
		{"10000000000000", pipeline.MaxAmount, true},
		{"1000000000000000", 0, false},
		{"10000000000000.01", 0, false},
		{"1.234", 0, false},
		{"12,5x", 0, false},
		{"1,23", 0, false},
		{"1,2345.00", 0, false},
		{",123", 0, false},
		{"1.", 0, false},
		{"", 0, false},
		{"-", 0, false},
		{"¥", 0, false},
		{"1e3", 0, false},
		{"--1", 0, false},
		{"+-5", 0, false}, // hostile corpus: two signs were read as -5
		{"+¥-5", 0, false},
		{"-¥+5", 0, false},
		{"+¥5", 500, true},
		{"¥+5", 500, true},
		{"¥¥5", 0, false},
		{"¥-¥5", 0, false},
		{"(-1)", 0, false},
		{"1 234", 0, false},
		{"NaN", 0, false},
		{"12元", 0, false},
	}
	for _, tc := range cases {
		got, err := AmountFromText(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("AmountFromText(%q) = %s, %v; want %s ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestAmountFromNumber(t *testing.T) {
	cases := []struct {
		raw  string
		want pipeline.Money
		ok   bool
	}{
		{"1234.56", 123456, true},
		{"1234.5599999999999", 123456, true},
		{"0.30000000000000004", 30, true},
		{"-0.1", -10, true},
		{"9144598.4", 914459840, true},
		{"4.5881E4", 4588100, true},
		{"1E+13", pipeline.MaxAmount, true},
		{"1E+15", 0, false},
		{"1.0000000000000001E+13", pipeline.MaxAmount, true},
		{"1E+16", 0, false},
		{"1234.567", 0, false},
		{"0.001", 0, false},
		{"abc", 0, false},
		{"", 0, false},
		{"-0", 0, true},
	}
	for _, tc := range cases {
		got, err := AmountFromNumber(tc.raw)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("AmountFromNumber(%q) = %s, %v; want %s ok=%v", tc.raw, got, err, tc.want, tc.ok)
		}
	}
}

// FuzzAmountFromText: never a panic, never beyond MaxAmount, and an
// amount read prints as text that reads back the same.
func FuzzAmountFromText(f *testing.F) {
	for _, s := range []string{"1,234.56", "¥1,234.56", "１２３４.５６", "(1,234.56)", "-1234.56", "1.2.3", ",,", "¥-(1)"} {
		f.Add(s)
	}
	for _, s := range append(sampleTexts(f, fAmount, 200), hostileAmounts...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := AmountFromText(s)
		if err != nil {
			if !errors.Is(err, pipeline.ErrBadAmount) || err.Error() == "" {
				t.Fatalf("%q: err %v does not say why, wrapping ErrBadAmount", s, err)
			}
			return
		}
		if m > pipeline.MaxAmount || m < -pipeline.MaxAmount {
			t.Fatalf("%q read as %s, beyond the bound", s, m)
		}
		if back, err := AmountFromText(m.String()); err != nil || back != m {
			t.Fatalf("%q read as %s, which reads back as %s, %v", s, m, back, err)
		}
	})
}

// FuzzAmountFromNumber: never a panic, never beyond MaxAmount, and an
// amount read is the number Excel shows (its text reads back the same).
func FuzzAmountFromNumber(f *testing.F) {
	for _, s := range []string{"1234.5599999999999", "0.30000000000000004", "1E+15", "-0", "4.5881E4"} {
		f.Add(s)
	}
	for _, s := range append(sampleTexts(f, fAmount, 200), hostileAmounts...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := AmountFromNumber(s)
		if err != nil {
			if !errors.Is(err, pipeline.ErrBadAmount) || err.Error() == "" {
				t.Fatalf("%q: err %v does not say why, wrapping ErrBadAmount", s, err)
			}
			return
		}
		if m > pipeline.MaxAmount || m < -pipeline.MaxAmount {
			t.Fatalf("%q read as %s, beyond the bound", s, m)
		}
		if back, err := AmountFromNumber(m.String()); err != nil || back != m {
			t.Fatalf("%q read as %s, which reads back as %s, %v", s, m, back, err)
		}
	})
}

// TestAmountCauses: a bad amount says why, wrapping pipeline.ErrBadAmount.
func TestAmountCauses(t *testing.T) {
	cases := []struct {
		in, why string
		number  bool
	}{
		{"12.345", "小数超过两位", false},
		{"1,23,456.00", "千分位分组不正确", false},
		{"12,345,6", "千分位分组不正确", false},
		{"10000000000000.01", "超过 10^13 元", false},
		{"100000000000000000", "超过 10^13 元", false},
		{"1e5", "不是金额", false},
		{"¥", "不是金额", false},
		{"1234.567", "小数超过两位", true},
		{"1.5E+14", "超过 10^13 元", true},
		{"NaN", "不是金额", true},
		{"0.001", "小数超过两位", true},
	}
	for _, tc := range cases {
		read := AmountFromText
		if tc.number {
			read = AmountFromNumber
		}
		_, err := read(tc.in)
		if !errors.Is(err, pipeline.ErrBadAmount) || err.Error() != tc.why {
			t.Errorf("%q (number %v): err %v, want %q wrapping ErrBadAmount", tc.in, tc.number, err, tc.why)
		}
	}
}
