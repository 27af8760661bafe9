package writers

import (
	"errors"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// A stream is a streamed sheet laid out row by row like a normal one
// (titles, merges, a signature block), unlike a table. Its error is
// sticky and returned by close.
type stream struct {
	b     *book
	sw    *excelize.StreamWriter
	name  string
	err   error
	cells []excelize.Cell
	vals  []any
}

// newStream adds sheet name as a streamed sheet whose cells end at last
// (its dimension, written first), with the column widths from A on and
// rows 1..frozenRows frozen, fitted to the page width. The call order
// follows LIBRARY-NOTES: sheet properties and dimension before the
// writer, widths and panes before the first row.
func (b *book) newStream(name, last string, widths []float64, frozenRows int) (*stream, error) {
	if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	fit := true
	err := errors.Join(b.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}),
		b.f.SetSheetDimension(name, "A1:"+last))
	if err != nil {
		return nil, err
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	s := &stream{b: b, sw: sw, name: name}
	// Backwards, as in newTable: <cols> comes out in ascending order.
	for i := len(widths) - 1; i >= 0; i-- {
		s.err = errors.Join(s.err, sw.SetColWidth(i+1, i+1, widths[i]))
	}

	s.err = errors.Join(s.err, sw.SetPanes(frozen(frozenRows)))
	return s, s.err
}

// set writes row from column A as book.setRow does on a normal sheet: nil
// (or "") leaves a cell blank but styled, style 0 is the default; height
// 0 leaves the row's height to the reader.
func (s *stream) set(row int, values []any, styles []int, height float64) {
	if s.err != nil {
		return
	}
	if len(s.cells) < len(values) {
		s.cells, s.vals = make([]excelize.Cell, len(values)), make([]any, len(values))
	}
	cells := s.vals[:len(values)]
	for i, v := range values {
		cells[i] = nil
		if v = cellValue(v); v != nil || styles[i] != 0 {
			s.cells[i] = excelize.Cell{StyleID: styles[i], Value: v}
			cells[i] = &s.cells[i]
		}
	}
	var opts []excelize.RowOpts
	if height > 0 {
		opts = append(opts, excelize.RowOpts{Height: height})
	}
	s.err = s.sw.SetRow("A"+strconv.Itoa(row), cells, opts...)
}

func (s *stream) merge(from, to string) {
	if s.err == nil {
		s.err = s.sw.MergeCell(from, to)
	}
}

// close adds the print setup (portrait) with rows 1..headerRows repeated and
// flushes the sheet; it returns the first error of the sheet.
func (s *stream) close(headerRows int) error {
	if s.err == nil {
		s.err = errors.Join(s.b.printSetup(s.name, headerRows, false), s.sw.Flush())
	}
	return s.err
}

// rowHeight is the height of a row whose cells wrap (see book.lines),
// 0 when none does.
func (b *book) rowHeight(values []any, widths []float64, styles []int) float64 {
	lines := 1
	for i, v := range values {
		if i < len(widths) {
			lines = max(lines, b.lines(v, widths[i], styles[i]))
		}
	}
	if lines == 1 {
		return 0
	}
	return min(lineHeight*float64(lines), maxRowHeight)
}
