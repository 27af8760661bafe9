package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"settle/internal/testkit"
)

// largeEnv, when set to 1, runs the cases that read a full sheet of
// 1,048,576 rows: about 40 s without -race, several minutes with it, so
// they do not run by default:
//
//	SETTLE_HOSTILE_LARGE=1 go test ./cmd/settle -run TestHostileInputs
const largeEnv = "SETTLE_HOSTILE_LARGE"

// sizeCases: rows as wide and sheets as long as Excel allows, and longer.
func sizeCases() []hostileCase {
	const file = "compute_billing.xlsx"
	return []hostileCase{
		{name: "rows 16384 cells wide", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			// The amount header sits in the last column, XFD; every
			// other column is filled with notes.
			const width = 16384
			at := func(cells []xc, fill func(col int) xc) []xc {
				row := make([]xc, width)
				for i := range row {
					row[i] = fill(i + 1)
				}
				for i, c := range cells {
					if i == computeCol["amount"] {
						row[width-1] = c
					} else {
						row[i] = c
					}
				}
				return row
			}
			rows := [][]xc{at(headerCells(computeHeader), func(col int) xc { return txt(fmt.Sprint("备注", col)) })}
			for n := 2; n <= 4; n++ {
				rows = append(rows, at(y.row(fmt.Sprint("B-", n), nil), func(col int) xc { return num(fmt.Sprint(col)) }))
			}
			writeSheet(tb, dir, file, "算力结算", rows...)
		}, lines: map[int]reason{2: "", 3: "", 4: ""}},
		{name: "1048576 rows, all but two empty", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			// Formatted but empty rows (as when whole columns are
			// styled) are no lines and cost no memory.
			skipUnlessLarge(tb)
			head := rawSheet{name: "算力结算", rows: [][]xc{headerCells(computeHeader), y.row("B-2", nil)}}
			var full strings.Builder
			if err := head.writeXML(&full); err != nil {
				tb.Fatal(err)
			}
			s := full.String()
			i := strings.Index(s, "</sheetData>")
			const n = 1<<20 - 2
			data, crc, size := testkit.DeflateBomb(tb, s[:i], `<row s="1" customFormat="1"><c s="1"/><c s="1"/></row>`, s[i:], n)
			parts := rawBook(head)
			parts[len(parts)-1] = deflated(parts[len(parts)-1].name, data, crc, size)
			writeZip(tb, filepath.Join(dir, file), parts)
		}, lines: map[int]reason{2: ""}},
		{name: "1048576 rows of junk", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			skipUnlessLarge(tb)
			writeJunk(tb, filepath.Join(dir, file), 1<<20)
		}, maxHeap: 3 << 30, bigOutputs: true, check: func(t *testing.T, y *hostileYear, year string) {
			lines := computeLines(t, year)
			seen := make([]bool, 1<<20+1)
			for _, l := range lines {
				if l.Eligible || l.SourceRow < 2 || int(l.SourceRow) > 1<<20 || seen[l.SourceRow] {
					t.Fatalf("row %d: eligible %v, or out of range, or seen twice", l.SourceRow, l.Eligible)
				}
				seen[l.SourceRow] = true
			}
			if len(lines) != 1<<20-1 {
				t.Errorf("%d lines, want one per junk row: %d", len(lines), 1<<20-1)
			}
		}},
		{name: "one row more than a sheet holds", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			skipUnlessLarge(tb)
			writeJunk(tb, filepath.Join(dir, file), 1<<20+1)
		}, maxHeap: 3 << 30, fail: []string{file, "算力结算", "超过 1048576 行", "不是有效的 .xlsx 工作簿"}},
	}
}

func skipUnlessLarge(tb testing.TB) {
	tb.Helper()
	if os.Getenv(largeEnv) != "1" {
		tb.Skipf("reads a full sheet of 1,048,576 rows; set %s=1 to run it", largeEnv)
	}
}

// writeJunk writes a compute workbook of rows rows: the header, then junk
// rows, each a line that must be rejected. The rows carry no numbers (each
// is the one after the last), so a block of junk rows can be repeated in
// the deflate stream: the file is small and quick to write.
func writeJunk(tb testing.TB, path string, rows int) {
	tb.Helper()
	const block = 1023 // 1 + 1023 × 1025 = 1,048,576
	var chunk strings.Builder
	for i := range block {
		chunk.WriteString("<row>")
		switch i % 5 {
		case 0: // a buyer code and nothing else
			fmt.Fprintf(&chunk, `<c t="inlineStr"><is><t>junk %d</t></is></c>`, i)
		case 1: // every column, none of it meaningful
			for range computeHeader {
				fmt.Fprintf(&chunk, `<c t="inlineStr"><is><t>%x</t></is></c>`, i*7919)
			}
		case 2: // numbers far to the right
			fmt.Fprintf(&chunk, `<c r="Z1"><v>%d</v></c><c r="XFD1"><v>-%d</v></c>`, i, i)
		case 3: // errors and booleans
			chunk.WriteString(`<c t="e"><v>#N/A</v></c><c t="b"><v>1</v></c><c t="e"><v>#REF!</v></c>`)
		case 4: // a formula without a cached value, and a date serial
			chunk.WriteString(`<c><f>A1*2</f></c><c s="1"><v>0</v></c>`)
		}
		chunk.WriteString("</row>")
	}
	// Cell references carry no row here ("Z1" is column Z of this row):
	// the reader takes the column only.
	n := (rows - 1) / block
	extra := rows - 1 - n*block
	sheet := rawSheet{name: "算力结算", rows: [][]xc{headerCells(computeHeader)}}
	var full strings.Builder
	if err := sheet.writeXML(&full); err != nil {
		tb.Fatal(err)
	}
	s := full.String()
	i := strings.Index(s, "</sheetData>")
	tail := strings.Repeat(`<row><c t="inlineStr"><is><t>junk</t></is></c></row>`, extra) + s[i:]
	data, crc, inflated := testkit.DeflateBomb(tb, s[:i], chunk.String(), tail, n)
	parts := rawBook(sheet)
	for j := range parts {
		if parts[j].name == "xl/worksheets/sheet1.xml" {
			parts[j] = deflated(parts[j].name, data, crc, inflated)
		}
	}
	writeZip(tb, path, parts)
}
