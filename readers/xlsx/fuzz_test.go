package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"settle/internal/testkit"
)

// FuzzRows feeds arbitrary bytes to the reader: as a whole file when they
// look like a zip (or an OLE file), otherwise as the XML of a sheet and as
// the shared-string table of a minimal valid package. Reading must never
// panic, must finish promptly, and must fail only with the package's
// sentinels.
//
//	go test ./readers/xlsx/ -run '^$' -fuzz FuzzRows -fuzztime 60s
func FuzzRows(f *testing.F) {
	for _, tc := range sheetTests {
		if tc.worksheet != "" {
			f.Add([]byte(tc.worksheet))
		} else {
			f.Add([]byte(worksheet(tc.sheetData)))
		}
	}
	f.Add([]byte(testSST))
	f.Add(zipBytes(f, handWrittenPackage().files()))
	f.Add(testkit.OLEFile("Workbook"))
	path := filepath.Join(f.TempDir(), "excelize.xlsx")
	writeExcelizeWorkbook(f, path)
	if data, err := os.ReadFile(path); err == nil {
		f.Add(data)
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		// A hang is a failure too: crash the worker so that the fuzzer
		// keeps the input.
		watchdog := time.AfterFunc(10*time.Second, func() {
			panic(fmt.Sprintf("FuzzRows: still reading a %d-byte input after 10s", len(data)))
		})
		defer watchdog.Stop()
		start := time.Now()
		switch {
		case bytes.HasPrefix(data, []byte("PK")):
			readEverything(t, data)
		case bytes.HasPrefix(data, oleMagic):
			hasEncryptionInfo(bytes.NewReader(data))
		default:
			readEverything(t, zipWith(t, oneSheet(string(data)).files(), zip.Store))
			p := oneSheet(worksheet(`<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c></row>`))
			p.sst, p.styles = string(data), string(data)
			readEverything(t, zipWith(t, p.files(), zip.Store))
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("took %v for %d bytes", d, len(data))
		}
	})
}

// readEverything reads every sheet of a package held in memory and checks
// what it can about the result.
func readEverything(t *testing.T, pkg []byte) {
	t.Helper()
	w, err := newWorkbook("fuzz.xlsx", bytes.NewReader(pkg), int64(len(pkg)), Options{MaxPartSize: 4 << 20})
	if err != nil {
		checkSentinel(t, err)
		return
	}
	defer w.Close()
	for _, sheet := range w.Sheets() {
		rows, err := w.Rows(sheet)
		if err != nil {
			checkSentinel(t, err)
			continue
		}
		last := 0
		for rows.Next() {
			if rows.Row() < 1 || rows.Row() > maxRows {
				t.Fatalf("row number %d", rows.Row())
			}
			cells := rows.Cells()
			if len(cells) == 0 {
				t.Fatalf("row %d: Next returned a row without cells", rows.Row())
			}
			for i, c := range cells {
				if c.Col < 1 || c.Col > maxCols || i > 0 && c.Col < cells[i-1].Col {
					t.Fatalf("row %d: cell %d at column %d", rows.Row(), i, c.Col)
				}
				if c.Date && c.Type != Number {
					t.Fatalf("row %d: Date on a %v cell", rows.Row(), c.Type)
				}
			}
			last = rows.Row()
		}
		_ = last
		if err := rows.Err(); err != nil {
			checkSentinel(t, err)
		}
		rows.Close()
	}
}

func checkSentinel(t *testing.T, err error) {
	t.Helper()
	if !errors.Is(err, ErrNotWorkbook) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrSheetNotFound) {
		t.Fatalf("error wraps no sentinel: %v", err)
	}
}
