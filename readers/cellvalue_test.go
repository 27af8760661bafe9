package readers

import "testing"

// TestNumberText: a stored number reads as Excel shows it, whoever wrote
// it: rounded to 15 significant digits, shortest form.
func TestNumberText(t *testing.T) {
	cases := []struct{ raw, want string }{
		{"1234567", "1234567"},
		{"1234567.0", "1234567"}, // Apache POI
		{"1.2345678E7", "12345678"},
		{"1.234567E6", "1234567"}, // .NET
		{"12.50", "12.5"},
		{"12.", "12"},
		{"0.30000000000000004", "0.3"},
		{"1234.5599999999999", "1234.56"},
		{"20250301.0", "20250301"},
		{"6.2220202000123459E18", "6222020200012350000"},
		{"-5.0", "-5"},
		{"0.0", "0"},
		{"1E+2", "100"},
		{"abc", "abc"},
	}
	for _, tc := range cases {
		if got := numberText(tc.raw); got != tc.want {
			t.Errorf("numberText(%q) = %q, want %q", tc.raw, got, tc.want)
		}
	}
}
