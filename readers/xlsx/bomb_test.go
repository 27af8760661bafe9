package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"runtime"
	"strings"
	"testing"

	"settle/internal/testkit"
)

// bombPackage is the test package with the named part replaced by a bomb
// that inflates to about size bytes. With lie, the zip headers declare
// only 5 MiB for it.
func bombPackage(tb testing.TB, part string, size float64, lie bool) []byte {
	tb.Helper()
	var head, chunk, tail string
	switch part {
	case "xl/sharedStrings.xml":
		head, chunk, tail = `<sst `+nsMain+`>`, strings.Repeat(`<si><t>zero</t></si>`, 1<<10), `</sst>`
	case "xl/styles.xml":
		head, chunk, tail = `<styleSheet `+nsMain+`><cellXfs>`, strings.Repeat(`<xf numFmtId="14"/>`, 1<<10), `</cellXfs></styleSheet>`
	default:
		head, chunk, tail = `<worksheet `+nsMain+`><sheetData>`, strings.Repeat(`<row><c t="s"><v>0</v></c></row>`, 1<<10), `</sheetData></worksheet>`
	}
	n := int(size / float64(len(chunk)))
	data, crc, inflated := testkit.DeflateBomb(tb, head, chunk, tail, n)
	if lie {
		inflated = 5 << 20
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range oneSheet(worksheet("")).files() {
		if f.name == part {
			w, err := zw.CreateRaw(testkit.DeflatedHeader(part, data, crc, inflated))
			if err != nil {
				tb.Fatal(err)
			}
			w.Write(data)
			continue
		}
		w, _ := zw.Create(f.name)
		w.Write([]byte(f.body))
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestZipBomb: a sheet that inflates to 1.1 GiB, or a shared-string table
// of 256 MiB, fails with ErrTooLarge, quickly and in bounded memory.
func TestZipBomb(t *testing.T) {
	opt := Options{MaxPartSize: 10 << 20}
	for part, size := range map[string]float64{"xl/worksheets/sheet1.xml": 1.1 * (1 << 30), "xl/sharedStrings.xml": 256 << 20} {
		t.Run(part, func(t *testing.T) {
			data := bombPackage(t, part, size, false)
			if len(data) > 8<<20 {
				t.Fatalf("bomb is %d bytes, meant to be small", len(data))
			}
			got, err := dump(t, writeFile(t, "bomb.xlsx", data), "S", opt)
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err = %v (read %d bytes of cells), want ErrTooLarge", err, len(got))
			}
			if !strings.Contains(err.Error(), part) {
				t.Errorf("error %q does not name the part", err)
			}
		})
	}
	// A header that understates the size is caught by archive/zip while
	// inflating (the part is corrupt), after at most the declared size.
	t.Run("lying header", func(t *testing.T) {
		data := bombPackage(t, "xl/worksheets/sheet1.xml", 64<<20, true)
		_, err := dump(t, writeFile(t, "bomb.xlsx", data), "S", opt)
		if !errors.Is(err, ErrNotWorkbook) {
			t.Fatalf("err = %v, want ErrNotWorkbook", err)
		}
	})
}

// TestStylesBomb: the parts decoded whole get a far smaller limit than
// the streamed ones. A styles part of 512 MiB, within the default part
// limit, would take gigabytes and half a minute to decode (hostile corpus).
func TestStylesBomb(t *testing.T) {
	data := bombPackage(t, "xl/styles.xml", 512<<20, false)
	_, err := dump(t, writeFile(t, "bomb.xlsx", data), "S", Options{})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "xl/styles.xml 解压后超过 32 MiB") {
		t.Fatalf("err = %v, want ErrTooLarge at 32 MiB", err)
	}
}

// endless is an infinite stream of sheet rows.
type endless struct{ pos int }

func (e *endless) Read(p []byte) (int, error) {
	const row = `<row><c><v>1</v></c></row>`
	for i := range p {
		p[i] = row[e.pos%len(row)]
		e.pos++
	}
	return len(p), nil
}

func (e *endless) Close() error { return nil }

// TestLimitedPartStreams: the counter stops an endless part at the limit
// while the scanner reads it, whatever any header said, without holding
// the part in memory.
func TestLimitedPartStreams(t *testing.T) {
	const limit = 16 << 20
	src := &endless{}
	s := newScanner(&limitedPart{rc: src, left: limit})
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	for s.next() {
	}
	if !errors.Is(s.err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", s.err)
	}
	if src.pos > limit+1 {
		t.Errorf("read %d bytes past a limit of %d", src.pos, limit)
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 2<<20 {
		t.Errorf("allocated %d bytes to scan a %d-byte stream", grew, limit)
	}
}
