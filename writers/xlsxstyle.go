package writers

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// ctxRows is how often (in rows) a table checks that the run goes on:
// Ctrl-C stops a writer within a second.
const ctxRows = 1000

// maxCellChars is Excel's limit on the text of one cell, in UTF-16 units.
const maxCellChars = 32767

// truncatedMark ends a text that was cut to fit a cell.
const truncatedMark = "…〔超出单元格长度，已截断〕"

// safeText makes text from the inputs safe to store in a cell: invalid UTF-8
// (lone surrogates included) and characters XML 1.0 forbids (control
// characters other than tab, LF and CR; U+FFFE, U+FFFF) become U+FFFD, and
// text longer than a cell holds is cut with a marker. Formula-like text
// (=, +, -, @) needs nothing here: it is always written as a string cell.
func safeText(s string) string {
	if isPlainText(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r == 0xFFFE, r == 0xFFFF:
			return '\uFFFD'
		}
		return r
	}, s)
	if utf16Len(s) <= maxCellChars {
		return s
	}
	room, n := maxCellChars-utf16Len(truncatedMark), 0
	for i, r := range s {
		if n += utf16Units(r); n > room {
			return s[:i] + truncatedMark
		}
	}
	return s
}

// isPlainText reports, in one pass, that safeText has nothing to change:
// valid UTF-8 without characters XML forbids, and short enough for a cell
// (a valid string never has more UTF-16 units than bytes).
func isPlainText(s string) bool {
	if len(s) > maxCellChars {
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF {
			return false // invalid, or U+FFFD itself: the long way decides
		}
		i += size
	}
	return true
}

func utf16Units(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Units(r)
	}
	return n
}

// textWidth is the column width s needs: CJK and other wide characters
// take about two units.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x1100 && utf8.RuneLen(r) >= 3 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// fitWidth is a column width for the widest of texts, between lo and 60.
func fitWidth(lo float64, texts ...string) float64 {
	w := lo
	for _, s := range texts {
		w = max(w, textWidth(s)+2)
	}
	return min(w, 60)
}

// yuan and exact are the only places money becomes a float: at the cell.
func yuan(m pipeline.Money) float64 { return m.Float64() }

func exact(d decimal.Decimal) float64 { return d.InexactFloat64() }

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
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &sortedZip{w: w} })
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
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	money, factor, wan := "#,##0.00", "0.000000", "#,##0.0000"
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

// save writes the workbook to path and releases it.
func (b *book) save(path string) error {
	// Adding a chart appends the image types to [Content_Types].xml in map
	// order; sorting them keeps the bytes identical from run to run.
	if ct := b.f.ContentTypes; ct != nil {
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
	err := b.f.SaveAs(path)
	if cerr := b.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// column of a table: its header, width and the style of its data cells.
type column struct {
	title string
	width float64
	style int
}

// table is a streamed sheet: header row 1, then data rows, then total rows
// outside the filter. Its error is sticky and returned by close.
type table struct {
	b     *book
	sw    *excelize.StreamWriter
	name  string
	cols  []column
	rows  int // rows the sheet will have, header included
	row   int // last row written
	data  int // last data row (filter range)
	err   error
	total bool
	// landscape prints the sheet across the page (wide tables).
	landscape bool
	// The row being written, reused from row to row: SetRow reads them
	// before it returns. The values point into cells.
	cells  []excelize.Cell
	values []any
}

// newTable adds sheet name (or uses it when it exists, as the first sheet
// does) and writes its header. rows is the number of rows it will hold,
// header and totals included: a streamed sheet's dimension is written
// first, and readers that trust it must not see a stale one. The call
// order follows LIBRARY-NOTES: sheet properties before NewStreamWriter,
// widths and panes before the first row.
func (b *book) newTable(name string, cols []column, rows int) *table {
	t := &table{b: b, name: name, cols: cols, rows: rows, row: 1, data: 1, landscape: true}
	i, err := b.f.GetSheetIndex(name)
	if err == nil && i < 0 {
		_, err = b.f.NewSheet(name)
	}
	fit := true
	last, _ := excelize.CoordinatesToCellName(len(cols), rows)
	err = errors.Join(err, b.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}),
		b.f.SetSheetDimension(name, "A1:"+last))
	if err == nil {
		t.sw, err = b.f.NewStreamWriter(name)
	}
	if t.err = err; err != nil {
		return t
	}
	header := make([]any, len(cols))
	// The stream writer puts each width before the earlier ones: going
	// backwards leaves <cols> in ascending order, as Excel wants it.
	for i := len(cols) - 1; i >= 0; i-- {
		c := cols[i]
		// The header wraps over two lines (its row is 30 pt high).
		t.cols[i].width = max(c.width, textWidth(c.title)/2+2)
		t.err = errors.Join(t.err, t.sw.SetColWidth(i+1, i+1, t.cols[i].width))
		header[i] = excelize.Cell{StyleID: b.header, Value: c.title}
	}
	t.err = errors.Join(t.err, t.sw.SetPanes(frozen(1)),
		t.sw.SetRow("A1", header, excelize.RowOpts{Height: 30}))
	return t
}

