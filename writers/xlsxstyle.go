package writers

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"settle/internal/xlsxzip"
	"settle/pipeline"
)

// ctxRows is how often (in rows) a table checks that the run goes on:
// Ctrl-C stops a writer within a second.
const ctxRows = 1000

// yuan and wan are the only places money becomes a float: at the cell.
func yuan(m pipeline.Money) float64 { return m.Float64() }

// book is a workbook being written, with the styles every sheet shares.
type book struct {
	f                                           *excelize.File
	ctx                                         context.Context // checked every ctxRows rows of a table
	year                                        int
	owner                                       string // who the document is for, printed in every page header
	draft                                       bool   // a draft prints 草稿 on every page
	header, title, bold, text, money, moneyBold int
	count, countBold, factor, percent, pctBold  int
	wrap, mono, big, sign, signer, wan, wanBold int
	moneyTotal                                  int // a total in a table: regular digits over a rule
}

// Fonts named on every style (SPEC §6: printable): 宋体 for the body, 黑体
// for headings. LibreOffice substitutes a CJK font it has (WenQuanYi);
// without a name it falls back to a serif font that lacks the glyphs.
const (
	bodyFont = "宋体"
	headFont = "黑体"
	monoFont = "Courier New"
	bodySize = 10
)

// newBook starts a workbook whose first sheet is named first, for owner
// (a bureau's name, or 财政拨付 …) and the year of r. Document properties
// carry no date: there is none the program can know that is true (the
// run's date would break byte-identical outputs, and a date derived from
// the year is invented). Zip entries are sorted, so that identical inputs
// give identical bytes.
func newBook(ctx context.Context, r *pipeline.Result, owner, first, title string) (*book, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f := excelize.NewFile()
	f.SetZipWriter(xlsxzip.New)
	b := &book{f: f, ctx: ctx, year: r.Year, owner: owner, draft: r.Stage == pipeline.Draft}
	core := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" `+
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" `+
		`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>%s</dc:title>`+
		`<dc:creator>settle</dc:creator><cp:lastModifiedBy>settle</cp:lastModifiedBy>`+
		`<dc:identifier>%s</dc:identifier><dc:language>zh-CN</dc:language></cp:coreProperties>`,
		xmlEscape(title), xmlEscape(r.RunID))
	f.Pkg.Store("docProps/core.xml", []byte(core))
	err := errors.Join(f.SetSheetName("Sheet1", first), f.SetDefaultFont(bodyFont))
	// The default font is the body's, 10 pt: column widths are counted
	// in its digits, so it decides how wide a sheet prints.
	if f.Styles != nil && len(f.Styles.Fonts.Font) > 0 && f.Styles.Fonts.Font[0].Sz != nil {
		size := float64(bodySize)
		f.Styles.Fonts.Font[0].Sz.Val = &size
	}
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	money, factor, wan := "#,##0.00", "0.000000", "#,##0.000000" // 万元 to the fen: rows add up
	body := &excelize.Font{Family: bodyFont, Size: bodySize}
	bold := &excelize.Font{Family: headFont, Size: bodySize, Bold: true}
	top := &excelize.Alignment{Vertical: "top"}
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&b.header, excelize.Style{Font: bold, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&b.title, excelize.Style{Font: &excelize.Font{Family: headFont, Bold: true, Size: 16},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
		{&b.bold, excelize.Style{Font: bold, Alignment: top}},
		{&b.text, excelize.Style{NumFmt: 49, Font: body, Alignment: top}}, // "@": stays text when edited
		{&b.money, excelize.Style{CustomNumFmt: &money, Font: body, Alignment: top}},
		{&b.moneyBold, excelize.Style{CustomNumFmt: &money, Font: bold, Alignment: top}},
		// Bold digits are wider than a 13-unit money column holds at nine
		// figures (##### in print); a total keeps the body's digits and is
		// set off by the rule above it and its bold label.
		{&b.moneyTotal, excelize.Style{CustomNumFmt: &money, Font: body, Alignment: top,
			Border: []excelize.Border{{Type: "top", Color: "000000", Style: 1}}}},
		{&b.count, excelize.Style{NumFmt: 3, Font: body, Alignment: top}}, // #,##0
		{&b.countBold, excelize.Style{NumFmt: 3, Font: bold, Alignment: top}},
		{&b.factor, excelize.Style{CustomNumFmt: &factor, Font: body, Alignment: top}},
		{&b.percent, excelize.Style{NumFmt: 10, Font: body, Alignment: top}}, // 0.00%
		{&b.pctBold, excelize.Style{NumFmt: 10, Font: bold, Alignment: top}},
		{&b.wan, excelize.Style{CustomNumFmt: &wan, Font: body, Alignment: top}},
		{&b.wanBold, excelize.Style{CustomNumFmt: &wan, Font: bold, Alignment: top}},
		{&b.wrap, excelize.Style{NumFmt: 49, Font: body,
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&b.mono, excelize.Style{NumFmt: 49, Font: &excelize.Font{Family: monoFont, Size: 10},
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&b.big, excelize.Style{Font: &excelize.Font{Family: headFont, Size: 12, Bold: true},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&b.signer, excelize.Style{Font: &excelize.Font{Family: headFont, Size: 12, Bold: true},
			Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "bottom"}}},
		{&b.sign, excelize.Style{Font: &excelize.Font{Family: bodyFont, Size: 12},
			Alignment: &excelize.Alignment{Vertical: "bottom"},
			Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}}},
	} {
		id, e := f.NewStyle(&s.style)
		*s.id, err = id, errors.Join(err, e)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("workbook styles: %w", err)
	}
	return b, nil
}

func xmlEscape(s string) string {
	var buf strings.Builder
	xml.EscapeText(&buf, []byte(safeText(s)))
	return buf.String()
}

// save writes the workbook to w and releases it.
func (b *book) save(w io.Writer) error {
	// Adding a chart appends the image types to [Content_Types].xml in map
	// order; sorting them keeps the bytes identical from run to run.
	if ct := b.f.ContentTypes; ct != nil {
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
	// The archive goes straight to w: WriteTo would build all of it in a
	// buffer first (hundreds of MB for a large year) and then copy it.
	b.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return xlsxzip.New(w) })
	_, err := b.f.WriteToBuffer()
	if cerr := b.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// printSetup makes a sheet print on A4 (landscape or portrait), fitted
// to the page width, with rows 1..headerRows repeated on every page, the
// owner and year (and 草稿 on a draft) in the header and page numbers in
// the footer. The sheets are laid out so that fitting never shrinks them
// below minPrintScale (TestPrintScale). On a streamed sheet it must come
// before Flush.
func (b *book) printSetup(sheet string, headerRows int, landscape bool) error {
	orient, a4, one, zero := "portrait", 9, 1, 0
	if landscape {
		orient = "landscape"
	}
	head := fmt.Sprintf("&L&\"%s,Regular\"&10%s %d年度&C&\"%s,Bold\"&10&A", bodyFont,
		strings.ReplaceAll(b.owner, "&", "&&"), b.year, headFont)
	if b.draft {
		head += fmt.Sprintf("&R&\"%s,Bold\"&14草稿", headFont)
	}
	err := errors.Join(
		b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orient, Size: &a4,
			FitToWidth: &one, FitToHeight: &zero}),
		b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: ptr(marginLR), Right: ptr(marginLR),
			Top: ptr(0.8), Bottom: ptr(0.7), Header: ptr(0.3), Footer: ptr(0.3)}),
		b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
			OddHeader: head, OddFooter: fmt.Sprintf("&C&\"%s,Regular\"&10第 &P 页 / 共 &N 页", bodyFont)}),
	)
	if headerRows > 0 {
		err = errors.Join(err, b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
			RefersTo: fmt.Sprintf("'%s'!$1:$%d", sheet, headerRows)}))
	}
	return err
}

// fitToPage turns on fitting (to the page width, see printSetup) on a
// normal sheet; a streamed sheet sets it in newTable, before its writer.
func (b *book) fitToPage(sheet string) error {
	fit := true
	return b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
}

// marginLR is the left and right page margin, in inches.
const marginLR = 0.3

func ptr[T any](v T) *T { return &v }
