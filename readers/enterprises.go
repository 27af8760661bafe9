package readers

import (
	"context"
	"fmt"
	"strings"

	"settle/pipeline"
	"settle/readers/xlsx"
)

// readRegistry reads enterprises.xlsx: 企业名录, 关联关系 (optional) and
// 评审结果. Rows that cannot be used (no valid USCC, an unknown voucher or
// review word) are left out with a warning naming the row; they cannot
// match any line anyway.
func readRegistry(ctx context.Context, wb *xlsx.Workbook, warn func(pipeline.Warning)) (*pipeline.Registry, error) {
	reg := pipeline.NewRegistry()
	err := eachRow(ctx, wb, EnterprisesFile, enterprisesSheet, func(t *table) {
		uscc, ok := t.uscc(fUSCC, warn)
		if !ok {
			return
		}
		if prev := reg.Enterprises[uscc]; prev != nil {
			warn(pipeline.Warning{At: t.origin(), Text: fmt.Sprintf("%s 重复，沿用第 %d 行", uscc, prev.Origin.Row)})
			return
		}
		reg.Enterprises[uscc] = &pipeline.Enterprise{
			USCC: uscc, Name: t.get(fName), District: t.get(fDistrict), Status: t.get(fStatus),
			Group: t.get(fGroup), Bank: t.get(fBank), Account: t.get(fAccount), Origin: t.origin(),
		}
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, wb, EnterprisesFile, affiliationsSheet, func(t *table) {
		a, ok1 := t.uscc(fUSCC, warn)
		b, ok2 := t.uscc(fRelatedUSCC, warn)
		if ok1 && ok2 {
			reg.AddAffiliation(a, b)
		}
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, wb, EnterprisesFile, reviewsSheet, func(t *table) {
		uscc, ok := t.uscc(fUSCC, warn)
		if !ok {
			return
		}
		v, ok := pipeline.ParseVoucher(t.get(fVoucher))
		if !ok {
			warn(pipeline.Warning{At: t.origin(), Text: fmt.Sprintf("券种“%s”无法识别，已忽略", t.get(fVoucher))})
			return
		}
		r, ok := pipeline.ParseReview(t.get(fResult))
		if !ok {
			warn(pipeline.Warning{At: t.origin(), Text: fmt.Sprintf("评审结论“%s”无法识别，按待定处理", t.get(fResult))})
			r = pipeline.Pending
		}
		reg.Reviews[pipeline.ReviewKey{USCC: uscc, Voucher: v}] = pipeline.ReviewRow{Result: r, Origin: t.origin()} // a later row corrects an earlier one
	})
	if err != nil {
		return nil, err
	}
	return reg, nil
}

// eachRow calls fn for every data row of a sheet; an absent optional sheet
// has none.
func eachRow(ctx context.Context, wb *xlsx.Workbook, file string, spec sheetSpec, fn func(*table)) error {
	if spec.optional && findSheet(wb.Sheets(), spec) == "" {
		return nil
	}
	t, err := openTable(wb, file, spec)
	if err != nil {
		return err
	}
	defer t.close()
	for n := 0; t.next(); n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		fn(t)
	}
	return t.err()
}

// get is the text of the column holding field f, "" when absent.
func (t *table) get(f field) string {
	if i := t.col(f); i >= 0 {
		return strings.Clone(t.text(i))
	}
	return ""
}

// col is the spec column index of field f, -1 when the sheet has none.
func (t *table) col(f field) int {
	for i, c := range t.spec.columns {
		if c.field == f && t.pos[i] > 0 {
			return i
		}
	}
	return -1
}

// uscc reads a USCC column of a registry or reference row, warning when it
// is not valid.
func (t *table) uscc(f field, warn func(pipeline.Warning)) (string, bool) {
	raw := t.get(f)
	code, ok := pipeline.NormalizeUSCC(raw)
	if !ok {
		warn(pipeline.Warning{At: t.origin(), Text: fmt.Sprintf("统一社会信用代码“%s”无效，该行已忽略", raw)})
	}
	return code, ok
}

// date reads a date column of a registry or reference row.
func (t *table) date(f field) (pipeline.Date, bool) {
	i := t.col(f)
	if i < 0 || !t.has[i] || t.text(i) == "" {
		return 0, false
	}
	d, err := cellDate(t.cells[i], t.date1904)
	return d, err == nil
}