// add writes a data row; nil leaves a cell blank, strings pass safeText.
func (t *table) add(values ...any) {
	if t.total {
		t.err = errors.Join(t.err, errors.New("data row after the total"))
	}
	t.put(values, nil)
	t.data = t.row
}

// addTotal writes a total row in bold with the given styles (by column).
func (t *table) addTotal(values []any, styles []int) {
	t.total = true
	t.put(values, styles)
}

func (t *table) put(values []any, styles []int) {
	if t.err != nil {
		return
	}
	t.row++
	if t.row%ctxRows == 0 {
		if t.err = t.b.ctx.Err(); t.err != nil {
			return
		}
	}
	if len(t.cells) < len(values) {
		t.cells, t.values = make([]excelize.Cell, len(values)), make([]any, len(values))
	}
	cells := t.values[:len(values)]
	lines := 1
	for i, v := range values {
		style := t.cols[i].style
		if styles != nil {
			style = styles[i]
		}
		lines = max(lines, t.b.lines(v, t.cols[i].width, style))
		cells[i] = nil
		if v = cellValue(v); v != nil {
			t.cells[i] = excelize.Cell{StyleID: style, Value: v}
			cells[i] = &t.cells[i]
		}
	}
	var opts []excelize.RowOpts
	if lines > 1 {
		opts = append(opts, excelize.RowOpts{Height: min(lineHeight*float64(lines), maxRowHeight)})
	}
	t.err = t.sw.SetRow("A"+strconv.Itoa(t.row), cells, opts...)
}

// maxRowHeight is the tallest row Excel allows, in points.
const maxRowHeight = 409

// lineHeight is the height of one line of body text, in points.
const lineHeight = 13

// lines is how many lines v takes in a column of width w with style:
// LibreOffice does not grow a row for wrapped text when it opens the
// file, so the writer sets the height of every row that wraps.
func (b *book) lines(v any, w float64, style int) int {
	s, ok := v.(string)
	if !ok || (style != b.wrap && style != b.mono) {
		return 1
	}
	tw := 0.0
	for _, r := range s {
		switch {
		case style == b.mono:
			tw += 1.2 // Courier New 10 pt
		case r >= 0x1100 && utf8.RuneLen(r) >= 3:
			tw += 1.65 // a CJK glyph of 10 pt, as LibreOffice prints it
		default:
			tw += 0.85
		}
	}
	room := max(w-0.5, 1)
	return max(1, int((tw+room-0.01)/room))
}

// fitRow sets the height of row on a normal sheet when a cell wraps.
func (b *book) fitRow(sheet string, row int, values []any, widths []float64, styles []int) error {
	lines := 1
	for i, v := range values {
		if i < len(widths) {
			lines = max(lines, b.lines(v, widths[i], styles[i]))
		}
	}
	if lines == 1 {
		return nil
	}
	return b.f.SetRowHeight(sheet, row, min(lineHeight*float64(lines), maxRowHeight))
}

// close adds the filter (unless filter is false), the print setup and
// flushes the sheet; it returns the first error of the table.
func (t *table) close(filter bool) error {
	if t.err == nil && t.row != t.rows {
		t.err = fmt.Errorf("%d rows written, %d announced", t.row, t.rows)
	}
	if t.err == nil {
		last, _ := excelize.CoordinatesToCellName(len(t.cols), t.data)
		if filter {
			t.err = t.b.f.AutoFilter(t.name, "A1:"+last, nil)
		}
		t.err = errors.Join(t.err, t.b.printSetup(t.name, 1, t.landscape), t.sw.Flush())
	}
	if t.err != nil {
		return fmt.Errorf("sheet %s: %w", t.name, t.err)
	}
	return nil
}

// cellValue passes text through safeText; empty text is no cell at all
// (nil); other values are kept.
func cellValue(v any) any {
	if s, ok := v.(string); ok {
		if s == "" {
			return nil
		}
		return safeText(s)
	}
	return v
}

func frozen(rows int) *excelize.Panes {
	cell, _ := excelize.CoordinatesToCellName(1, rows+1)
	return &excelize.Panes{Freeze: true, YSplit: rows, TopLeftCell: cell, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: cell, ActiveCell: cell, Pane: "bottomLeft"}}}
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
const marginLR = 0.5

func ptr[T any](v T) *T { return &v }
