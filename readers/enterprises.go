package readers

import (
	"context"
	"fmt"
	"strings"

	"settle/pipeline"
	"settle/readers/xlsx"
)

// readRegistry reads enterprises.xlsx: 企业名录, 关联关系 (optional),
// 评审结果 and 核减明细 (optional). Rows that cannot be used (no valid
// USCC, an unknown voucher or review word) are left out with a warning
// naming the row; they cannot match any line anyway.
func readRegistry(ctx context.Context, b *book) (*pipeline.Registry, []pipeline.Exclusion, error) {
	reg, warn := pipeline.NewRegistry(), b.warn
	err := eachRow(ctx, b, enterprisesSheet, func(t *table) {
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
			Group: t.get(fGroup), Bank: t.get(fBank), Account: t.get(fAccount),
			AccountFromNumber: t.isNumber(fAccount), Origin: t.origin(),
		}
	})
	if err != nil {
		return nil, nil, err
	}
	err = eachRow(ctx, b, affiliationsSheet, func(t *table) {
		a, ok1 := t.uscc(fUSCC, warn)
		b, ok2 := t.uscc(fRelatedUSCC, warn)
		if ok1 && ok2 {
			reg.AddAffiliation(a, b)
		}
	})
	if err != nil {
		return nil, nil, err
	}
	err = eachRow(ctx, b, reviewsSheet, func(t *table) {
		key, ok := t.enterpriseVoucher(warn)
		if !ok {
			return
		}
		r, ok := pipeline.ParseReview(t.get(fResult))
		if !ok {
			warn(pipeline.Warning{At: t.origin(), Text: fmt.Sprintf("评审结论“%s”无法识别，按待定处理", t.get(fResult))})
			r = pipeline.Pending
		}
		row := pipeline.ReviewRow{Result: r, Note: t.get(fNote), Origin: t.origin()}
		raw, i := t.get(fApproved), t.col(fApproved)
		if i >= 0 && t.has[i] && t.cells[i].Formula && t.cells[i].Value == "" {
			// A cut whose formula was never computed is not "no limit".
			raw = "（未计算的公式）"
		}
		if raw != "" && !pipeline.IsBlank(raw) && r != pipeline.Rejected {
			// On a 不通过 row the amount is moot: nothing is paid.
			if m, err := cellAmount(t.cells[i]); err == nil && m >= 0 {
				row.Approved, row.HasApproved = m, true
			} else {
				row.BadApproved = shown(raw)
				warn(pipeline.Warning{At: t.cellOrigin(i), Text: fmt.Sprintf("审定金额“%s”无效，该企业该券种按待定处理", row.BadApproved)})
			}
		}
		reg.Reviews[key] = row // a later row corrects an earlier one
	})
	if err != nil {
		return nil, nil, err
	}
	var exclusions []pipeline.Exclusion
	err = eachRow(ctx, b, exclusionsSheet, func(t *table) {
		if !t.filled(warn, fUSCC, fVoucher, fDocumentNo) {
			return
		}
		key, ok := t.enterpriseVoucher(warn)
		if !ok {
			return
		}
		exclusions = append(exclusions, pipeline.Exclusion{USCC: key.USCC, Voucher: key.Voucher,
			DocumentNo: strings.Clone(t.plain(t.col(fDocumentNo))), Reason: t.get(fReason), Origin: t.origin()})
	})
	if err != nil {
		return nil, nil, err
	}
	return reg, exclusions, nil
}

// eachRow calls fn for every data row of a sheet; an absent optional sheet
// has none.
func eachRow(ctx context.Context, b *book, spec sheetSpec, fn func(*table)) error {
	if spec.optional && findSheet(b.wb.Sheets(), spec) == "" {
		return nil
	}
	t, err := b.open(spec)
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
		warn(pipeline.Warning{At: t.cellOrigin(t.col(f)), Text: fmt.Sprintf("统一社会信用代码“%s”无效（%v），该行已忽略", shown(raw), usccCause(code))})
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

// isNumber reports a number cell in the column of field f: a bank
// account typed as a number has lost its digits past the 15th.
func (t *table) isNumber(f field) bool {
	i := t.col(f)
	return i >= 0 && t.has[i] && t.cells[i].Type == xlsx.Number && t.text(i) != ""
}

// voucher reads the 券种 of a registry row, warning when it is unknown.
// enterpriseVoucher reads the enterprise (统一社会信用代码) and the voucher
// (券种) a review or exclusion row is about, warning about the first that
// cannot be read: the row is then left out.
func (t *table) enterpriseVoucher(warn func(pipeline.Warning)) (pipeline.ReviewKey, bool) {
	uscc, ok := t.uscc(fUSCC, warn)
	if !ok {
		return pipeline.ReviewKey{}, false
	}
	v, ok := t.voucher(warn)
	return pipeline.ReviewKey{USCC: uscc, Voucher: v}, ok
}

func (t *table) voucher(warn func(pipeline.Warning)) (pipeline.Voucher, bool) {
	v, ok := pipeline.ParseVoucher(t.get(fVoucher))
	if !ok {
		warn(pipeline.Warning{At: t.cellOrigin(t.col(fVoucher)), Text: fmt.Sprintf("券种“%s”无法识别，该行已忽略", t.get(fVoucher))})
	}
	return v, ok
}

// filled reports whether the cells of fields fs are all filled, warning
// about the first empty one: the row is then left out.
func (t *table) filled(warn func(pipeline.Warning), fs ...field) bool {
	for _, f := range fs {
		if i := t.col(f); i >= 0 && pipeline.IsBlank(t.plain(i)) {
			warn(pipeline.Warning{At: t.cellOrigin(i), Text: fmt.Sprintf("%s为空，该行已忽略", t.headers[i])})
			return false
		}
	}
	return true
}
