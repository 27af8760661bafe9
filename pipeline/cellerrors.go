package pipeline

import "errors"

// Why a cell cannot be read (SPEC §3). Readers wrap them with the cause in
// Chinese (e.g. "小数超过两位") and keep the result in Problem.Err, so
// callers test with errors.Is and the lines table says why.
var (
	ErrMissing   = errors.New("必填字段为空")
	ErrBadUSCC   = errors.New("统一社会信用代码无效")
	ErrBadAmount = errors.New("金额无效")
	ErrBadDate   = errors.New("日期无效")
)
