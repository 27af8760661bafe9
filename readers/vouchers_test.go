package readers

import (
	"strings"
	"testing"
)

func TestInterner(t *testing.T) {
	var in interners
	row := "91330108MA2DEFX34T杭州舟风数字科技有限公司"
	a := in.get(fName, row[18:])
	b := in.get(fName, strings.Clone(row[18:]))
	if a != "杭州舟风数字科技有限公司" || b != a {
		t.Fatalf("%q, %q", a, b)
	}
	if len(in[fName]) != 1 {
		t.Errorf("one text kept %d times", len(in[fName]))
	}
	// Past maxInterned distinct texts, a column is cloned: the table
	// stops growing and every text still comes back equal.
	for i := 0; i < maxInterned+10; i++ {
		s := strings.Repeat("x", i%50) + string(rune('a'+i%26)) + strings.Repeat("y", i/50)
		if got := in.get(fUSCC, s); got != s {
			t.Fatalf("get(%q) = %q", s, got)
		}
	}
	if n := len(in[fUSCC]); n > maxInterned {
		t.Errorf("the table holds %d texts, more than %d", n, maxInterned)
	}
}
