package readers

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"settle/pipeline"
	"settle/readers/xlsx"
)

// headerScanRows is how far down a sheet the header row is looked for.
const headerScanRows = 10

// table iterates the data rows of one sheet: the rows below the header row
// that hold some value and are not summary rows. Column positions are
// resolved once, so the row loop does no header lookups.
type table struct {
	file, sheet string
	spec        sheetSpec
	rows        *xlsx.Rows
	date1904    bool

	pos     []int    // per spec column: 1-based sheet column, 0 if absent
	headers []string // per spec column: header text as written
	fieldAt []int    // sheet column -> spec column index, -1 if unused
	cells   []xlsx.Cell
	has     []bool
	row     int
	all     []xlsx.Cell // every cell of the current row

	summaryRows int
	book        *book // nil: formulas without a result are not counted
}

// openTable finds the sheet by name or alias and its header row.
func openTable(wb *xlsx.Workbook, file string, spec sheetSpec) (*table, error) {
	sheet := findSheet(wb.Sheets(), spec)
	if sheet == "" {
		return nil, &Error{File: file, Err: fmt.Errorf("%w“%s”（或“%s”），工作簿中的工作表为 %s", ErrMissingSheet, spec.name, spec.alias, quoteList(wb.Sheets()))}
	}
	rows, err := wb.Rows(sheet)
	if err != nil {
		return nil, &Error{File: file, Sheet: sheet, Err: fmt.Errorf("%w: %w", ErrUnreadable, err)}
	}
	t := &table{file: file, sheet: sheet, spec: spec, rows: rows, date1904: wb.Date1904()}
	if err := t.findHeader(); err != nil {
		rows.Close()
		return nil, err
	}
	return t, nil
}

func findSheet(sheets []string, spec sheetSpec) string {
	for _, want := range []string{spec.name, spec.alias} {
		for _, s := range sheets {
			if pipeline.Fold(s) == pipeline.Fold(want) {
				return s
			}
		}
	}
	return ""
}

// findHeader takes the first row among the first ten that holds every
// required header (SPEC §2).
func (t *table) findHeader() error {
	var best []string // the missing headers of the closest candidate
	for t.rows.Next() {
		r := t.rows.Row()
		if r > headerScanRows {
			break
		}
		pos, headers, missing, dup := matchHeader(t.spec, t.rows.Cells())
		if len(missing) == 0 && dup != nil {
			// The header row names a column twice: which one is meant
			// cannot be guessed. (A row above it that does, a glossary
			// say, is not the header row and does not matter.)
			dup.File, dup.Sheet, dup.Row = t.file, t.sheet, r
			return dup
		}
		if len(missing) == 0 {
			t.pos, t.headers = pos, headers
			t.index()
			return nil
		}
		if best == nil || len(missing) < len(best) {
			best = missing
		}
	}
	if err := t.rows.Err(); err != nil {
		return &Error{File: t.file, Sheet: t.sheet, Err: fmt.Errorf("%w: %w", ErrUnreadable, err)}
	}
	if best == nil {
		for _, c := range t.spec.columns {
			if c.required {
				best = append(best, c.name+" / "+c.alias)
			}
		}
	}
	return &Error{File: t.file, Sheet: t.sheet, Header: strings.Join(best, "、"),
		Err: fmt.Errorf("%w“%s”：前 %d 行中没有一行包含它", ErrMissingColumn, strings.Join(best, "”、“"), headerScanRows)}
}

// matchHeader maps the spec's columns onto one row's cells: pos is the
// sheet column of each spec column (0 when absent), missing the required
// ones absent, dup the first spec column named twice (the first cell
// naming it is kept).
func matchHeader(spec sheetSpec, cells []xlsx.Cell) (pos []int, headers, missing []string, dup *Error) {
	pos = make([]int, len(spec.columns))
	headers = make([]string, len(spec.columns))
	for _, c := range cells {
		if c.Type != xlsx.String {
			continue
		}
		k := headerKey(c.Value)
		if k == "" {
			continue
		}
		for i, col := range spec.columns {
			if k != headerKey(col.name) && k != headerKey(col.alias) {
				continue
			}
			if pos[i] != 0 {
				if dup == nil {
					dup = &Error{Col: c.Col, Header: col.name,
						Err: fmt.Errorf("%w：“%s”出现在 %s 列和 %s 列，无法判断用哪一列", ErrDuplicateColumn, col.name, pipeline.ColumnName(pos[i]), pipeline.ColumnName(c.Col))}
				}
				continue
			}
			pos[i], headers[i] = c.Col, strings.TrimSpace(c.Value)
		}
	}
	for i, col := range spec.columns {
		if col.required && pos[i] == 0 {
			missing = append(missing, col.name+" / "+col.alias)
		}
	}
	return pos, headers, missing, dup
}

