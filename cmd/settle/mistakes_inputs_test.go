package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// Mistakes of issue 11 in the input folder, each through Run on a copy of
// the sample year: a workbook missing or empty, a review row missing, a
// bank account typed as a number.

// innovation_contracts.xlsx removed while 评审结果 holds 创新券 reviews:
// the run settles the other vouchers and says, on screen and in the
// manifest, that the reviews speak of a workbook that is not there.
func TestMistakeVoucherWorkbookMissing(t *testing.T) {
	in := copyInputs(t, samples)
	if err := os.Remove(filepath.Join(in, "innovation_contracts.xlsx")); err != nil {
		t.Fatal(err)
	}
	r := settleRun(t, in)
	s := r.ok(t)
	want := []string{"enterprises.xlsx 评审结果", "创新券结论", "没有提供创新券明细工作簿", "innovation_contracts.xlsx"}
	if !slices.ContainsFunc(strings.Split(r.stdout, "\n"), func(l string) bool { return containsAll(l, want...) }) {
		t.Errorf("run printed no warning with %q:\n%s", want, r.stdout)
	}
	if !hasWarning(s, want...) {
		t.Errorf("manifest warnings lack %q: %q", want, s.Manifest.Warnings)
	}
	for _, in := range s.Manifest.Inputs {
		if in.Name == "innovation_contracts.xlsx" {
			t.Errorf("manifest lists the absent workbook as an input: %+v", in)
		}
	}
	for _, a := range s.Awards {
		if a.Voucher == pipeline.Innovation {
			t.Fatalf("an innovation award without its workbook: %+v", a)
		}
	}
	if !slices.ContainsFunc(s.Awards, func(a pipeline.Award) bool { return a.Voucher == pipeline.Compute && a.Amount > 0 }) {
		t.Error("the other vouchers were not settled")
	}
}

// A voucher workbook holding its header and no data row: settled (its
// voucher has no line), with one warning naming file and sheet.
func TestMistakeVoucherWorkbookEmpty(t *testing.T) {
	in := copyInputs(t, samples)
	path := filepath.Join(in, "corpus_contracts.xlsx")
	var header []string
	editBook(t, path, func(f *excelize.File) {
		col, _ := headerColumns(t, f, "语料合同")
		header = make([]string, len(col))
		for h, c := range col {
			header[c-1] = h
		}
	})
	f := excelize.NewFile()
	must(t, f.SetSheetName("Sheet1", "语料合同"))
	must(t, f.SetSheetRow("语料合同", "A1", &header))
	must(t, f.SaveAs(path))
	must(t, f.Close())

	r := settleRun(t, in)
	s := r.ok(t)
	const want = "corpus_contracts.xlsx 语料合同: 语料券工作簿没有数据行"
	if !strings.Contains(r.stdout, want) || !hasWarning(s, want) {
		t.Errorf("no warning %q; run printed:\n%s", want, r.stdout)
	}
	if n := strings.Count(strings.Join(s.Manifest.Warnings, "\n"), "没有数据行"); n != 1 {
		t.Errorf("%d warnings about the empty workbook, want 1: %q", n, s.Manifest.Warnings)
	}
	for _, l := range s.Lines {
		if l.Voucher == pipeline.Corpus {
			t.Fatalf("a corpus line from a workbook without data rows: %+v", l)
		}
	}
	var listed bool
	for _, in := range s.Manifest.Inputs {
		if in.Name == "corpus_contracts.xlsx" {
			listed = in.Totals != nil && in.Totals.Lines == 0
		}
	}
	if !listed {
		t.Errorf("manifest does not list corpus_contracts.xlsx with 0 lines read: %+v", s.Manifest.Inputs)
	}
}

