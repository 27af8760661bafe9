package writers

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

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
// file, so the writer sets the height of every row that wraps. It lays
// the text out as LibreOffice does: whole glyphs to a line, a CJK glyph
// anywhere, a run of Latin letters and digits as one word when it fits
// a line of its own, a new line at LF.
func (b *book) lines(v any, w float64, style int) int {
	s, ok := v.(string)
	if !ok || (style != b.wrap && style != b.mono) {
		return 1
	}
	room := max(w-0.1, 1) // the cell's padding is about the 5 pixels a width unit leaves out
	n, x := 1, 0.0        // lines, width used on the last one
	word := 0.0           // width of the Latin word x ends with
	for _, r := range s {
		if r == '\n' {
			n, x, word = n+1, 0, 0
			continue
		}
		g := glyphWidth(r, style == b.mono)
		latin := r < utf8.RuneSelf && r != ' '
		if x+g > room {
			n++
			switch {
			case latin && word > 0 && word < x:
				// The word moves to the new line whole, and breaks
				// there if it is longer than a line.
				if x = word; x+g > room {
					n, x, word = n+1, 0, 0
				}
			default:
				x, word = 0, 0
			}
		}
		x += g
		if latin {
			word += g
		} else {
			word = 0
		}
	}
	return n
}

// glyphWidth is the printed width of r in column-width units, 10 pt.
func glyphWidth(r rune, mono bool) float64 {
	switch {
	case mono:
		return 1.0 // Courier New (Liberation Mono): 0.6 em, 37 to a 35-unit column
	case r >= 0x1100 && utf8.RuneLen(r) >= 3:
		return 1.57 // a CJK glyph: 13.3 px of 8.5; 7 to a 12-unit column, 11 to 18
	case r == ' ' || r == '.' || r == ',' || r == ':' || r == ';' || r == '\'' || r == 'i' || r == 'l' || r == 'j' || r == '|':
		return 0.5
	case r == '"' || r == '(' || r == ')' || r == '-' || r == '/' || r == '[' || r == ']':
		return 0.75
	case r >= 'A' && r <= 'Z':
		return 1.2 // the capitals of codes: DejaVu Sans prints them wider than digits
	}
	return 1.0 // digits, lower case (DejaVu Sans: 0.64 em, 8.5 px at 10 pt)
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
