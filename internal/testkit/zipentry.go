package testkit

import (
	"archive/zip"
	"io"
	"testing"
)

// ZipEntry returns the inflated text of one entry of a zip file (a
// workbook's sheet XML, its styles …).
func ZipEntry(tb testing.TB, path, entry string) string {
	tb.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.Open(entry)
	if err != nil {
		tb.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}
