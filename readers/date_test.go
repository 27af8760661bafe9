package readers

import (
	"errors"
	"testing"

	"settle/pipeline"
)

func TestDateFromText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"2025-03-01", "2025-03-01"},
		{"2025/3/1", "2025-03-01"},
		{"2025.3.1", "2025-03-01"},
		{"2025年3月1日", "2025-03-01"},
		{"20250301", "2025-03-01"},
		{" ２０２５-０３-０１ ", "2025-03-01"},
		{"2024-02-29", "2024-02-29"},
		{"1899-12-31", "1899-12-31"},
		{"9999-12-31", "9999-12-31"},
		{"2025-02-29", ""},
		{"2025-13-01", ""},
		{"2025-3-1 10:00", "2025-03-01"},
		{"2025-07-15 00:00:00", "2025-07-15"},
		{"2025-03-01T10:30", "2025-03-01"},
		{"2025/3/1 10:30:00", "2025-03-01"},
		{"2025.3.1 9:05", "2025-03-01"},
		{"2025年3月1日 10:30", "2025-03-01"},
		{"20250301 23:59:59.999", "2025-03-01"},
		{"2025-03-01  10:30", "2025-03-01"},
		{"2025-03-01 25:00", ""},
		{"2025-03-01 10:61", ""},
		{"2025-03-01 10:30:60", ""},
		{"2025-03-01 10", ""},
		{"2025-03-01 10:3", ""},
		{"2025-03-01 10:30:00.", ""},
		{"2025-03-01 :30", ""},
		{"2025-02-29 10:00", ""},
		{"2025-03-01 10:00 PM", ""},
		{"25-3-1", ""},
		{"2025/03-01", ""},
		{"2025年3月1", ""},
		{"March 1, 2025", ""},
		{"", ""},
		{"20251301", ""},
		{"2025-00-10", ""},
	}
	for _, tc := range cases {
		d, err := DateFromText(tc.in)
		got := ""
		if err == nil {
			got = d.String()
		}
		if got != tc.want {
			t.Errorf("DateFromText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestDateCauses: a bad date keeps its cause, wrapping
// pipeline.ErrBadDate, for the line's reason detail.
func TestDateCauses(t *testing.T) {
	cases := []struct{ in, why string }{
		{"2025-02-29", "日期不存在"},
		{"2025-03-01 25:00", "时间不存在"},
		{"yesterday", "不是日期"},
	}
	for _, tc := range cases {
		_, err := DateFromText(tc.in)
		if !errors.Is(err, pipeline.ErrBadDate) || err.Error() != tc.why {
			t.Errorf("DateFromText(%q) err = %v, want %q wrapping ErrBadDate", tc.in, err, tc.why)
		}
	}
	if _, err := DateFromSerial("2958466", false); !errors.Is(err, pipeline.ErrBadDate) || err.Error() != "超出 Excel 日期范围" {
		t.Errorf("serial past 9999-12-31: err = %v", err)
	}
}

func TestDateFromSerialAndDigits(t *testing.T) {
	cases := []struct {
		name string
		got  func() (string, error)
		want string
	}{
		{"1900 serial", func() (string, error) { d, err := DateFromSerial("45717", false); return d.String(), err }, "2025-03-01"},
		{"time of day dropped", func() (string, error) { d, err := DateFromSerial("45717.75", false); return d.String(), err }, "2025-03-01"},
		{"1904 serial", func() (string, error) { d, err := DateFromSerial("44255", true); return d.String(), err }, "2025-03-01"},
		{"serial 1", func() (string, error) { d, err := DateFromSerial("1", false); return d.String(), err }, "1900-01-01"},
		{"1904 serial 0", func() (string, error) { d, err := DateFromSerial("0", true); return d.String(), err }, "1904-01-01"},
		{"1904 last serial", func() (string, error) { d, err := DateFromSerial("2957003", true); return d.String(), err }, "9999-12-31"},
		{"1900 last serial", func() (string, error) { d, err := DateFromSerial("2958465", false); return d.String(), err }, "9999-12-31"},
		{"digits", func() (string, error) { d, err := DateFromDigits("20250301"); return d.String(), err }, "2025-03-01"},
		{"digits as float", func() (string, error) { d, err := DateFromDigits("2.0250301E7"); return d.String(), err }, "2025-03-01"},
		{"digits as POI writes them", func() (string, error) { d, err := DateFromDigits("20250301.0"); return d.String(), err }, "2025-03-01"},
		{"iso", func() (string, error) { d, err := DateFromISO("2025-03-01T13:00:00Z"); return d.String(), err }, "2025-03-01"},
		{"iso with zone", func() (string, error) { d, err := DateFromISO("2025-03-01T23:30:00.000+08:00"); return d.String(), err }, "2025-03-01"},
		{"iso date alone", func() (string, error) { d, err := DateFromISO("2025-03-01"); return d.String(), err }, "2025-03-01"},
	}
	for _, tc := range cases {
		got, err := tc.got()
		if err != nil || got != tc.want {
			t.Errorf("%s: %s, %v; want %s", tc.name, got, err, tc.want)
		}
	}
	for _, bad := range []string{"0", "-1", "2958466", "abc", "NaN", "Inf", "1e308"} {
		if _, err := DateFromSerial(bad, false); err == nil {
			t.Errorf("DateFromSerial(%q) accepted", bad)
		}
	}
	// Past 9999 in the 1904 system (it read as year 10003), and before it.
	for _, bad := range []string{"2957004", "2958465", "-1", "-0.5"} {
		if _, err := DateFromSerial(bad, true); err == nil {
			t.Errorf("DateFromSerial(%q, 1904) accepted", bad)
		}
	}
	for _, bad := range []string{"2025-03-01T25:00:00", "2025-03-01T10:61", "2025-02-30T00:00:00"} {
		if _, err := DateFromISO(bad); err == nil {
			t.Errorf("DateFromISO(%q) accepted", bad)
		}
	}
	for _, bad := range []string{"45717", "2025030", "20251301", "20250301.5"} {
		if _, err := DateFromDigits(bad); err == nil {
			t.Errorf("DateFromDigits(%q) accepted", bad)
		}
	}
}

// FuzzDateFromText: never a panic, a year from 1 to 9999, and a date read
// prints as text that reads back the same. The serial and digit readers
// get the same input, with the same bounds.
func FuzzDateFromText(f *testing.F) {
	for _, s := range []string{"2025-03-01", "2025/3/1", "2025.3.1", "2025年3月1日", "20250301", "年月日", "--"} {
		f.Add(s)
	}
	for _, s := range append(sampleTexts(f, fDate, 200), hostileDates...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := DateFromText(s); err != nil && !errors.Is(err, pipeline.ErrBadDate) {
			t.Fatalf("%q: err %v does not wrap ErrBadDate", s, err)
		}
		if d, err := DateFromText(s); err == nil {
			if d.Year() < 1 || d.Year() > 9999 {
				t.Fatalf("%q read as %s", s, d)
			}
			if back, err := DateFromText(d.String()); err != nil || back != d {
				t.Fatalf("%q read as %s, which reads back as %s, %v", s, d, back, err)
			}
		}
		for _, date1904 := range []bool{false, true} {
			if d, err := DateFromSerial(s, date1904); err == nil && (d.Year() < 1900 || d.Year() > 9999) {
				t.Fatalf("serial %q (1904: %v) read as %s", s, date1904, d)
			}
		}
		if d, err := DateFromDigits(s); err == nil && (d.Year() < 1 || d.Year() > 9999) {
			t.Fatalf("digits %q read as %s", s, d)
		}
	})
}
