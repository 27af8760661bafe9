package xlsx

import (
	"archive/zip"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"testing"

	kflate "github.com/klauspost/compress/flate"
)

// TestCauseText: what a library found wrong with a workbook's bytes is
// said in Chinese; an error it does not know keeps its text.
func TestCauseText(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"corrupt deflate", flate.CorruptInputError(9), "压缩数据在第 9 字节之前已损坏"},
		{"corrupt deflate, klauspost", fmt.Errorf("read: %w", kflate.CorruptInputError(12)), "压缩数据在第 12 字节之前已损坏"},
		{"XML syntax", &xml.SyntaxError{Msg: "unexpected EOF", Line: 3}, "XML 第 3 行语法错误（unexpected EOF）"},
		{"zip format", zip.ErrFormat, "zip 格式无效"},
		{"zip algorithm", zip.ErrAlgorithm, "使用了不支持的压缩算法"},
		{"zip checksum", zip.ErrChecksum, "校验值不符"},
		{"truncated", io.ErrUnexpectedEOF, "数据意外截断"},
		{"our own", fmt.Errorf("%w：行号 %q 无效", errMalformed, "x"), `XML 格式错误：行号 "x" 无效`},
		{"unknown", errors.New("disk on fire"), "disk on fire"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := causeText(tc.err); got != tc.want {
				t.Errorf("causeText(%v) = %q, want %q", tc.err, got, tc.want)
			}
		})
	}
}
