package xlsx

import (
	"errors"
	"fmt"
	"io"
)

// How a sheet's reading ends: at its end, with the rest of its part
// checked, or with an error naming the file, the sheet and the row.

// drain reads the rest of the sheet's part, after </sheetData>, to its
// end, so that its CRC-32 and size are checked: rows read from a damaged
// part must not be taken for good ones. The bytes are not parsed.
func (r *Rows) drain() {
	if r.s.err == nil {
		if _, err := io.Copy(io.Discard, r.rc); err != nil {
			r.fail(err)
			return
		}
	} else if r.s.err != io.EOF {
		r.fail(r.s.err)
		return
	}
	r.finish()
}

func (r *Rows) finish() {
	r.Close()
	r.cells = r.cells[:0]
}

func (r *Rows) fail(err error) {
	w := r.wb
	switch {
	case errors.Is(err, ErrTooLarge):
		r.err = fmt.Errorf("%s: 工作表“%s”（%s）解压后超过 %s: %w", w.path, r.sheet, r.part, sizeText(w.limit), ErrTooLarge)
	case errors.Is(err, ErrChecksum):
		r.err = fmt.Errorf("%s: 工作表“%s”: %w", w.path, r.sheet, err)
	case isCorrupt(err) && r.row > 0:
		r.err = fmt.Errorf("%s: 工作表“%s”第 %d 行附近: %s: %w", w.path, r.sheet, r.row, causeText(err), ErrNotWorkbook)
	case isCorrupt(err):
		r.err = fmt.Errorf("%s: 工作表“%s”: %s: %w", w.path, r.sheet, causeText(err), ErrNotWorkbook)
	default:
		r.err = fmt.Errorf("%s: 工作表“%s”: %w", w.path, r.sheet, err)
	}
	r.finish()
}
