package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
	"settle/writers"
)

// Helpers of the mistake tests (mistakes_*_test.go): settling a copy of
// the sample year, editing its workbooks as a user or another program
// would, and reading what was written.

// settled is one run of `settle run` on an input folder.
type settled struct {
	code           int
	stdout, stderr string
	out            string // OUT; the settlement, when written, is OUT/2025
}

// settleRun runs `settle run --year 2025` on in into a new output folder.
func settleRun(t *testing.T, in string, extra ...string) settled {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := run(t, append([]string{"run", "--year", "2025", "--in", in, "--out", out}, extra...)...)
	return settled{code, stdout, stderr, out}
}

// ok fails unless the run settled, and reads the settlement back.
func (s settled) ok(t *testing.T) *writers.Stored {
	t.Helper()
	if s.code != exitOK {
		t.Fatalf("exit %d: %s", s.code, s.stderr)
	}
	return readStored(t, filepath.Join(s.out, "2025"))
}

// nothingWritten fails if the run left anything in OUT.
func (s settled) nothingWritten(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(s.out); err == nil {
		checkEmpty(t, s.out)
	}
}

func checkEmpty(tb testing.TB, dir string) {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		tb.Errorf("left behind in %s: %s", dir, e.Name())
	}
}

// baseline settles the unedited sample year: which lines are eligible,
// which awards are paid.
func baseline(t *testing.T) *writers.Stored {
	t.Helper()
	return settleRun(t, samples).ok(t)
}

// editBook opens a workbook with excelize, lets edit change it and saves it.
func editBook(tb testing.TB, path string, edit func(f *excelize.File)) {
	tb.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	edit(f)
	if err := f.Save(); err != nil {
		tb.Fatal(err)
	}
}

// cellOf names the cell of header h in row r of a sheet whose header row
// names 统一社会信用代码.
func cellOf(tb testing.TB, f *excelize.File, sheet, h string, r int) string {
	tb.Helper()
	col, _ := headerColumns(tb, f, sheet)
	if col[h] == 0 {
		tb.Fatalf("%s has no column %s", sheet, h)
	}
	cell, _ := excelize.CoordinatesToCellName(col[h], r)
	return cell
}

// must fails the test on an error of excelize.
func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// rewriteZip rewrites the workbook at path entry by entry: entry is given
// to fn, which writes it to w (the other entries are copied as they are).
func rewriteZip(tb testing.TB, path, entry string, fn func(w *zip.Writer, f *zip.File) error) {
	tb.Helper()
	data := readBytes(tb, path)
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	found := false
	for _, f := range r.File {
		if f.Name == entry {
			found = true
			err = fn(w, f)
		} else {
			err = w.Copy(f)
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
	if !found {
		tb.Fatalf("%s has no entry %s", path, entry)
	}
	must(tb, w.Close())
	writeBytes(tb, path, buf.Bytes())
}

// editEntry rewrites one entry's text with edit, as a program writing the
// XML itself would.
func editEntry(tb testing.TB, path, entry string, edit func(string) string) {
	tb.Helper()
	rewriteZip(tb, path, entry, func(w *zip.Writer, f *zip.File) error {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		out, err := w.Create(f.Name)
		if err != nil {
			return err
		}
		_, err = io.WriteString(out, edit(string(b)))
		return err
	})
}

// cellElement matches the element of cell ref in a sheet's XML.
func cellElement(ref string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)<c r="` + ref + `"(?:\s[^>]*)?(?:/>|>.*?</c>)`)
}

// replaceCell replaces the element of cell ref, failing unless there is
// exactly one.
func replaceCell(tb testing.TB, xml, ref, with string) string {
	tb.Helper()
	re := cellElement(ref)
	if n := len(re.FindAllStringIndex(xml, -1)); n != 1 {
		tb.Fatalf("%d cells %s in the sheet, want 1", n, ref)
	}
	return re.ReplaceAllLiteralString(xml, with)
}

// lineAt finds the stored line of a voucher at a row.
func lineAt(tb testing.TB, s *writers.Stored, v pipeline.Voucher, row int) pipeline.Line {
	tb.Helper()
	for _, l := range s.Lines {
		if l.Voucher == v && l.Origin.Row == row {
			return l
		}
	}
	tb.Fatalf("no %s line at row %d", v, row)
	return pipeline.Line{}
}

// hasWarning reports whether a warning in the manifest holds every part.
func hasWarning(s *writers.Stored, parts ...string) bool {
	for _, w := range s.Manifest.Warnings {
		if containsAll(w, parts...) {
			return true
		}
	}
	return false
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// payments reads every bank batch file of a settlement: its rows, header
// left out, by file name.
func payments(tb testing.TB, dir string) map[string][][]string {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "payments-*.csv"))
	if len(files) == 0 {
		tb.Fatalf("no payments-*.csv in %s", dir)
	}
	out := map[string][][]string{}
	for _, name := range files {
		b := bytes.TrimPrefix(readBytes(tb, name), []byte("\ufeff"))
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		out[filepath.Base(name)] = rows[1:]
	}
	return out
}

// sheetRows reads a sheet of an output workbook as excelize shows it.
func sheetRows(tb testing.TB, path, sheet string) [][]string {
	tb.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}
