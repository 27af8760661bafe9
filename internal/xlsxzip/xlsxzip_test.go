package xlsxzip

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestSortedAndReadable writes entries out of order and reads them back
// with archive/zip, which checks every CRC and size.
func TestSortedAndReadable(t *testing.T) {
	for _, tc := range []struct {
		name  string
		newZ  func(io.Writer) excelize.ZipWriter
		files map[string]string
		order []string
	}{
		{"default level", New,
			map[string]string{"xl/worksheets/sheet2.xml": "<b/>", "[Content_Types].xml": "<t/>", "xl/worksheets/sheet1.xml": "<a/>"},
			[]string{"xl/worksheets/sheet2.xml", "[Content_Types].xml", "xl/worksheets/sheet1.xml"}},
		{"best speed, empty entry", WithLevel(1),
			map[string]string{"b": "", "a": string(bytes.Repeat([]byte("行"), 100_000))},
			[]string{"b", "a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			z := tc.newZ(&buf)
			for _, name := range tc.order {
				w, err := z.Create(name)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := io.WriteString(w, tc.files[name]); err != nil {
					t.Fatal(err)
				}
			}
			if err := z.Close(); err != nil {
				t.Fatal(err)
			}
			r, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range r.File {
				names = append(names, f.Name)
				if !f.Modified.IsZero() && f.Modified.Year() > 1980 {
					t.Errorf("%s has a modification time %v", f.Name, f.Modified)
				}
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				got, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					t.Fatalf("%s: %v", f.Name, err)
				}
				if string(got) != tc.files[f.Name] {
					t.Errorf("%s: read %d bytes, wrote %d", f.Name, len(got), len(tc.files[f.Name]))
				}
			}
			want := slices.Sorted(func(yield func(string) bool) {
				for n := range tc.files {
					if !yield(n) {
						return
					}
				}
			})
			if !slices.Equal(names, want) {
				t.Errorf("entries %v, want %v", names, want)
			}
		})
	}
}

// TestWorkbookBytesStable saves a workbook with several streamed sheets
// (the case excelize writes in map order) many times: the bytes never
// change, and excelize opens the result.
func TestWorkbookBytesStable(t *testing.T) {
	save := func() []byte {
		f := excelize.NewFile()
		defer f.Close()
		f.SetZipWriter(New)
		for i := range 6 {
			name := fmt.Sprintf("表%d", i)
			if _, err := f.NewSheet(name); err != nil {
				t.Fatal(err)
			}
			sw, err := f.NewStreamWriter(name)
			if err != nil {
				t.Fatal(err)
			}
			if err := sw.SetRow("A1", []any{name, i * 100}); err != nil {
				t.Fatal(err)
			}
			if err := sw.Flush(); err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := save()
	for range 10 {
		if !bytes.Equal(save(), first) {
			t.Fatal("the same workbook saved twice differs")
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, err := f.GetCellValue("表5", "B1"); err != nil || v != "500" {
		t.Errorf("表5!B1 = %q, %v; want 500", v, err)
	}
}
