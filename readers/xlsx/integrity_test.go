package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"hash/crc32"
	"strings"
	"testing"
)

// storedPackage zips a one-sheet package with the sheet entry stored
// (not deflated) through CreateRaw, so that the test controls its bytes
// and the CRC-32 and size its header records; damage changes them.
func storedPackage(tb testing.TB, damage func(body []byte, h *zip.FileHeader)) []byte {
	tb.Helper()
	const sheetPart = "xl/worksheets/sheet1.xml"
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range oneSheet(worksheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>HELLO</t></is></c></row>` +
		`<row r="2"><c r="A2"><v>12</v></c></row>`)).files() {
		body := []byte(f.body)
		h := &zip.FileHeader{Name: f.name, Method: zip.Store, CRC32: crc32.ChecksumIEEE(body),
			CompressedSize64: uint64(len(body)), UncompressedSize64: uint64(len(body))}
		if f.name == sheetPart {
			damage(body, h)
		}
		w, err := zw.CreateRaw(h)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write(body); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestDamagedEntry: a sheet entry whose bytes do not match the CRC-32 or
// size its header records is an error naming the entry, once the sheet
// has been read to its end, never rows read as if good.
func TestDamagedEntry(t *testing.T) {
	for _, tc := range []struct {
		name    string
		damage  func(body []byte, h *zip.FileHeader)
		wantErr bool
		why     string
	}{
		{"intact", func([]byte, *zip.FileHeader) {}, false, ""},
		{"flipped byte in stored data", func(b []byte, _ *zip.FileHeader) {
			i := bytes.Index(b, []byte("HELLO"))
			b[i] ^= 0x02 // HELLO -> JELLO, still valid XML
		}, true, "CRC-32"},
		{"wrong CRC in header", func(_ []byte, h *zip.FileHeader) { h.CRC32 ^= 0x5a5a }, true, "CRC-32"},
		{"zeroed CRC in header", func(_ []byte, h *zip.FileHeader) { h.CRC32 = 0 }, true, "CRC-32"},
		{"size in header larger", func(_ []byte, h *zip.FileHeader) { h.UncompressedSize64 += 10 }, true, "内容比记录的长度短"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, "book.xlsx", storedPackage(t, tc.damage))
			got, err := dump(t, path, "S", Options{})
			if !tc.wantErr {
				if err != nil || !strings.Contains(got, "HELLO") {
					t.Fatalf("got %q, %v", got, err)
				}
				return
			}
			if !errors.Is(err, ErrChecksum) || !errors.Is(err, ErrNotWorkbook) {
				t.Fatalf("err = %v, want ErrChecksum and ErrNotWorkbook", err)
			}
			if !strings.Contains(err.Error(), "xl/worksheets/sheet1.xml") || !strings.Contains(err.Error(), "book.xlsx") ||
				!strings.Contains(err.Error(), tc.why) {
				t.Errorf("err = %v, want it to name the file and the entry and say %q", err, tc.why)
			}
		})
	}
}
