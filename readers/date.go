package readers

import (
	"math"
	"strconv"
	"strings"
	"time"

	"settle/pipeline"
)

// DateFromText reads 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日 or
// 20250301 (SPEC §3), each optionally followed by a time of day, as Java
// and .NET exports write dates (2025-07-15 00:00:00, 2025-03-01T10:30):
// the time is dropped, but one that does not exist (25:00, 10:61) makes
// the date bad. Anything else, or a day that does not exist, is an error.
func DateFromText(s string) (pipeline.Date, error) {
	s = pipeline.Narrow(s)
	if i := strings.LastIndexAny(s, " T"); i > 0 && strings.Contains(s[i+1:], ":") {
		if !validClock(s[i+1:]) {
			return 0, errBadTime
		}
		s = strings.TrimSpace(s[:i])
	}
	if len(s) == 8 && allDigits(s) {
		return civil(s[:4], s[4:6], s[6:8])
	}
	if y, rest, ok := strings.Cut(s, "年"); ok {
		m, rest, ok1 := strings.Cut(rest, "月")
		d, tail, ok2 := strings.Cut(rest, "日")
		if !ok1 || !ok2 || tail != "" {
			return 0, errNotDate
		}
		return civil(strings.TrimSpace(y), strings.TrimSpace(m), strings.TrimSpace(d))
	}
	for _, sep := range []string{"-", "/", "."} {
		if parts := strings.Split(s, sep); len(parts) == 3 {
			return civil(parts[0], parts[1], parts[2])
		}
	}
	return 0, errNotDate
}

// validClock reports a time of day H:MM, HH:MM or HH:MM:SS, seconds
// optionally with a fraction (10:30:00.000), within 00:00 and 23:59:59.
func validClock(s string) bool {
	s, frac, hasFrac := strings.Cut(s, ".") // a fraction of a second
	if hasFrac && (frac == "" || !allDigits(frac)) {
		return false
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	limits := []int{23, 59, 59}
	for k, p := range parts {
		if len(p) < 1 || len(p) > 2 || (k > 0 && len(p) != 2) || !allDigits(p) {
			return false
		}
		if n, _ := strconv.Atoi(p); n > limits[k] {
			return false
		}
	}
	return true
}

// civil validates year (4 digits), month and day (1 or 2 digits).
func civil(ys, ms, ds string) (pipeline.Date, error) {
	if len(ys) != 4 || len(ms) < 1 || len(ms) > 2 || len(ds) < 1 || len(ds) > 2 ||
		!allDigits(ys) || !allDigits(ms) || !allDigits(ds) {
		return 0, errNotDate
	}
	y, _ := strconv.Atoi(ys)
	m, _ := strconv.Atoi(ms)
	d, _ := strconv.Atoi(ds)
	if y < 1 || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, errNoSuchDay
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m {
		return 0, errNoSuchDay
	}
	return pipeline.DateOf(t), nil
}

// maxSerial is 9999-12-31 in the 1900 date system (1462 days less in the
// 1904 one).
const maxSerial = 2958465

var (
	epoch1900 = pipeline.NewDate(1899, 12, 30)
	epoch1904 = pipeline.NewDate(1904, 1, 1)
)

// DateFromSerial reads the stored value of a date-formatted numeric cell:
// days since the workbook's epoch, the time of day dropped. Serial 60 is
// Excel's phantom 1900-02-29, read as 1900-02-28 as excelize does.
func DateFromSerial(raw string, date1904 bool) (pipeline.Date, error) {
	f, err := strconv.ParseFloat(raw, 64)
	lo, hi := 1.0, float64(maxSerial) // 1900-01-01 to 9999-12-31
	if date1904 {
		lo, hi = 0, maxSerial-1462 // 1904-01-01 to 9999-12-31
	}
	if err != nil || math.IsNaN(f) {
		return 0, errNotDate
	}
	if f < lo || f > hi {
		return 0, errSerialRange
	}
	days := int64(math.Floor(f + 0.5/86400000)) // to the millisecond, as Excel shows it
	if date1904 {
		return epoch1904 + pipeline.Date(days), nil
	}
	if days <= 60 {
		days++ // before Excel's phantom 1900-02-29 the epoch is a day later
		if days == 61 {
			days = 60
		}
	}
	return epoch1900 + pipeline.Date(days), nil
}

// DateFromDigits reads a numeric cell that is not date-formatted as its
// digits, e.g. 20250301.
func DateFromDigits(raw string) (pipeline.Date, error) {
	if !allDigits(raw) {
		f, err := strconv.ParseFloat(raw, 64)
		if err != nil || f != math.Trunc(f) || f < 0 || f > 1e9 {
			return 0, errNotDate
		}
		raw = strconv.FormatInt(int64(f), 10)
	}
	if len(raw) != 8 {
		return 0, errNotDate
	}
	return DateFromText(raw)
}

// DateFromISO reads a t="d" cell: an ISO 8601 date, optionally with a
// time of day (and a zone), which is dropped unless it does not exist.
func DateFromISO(raw string) (pipeline.Date, error) {
	d, clock, hasClock := strings.Cut(raw, "T")
	if len(d) != 10 || d[4] != '-' || d[7] != '-' {
		return 0, errNotDate
	}
	if hasClock {
		clock = strings.TrimSuffix(clock, "Z")
		if i := strings.IndexAny(clock, "+-"); i >= 0 {
			clock = clock[:i] // the zone: the date is as written
		}
		if !validClock(clock) {
			return 0, errBadTime
		}
	}
	return civil(d[:4], d[5:7], d[8:10])
}
