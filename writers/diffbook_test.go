package writers

import (
	"os"
	"path/filepath"
	"testing"

	"settle/pipeline"
)

// TestDiffWorkbook checks what a bureau head reads in the diff workbook:
// vouchers by their Chinese names on every sheet, the pool factors to six
// decimals, amounts as numbers with a 合计, each sheet fitted to the page
// width (one page across), and the same bytes for the same diff.
func TestDiffWorkbook(t *testing.T) {
	d := &Diff{
		Old: &Stored{Dir: "out/history/2025-abc", Manifest: Manifest{RunID: "abc", Stage: string(pipeline.Final)}},
		New: &Stored{Dir: "out/2025", Manifest: Manifest{RunID: "def", Stage: string(pipeline.Draft)}},
		Vouchers: []VoucherDiff{{Voucher: pipeline.Compute, Name: "算力券", OldAwarded: 100_000_00, NewAwarded: 76_229_17,
			OldCount: 2, NewCount: 1, OldFactor: 1, NewFactor: 0.4550583880453}},
		Awards: []AwardDiff{{Voucher: pipeline.Compute, USCC: "91330108MA2XXXXX0X", Name: "杭州测试1科技有限公司",
			Old: 23_770_83, New: 0, OldStatus: pipeline.Awarded, NewStatus: pipeline.RejectedByReview, Why: []string{WhyReview}}},
		Lines: []LineDiff{{Voucher: pipeline.Compute, Origin: pipeline.Origin{File: "compute_billing.xlsx", Sheet: "算力结算", Row: 7},
			USCC: "91330108MA2XXXXX0X", OldReason: "", NewReason: pipeline.BadAmount}},
	}
	write := func() string {
		path := filepath.Join(t.TempDir(), "d.xlsx")
		out, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := WriteDiffWorkbook(out, d); err != nil {
			t.Fatal(err)
		}
		if err := out.Close(); err != nil {
			t.Fatal(err)
		}
		return path
	}
	path := write()
	f := openXLSX(t, path)
	for _, tc := range []struct{ sheet, cell, want string }{
		{"汇总", "A3", "算力券"}, {"汇总", "H3", "0.455058"}, {"汇总", "G3", "1.000000"},
		{"兑付变化", "A3", "算力券"}, {"兑付变化", "H3", StatusText(pipeline.RejectedByReview)},
		{"兑付变化", "A4", "合计"}, {"行变化", "A3", "算力券"}, {"追回", "A3", "算力券"},
	} {
		if got, _ := f.GetCellValue(tc.sheet, tc.cell); got != tc.want {
			t.Errorf("%s!%s = %q, want %q", tc.sheet, tc.cell, got, tc.want)
		}
	}
	checkNumber(t, f, "兑付变化", "F3", "-23770.83")
	checkNumber(t, f, "兑付变化", "F4", "-23770.83")
	for _, sheet := range f.GetSheetList() {
		props, err := f.GetSheetProps(sheet)
		if err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s is not fitted to the page width", sheet)
		}
		if s := printScale(t, f, sheet); s < minPrintScale {
			t.Errorf("%s prints at %.0f%%, below %.0f%%", sheet, s*100, minPrintScale*100)
		}
	}
	a, _ := os.ReadFile(path)
	b, _ := os.ReadFile(write())
	if string(a) != string(b) {
		t.Error("the same diff gives different bytes")
	}
}
