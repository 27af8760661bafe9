package xlsx

import (
	"strconv"
	"strings"
	"testing"
)

func TestDecodeText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "abc", "abc"},
		{"predefined", "&amp;&lt;&gt;&quot;&apos;", `&<>"'`},
		{"decimal", "&#65;&#20013;&#128512;", "A中😀"},
		{"hex", "&#x41;&#x4e2d;&#x1F600;", "A中😀"},
		{"CRLF and CR", "a\r\nb\rc\n", "a\nb\nc\n"},
		{"reference to CR is kept", "a&#13;&#10;b", "a\r\nb"},
		{"unknown entity kept", "&nbsp;&", "&nbsp;&"},
		{"bad references kept", "&#; &#x; &#xZZ; &#0; &#1114112; &#xD800; &#X41;", "&#; &#x; &#xZZ; &#0; &#1114112; &#xD800; &#X41;"},
		{"unterminated", "&amp", "&amp"},
		{"long name", "&verylongentityname;", "&verylongentityname;"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(decodeText([]byte(tc.in))); got != tc.want {
				t.Errorf("decodeText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestUnescapeX(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"none", "a_b_x", "a_b_x"},
		{"carriage return", "a_x000D_b", "a\rb"},
		{"lower-case hex", "_x000d__x0009_", "\r\t"},
		{"escaped underscore", "_x005F_x000D_", "_x000D_"},
		{"not an escape", "_x00G1_ _x12_ _x0041", "_x00G1_ _x12_ _x0041"},
		{"surrogate pair", "_xD83D__xDE00_", "😀"},
		{"lone surrogate", "_xD83D_x", "\uFFFDx"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(unescapeX([]byte(tc.in))); got != tc.want {
				t.Errorf("unescapeX(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestIsDateFormat(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"General", false},
		{"0", false},
		{"0.00", false},
		{"#,##0", false},
		{"#,##0.00_);[Red](#,##0.00)", false},
		{"0.00E+00", false},
		{"0%", false},
		{"@", false},
		{`"$"#,##0.00`, false},
		{`0 "days"`, false},
		{`0\d`, false},
		{`[$-409]#,##0`, false},
		{`[Red][<=100]0;[Blue]0`, false},
		{`_-* #,##0.00\ "€"_-;\-* #,##0.00\ "€"_-;_-* "-"??\ "€"_-;_-@_-`, false},
		{"yyyy/m/d", true},
		{"yyyy-mm-dd;@", true},
		{"[$-409]mmm d", true},
		{"[$-F800]dddd, mmmm dd, yyyy", true},
		{`yyyy"年"m"月"d"日"`, true},
		{"h:mm AM/PM", true},
		{"[h]:mm:ss", true},
		{"[mm]:ss", true},
		{"[ss]", true},
		{"mm:ss.0", true},
		{"DD/MM/YYYY", true},
		{"[Red]d-mmm", true},
		{"[unterminated d", false},
	}
	for _, tc := range tests {
		if got := isDateFormat(tc.code); got != tc.want {
			t.Errorf("isDateFormat(%q) = %v, want %v", tc.code, got, tc.want)
		}
	}
}

func TestBuiltInDates(t *testing.T) {
	var got []string
	for id := range 164 {
		if isBuiltInDate(id) {
			got = append(got, strconv.Itoa(id))
		}
	}
	want := "14 15 16 17 18 19 20 21 22 27 28 29 30 31 32 33 34 35 36 45 46 47 50 51 52 53 54 55 56 57 58 71 72 73 74 75 76 77 78 79 80 81"
	if strings.Join(got, " ") != want {
		t.Errorf("built-in date ids\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}
