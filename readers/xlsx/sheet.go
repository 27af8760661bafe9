package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"
	"unicode/utf8"
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
		return nil, fmt.Errorf("%s: %q (the sheets are %q): %w", w.path, sheet, w.names, ErrSheetNotFound)
	}
	if w.closed.Load() {
		return nil, fmt.Errorf("%s: %w", w.path, os.ErrClosed)
	}
	f := w.parts.get(partName)
	if f == nil {
		return nil, fmt.Errorf("%s: sheet %q: part %q missing: %w", w.path, sheet, partName, ErrNotWorkbook)
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
				r.fail(fmt.Errorf("%w: unexpected </%s>", errMalformed, t.name))
				return false
			}
			r.drain()
			return false
		case string(t.name) == "row":
			n, err := r.rowNumber(t.attrs)
			if err == nil && n <= r.row {
				// Two rows with one number would be two lines from one
				// row; Excel writes rows in ascending order.
				err = fmt.Errorf("%w: row %d after row %d", errMalformed, n, r.row)
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
				return 0, fmt.Errorf("%w: bad row number %q", errMalformed, value)
			}
			return n, nil
		}
	}
	if r.row >= maxRows {
		return 0, fmt.Errorf("%w: more than %d rows", errMalformed, maxRows)
	}
	return r.row + 1, nil
}

// readRow reads the cells of the row whose start tag was just read, up to
// and including </row>.
func (r *Rows) readRow() bool {
	r.cells, r.spans, r.text = r.cells[:0], r.spans[:0], r.text[:0]
	col, ordered := 0, true
	for r.s.next() {
		t := &r.s.tag
		if t.kind == endTag {
			if string(t.name) != "row" {
				r.fail(fmt.Errorf("%w: unexpected </%s> in row", errMalformed, t.name))
				return false
			}
			return r.finishRow(ordered)
		}
		if string(t.name) != "c" {
			if t.kind == startTag && !r.s.skipRest() {
				r.fail(r.s.failure())
				return false
			}
			continue
		}
		// The attributes point into the scanner's buffer: decode them now.
		c, style, typ := col+1, 0, typeNumber
		for _, a := range t.attrs {
			name, value := r.s.attr(a)
			if len(name) != 1 || r.s.prefixed(a) {
				continue
			}
			switch name[0] {
			case 'r':
				if len(value) > 0 {
					n, ok := parseCol(value)
					if !ok {
						r.fail(fmt.Errorf("%w: bad cell reference %q", errMalformed, value))
						return false
					}
					c = n
				}
			case 's':
				style, _ = parseUint(value, 1<<30)
			case 't':
				typ = parseType(value)
			}
		}
		switch {
		case c > maxCols:
			r.fail(fmt.Errorf("%w: row %d: a cell after column %s", errMalformed, r.row, colName(maxCols)))
			return false
		case c == col:
			r.fail(fmt.Errorf("%w: two cells at %s%d", errMalformed, colName(c), r.row))
			return false
		case c < col:
			ordered = false
		}
		col = c
		if t.kind == startTag && !r.readCell(c, style, typ) {
			return false
		}
	}
	r.fail(r.s.failure())
	return false
}

// readCell reads the content of the cell whose start tag was just read, up
// to and including </c>, and appends it to the row if it has a value or a
// formula.
func (r *Rows) readCell(col, style int, typ valueType) bool {
	if v, ok := r.simpleValue(); ok {
		return r.addCell(col, style, typ, v, span{-1, -1}, false)
	}
	var (
		v, is       = span{-1, -1}, span{-1, -1}
		formula, ok bool
	)
	for r.s.next() {
		t := &r.s.tag
		if t.kind == endTag {
			if string(t.name) != "c" {
				r.fail(fmt.Errorf("%w: unexpected </%s> in cell", errMalformed, t.name))
				return false
			}
			return r.addCell(col, style, typ, v, is, formula)
		}
		switch string(t.name) {
		case "v":
			v = span{len(r.text), len(r.text)}
			if t.kind == startTag {
				if r.text, ok = r.s.appendText(r.text); !ok || !r.s.skipRest() {
					r.fail(r.s.failure())
					return false
				}
				v.end = len(r.text)
			}
		case "f":
			formula = true
			if t.kind == startTag && !r.s.skipRest() {
				r.fail(r.s.failure())
				return false
			}
		case "is":
			is = span{len(r.text), len(r.text)}
			if t.kind == startTag {
				if r.text, ok = r.s.appendRich(r.text); !ok {
					r.fail(r.s.failure())
					return false
				}
				is.end = len(r.text)
			}
		default:
			if t.kind == startTag && !r.s.skipRest() {
				r.fail(r.s.failure())
				return false
			}
		}
	}
	r.fail(r.s.failure())
	return false
}

