package main

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"settle/internal/testkit"
	"settle/pipeline"
)

// Mistakes of issue 11 that stop a run, each through Run: a damaged
// workbook, --strict with a warning, --final with reviews pending. Each
// exits 1, says why and writes nothing.

// A zip entry whose bytes do not match the CRC-32 its headers record
// (a damaged copy, a bad disk): exit 1 naming the file and the entry.
// The worst case is a sheet stored uncompressed with one digit changed:
// the XML still reads, only the CRC tells that row 4 is not 2,000.00.
func TestMistakeDamagedEntry(t *testing.T) {
	wrongCRC := func(w *zip.Writer, f *zip.File) error {
		raw, err := f.OpenRaw()
		if err != nil {
			return err
		}
		h := f.FileHeader
		h.CRC32 ^= 1 // the bytes stay whole: only the check fails
		out, err := w.CreateRaw(&h)
		if err == nil {
			_, err = io.Copy(out, raw)
		}
		return err
	}
	digitChanged := func(w *zip.Writer, f *zip.File) error {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		const was, now = `<c r="I4" s="3"><v>2000</v>`, `<c r="I4" s="3"><v>9000</v>`
		if !bytes.Contains(b, []byte(was)) {
			t.Fatalf("the sample's compute sheet has no %s", was)
		}
		h := &zip.FileHeader{Name: f.Name, Method: zip.Store, CRC32: crc32.ChecksumIEEE(b),
			CompressedSize64: uint64(len(b)), UncompressedSize64: uint64(len(b))}
		out, err := w.CreateRaw(h)
		if err == nil {
			_, err = out.Write(bytes.Replace(b, []byte(was), []byte(now), 1))
		}
		return err
	}
	cases := []struct {
		name, entry string
		damage      func(*zip.Writer, *zip.File) error
	}{
		{"the sheet, wrong CRC", sheet1, wrongCRC},
		{"the styles, wrong CRC", "xl/styles.xml", wrongCRC},
		{"the workbook part, wrong CRC", "xl/workbook.xml", wrongCRC},
		{"the sheet stored with one digit changed", sheet1, digitChanged},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := copyInputs(t, samples)
			rewriteZip(t, filepath.Join(in, "compute_billing.xlsx"), tc.entry, tc.damage)
			r := settleRun(t, in)
			if r.code != exitInputs || !containsAll(r.stderr, "compute_billing.xlsx", tc.entry, "CRC-32") {
				t.Fatalf("exit %d, want %d naming the file, %s and the CRC-32: %s", r.code, exitInputs, tc.entry, r.stderr)
			}
			t.Logf("%s", r.stderr)
			r.nothingWritten(t)
		})
	}
}

// minimalYear writes a year without a single warning: one enterprise of
// the district with a text bank account, approved for 算力券, one eligible
// compute line from a listed partner.
func minimalYear(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	buyer, partner := testkit.USCC(t, 1), testkit.USCC(t, 2)
	book := func(name string, sheets map[string][][]string) {
		f := excelize.NewFile()
		defer f.Close()
		for sheet, rows := range sheets {
			if _, err := f.NewSheet(sheet); err != nil {
				t.Fatal(err)
			}
			for i, row := range rows {
				cell, _ := excelize.CoordinatesToCellName(1, i+1)
				must(t, f.SetSheetRow(sheet, cell, &row))
			}
		}
		must(t, f.DeleteSheet("Sheet1"))
		must(t, f.SaveAs(filepath.Join(dir, name)))
	}
	book("enterprises.xlsx", map[string][][]string{
		"企业名录": {{"统一社会信用代码", "企业名称", "注册区域", "经营状态", "开户银行", "银行账号"},
			{buyer, "杭州测试科技有限公司", "杭州市滨江区", "存续", "中国银行杭州滨江支行", "3712846415266767"}},
		"评审结果": {{"统一社会信用代码", "券种", "评审结论"}, {buyer, "算力券", "通过"}},
	})
	book("reference.xlsx", map[string][][]string{
		"算力合作伙伴": {{"统一社会信用代码", "企业名称", "入库日期"}, {partner, "杭州测试算力有限公司", "2025-01-01"}},
		"备案模型":   {{"备案编号", "备案日期"}},
		"交易平台":   {{"平台名称"}},
	})
	book("compute_billing.xlsx", map[string][][]string{
		"算力结算": {{"统一社会信用代码", "服务商统一社会信用代码", "账单编号", "结算日期", "算力类型", "用途", "结算金额", "发票号码"},
			{buyer, partner, "B-1", "2025-08-01", "国产", "产品开发", "100,000.00", "INV-1"}},
	})
	return dir
}

// --strict publishes nothing when the run has a single warning (here
// 创新券 reviews without their workbook), and publishes a year without one.
func TestMistakeStrictWithOneWarning(t *testing.T) {
	in := minimalYear(t)
	s := settleRun(t, in, "--strict").ok(t)
	if len(s.Manifest.Warnings) != 0 || len(s.Awards) != 1 || s.Awards[0].Amount != pipeline.Yuan(60000) {
		t.Fatalf("the year without warnings: warnings %q, awards %+v", s.Manifest.Warnings, s.Awards)
	}
	editBook(t, filepath.Join(in, "enterprises.xlsx"), func(f *excelize.File) {
		must(t, f.SetSheetRow("评审结果", "A3", &[]string{testkit.USCC(t, 1), "创新券", "通过"}))
	})
	r := settleRun(t, in, "--strict")
	const warning = "评审结果列有 1 家企业的创新券结论，但没有提供创新券明细工作簿 innovation_contracts.xlsx"
	if r.code != exitInputs || !strings.Contains(r.stderr, "本次结算有 1 条警告") || !strings.Contains(r.stderr, "--strict 下不发布任何结果") ||
		!strings.Contains(r.stdout, "警告 1 条") || !strings.Contains(r.stdout, warning) {
		t.Fatalf("exit %d, want %d with the warning: %s%s", r.code, exitInputs, r.stdout, r.stderr)
	}
	r.nothingWritten(t)
}

// run --final on the sample year, which has pending reviews: exit 1,
// each pending enterprise and voucher listed in Chinese (USCC, name,
// 券种), nothing written.
func TestMistakeFinalWithPendingReviews(t *testing.T) {
	base := baseline(t)
	r := settleRun(t, samples, "--final")
	if r.code != exitInputs || !strings.Contains(r.stderr, "不能正式结算（--final）") || !strings.Contains(r.stderr, "未写入任何结果") {
		t.Fatalf("exit %d, want %d: %s", r.code, exitInputs, r.stderr)
	}
	r.nothingWritten(t)
	names := voucherNames(base)
	listed := 0
	for _, l := range strings.Split(r.stderr, "\n") {
		if strings.Contains(l, "待评审，计算金额") {
			listed++
		}
	}
	pending := 0
	for _, a := range base.Awards {
		if a.Status != pipeline.PendingReview {
			continue
		}
		pending++
		want := a.USCC + "  " + a.Name + "  " + names[a.Voucher] + "（待评审"
		if !strings.Contains(r.stderr, want) {
			t.Errorf("the refusal does not list %q", want)
		}
	}
	if pending == 0 || listed != pending {
		t.Errorf("the refusal lists %d claims, the draft has %d pending", listed, pending)
	}
}
