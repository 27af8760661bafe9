package readers

import (
	"fmt"
	"strings"

	"settle/pipeline"
	"settle/readers/xlsx"
)

// book is one open input workbook and what is noticed while its sheets
// are read: warnings about its rows, and the formulas it holds without a
// stored result.
type book struct {
	wb   *xlsx.Workbook
	file string
	warn func(pipeline.Warning)
	// noResult counts formula cells without a stored result (<c><f>…</f></c>
	// with no <v>, as openpyxl and xlsxwriter save them); first holds the
	// first few, to name them.
	noResult int
	first    []pipeline.Origin
}

// maxNamedFormulas is how many formula cells without a result the warning
// names.
const maxNamedFormulas = 3

// open finds the sheet of spec and its header row; the table counts the
// book's formulas without a result as it reads.
func (b *book) open(spec sheetSpec) (*table, error) {
	t, err := openTable(b.wb, b.file, spec)
	if err != nil {
		return nil, err
	}
	t.book = b
	return t, nil
}

// formulaWithoutResult records one formula cell without a stored result.
func (b *book) formulaWithoutResult(at pipeline.Origin) {
	b.noResult++
	if len(b.first) < maxNamedFormulas {
		b.first = append(b.first, at)
	}
}

// finish gives the book's one warning about formulas without a stored
// result: their value is unknown until Excel or WPS computes and saves
// it, and the reader cannot compute it.
func (b *book) finish() {
	if b.noResult == 0 {
		return
	}
	names := make([]string, len(b.first))
	for i, o := range b.first {
		names[i] = pipeline.ColumnName(o.Col) + fmt.Sprint(o.Row)
		if o.Sheet != b.first[0].Sheet {
			names[i] = o.Sheet + "!" + names[i]
		}
	}
	b.warn(pipeline.Warning{At: pipeline.Origin{File: b.file, Sheet: b.first[0].Sheet},
		Text: fmt.Sprintf("含 %d 个没有计算结果的公式（如 %s）：请先在 Excel 或 WPS 中打开并保存该工作簿", b.noResult, strings.Join(names, "、"))})
}
