package pipeline

import "testing"

func TestNormalizeUSCC(t *testing.T) {
	valid := "91330108MA27XXXX" // completed below with its check character
	c, _ := USCCCheckChar(valid + "0")
	valid += "0" + string(c)
	cases := []struct {
		in, want string
		ok       bool
	}{
		{valid, valid, true},
		{"  " + valid + "\u3000", valid, true},
		{"９１３３０１０８ＭＡ２７ＸＸＸＸ０" + string(c), valid, true},
		{"91330108ma27xxxx0" + string(c), valid, true},
		{valid[:17] + "Z", valid[:17] + "Z", false},
		{valid[:17], valid[:17], false},
		{"91330108\u200bMA27XXXX0" + string(c), "91330108\u200bMA27XXXX0" + string(c), false},
		{"91330108IA27XXXX0" + string(c), "91330108IA27XXXX0" + string(c), false},
		{"", "", false},
	}
	for _, tc := range cases {
		got, ok := NormalizeUSCC(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("NormalizeUSCC(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	// Published codes of real enterprises validate; one changed character
	// does not.
	for _, real := range []string{"91350100M000100Y43", "9144030071526726XG", "91330100799655058B"} {
		if !ValidUSCC(real) {
			t.Errorf("published code %s rejected", real)
		}
	}
	if ValidUSCC("91330100799655058C") || ValidUSCC(valid[:16]+"1"+valid[17:]) {
		t.Error("a changed character kept the check character valid")
	}
}

func FuzzNormalizeUSCC(f *testing.F) {
	f.Add("91330108MA27XXXX0X")
	f.Add("９１３３")
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := NormalizeUSCC(s)
		if ok && (len(n) != 18 || !ValidUSCC(n)) {
			t.Fatalf("%q normalized to %q", s, n)
		}
	})
}