// An enterprise with eligible lines and no review row: pending (award 0),
// with a warning naming it, on screen by check and in the manifest.
func TestMistakeReviewRowMissing(t *testing.T) {
	base := baseline(t)
	i := slices.IndexFunc(base.Awards, func(a pipeline.Award) bool {
		return a.Voucher == pipeline.Model && a.Status == pipeline.Awarded && a.Amount > 0
	})
	if i < 0 {
		t.Fatal("the sample year has no model award")
	}
	a := base.Awards[i]
	in := copyInputs(t, samples)
	path := filepath.Join(in, "enterprises.xlsx")
	var rows []int
	editBook(t, path, func(f *excelize.File) {
		col, all := headerColumns(t, f, "评审结果")
		for r, row := range all {
			if len(row) >= col["券种"] && row[col["统一社会信用代码"]-1] == a.USCC && row[col["券种"]-1] == "模型券" {
				rows = append(rows, r+1)
			}
		}
	})
	if len(rows) == 0 {
		t.Fatalf("no 模型券 review row of %s", a.USCC)
	}
	removeRows(t, path, "评审结果", rows)

	want := []string{a.Name, a.USCC, "行模型券合格明细", "评审结果中没有该企业模型券的结论，按待定处理"}
	code, stdout, stderr := run(t, "check", "--year", "2025", "--in", in)
	if code != exitOK || !slices.ContainsFunc(strings.Split(stdout, "\n"), func(l string) bool { return containsAll(l, want...) }) {
		t.Errorf("check: exit %d, no warning with %q:\n%s%s", code, want, stdout, stderr)
	}
	s := settleRun(t, in).ok(t)
	if !hasWarning(s, want...) {
		t.Errorf("manifest warnings lack %q", want)
	}
	got := findAward(s, pipeline.Model, a.USCC)
	if got == nil || got.Status != pipeline.PendingReview || got.Amount != 0 || got.Review != pipeline.Pending {
		t.Errorf("award without a review row: %+v, want pending with award 0", got)
	}
}

// A bank account typed as a number cell (its digits past the 15th may be
// lost): the award is held, listed in 暂缓拨付 with the reason and in no
// bank batch file, with a warning. One typed as text keeps every digit.
func TestMistakeBankAccountNumberCell(t *testing.T) {
	base := baseline(t)
	paid := payments(t, base.Dir)
	inCSV := func(p map[string][][]string, name string) []string {
		for _, rows := range p {
			for _, r := range rows {
				if r[0] == name {
					return r
				}
			}
		}
		return nil
	}
	var picked []pipeline.Award
	for _, a := range base.Awards {
		if a.Amount > 0 && inCSV(paid, a.Name) != nil && !slices.ContainsFunc(picked, func(b pipeline.Award) bool { return b.USCC == a.USCC }) {
			picked = append(picked, a)
		}
		if len(picked) == 2 {
			break
		}
	}
	if len(picked) < 2 {
		t.Fatal("the sample year has no two paid enterprises")
	}
	number, text := picked[0], picked[1]
	const textAccount = "6222021202000123457" // 19 digits
	in := copyInputs(t, samples)
	editBook(t, filepath.Join(in, "enterprises.xlsx"), func(f *excelize.File) {
		col, rows := headerColumns(t, f, "企业名录")
		for r, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(col["银行账号"], r+1)
			switch row[col["统一社会信用代码"]-1] {
			case number.USCC:
				must(t, f.SetCellInt("企业名录", cell, 6222021202000123456))
			case text.USCC:
				must(t, f.SetCellStr("企业名录", cell, textAccount))
			}
		}
	})

	s := settleRun(t, in).ok(t)
	const reason = "银行账号以数字格式录入，位数可能已丢失，请以文本格式重新录入"
	if !hasWarning(s, number.Name, number.USCC, "的兑付款暂缓拨付："+reason) {
		t.Errorf("no warning naming %s and the reason: %q", number.Name, s.Manifest.Warnings)
	}
	if a := findAward(s, number.Voucher, number.USCC); a == nil || a.Amount != number.Amount {
		t.Errorf("held award %+v, want the award %s unchanged", a, number.Amount)
	}
	p := payments(t, s.Dir)
	if r := inCSV(p, number.Name); r != nil {
		t.Errorf("the held enterprise is in a bank batch file: %v", r)
	}
	if r := inCSV(p, text.Name); r == nil || r[1] != textAccount {
		t.Errorf("bank batch row of the text account: %v, want account %s", r, textAccount)
	}
	held := sheetRows(t, filepath.Join(s.Dir, "disbursement-2025.xlsx"), "暂缓拨付")
	col := map[string]int{}
	for i, h := range held[0] {
		col[h] = i
	}
	var found bool
	for _, r := range held[1:] {
		switch r[col["统一社会信用代码"]] {
		case number.USCC:
			found = r[col["暂缓原因"]] == reason
		case text.USCC:
			t.Errorf("暂缓拨付 lists the enterprise with a text account: %v", r)
		}
	}
	if !found {
		t.Errorf("暂缓拨付 does not list %s with %q: %v", number.USCC, reason, held)
	}
}
