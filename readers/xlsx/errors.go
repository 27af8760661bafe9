package xlsx

import (
	"archive/zip"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	kflate "github.com/klauspost/compress/flate"
)

// The sentinels callers test with errors.Is. Every error returned by this
// package that is about the workbook's content wraps one of them, together
// with the path of the file (and, where it applies, the part, sheet and row).
var (
	// ErrNotWorkbook: empty file, truncated or corrupt zip, a CSV or PDF
	// renamed, a legacy .xls, a package without xl/workbook.xml, or a part
	// whose XML is malformed (including a cell that refers to a shared
	// string that does not exist).
	ErrNotWorkbook = errors.New("不是有效的 .xlsx 工作簿")
	// ErrEncrypted: an encrypted (password-protected) workbook opened
	// without Options.Password, or with a wrong one.
	ErrEncrypted = errors.New("工作簿设有打开密码")
	// ErrTooLarge: a part inflates to more than Options.MaxPartSize bytes.
	ErrTooLarge = errors.New("工作簿的组成部分超过大小上限")
	// ErrChecksum: a zip entry read to its end does not match the CRC-32
	// or the size its headers record. Errors wrapping it wrap
	// ErrNotWorkbook too, and name the entry.
	ErrChecksum = errors.New("压缩条目校验失败")
	// ErrSheetNotFound: Workbook.Rows was given a name that is not a sheet
	// of the workbook.
	ErrSheetNotFound = errors.New("没有这个工作表")
)

// Errors the scanner reports; they are wrapped in ErrNotWorkbook before
// they leave the package.
var (
	errTruncated    = errors.New("XML 意外结束")
	errMalformed    = errors.New("XML 格式错误")
	errTokenTooLong = errors.New("XML 标签超过读取器允许的长度")
)

// isCorrupt reports whether err means the bytes of the workbook are bad
// (as opposed to an I/O error or the size limit).
func isCorrupt(err error) bool {
	var ce flate.CorruptInputError
	var kce kflate.CorruptInputError // the inflater workbooks are read with
	return errors.Is(err, ErrChecksum) || errors.Is(err, errTruncated) || errors.Is(err, errMalformed) ||
		errors.Is(err, errTokenTooLong) || errors.Is(err, zip.ErrFormat) ||
		errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrAlgorithm) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.As(err, &ce) || errors.As(err, &kce)
}

// causeText says in Chinese what a library found wrong with the bytes of
// a workbook (archive/zip, the inflaters, encoding/xml), for the message
// that wraps ErrNotWorkbook; any other error keeps its own text. It is
// only shown: callers test the sentinels.
func causeText(err error) string {
	var ce flate.CorruptInputError
	var kce kflate.CorruptInputError
	var se *xml.SyntaxError
	switch {
	case errors.As(err, &ce):
		return fmt.Sprintf("压缩数据在第 %d 字节之前已损坏", int64(ce))
	case errors.As(err, &kce):
		return fmt.Sprintf("压缩数据在第 %d 字节之前已损坏", int64(kce))
	case errors.As(err, &se):
		return fmt.Sprintf("XML 第 %d 行语法错误（%s）", se.Line, se.Msg)
	case errors.Is(err, zip.ErrFormat):
		return "zip 格式无效"
	case errors.Is(err, zip.ErrAlgorithm):
		return "使用了不支持的压缩算法"
	case errors.Is(err, zip.ErrChecksum):
		return "校验值不符"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "数据意外截断"
	}
	return err.Error()
}
