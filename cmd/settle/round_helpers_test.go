package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
	"settle/writers"
)

// Helpers of TestSettlementRound: reading settlements back and editing
// the review workbook as the reviewers do.

func readStored(tb testing.TB, dir string) *writers.Stored {
	tb.Helper()
	s, err := writers.ReadStored(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func findAward(s *writers.Stored, v pipeline.Voucher, uscc string) *pipeline.Award {
	for i := range s.Awards {
		if s.Awards[i].Voucher == v && s.Awards[i].USCC == uscc {
			return &s.Awards[i]
		}
	}
	return nil
}

func voucherNames(s *writers.Stored) map[pipeline.Voucher]string {
	names := map[pipeline.Voucher]string{}
	for _, v := range s.Manifest.Vouchers {
		names[pipeline.Voucher(v.Key)] = v.Name
	}
	return names
}

// historyOf lists OUT/history, sorted.
func historyOf(tb testing.TB, out string) []string {
	tb.Helper()
	hist, _ := filepath.Glob(filepath.Join(out, "history", "*"))
	slices.Sort(hist)
	return hist
}

// pickEdits chooses, among the approved compute awards of an unsaturated
// pool, one to cut and another with two eligible invoiced lines, one of
// which to strike out.
func pickEdits(tb testing.TB, s *writers.Stored) (cut, excluded pipeline.Award, line pipeline.Line) {
	tb.Helper()
	var found int
	for _, a := range s.Awards {
		if a.Voucher != pipeline.Compute || a.Status != pipeline.Awarded || a.AfterCap < pipeline.Yuan(1000) {
			continue
		}
		var lines []pipeline.Line
		for _, l := range s.Lines {
			if l.Voucher == a.Voucher && l.EnterpriseUSCC == a.USCC && l.Eligible && l.InvoiceNo != "" {
				lines = append(lines, l)
			}
		}
		switch {
		case found == 0:
			cut, found = a, 1
		case found == 1 && len(lines) >= 2:
			return cut, a, lines[0]
		}
	}
	tb.Fatal("the sample year has no two approved compute awards to edit")
	return
}

// editReviews approves the pending reviews, cuts one award with 审定金额
// and strikes one document out in a new 核减明细 sheet.
func editReviews(tb testing.TB, path string, names map[pipeline.Voucher]string, pending []pipeline.Award,
	cut pipeline.Award, amount pipeline.Money, excluded pipeline.Award, line pipeline.Line) {
	tb.Helper()
	for _, a := range pending {
		setReview(tb, path, names[a.Voucher], a.USCC, "通过", "")
	}
	setReview(tb, path, names[cut.Voucher], cut.USCC, "通过", amount.String())
	f, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	// The sample year has a 核减明细 already; a year without one gets it.
	if idx, _ := f.GetSheetIndex("核减明细"); idx < 0 {
		if _, err := f.NewSheet("核减明细"); err != nil {
			tb.Fatal(err)
		}
		header := []any{"统一社会信用代码", "券种", "单据编号", "核减原因"}
		if err := f.SetSheetRow("核减明细", "A1", &header); err != nil {
			tb.Fatal(err)
		}
	}
	col, rows := headerColumns(tb, f, "核减明细")
	at := len(rows) + 1
	for h, v := range map[string]string{"统一社会信用代码": excluded.USCC, "券种": names[excluded.Voucher],
		"单据编号": line.DocumentNo, "核减原因": "重复计费，核减"} {
		cell, _ := excelize.CoordinatesToCellName(col[h], at)
		if err := f.SetCellStr("核减明细", cell, v); err != nil {
			tb.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		tb.Fatal(err)
	}
}

// headerColumns finds the header row of sheet (the first that names
// 统一社会信用代码) and returns each header's 1-based column and the rows.
func headerColumns(tb testing.TB, f *excelize.File, sheet string) (map[string]int, [][]string) {
	tb.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range rows {
		if slices.Contains(r, "统一社会信用代码") {
			col := map[string]int{}
			for i, h := range r {
				col[h] = i + 1
			}
			return col, rows
		}
	}
	tb.Fatalf("%s has no header row", sheet)
	return nil, nil
}

// setReview sets the 评审结论 (and 审定金额, when given) of uscc under the
// voucher named name in the 评审结果 sheet, adding a row when it has none.
func setReview(tb testing.TB, path, name, uscc, result, approved string) {
	tb.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	const sheet = "评审结果"
	col, rows := headerColumns(tb, f, sheet)
	if col["审定金额"] == 0 {
		col["审定金额"] = len(rows[0]) + 1
		cell, _ := excelize.CoordinatesToCellName(col["审定金额"], 1)
		f.SetCellStr(sheet, cell, "审定金额")
	}
	at := len(rows) + 1
	for i, r := range rows {
		if len(r) > 2 && r[col["统一社会信用代码"]-1] == uscc && r[col["券种"]-1] == name {
			at = i + 1
		}
	}
	set := func(h, v string) {
		cell, _ := excelize.CoordinatesToCellName(col[h], at)
		if err := f.SetCellStr(sheet, cell, v); err != nil {
			tb.Fatal(err)
		}
	}
	set("统一社会信用代码", uscc)
	set("券种", name)
	set("评审结论", result)
	set("审定金额", approved) // "" clears an unreadable one, which keeps the review pending
	if err := f.Save(); err != nil {
		tb.Fatal(err)
	}
}

// readLedger reads the funded-invoice ledger as prior_funding.xlsx is read
// (SPEC §2): "uscc|invoice" of each row, checking the layout.
func readLedger(tb testing.TB, path string) map[string]bool {
	tb.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("已资助发票")
	if err != nil {
		tb.Fatal(err)
	}
	if !slices.Equal(rows[0], []string{"统一社会信用代码", "发票号码", "资助事项", "资助年度", "申报金额"}) {
		tb.Fatalf("ledger header %v", rows[0])
	}
	out := map[string]bool{}
	for _, r := range rows[1:] {
		if len(r) != 5 || r[3] != "2025" || !strings.HasSuffix(r[2], "券") {
			tb.Errorf("ledger row %v", r)
		}
		out[r[0]+"|"+r[1]] = true
	}
	return out
}

func copyFile(tb testing.TB, from, to string) {
	tb.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		tb.Fatal(err)
	}
}
