package readers

import "settle/readers/xlsx"

// dataRow is one data row of a voucher sheet as the lines are built from
// it: its row number and its cells by spec column. The cells' texts stay
// valid after the sheet reader moves on (each row's text is its own
// string), so rows can be handed to another goroutine.
type dataRow struct {
	row   int
	cells []xlsx.Cell // per spec column
	has   []bool      // per spec column: the row has that cell
}

// text is the trimmed text of spec column i (see table.text).
func (r *dataRow) text(i int) string {
	if !r.has[i] {
		return ""
	}
	return cellText(r.cells[i])
}

// rowBatch carries data rows from the goroutine that reads a sheet to the
// one that builds its lines, so that scanning the XML and building lines
// run on both cores (the big compute sheet is the longest read).
type rowBatch struct {
	rows  []dataRow
	n     int // rows in use
	cells []xlsx.Cell
	has   []bool
	// reserve, when positive, is how many more lines the sheet is
	// estimated to hold (see reserve), for the store to make room.
	reserve int
}

// batchRows is how many rows a batch carries.
const batchRows = 512

func newRowBatch(columns int) *rowBatch {
	b := &rowBatch{rows: make([]dataRow, batchRows), cells: make([]xlsx.Cell, batchRows*columns), has: make([]bool, batchRows*columns)}
	for k := range b.rows {
		b.rows[k].cells = b.cells[k*columns : (k+1)*columns : (k+1)*columns]
		b.rows[k].has = b.has[k*columns : (k+1)*columns : (k+1)*columns]
	}
	return b
}

// into makes the table read its next row's cells straight into r, so
// that a row is copied once, from the sheet reader's cells to its batch.
func (t *table) into(r *dataRow) { t.cells, t.has = r.cells, r.has }

func (b *rowBatch) full() bool { return b.n == len(b.rows) }

func (b *rowBatch) reset() { b.n, b.reserve = 0, 0 }