// simpleValue is the fast path of readCell for the shape of nearly every
// cell, <v>text</v></c>, wholly in the buffer: it appends the text to
// r.text and consumes the rest of the cell. It does nothing and returns
// false when the input has another shape.
func (r *Rows) simpleValue() (span, bool) {
	s := r.s
	b := s.buf[s.pos:s.end]
	if len(b) < 3 || b[0] != '<' || b[1] != 'v' || b[2] != '>' {
		return span{}, false
	}
	i := bytes.IndexByte(b[3:], '<')
	if i < 0 || !bytes.HasPrefix(b[3+i:], []byte("</v></c>")) {
		return span{}, false
	}
	start := len(r.text)
	r.text = append(r.text, b[3:3+i]...)
	r.text = r.text[:start+len(decodeText(r.text[start:]))]
	s.pos += 3 + i + len("</v></c>")
	return span{start, len(r.text)}, true
}

// addCell appends a cell given the spans of its <v> and <is> text in
// r.text (start < 0 when absent).
func (r *Rows) addCell(col, style int, typ valueType, v, is span, formula bool) bool {
	if v.start < 0 && is.start < 0 && !formula {
		return true
	}
	c := Cell{Col: col, Formula: formula}
	val := v
	switch typ {
	case typeNumber:
		c.Type = Number
		c.Date = style < len(r.sh.dateStyle) && r.sh.dateStyle[style]
	case typeShared:
		c.Type = String
		if v.start >= 0 && v.end > v.start {
			idx := r.text[v.start:v.end]
			n, ok := parseUint(trimSpace(idx), 1<<31)
			if !ok || n >= len(r.sh.strings) {
				r.fail(fmt.Errorf("%w: cell %s%d: shared string index %q out of range (the workbook has %d)",
					errMalformed, colName(col), r.row, idx, len(r.sh.strings)))
				return false
			}
			c.Value = r.sh.strings[n]
		}
		if v.start >= 0 && v.end == len(r.text) {
			r.text = r.text[:v.start] // the index is not needed any more
		}
		val = span{-1, -1}
	case typeInline:
		c.Type = String
		if is.start >= 0 {
			val = is
		}
	case typeStr, typeOther:
		c.Type = String
	case typeBool:
		c.Type = Bool
	case typeError:
		c.Type = Error
	case typeDate:
		c.Type = ISODate
	}
	if c.Type == String && val.start >= 0 {
		val.end = val.start + len(unescapeX(r.text[val.start:val.end]))
	}
	r.cells = append(r.cells, c)
	r.spans = append(r.spans, val)
	return true
}

// finishRow gives the cells their values, from one string per row, and
// puts them in column order if the file did not. Two cells in one column
// fail the sheet: one value would silently replace the other.
func (r *Rows) finishRow(ordered bool) bool {
	if len(r.text) > 0 {
		text, valid := string(r.text), utf8.Valid(r.text)
		for i, sp := range r.spans {
			if sp.start >= 0 {
				r.cells[i].Value = text[sp.start:sp.end]
				if !valid {
					r.cells[i].Value = string(validUTF8([]byte(r.cells[i].Value)))
				}
			}
		}
	}
	if !ordered {
		sort.SliceStable(r.cells, func(i, j int) bool { return r.cells[i].Col < r.cells[j].Col })
		for i := 1; i < len(r.cells); i++ {
			if c := r.cells[i].Col; c == r.cells[i-1].Col {
				r.fail(fmt.Errorf("%w: two cells at %s%d", errMalformed, colName(c), r.row))
				return false
			}
		}
	}
	return true
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
