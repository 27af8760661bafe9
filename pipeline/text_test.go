package pipeline

import (
	"strings"
	"testing"
)

// foldSlow is Fold's definition, without the fast path.
func foldSlow(s string) string { return strings.ToLower(Narrow(s)) }

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"xj202510-0000002", "xj202510-0000002"},
		{"XJ202510-0000002", "xj202510-0000002"},
		{" 模型研究 ", "模型研究"},
		{"模型研究", "模型研究"},
		{"ＩＮＶ－１", "inv-1"},
		{"\u3000国产\u3000", "国产"},
		{"Domestic", "domestic"},
		{"ÄBC", "äbc"},
		{"a\xffb", "a\uFFFDb"},
		{"网信算备330110507206401230035号", "网信算备330110507206401230035号"},
		{"（杭州）数据交易所", "(杭州)数据交易所"},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got, want := Fold(tc.in), foldSlow(tc.in); got != want {
			t.Errorf("Fold(%q) = %q, but the definition gives %q", tc.in, got, want)
		}
	}
}

// FuzzFold checks the fast path against the definition.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "XJ202510-0000002", " 模型研究", "ＩＮＶ－１", "a\xffb", "\u00a0x", "Ǆ", "\u0085"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), foldSlow(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestFoldEveryRune checks the fast path against the definition for every
// code point, alone and between letters.
func TestFoldEveryRune(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		for _, s := range []string{string(r), "a" + string(r) + "b"} {
			if got, want := Fold(s), foldSlow(s); got != want {
				t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
			}
		}
		if in := r >= 0x4E00 && r <= 0x9FFF; in && !foldsToItself(string(r)) {
			t.Fatalf("foldsToItself(%q) = false for a CJK ideograph", string(r))
		}
	}
}

func TestAppendFold(t *testing.T) {
	for _, s := range []string{"", "XJ202510-0000002", " inv-1 ", "\tAB\n", "模型研究", "ＩＮＶ－１", "a\xffB", "Ä"} {
		if got, want := string(appendFold([]byte("x"), s)), "x"+Fold(s); got != want {
			t.Errorf("appendFold(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzAppendFold(f *testing.F) {
	for _, s := range []string{"", "XJ202510-0000002", " inv-1 ", "ＩＮＶ－１", "a\xffB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendFold(nil, s)), Fold(s); got != want {
			t.Fatalf("appendFold(%q) = %q, want %q", s, got, want)
		}
	})
}
