package readers

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"settle/pipeline"
)

// cellError says why a cell cannot be read, in Chinese, and wraps the
// pipeline sentinel of its kind (pipeline.ErrBadAmount ...). Its text is
// the cause alone: pipeline.Problem prints it after the cell and value,
// `I17 结算金额 "12.345": 小数超过两位`.
type cellError struct {
	kind error // a pipeline sentinel
	why  string
}

func (e *cellError) Error() string { return e.why }
func (e *cellError) Unwrap() error { return e.kind }

func badAmount(why string) error { return &cellError{pipeline.ErrBadAmount, why} }
func badDate(why string) error   { return &cellError{pipeline.ErrBadDate, why} }
func badUSCC(why string) error   { return &cellError{pipeline.ErrBadUSCC, why} }

// Causes shared by several paths.
var (
	errNotAmount    = badAmount("不是金额")
	errDecimals     = badAmount("小数超过两位")
	errGrouping     = badAmount("千分位分组不正确")
	errTooLarge     = badAmount("超过 10^13 元")
	errNotDate      = badDate("不是日期")
	errNoSuchDay    = badDate("日期不存在")
	errBadTime      = badDate("时间不存在")
	errSerialRange  = badDate("超出 Excel 日期范围")
	errUSCCCheck    = badUSCC("校验位不符")
	errUSCCEmptyish = badUSCC("不是统一社会信用代码")
)

// usccCause says why a code that pipeline.NormalizeUSCC rejected is not a
// USCC (SPEC §3): its length, a character outside the code set, or its
// check character.
func usccCause(normalized string) error {
	if n := utf8.RuneCountInString(normalized); n != 18 {
		return badUSCC(fmt.Sprintf("应为 18 位，实为 %d 位", n))
	}
	for _, r := range normalized {
		if !strings.ContainsRune("0123456789ABCDEFGHJKLMNPQRTUWXY", r) {
			return badUSCC(fmt.Sprintf("含不允许的字符“%c”", r))
		}
	}
	return errUSCCCheck
}
