package readers

import (
	"path/filepath"
	"testing"

	"settle/pipeline"
	"settle/readers/xlsx"
)

// samplesDir is the bundled sample year; the fuzz targets are seeded from
// its cells as well as from the hostile corpus (cmd/settle/hostile_*).
const samplesDir = "../samples/2025"

// sampleTexts returns up to limit distinct texts of the cells of the
// columns holding field f, across the voucher workbooks of the sample
// year.
func sampleTexts(tb testing.TB, f field, limit int) []string {
	tb.Helper()
	seen := map[string]bool{}
	var texts []string
	for _, v := range pipeline.Vouchers {
		vf := voucherFiles[v]
		wb, err := xlsx.Open(filepath.Join(samplesDir, VoucherFile(v)), xlsx.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		t, err := openTable(wb, VoucherFile(v), vf.sheet)
		if err != nil {
			tb.Fatal(err)
		}
		for t.next() && len(texts) < limit {
			for i, c := range vf.sheet.columns {
				if c.field == f && t.has[i] && !seen[t.cells[i].Value] {
					seen[t.cells[i].Value] = true
					texts = append(texts, t.cells[i].Value)
				}
			}
		}
		t.close()
		wb.Close()
	}
	return texts
}

// hostileAmounts and hostileDates are the amount and date texts of the
// hostile corpus.
var (
	hostileAmounts = []string{
		"1000000000000000", "1E+15", "1,000,000,000,000,000.00", "10000000000000000", "1E+16", "-1E+16",
		"-0.00", "-0", "1234.567", "1234.560", "1e5", "1E5", "NaN", "Infinity", "0x1F", "1,23", "+-5",
		"0.30000000000000004", "¥-1,234.56", "(1,234.56)", "１，０００．５０", "#N/A", "TRUE", "¥¥5", "\u3000",
	}
	hostileDates = []string{
		"1899-12-31", "0", "-1", "60", "9999-12-31", "2958465", "2958466", "1e308", "NaN", "0000-01-01",
		"2025-02-29", "2025年13月1日", "2025-07-01 10:00", "45838.75", "20250701", "2025-07-01T10:30:00", "yesterday",
		"2025-07-15 00:00:00", "2025-03-01T10:30", "2025/3/1 10:30:00", "2025-03-01 25:00", "2025-03-01 10:61",
		"2025-03-01 10:30:00.123", "2025年3月1日 8:00", "20250301.0", "2025-03-01 T",
	}
)
