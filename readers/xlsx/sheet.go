package xlsx

import (
	"fmt"
	"io"
	"os"
)

// Rows reads the rows of one worksheet in file order, streaming its XML.
// A Rows is not safe for concurrent use.
type Rows struct {
	wb    *Workbook
	sheet string
	part  string
	sh    *shared
	rc    *readAhead
	size  int64 // the part's inflated size as its zip header declares it
	s     *scanner
	state rowsState
	row   int
	cells []Cell
	spans []span // per cell: its value's bytes in text, or start < 0
	text  []byte // the row's values that are not shared strings
	err   error
}

type rowsState uint8

const (
	beforeData rowsState = iota // before <sheetData>
	inData
	done
)

type span struct{ start, end int }

// Rows starts reading the named sheet (exact name). It loads the shared
// strings and styles first if no earlier call has. An unknown name is an
// error wrapping ErrSheetNotFound.
func (w *Workbook) Rows(sheet string) (*Rows, error) {
	partName, ok := w.sheets[sheet]
	if !ok {
		return nil, fmt.Errorf("%s: %w“%s”（工作簿中的工作表为 %q）", w.path, ErrSheetNotFound, sheet, w.names)
	}
	if w.closed.Load() {
		return nil, fmt.Errorf("%s: %w", w.path, os.ErrClosed)
	}
	f := w.parts.get(partName)
	if f == nil {
		return nil, fmt.Errorf("%s: 工作表“%s”的组成部分 %s 不存在: %w", w.path, sheet, partName, ErrNotWorkbook)
	}
	sh, err := w.shared()
	if err != nil {
		return nil, err
	}
	part, err := openPart(f, w.limit)
	if err != nil {
		return nil, w.partError(f.Name, err)
	}
	rc := newReadAhead(part)
	return &Rows{wb: w, sheet: sheet, part: f.Name, sh: sh, rc: rc, size: int64(f.UncompressedSize64), s: newScanner(rc)}, nil
}

// Next advances to the next row that has at least one cell (rows with no
// <c> element, or only empty ones, are skipped). It returns false at the
// end of the sheet or on an error; see Err.
func (r *Rows) Next() bool {
	if r.state == done {
		return false
	}
	if r.state == beforeData && !r.findSheetData() {
		return false
	}
	for r.s.next() {
		t := &r.s.tag
		switch {
		case t.kind == endTag:
			if string(t.name) != "sheetData" {
				r.fail(fmt.Errorf("%w：意外的 </%s>", errMalformed, t.name))
				return false
			}
			r.drain()
			return false
		case string(t.name) == "row":
			n, err := r.rowNumber(t.attrs)
			if err == nil && n <= r.row {
				// Two rows with one number would be two lines from one
				// row; Excel writes rows in ascending order.
				err = fmt.Errorf("%w：第 %d 行出现在第 %d 行之后", errMalformed, n, r.row)
			}
			if err != nil {
				r.fail(err)
				return false
			}
			r.row = n
			if t.kind == emptyTag {
				continue
			}
			if !r.readRow() {
				return false
			}
			if len(r.cells) > 0 {
				return true
			}
		case t.kind == startTag:
			if !r.s.skipRest() {
				r.fail(r.s.failure())
				return false
			}
		}
	}
	r.fail(r.s.failure())
	return false
}

// findSheetData skips to the inside of <sheetData>. A sheet without one
// (a chart sheet, say) has no rows.
func (r *Rows) findSheetData() bool {
	for r.s.next() {
		if t := &r.s.tag; string(t.name) == "sheetData" && t.kind != endTag {
			if t.kind == emptyTag {
				r.drain()
				return false
			}
			r.state = inData
			return true
		}
	}
	if r.s.err == io.EOF {
		r.finish()
	} else {
		r.fail(r.s.err)
	}
	return false
}

// rowNumber reads the r attribute of <row>: previous+1 when absent.
func (r *Rows) rowNumber(attrs []attr) (int, error) {
	for _, a := range attrs {
		if name, value := r.s.attr(a); string(name) == "r" && len(value) > 0 && !r.s.prefixed(a) {
			n, ok := parseUint(value, maxRows)
			if !ok || n == 0 {
				return 0, fmt.Errorf("%w：行号 %q 无效", errMalformed, value)
			}
			return n, nil
		}
	}
	if r.row >= maxRows {
		return 0, fmt.Errorf("%w：超过 %d 行", errMalformed, maxRows)
	}
	return r.row + 1, nil
}

// Progress reports how far Next has got through the sheet: the bytes of
// sheet XML consumed so far, and the sheet's size as its zip header
// declares it (which a hostile file may misstate: the bytes actually
// inflated are limited by Options.MaxPartSize whatever it says). A reader
// uses it to estimate the number of rows and allocate once.
func (r *Rows) Progress() (done, size int64) {
	if r.rc == nil || r.s == nil {
		return 0, r.size
	}
	return r.rc.read - int64(r.s.end-r.s.pos), r.size
}

// Row is the current row's 1-based number as Excel shows it.
func (r *Rows) Row() int { return r.row }

// Cells returns the current row's cells in column order. The slice is
// reused by the next call to Next; the strings in it are ordinary Go
// strings and may be kept.
func (r *Rows) Cells() []Cell { return r.cells }

// Err returns the error that stopped Next, if any. Errors about the
// sheet's content wrap ErrNotWorkbook (malformed XML, a bad cell
// reference, a shared string index out of range) or ErrTooLarge, and name
// the file, the sheet and the row.
func (r *Rows) Err() error { return r.err }

// Close releases the sheet's part. It is safe to call more than once, and
// need not be called after Next has returned false.
func (r *Rows) Close() error {
	r.state = done
	if r.rc == nil {
		return nil
	}
	err := r.rc.Close()
	r.rc, r.s = nil, nil
	return err
}