// headerKey is what a header is compared by (SPEC §2): pipeline.Fold,
// after also trimming the invisible format characters that copying from
// other programs leaves around a header (a byte-order mark, zero-width
// spaces, direction marks).
func headerKey(s string) string {
	return pipeline.Fold(strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)
	}))
}

func (t *table) index() {
	maxCol := 0
	for _, p := range t.pos {
		maxCol = max(maxCol, p)
	}
	t.fieldAt = make([]int, maxCol+1)
	for i := range t.fieldAt {
		t.fieldAt[i] = -1
	}
	for i, p := range t.pos {
		if p > 0 {
			t.fieldAt[p] = i
		}
	}
	t.cells = make([]xlsx.Cell, len(t.pos))
	t.has = make([]bool, len(t.pos))
}

// next advances to the next data row. Rows without any value and summary
// rows (合计/总计/小计 with an empty buyer USCC) are skipped; summary rows
// are counted.
func (t *table) next() bool {
	for t.rows.Next() {
		clear(t.has)
		t.all = t.rows.Cells()
		t.row = t.rows.Row()
		blank := true
		for _, c := range t.all {
			if !pipeline.IsBlank(c.Value) {
				blank = false
			} else if c.Formula && c.Value == "" && t.book != nil {
				t.book.formulaWithoutResult(pipeline.Origin{File: t.file, Sheet: t.sheet, Row: t.row, Col: c.Col})
			}
			if c.Col < len(t.fieldAt) {
				if i := t.fieldAt[c.Col]; i >= 0 {
					t.cells[i], t.has[i] = c, true
				}
			}
		}
		if blank {
			continue
		}
		if t.isSummary() {
			t.summaryRows++
			continue
		}
		return true
	}
	return false
}

// isSummary reports a row whose buyer USCC is empty and one of whose
// cells reads 合计, 总计 or 小计.
func (t *table) isSummary() bool {
	for i, c := range t.spec.columns {
		if c.field == fUSCC && t.text(i) != "" {
			return false
		}
	}
	for _, c := range t.all {
		s := strings.Trim(strings.Join(strings.Fields(pipeline.Narrow(c.Value)), ""), ":")
		if s == "合计" || s == "总计" || s == "小计" {
			return true
		}
	}
	return false
}

// err reports a read error that happened while iterating.
func (t *table) err() error {
	if err := t.rows.Err(); err != nil {
		row := t.row
		if errors.Is(err, xlsx.ErrChecksum) {
			row = 0 // the damage may be anywhere in the part
		}
		return &Error{File: t.file, Sheet: t.sheet, Row: row, Err: fmt.Errorf("%w: %w", ErrUnreadable, err)}
	}
	return nil
}

func (t *table) close() { t.rows.Close() }

// text is the trimmed text of spec column i in the current row; numbers
// come as Excel shows them at full precision.
func (t *table) text(i int) string {
	if !t.has[i] {
		return ""
	}
	return cellText(t.cells[i])
}

// plain is text(i) for a free-text column: an Excel error value (#N/A)
// there is no document or invoice number (see isPlainText).
func (t *table) plain(i int) string {
	if t.has[i] && t.cells[i].Type == xlsx.Error {
		return ""
	}
	return t.text(i)
}

// cellOrigin is where spec column i of the current row is; the row as a
// whole when i < 0.
func (t *table) cellOrigin(i int) pipeline.Origin {
	o := t.origin()
	if i >= 0 {
		o.Col = t.pos[i]
	}
	return o
}

// origin is where the current row is.
func (t *table) origin() pipeline.Origin {
	return pipeline.Origin{File: t.file, Sheet: t.sheet, Row: t.row}
}

// quoteList writes names as “a”、“b”.
func quoteList(names []string) string {
	if len(names) == 0 {
		return "（无）"
	}
	return "“" + strings.Join(names, "”、“") + "”"
}
