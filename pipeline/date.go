package pipeline

import (
	"fmt"
	"time"
)

// Date is a calendar date counted in days since 1970-01-01, the
// representation of Parquet's DATE type. No time zone is involved.
type Date int32

// NewDate makes a Date from a civil date; it does not validate.
func NewDate(y int, m time.Month, d int) Date {
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// DateOf returns the civil date of t, ignoring its time of day and zone.
func DateOf(t time.Time) Date { return NewDate(t.Date()) }

// Time is midnight UTC of the date.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// Year is the calendar year of the date.
func (d Date) Year() int { return d.Time().Year() }

// String formats the date as 2025-03-01.
func (d Date) String() string {
	y, m, dd := d.Time().Date()
	return fmt.Sprintf("%04d-%02d-%02d", y, int(m), dd)
}

// ParseISODate reads 2025-03-01 and nothing else; for policy files and tests.
func ParseISODate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, fmt.Errorf("%q 不是 2025-03-01 格式的日期", s)
	}
	return DateOf(t), nil
}
