package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"settle/internal/testkit"
)

// bombCases: workbooks a few kilobytes long whose parts inflate to
// gigabytes. Each is refused with a message naming the file, the part and
// the limit (SETTLE_MAX_PART_MB), while the heap stays small.
func bombCases() []hostileCase {
	const file = "compute_billing.xlsx"
	rows := strings.Repeat(`<row><c t="inlineStr"><is><t>`+strings.Repeat("炸", 300)+`</t></is></c></row>`, 64)
	blanks := strings.Repeat(" ", 1<<16)
	small := map[string]string{maxPartEnv: "8"}
	return []hostileCase{
		{name: "zip bomb: sheet of 2 GiB", env: small, prepare: func(tb testing.TB, y *hostileYear, dir string) {
			writeBomb(tb, filepath.Join(dir, file), "xl/worksheets/sheet1.xml", rows, 2<<30, 0)
		}, fail: []string{file, "算力结算", "超过大小上限", "SETTLE_MAX_PART_MB"}},
		{name: "zip bomb: shared strings of 1 GiB", env: small, prepare: func(tb testing.TB, y *hostileYear, dir string) {
			writeBomb(tb, filepath.Join(dir, file), "xl/sharedStrings.xml", `<si><t>炸</t></si>`, 1<<30, 0)
		}, fail: []string{file, "sharedStrings.xml", "超过大小上限", "SETTLE_MAX_PART_MB"}},
		{name: "zip bomb: 2 GiB sheet under the default limit", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			writeBomb(tb, filepath.Join(dir, file), "xl/worksheets/sheet1.xml", blanks, 2<<30, 0)
		}, fail: []string{file, "算力结算", "超过大小上限", "SETTLE_MAX_PART_MB"}},
		{name: "zip bomb: styles of 900 MiB under the default limit", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			// Styles are decoded whole (encoding/xml), at many times their
			// size in memory and time: they get a far smaller limit.
			writeBomb(tb, filepath.Join(dir, file), "xl/styles.xml", `<xf numFmtId="14" xfId="0" applyNumberFormat="1"/>`, 900<<20, 0)
		}, fail: []string{file, "styles.xml", "超过大小上限", "SETTLE_MAX_PART_MB"}},
		{name: "zip bomb: header understating the size", env: map[string]string{maxPartEnv: "64"},
			prepare: func(tb testing.TB, y *hostileYear, dir string) {
				// The header says 48 MiB, within the limit: the part is
				// streamed, and archive/zip stops it at 48 MiB.
				writeBomb(tb, filepath.Join(dir, file), "xl/worksheets/sheet1.xml", blanks, 1<<30, 48<<20)
			}, fail: []string{file, "算力结算", "xl/worksheets/sheet1.xml 已损坏"}},
	}
}

// writeBomb writes a compute workbook whose part (the sheet, or a shared
// string table) repeats chunk to about size bytes, after a valid header
// row. Its zip header declares the true size, or declared when not 0.
func writeBomb(tb testing.TB, path, name, chunk string, size, declared uint64) {
	tb.Helper()
	// Deflate inflates at most about 1000:1; a long chunk gets close.
	chunk = strings.Repeat(chunk, max(1, (256<<10)/len(chunk)))
	sheet := rawSheet{name: "算力结算", rows: [][]xc{headerCells(computeHeader)}}
	var head, tail bytes.Buffer
	parts := rawBook(sheet)
	switch name {
	case "xl/sharedStrings.xml":
		head.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst ` + nsMain + `>`)
		tail.WriteString(`</sst>`)
		// The reader finds xl/sharedStrings.xml without a relationship.
		parts = append(parts, part{name: name})
	case "xl/styles.xml":
		head.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet ` + nsMain + `><cellXfs>`)
		tail.WriteString(`</cellXfs></styleSheet>`)
	default:
		full := &bytes.Buffer{}
		if err := sheet.writeXML(full); err != nil {
			tb.Fatal(err)
		}
		s := full.String()
		i := strings.Index(s, "</sheetData>")
		head.WriteString(s[:i])
		tail.WriteString(s[i:])
	}
	data, crc, inflated := testkit.DeflateBomb(tb, head.String(), chunk, tail.String(), int(size/uint64(len(chunk))))
	if declared == 0 {
		declared = inflated
	}
	for i := range parts {
		if parts[i].name == name {
			parts[i] = deflated(name, data, crc, declared)
		}
	}
	writeZip(tb, path, parts)
}

// deflated is a part given as its deflated bytes, CRC-32 and the
// inflated size its header declares.
func deflated(name string, data []byte, crc uint32, size uint64) part {
	return part{name: name, data: data, raw: testkit.DeflatedHeader(name, data, crc, size)}
}

// TestMaxPartEnv: SETTLE_MAX_PART_MB must be a whole number of MiB;
// anything else is a usage error naming the variable.
func TestMaxPartEnv(t *testing.T) {
	for value, want := range map[string]int{"0": exitUsage, "-1": exitUsage, "1.5": exitUsage, "abc": exitUsage,
		"9999999": exitUsage, " 64 ": exitOK, "1024": exitOK} {
		t.Run(value, func(t *testing.T) {
			t.Setenv(maxPartEnv, value)
			code, _, stderr := run(t, "check", "--year", "2025", "--in", samples)
			if code != want || want == exitUsage && !strings.Contains(stderr, maxPartEnv) {
				t.Fatalf("exit %d, want %d: %s", code, want, stderr)
			}
		})
	}
}
