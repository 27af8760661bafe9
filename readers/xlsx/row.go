package xlsx

import (
	"bytes"
	"fmt"
	"sort"
	"unicode/utf8"
)

// One row of a sheet: its cells read from the XML, typed, and put in
// column order (Rows.Next calls readRow for each <row>).

// readRow reads the cells of the row whose start tag was just read, up to
// and including </row>.
func (r *Rows) readRow() bool {
	r.cells, r.spans, r.text = r.cells[:0], r.spans[:0], r.text[:0]
	col, ordered := 0, true
	for r.s.next() {
		t := &r.s.tag
		if t.kind == endTag {
			if string(t.name) != "row" {
				r.fail(fmt.Errorf("%w：行中出现意外的 </%s>", errMalformed, t.name))
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
						r.fail(fmt.Errorf("%w：单元格引用 %q 无效", errMalformed, value))
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
			r.fail(fmt.Errorf("%w：第 %d 行有超出 %s 列的单元格", errMalformed, r.row, colName(maxCols)))
			return false
		case c == col:
			r.fail(fmt.Errorf("%w：%s%d 有两个单元格", errMalformed, colName(c), r.row))
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
				r.fail(fmt.Errorf("%w：单元格中出现意外的 </%s>", errMalformed, t.name))
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
				r.fail(fmt.Errorf("%w：单元格 %s%d 引用的共享字符串编号 %q 超出范围（工作簿共有 %d 个）",
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
				r.fail(fmt.Errorf("%w：%s%d 有两个单元格", errMalformed, colName(c), r.row))
				return false
			}
		}
	}
	return true
}
