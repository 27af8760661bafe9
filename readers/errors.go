package readers

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"settle/pipeline"
	"settle/readers/xlsx"
)

// Structural problems that stop a run (SPEC §2); callers test with
// errors.Is. Bad cells are never errors: they reject their line.
var (
	ErrMissingFile     = errors.New("缺少必需的文件")
	ErrMissingSheet    = errors.New("找不到工作表")
	ErrMissingColumn   = errors.New("缺少必需的列")
	ErrDuplicateColumn = errors.New("列名重复")
	ErrNoVoucherFile   = errors.New("没有任何券种的明细工作簿")
	ErrUnreadable      = errors.New("工作簿无法读取")
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

// Error reads "compute_billing.xlsx 算力结算!I7 "x": 缺少必需的列“结算金额”…":
// the position as pipeline.Origin prints it, the value when there is one,
// then the cause (which names the header where one is meant).
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(pipeline.Origin{File: e.File, Sheet: e.Sheet, Row: e.Row, Col: e.Col}.String())
	if e.Row == 0 && e.Col > 0 {
		fmt.Fprintf(&b, " 第 %s 列", pipeline.ColumnName(e.Col))
	}
	if e.Value != "" {
		fmt.Fprintf(&b, " %q", e.Value)
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// cellRef is an A1-style reference.
func cellRef(col, row int) string { return pipeline.ColumnName(col) + strconv.Itoa(row) }
