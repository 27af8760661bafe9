package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"settle/internal/testkit"
	"settle/pipeline"
	"settle/writers"
)

// Mistakes of issue 11 in cells other programs write, each through Run on
// a copy of the sample year: numbers where text belongs as Apache POI and
// .NET write them, text dates with a time of day, formulas saved without
// their results.

const sheet1 = "xl/worksheets/sheet1.xml" // the one sheet of a voucher workbook

// pickLines returns n eligible lines of voucher v, in file order, whose
// enterprise's claim is approved and awarded, that satisfy ok, skipping
// the rows in used (which it extends).
func pickLines(tb testing.TB, s *writers.Stored, v pipeline.Voucher, n int, used map[int]bool, ok func(pipeline.Line) bool) []pipeline.Line {
	tb.Helper()
	var out []pipeline.Line
	for _, l := range s.Lines {
		if l.Voucher != v || !l.Eligible || used[l.Origin.Row] || (ok != nil && !ok(l)) {
			continue
		}
		if a := findAward(s, v, l.EnterpriseUSCC); a == nil || a.Status != pipeline.Awarded || a.Review != pipeline.Approved {
			continue
		}
		out = append(out, l)
		if len(out) == n {
			for _, l := range out {
				used[l.Origin.Row] = true
			}
			return out
		}
	}
	tb.Fatalf("the sample year has no %d eligible approved %s lines to edit", n, v)
	return nil
}

// Apache POI writes a whole number in a number cell as 1234567.0; a user
// types it as text. Both are the same invoice (DUPLICATE_INVOICE across
// vouchers) and the same bill (DUPLICATE_DOCUMENT within a file). .NET
// writes dates as text with a time of day: dropped when it exists, a bad
// date naming the cell when it does not.
func TestMistakeCellsOfOtherPrograms(t *testing.T) {
	base := baseline(t)
	usedC, usedM := map[int]bool{}, map[int]bool{}
	invC := pickLines(t, base, pipeline.Compute, 1, usedC, nil)[0]
	invM := pickLines(t, base, pipeline.Model, 1, usedM, nil)[0]
	first := pickLines(t, base, pipeline.Compute, 1, usedC, nil)[0]
	second := pickLines(t, base, pipeline.Compute, 1, usedC, func(l pipeline.Line) bool {
		return l.CounterpartyUSCC == first.CounterpartyUSCC
	})[0]
	goodDate := pickLines(t, base, pipeline.Compute, 1, usedC, nil)[0]
	badDate := pickLines(t, base, pipeline.Compute, 1, usedC, nil)[0]
	goodModelDate := pickLines(t, base, pipeline.Model, 1, usedM, nil)[0]

	in := copyInputs(t, samples)
	compute, model := filepath.Join(in, "compute_billing.xlsx"), filepath.Join(in, "model_transactions.xlsx")
	var invCell, firstCell, badCell string
	editBook(t, compute, func(f *excelize.File) {
		const sh = "算力结算"
		invCell = cellOf(t, f, sh, "发票号码", invC.Origin.Row)
		firstCell = cellOf(t, f, sh, "账单编号", first.Origin.Row)
		must(t, f.SetCellStr(sh, cellOf(t, f, sh, "账单编号", second.Origin.Row), "45839"))
		must(t, f.SetCellStr(sh, cellOf(t, f, sh, "结算日期", goodDate.Origin.Row), goodDate.Date.String()+" 00:00:00"))
		badCell = cellOf(t, f, sh, "结算日期", badDate.Origin.Row)
		must(t, f.SetCellStr(sh, badCell, badDate.Date.String()+" 25:00:00"))
	})
	editBook(t, model, func(f *excelize.File) {
		const sh = "模型交易"
		must(t, f.SetCellStr(sh, cellOf(t, f, sh, "发票号码", invM.Origin.Row), "1234567"))
		must(t, f.SetCellStr(sh, cellOf(t, f, sh, "结算日期", goodModelDate.Origin.Row), goodModelDate.Date.String()+" 00:00:00"))
	})
	// The number cells exactly as POI stores them.
	editEntry(t, compute, sheet1, func(xml string) string {
		xml = replaceCell(t, xml, invCell, fmt.Sprintf(`<c r="%s"><v>1234567.0</v></c>`, invCell))
		return replaceCell(t, xml, firstCell, fmt.Sprintf(`<c r="%s"><v>45839.0</v></c>`, firstCell))
	})
	xml := testkit.ZipEntry(t, compute, sheet1)
	for ref, v := range map[string]string{invCell: "<v>1234567.0</v>", firstCell: "<v>45839.0</v>"} {
		if c := cellElement(ref).FindString(xml); !strings.Contains(c, v) || strings.Contains(c, " t=") {
			t.Fatalf("cell %s is stored as %s, want a number cell %s", ref, c, v)
		}
	}

	s := settleRun(t, in).ok(t)
	cases := []struct {
		name   string
		line   pipeline.Line
		reason pipeline.Reason // "" when eligible
		detail []string
		doc    string // document or invoice number as read, when checked
	}{
		{"invoice 1234567.0 in a compute number cell", invC, "", nil, "1234567"},
		{"invoice 1234567 as model text", invM, "DUPLICATE_INVOICE", []string{"1234567", fmt.Sprintf("compute_billing.xlsx 第 %d 行", invC.Origin.Row)}, "1234567"},
		{"bill 45839.0 in a number cell", first, "", nil, "45839"},
		{"bill 45839 as text, later in the file", second, "DUPLICATE_DOCUMENT", []string{"45839", fmt.Sprintf("第 %d 行", first.Origin.Row)}, "45839"},
		{".NET date at midnight (compute)", goodDate, "", nil, ""},
		{".NET date at 25:00", badDate, "BAD_DATE", []string{badCell, "25:00:00"}, ""},
		{".NET date at midnight (model)", goodModelDate, "", nil, ""},
	}
	for _, tc := range cases {
		got := lineAt(t, s, tc.line.Voucher, tc.line.Origin.Row)
		t.Logf("%s: %s %s %q", tc.name, got.Origin, got.Reason, got.Detail)
		switch {
		case got.Eligible != (tc.reason == "") || got.Reason != tc.reason:
			t.Errorf("%s (%s): eligible %v %s %q, want %q", tc.name, got.Origin, got.Eligible, got.Reason, got.Detail, tc.reason)
		case !containsAll(got.Detail, tc.detail...):
			t.Errorf("%s (%s): detail %q, want %q", tc.name, got.Origin, got.Detail, tc.detail)
		case tc.doc != "" && got.InvoiceNo != tc.doc && got.DocumentNo != tc.doc:
			t.Errorf("%s (%s): document %q, invoice %q, want %q", tc.name, got.Origin, got.DocumentNo, got.InvoiceNo, tc.doc)
		case tc.reason == "" && got.Date != tc.line.Date:
			t.Errorf("%s (%s): date %s, want %s", tc.name, got.Origin, got.Date, tc.line.Date)
		}
	}
}

