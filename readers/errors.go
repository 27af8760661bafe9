package readers

import (
	"errors"
	"fmt"
	"strings"

	"settle/readers/xlsx"
)

// Structural problems that stop a run (SPEC §2); callers test with
// errors.Is. Bad cells are never errors: they reject their line.
var (
	ErrMissingFile     = errors.New("required file is missing")
	ErrMissingSheet    = errors.New("required sheet is missing")
	ErrMissingColumn   = errors.New("required column is missing")
	ErrDuplicateColumn = errors.New("column appears more than once")
	ErrNoVoucherFile   = errors.New("no voucher workbook present")
	ErrUnreadable      = errors.New("workbook cannot be read")
)

// Kinds of unreadable workbook a caller may want to explain (how to give
// a password, how to raise the limit). Errors wrapping them wrap
// ErrUnreadable too.
var (
	ErrEncrypted = xlsx.ErrEncrypted // password-protected, no or a wrong password
	ErrTooLarge  = xlsx.ErrTooLarge  // a part inflates past Options.MaxPartSize
)

// DefaultMaxPartSize is the part-size limit when Options.MaxPartSize is 0.
const DefaultMaxPartSize = xlsx.DefaultMaxPartSize

// Error locates a problem in an input: file, sheet and, where it applies,
// row, column and the header expected or found. It wraps a sentinel.
type Error struct {
	File   string
	Sheet  string
	Row    int    // 0 when the problem is not in one row
	Col    int    // 1-based; 0 when not in one column
	Header string // the header expected or found
	Value  string
	Err    error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Sheet != "" {
		fmt.Fprintf(&b, " %s", e.Sheet)
		if e.Row > 0 {
			b.WriteString("!")
			if e.Col > 0 {
				b.WriteString(colName(e.Col))
			}
			fmt.Fprintf(&b, "%d", e.Row)
		}
	}
	if e.Header != "" {
		fmt.Fprintf(&b, " (%s)", e.Header)
	}
	if e.Value != "" {
		fmt.Fprintf(&b, " %q", e.Value)
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// colName is the Excel column name of a 1-based column number (1 = A).
func colName(n int) string {
	var buf [8]byte
	i := len(buf)
	for n > 0 {
		n--
		i--
		buf[i] = byte('A' + n%26)
		n /= 26
	}
	return string(buf[i:])
}

// cellRef is an A1-style reference.
func cellRef(col, row int) string { return fmt.Sprintf("%s%d", colName(col), row) }
