package readers

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"settle/pipeline"
)

// Regression tests for what the hostile corpus (cmd/settle/hostile_*)
// found in this package.

// computeHeader is the header row of 算力结算 with its required columns.
var computeHeader = []any{"统一社会信用代码", "服务商统一社会信用代码", "账单编号", "结算日期", "算力类型", "用途", "结算金额"}

func computeRow(bill string) []any {
	return []any{code(1), code(100), bill, date(2025, 7, 1), "国产", "模型研究", 1000}
}

// TestHostileHeaders: headers as exports and copy-paste leave them still
// match; a row above the header that names a column twice is not the
// header row and does not stop the run.
func TestHostileHeaders(t *testing.T) {
	invisible := []any{"\ufeff统一社会信用代码", "\u200e服务商统一社会信用代码\u200e", "\u200b账单编号\u200b",
		"结算日期\u2060", "\u202a算力类型\u202c", "用途", "结算金额\ufeff"}
	cases := []struct {
		name string
		rows [][]any
		row  int // the data row
	}{
		{"invisible marks around headers", [][]any{invisible, computeRow("B2")}, 2},
		{"glossary row naming columns twice", [][]any{{"统一社会信用代码", "uscc", "结算金额", "amount"}, computeHeader, computeRow("B3")}, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := minimalYear(t)
			writeBook(t, dir, "compute_billing.xlsx", sheet{"算力结算", tc.rows})
			in, err := ReadYear(context.Background(), dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			lines := in.Lines[pipeline.Compute].Slice()
			if len(lines) != 1 || lines[0].Origin.Row != tc.row || len(lines[0].Problems) != 0 || lines[0].Amount != pipeline.Yuan(1000) {
				t.Fatalf("lines %+v", lines)
			}
		})
	}
}

// TestHostileFiles: what cannot be read stops the run with an error that
// still wraps the reason, so the command can say what to do; what is not
// a regular file is refused without reading it (a pipe would block).
func TestHostileFiles(t *testing.T) {
	padding := strings.Repeat(" ", 2<<20)
	bomb := seedBook(t, `<worksheet `+nsMainTest+`><sheetData><row r="1"><c t="inlineStr"><is><t>统一社会信用代码</t></is></c></row>`+
		padding+`</sheetData></worksheet>`, false)
	cases := []struct {
		name    string
		prepare func(path string)
		opt     Options
		want    []error
		words   string
	}{
		{"sheet past the size limit", func(path string) { writeFile(t, filepath.Dir(path), filepath.Base(path), string(bomb)) },
			Options{MaxPartSize: 1 << 20}, []error{ErrUnreadable, ErrTooLarge}, "算力结算"},
		{"named pipe", func(path string) {
			if err := mkfifo(path); err != nil {
				t.Skip(err)
			}
		}, Options{}, []error{ErrUnreadable}, "不是普通文件（是命名管道）"},
		{"directory", func(path string) { os.Mkdir(path, 0o755) }, Options{}, []error{ErrUnreadable}, "不是普通文件（是文件夹）"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := minimalYear(t)
			tc.prepare(filepath.Join(dir, "compute_billing.xlsx"))
			_, err := ReadYear(context.Background(), dir, tc.opt)
			for _, w := range tc.want {
				if !errors.Is(err, w) {
					t.Errorf("err = %v, want it to wrap %v", err, w)
				}
			}
			if err == nil || !strings.Contains(err.Error(), "compute_billing.xlsx") || !strings.Contains(err.Error(), tc.words) {
				t.Errorf("err = %v, want it to name compute_billing.xlsx and say %q", err, tc.words)
			}
		})
	}
}

// TestProblemKeepsLittleOfALongCell: a bad cell's problem shows its first
// 200 characters, not megabytes of junk (held again in the line's detail).
func TestProblemKeepsLittleOfALongCell(t *testing.T) {
	dir := minimalYear(t)
	row := computeRow("B2")
	row[6] = strings.Repeat("元", 32767)
	writeBook(t, dir, "compute_billing.xlsx", sheet{"算力结算", [][]any{computeHeader, row}})
	in, err := ReadYear(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps := in.Lines[pipeline.Compute].Line(0).Problems
	if len(ps) != 1 || ps[0].Reason != pipeline.BadAmount || ps[0].Value != strings.Repeat("元", 200)+"…" {
		t.Fatalf("problems %.300v", ps)
	}
}
