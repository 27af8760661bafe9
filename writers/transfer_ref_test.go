package writers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// writeTransferNormal is the 拨付 sheet as the release before streaming
// wrote it, through the normal API: the reference TestTransferStreamed
// compares the streamed sheet with, cell by cell and style by style.
func writeTransferNormal(b *book, r *pipeline.Result, bureau string, opt DocOptions) error {
	name := r.Policy.BureauName(bureau)
	sh := "拨付(" + name + ")"
	f := b.f
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	payable, held := split(payments(r, bureau))
	title := fmt.Sprintf("%s %d年度人工智能券补助资金拨付表", name, r.Year)
	if b.draft {
		title += "（草稿）"
	}
	heads := []string{"序号", "户名", "开户银行", "账号", "金额（元）", "用途"}
	err := errors.Join(
		b.setRow(sh, 1, []any{title}, []int{b.title}), f.MergeCell(sh, "A1", "F1"), f.SetRowHeight(sh, 1, 28),
		b.setRow(sh, 2, []any{nil, nil, nil, nil, nil, "单位：元"}, []int{0, 0, 0, 0, 0, b.text}),
		b.setRow(sh, 3, anys(heads), repeat(b.header, len(heads))),
	)
	row := 4
	for i, p := range payable {
		if i%ctxRows == ctxRows-1 {
			if err := b.ctx.Err(); err != nil {
				return err
			}
		}
		vals := []any{i + 1, p.name, p.bank, p.acct, yuan(p.total), purpose(r.Year, p.vouchers)}
		styles := []int{b.count, b.wrap, b.wrap, b.text, b.money, b.wrap}
		err = errors.Join(err, b.setRow(sh, row, vals, styles), fitRow(b, sh, row, vals, transferWidths, styles))
		row++
	}
	total := sumPayments(payable)
	err = errors.Join(err, b.setRow(sh, row, []any{"合计", fmt.Sprintf("%d 家", len(payable)), nil, nil, yuan(total)},
		[]int{b.bold, b.bold, b.bold, b.bold, b.moneyBold}))
	row += 2
	for _, kv := range [][2]string{{"合计金额（小写）", "¥" + moneyText(total)}, {"合计金额（大写）", Daxie(total)}} {
		err = errors.Join(err, b.setRow(sh, row, []any{kv[0], nil, kv[1]}, []int{b.big, b.big, b.big}),
			f.MergeCell(sh, fmt.Sprintf("A%d", row), fmt.Sprintf("B%d", row)),
			f.MergeCell(sh, fmt.Sprintf("C%d", row), fmt.Sprintf("F%d", row)), f.SetRowHeight(sh, row, 24))
		row++
	}
	note := "本表与银行批量代发文件 " + fmt.Sprintf("payments-%d-%s.csv", r.Year, bureau) + " 逐行一致。"
	if len(held) > 0 {
		note += fmt.Sprintf("另有 %d 户共 %s 元因开户信息问题暂缓拨付，见「暂缓拨付」。", len(held), moneyText(sumPayments(held)))
	}
	err = errors.Join(err, b.setRow(sh, row, []any{note}, []int{b.wrap}),
		f.MergeCell(sh, fmt.Sprintf("A%d", row), fmt.Sprintf("F%d", row)), f.SetRowHeight(sh, row, 30))
	row, serr := b.writeSignatures(sh, row+2, opt,
		signLayout{label: "B", sign: [2]string{"C", "D"}, date: "E", day: [2]string{"F", "F"}})
	for i, w := range transferWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		err = errors.Join(err, f.SetColWidth(sh, col, col, w))
	}
	err = errors.Join(err, serr, f.SetPanes(sh, frozen(3)), f.SetSheetDimension(sh, fmt.Sprintf("A1:F%d", row-1)),
		b.printSetup(sh, 3, false), b.fitToPage(sh))
	if err != nil {
		return fmt.Errorf("sheet %s: %w", sh, err)
	}
	return nil
}