// Formulas saved without their results (openpyxl, xlsxwriter): the cells
// read as empty, and the run warns once per file naming the first cells
// and telling the user to open and save the workbook in Excel or WPS.
func TestMistakeFormulasWithoutResults(t *testing.T) {
	base := baseline(t)
	computeRows := pickLines(t, base, pipeline.Compute, 2, map[int]bool{}, nil)
	corpusRow := pickLines(t, base, pipeline.Corpus, 1, map[int]bool{}, nil)[0]
	in := copyInputs(t, samples)
	noResult := func(file, sheet string, lines ...pipeline.Line) []string {
		path := filepath.Join(in, file)
		var refs []string
		editBook(t, path, func(f *excelize.File) {
			for _, l := range lines {
				refs = append(refs, cellOf(t, f, sheet, map[string]string{"算力结算": "结算金额", "语料合同": "合同金额"}[sheet], l.Origin.Row))
			}
		})
		editEntry(t, path, sheet1, func(xml string) string {
			for _, ref := range refs {
				xml = replaceCell(t, xml, ref, fmt.Sprintf(`<c r="%s"><f>SUM(1,2)</f></c>`, ref))
			}
			return xml
		})
		return refs
	}
	computeRefs := noResult("compute_billing.xlsx", "算力结算", computeRows...)
	corpusRefs := noResult("corpus_contracts.xlsx", "语料合同", corpusRow)

	r := settleRun(t, in)
	s := r.ok(t)
	for _, w := range []string{
		fmt.Sprintf("compute_billing.xlsx 算力结算: 含 2 个没有计算结果的公式（如 %s）：请先在 Excel 或 WPS 中打开并保存该工作簿", strings.Join(computeRefs, "、")),
		fmt.Sprintf("corpus_contracts.xlsx 语料合同: 含 1 个没有计算结果的公式（如 %s）：请先在 Excel 或 WPS 中打开并保存该工作簿", corpusRefs[0]),
	} {
		if !strings.Contains(r.stdout, w) || !hasWarning(s, w) {
			t.Errorf("no warning %q; run printed:\n%s", w, r.stdout)
		}
	}
	for i, l := range append(computeRows, corpusRow) {
		ref := append(computeRefs, corpusRefs...)[i]
		if got := lineAt(t, s, l.Voucher, l.Origin.Row); got.Eligible || got.Reason != "MISSING_FIELD" || !strings.Contains(got.Detail, ref) {
			t.Errorf("%s: %s %q, want MISSING_FIELD naming %s", got.Origin, got.Reason, got.Detail, ref)
		}
	}
	if n := strings.Count(strings.Join(s.Manifest.Warnings, "\n"), "没有计算结果的公式"); n != 2 {
		t.Errorf("%d warnings about formulas, want one per file", n)
	}
}
