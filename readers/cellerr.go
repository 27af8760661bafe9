package readers

import (
	"fmt"
	"strings"
	"unicode"
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
	errNotAmount   = badAmount("不是金额")
	errDecimals    = badAmount("小数超过两位")
	errGrouping    = badAmount("千分位分组不正确")
	errTooLarge    = badAmount("超过 10^13 元")
	errNotDate     = badDate("不是日期")
	errNoSuchDay   = badDate("日期不存在")
	errBadTime     = badDate("时间不存在")
	errSerialRange = badDate("超出 Excel 日期范围")
	errUSCCCheck   = badUSCC("校验位不符")
)

// usccCause says why a code that pipeline.NormalizeUSCC rejected is not a
// USCC (SPEC §3): a character outside the code set (an invisible one
// named by its code point), its length, or its check character.
func usccCause(normalized string) error {
	for _, r := range normalized {
		if strings.ContainsRune(usccChars, r) {
			continue
		}
		if !unicode.IsPrint(r) || unicode.IsSpace(r) {
			return badUSCC(fmt.Sprintf("含不可见字符 U+%04X", r))
		}
		return badUSCC(fmt.Sprintf("含不允许的字符“%c”", r))
	}
	if n := utf8.RuneCountInString(normalized); n != 18 {
		return badUSCC(fmt.Sprintf("应为 18 位，实为 %d 位", n))
	}
	return errUSCCCheck
}

// usccChars are the characters of a USCC (GB 32100-2015: no I, O, S, V, Z).
const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