// TestTransferStreamed checks that the streamed 拨付 sheets print as the
// normal-API ones did: the same cells (values, types, styles), merges,
// row heights, column widths, panes, dimension and print setup. Cases: a
// draft without a date, a final with one, and names and banks long
// enough to wrap, with text a cell must clean.
func TestTransferStreamed(t *testing.T) {
	tests := []struct {
		name  string
		stage pipeline.Stage
		opt   DocOptions
		edit  func(r *pipeline.Result)
	}{
		{"draft", pipeline.Draft, DocOptions{}, nil},
		{"final dated", pipeline.Final, DocOptions{Date: "2026年1月15日"}, nil},
		{"wrapping", pipeline.Draft, DocOptions{}, func(r *pipeline.Result) {
			for _, e := range r.Inputs.Registry.Enterprises {
				e.Name = strings.Repeat("杭州滨江人工智能", 4) + "\x01有限公司"
				e.Bank = "中国工商银行股份有限公司杭州高新技术产业开发区支行营业部"
			}
		}},
		{"nobody paid", pipeline.Final, DocOptions{}, func(r *pipeline.Result) {
			for i := range r.Awards {
				r.Awards[i].Amount = 0
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := testResult(t)
			r.Stage = tc.stage
			if tc.edit != nil {
				tc.edit(r)
			}
			write := func(name string, sheet func(b *book, code string) error) *excelize.File {
				return openXLSX(t, writeWorkbook(t, name, func(path string) error {
					b, err := newBook(context.Background(), r, "财政拨付", "兑付清单", "拨付")
					if err != nil {
						return err
					}
					for _, code := range bureausOf(r.Policy) {
						if err := sheet(b, code); err != nil {
							return err
						}
					}
					var buf bytes.Buffer
					if err := b.save(&buf); err != nil {
						return err
					}
					return os.WriteFile(path, buf.Bytes(), 0o644)
				}))
			}
			want := write("normal.xlsx", func(b *book, code string) error {
				return writeTransferNormal(b, r, code, tc.opt)
			})
			got := write("streamed.xlsx", func(b *book, code string) error {
				return writeTransfer(b, r, code, payments(r, code), tc.opt)
			})
			if g, w := got.GetSheetList(), want.GetSheetList(); !slices.Equal(g, w) {
				t.Fatalf("sheets %q, want %q", g, w)
			}
			for _, sheet := range want.GetSheetList()[1:] {
				checkSameSheet(t, got, want, sheet)
			}
		})
	}
}

// checkSameSheet compares sheet of got with want as a printer sees it.
func checkSameSheet(tb testing.TB, got, want *excelize.File, sheet string) {
	tb.Helper()
	same := func(what string, g, w any, err ...error) {
		tb.Helper()
		if e := errors.Join(err...); e != nil {
			tb.Fatalf("%s %s: %v", sheet, what, e)
		}
		if !reflect.DeepEqual(g, w) {
			tb.Errorf("%s %s:\n got %+v\nwant %+v", sheet, what, g, w)
		}
	}
	gd, e1 := got.GetSheetDimension(sheet)
	wd, e2 := want.GetSheetDimension(sheet)
	same("dimension", gd, wd, e1, e2)
	lastCol, lastRow, err := excelize.CellNameToCoordinates(strings.Split(wd, ":")[1])
	if err != nil {
		tb.Fatal(err)
	}
	gm, e1 := got.GetMergeCells(sheet)
	wm, e2 := want.GetMergeCells(sheet)
	ref := func(ms []excelize.MergeCell) []string {
		var s []string
		for _, m := range ms {
			s = append(s, m.GetStartAxis()+":"+m.GetEndAxis()+"="+m.GetCellValue())
		}
		slices.Sort(s)
		return s
	}
	same("merges", ref(gm), ref(wm), e1, e2)
	for col := 1; col <= lastCol+1; col++ {
		name, _ := excelize.ColumnNumberToName(col)
		gw, e1 := got.GetColWidth(sheet, name)
		ww, e2 := want.GetColWidth(sheet, name)
		same("width of "+name, gw, ww, e1, e2)
	}
	gp, e1 := got.GetPanes(sheet)
	wp, e2 := want.GetPanes(sheet)
	same("panes", gp, wp, e1, e2)
	gl, e1 := got.GetPageLayout(sheet)
	wl, e2 := want.GetPageLayout(sheet)
	same("page layout", gl, wl, e1, e2)
	gmg, e1 := got.GetPageMargins(sheet)
	wmg, e2 := want.GetPageMargins(sheet)
	same("margins", gmg, wmg, e1, e2)
	ghf, e1 := got.GetHeaderFooter(sheet)
	whf, e2 := want.GetHeaderFooter(sheet)
	same("header and footer", ghf, whf, e1, e2)
	gpr, e1 := got.GetSheetProps(sheet)
	wpr, e2 := want.GetSheetProps(sheet)
	same("sheet properties", gpr, wpr, e1, e2)
	same("defined names", got.GetDefinedName(), want.GetDefinedName())
	for row := 1; row <= lastRow+1; row++ {
		gh, e1 := got.GetRowHeight(sheet, row)
		wh, e2 := want.GetRowHeight(sheet, row)
		same(fmt.Sprintf("height of row %d", row), gh, wh, e1, e2)
		for col := 1; col <= lastCol+1; col++ {
			cell, _ := excelize.CoordinatesToCellName(col, row)
			gv, e1 := got.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
			wv, e2 := want.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
			same(cell+" value", gv, wv, e1, e2)
			gt, e1 := got.GetCellType(sheet, cell)
			wt, e2 := want.GetCellType(sheet, cell)
			// A streamed text is an inline string, a normal one shared
			// (or inline, past excelize's count of shared strings): both
			// are text to every reader.
			for _, t := range []*excelize.CellType{&gt, &wt} {
				if *t == excelize.CellTypeInlineString {
					*t = excelize.CellTypeSharedString
				}
			}
			same(cell+" type", gt, wt, e1, e2)
			gs, e1 := got.GetCellStyle(sheet, cell)
			ws, e2 := want.GetCellStyle(sheet, cell)
			gst, e3 := got.GetStyle(gs)
			wst, e4 := want.GetStyle(ws)
			same(cell+" style", gst, wst, e1, e2, e3, e4)
		}
	}
}

// fitRow sets the height of row on a normal sheet when a cell wraps, as
// the normal-API 拨付 sheet did.
func fitRow(b *book, sheet string, row int, values []any, widths []float64, styles []int) error {
	if h := b.rowHeight(values, widths, styles); h > 0 {
		return b.f.SetRowHeight(sheet, row, h)
	}
	return nil
}
