package writers

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// rejectSheetRows is the number of data rows per 剔除明细 sheet: Excel's
// 1,048,576 rows less the header. A variable so that tests can lower it.
var rejectSheetRows = 1_048_575

// WriteBureau writes settlement-<Y>-<bureau>.xlsx for one bureau code (jxj,
// fgj, kjj): the vouchers whose policy bureau is that code (SPEC §6).
func WriteBureau(path string, r *pipeline.Result, bureau string) error {
	vs := bureauVouchers(r.Policy, bureau)
	if len(vs) == 0 {
		return fmt.Errorf("%s: bureau %q owns no voucher of policy %s", path, bureau, r.Policy.ID)
	}
	title := fmt.Sprintf("%d年度 %s 人工智能券兑付汇总", r.Year, r.Policy.BureauName(bureau))
	b, err := newBook(r.Year, "汇总", title)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for _, write := range []func() error{
		func() error { return writeSummary(b, r, vs, title) },
		func() error { return writeAwardSheet(b, r, vs) },
		func() error { return writeRejected(b, r, vs) },
		func() error { return writeParams(b, r) },
	} {
		if err := write(); err != nil {
			b.f.Close()
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return b.save(path)
}

// bureauVouchers lists, in SPEC §1 order, the vouchers of one bureau.
func bureauVouchers(p *pipeline.Policy, bureau string) []*pipeline.VoucherPolicy {
	var vs []*pipeline.VoucherPolicy
	for _, v := range pipeline.Vouchers {
		if vp := p.Vouchers[v]; vp != nil && vp.Bureau == bureau {
			vs = append(vs, vp)
		}
	}
	return vs
}

// totalsOf returns the totals of voucher v (zero when it has none).
func totalsOf(r *pipeline.Result, vp *pipeline.VoucherPolicy) pipeline.VoucherTotals {
	for _, t := range r.Totals {
		if t.Voucher == vp.Key {
			return t
		}
	}
	return pipeline.VoucherTotals{Voucher: vp.Key, Name: vp.Name, Clause: vp.Clause, Bureau: vp.Bureau}
}

// writeSummary fills 汇总, a normal sheet: title, one row per voucher with
// a 合计 row when there are several, the line counts and a chart.
func writeSummary(b *book, r *pipeline.Result, vs []*pipeline.VoucherPolicy, title string) error {
	const sh = "汇总"
	f := b.f
	heads := []string{"券种", "政策条款", "申报企业数", "通过评审企业数", "符合条件金额", "测算补助额",
		"资金池", "分配系数", "兑付金额", "资金池使用率"}
	row := []int{b.text, b.text, b.count, b.count, b.money, b.money, b.money, b.factor, b.money, b.percent}
	bold := []int{b.bold, b.bold, b.countBold, b.countBold, b.moneyBold, b.moneyBold, b.moneyBold, b.bold,
		b.moneyBold, b.pctBold}
	err := errors.Join(
		b.setRow(sh, 1, []any{title}, []int{b.title}),
		b.setRow(sh, 2, []any{fmt.Sprintf("依据：%s %s", r.Policy.DocumentNo, r.Policy.Title)}, []int{0}),
		f.MergeCell(sh, "A1", "J1"), f.MergeCell(sh, "A2", "J2"),
		f.SetRowHeight(sh, 1, 24),
		b.setRow(sh, 3, anys(heads), repeat(b.header, len(heads))),
		f.SetRowHeight(sh, 3, 30),
	)
	var sum pipeline.VoucherTotals
	for i, vp := range vs {
		t := totalsOf(r, vp)
		err = errors.Join(err, b.setRow(sh, 4+i, []any{vp.Name, vp.Clause, t.Applicants, t.Approved,
			yuan(t.EligibleBase), exact(t.Entitlement.Round(2)), yuan(t.Pool), t.PoolFactor,
			yuan(t.AwardedAmount), t.PoolUsed() / 100}, row))
		sum.Applicants += t.Applicants
		sum.Approved += t.Approved
		sum.EligibleBase += t.EligibleBase
		sum.Entitlement = sum.Entitlement.Add(t.Entitlement)
		sum.Pool += t.Pool
		sum.AwardedAmount += t.AwardedAmount
	}
	last := 3 + len(vs)
	next := last + 2
	if len(vs) > 1 {
		err = errors.Join(err, b.setRow(sh, last+1, []any{"合计", nil, sum.Applicants, sum.Approved,
			yuan(sum.EligibleBase), exact(sum.Entitlement.Round(2)), yuan(sum.Pool), nil,
			yuan(sum.AwardedAmount), sum.PoolUsed() / 100}, bold))
		next++
	}
	counts := []string{"券种", "读取行数", "合格行数", "剔除行数", "获兑付企业数"}
	err = errors.Join(err, b.setRow(sh, next, anys(counts), repeat(b.header, len(counts))))
	for i, vp := range vs {
		t := totalsOf(r, vp)
		err = errors.Join(err, b.setRow(sh, next+1+i, []any{vp.Name, t.Lines, t.EligibleLines,
			t.Lines - t.EligibleLines, t.Awarded}, []int{b.text, b.count, b.count, b.count, b.count}))
	}
	for i, w := range []float64{12, 12, 14, 16, 20, 20, 20, 12, 20, 14} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		err = errors.Join(err, f.SetColWidth(sh, col, col, w))
	}
	cats := fmt.Sprintf("'%s'!$A$4:$A$%d", sh, last)
	series := func(col string) excelize.ChartSeries {
		return excelize.ChartSeries{Name: fmt.Sprintf("'%s'!$%s$3", sh, col), Categories: cats,
			Values: fmt.Sprintf("'%s'!$%s$4:$%s$%d", sh, col, col, last)}
	}
	chart := &excelize.Chart{Type: excelize.Col, Series: []excelize.ChartSeries{series("G"), series("I")},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "资金池与兑付金额（元）"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		YAxis:     excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "#,##0"}},
		Dimension: excelize.ChartDimension{Width: 720, Height: 320}}
	fit := true
	err = errors.Join(err,
		f.AddChart(sh, fmt.Sprintf("A%d", next+len(vs)+2), chart),
		f.SetPanes(sh, frozen(3)),
		f.SetSheetDimension(sh, fmt.Sprintf("A1:J%d", next+len(vs))),
		f.AutoFilter(sh, fmt.Sprintf("A3:J%d", last), nil),
		f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}),
		b.printSetup(sh, 3),
	)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", sh, err)
	}
	return nil
}

// setRow writes values from column A of a normal (not streamed) sheet;
// nil leaves a cell blank, strings pass safeText, style 0 is the default.
func (b *book) setRow(sheet string, row int, values []any, styles []int) error {
	var err error
	for i, v := range values {
		cell, _ := excelize.CoordinatesToCellName(i+1, row)
		if v = cellValue(v); v != nil {
			err = errors.Join(err, b.f.SetCellValue(sheet, cell, v))
		}
		if styles[i] != 0 {
			err = errors.Join(err, b.f.SetCellStyle(sheet, cell, cell, styles[i]))
		}
	}
	return err
}

// writeAwardSheet fills 兑付明细: every step of SPEC §5 per enterprise and
// voucher, then a 合计 row of values.
func writeAwardSheet(b *book, r *pipeline.Result, vs []*pipeline.VoucherPolicy) error {
	names := map[pipeline.Voucher]string{}
	for _, vp := range vs {
		names[vp.Key] = vp.Name
	}
	var awards []pipeline.Award
	var widest []string
	for _, a := range r.Awards {
		if _, ok := names[a.Voucher]; ok {
			awards = append(awards, a)
			widest = append(widest, a.Name)
		}
	}
	t := b.newTable("兑付明细", []column{{"券种", 10, b.text}, {"条款", 10, b.text},
		{"统一社会信用代码", 22, b.text}, {"企业名称", fitWidth(20, widest...), b.text},
		{"合格单据数", 12, b.count}, {"基数", 18, b.money}, {"国产算力基数", 18, b.money},
		{"非国产算力基数", 18, b.money}, {"测算补助额", 18, b.money}, {"单家上限", 16, b.money},
		{"是否触顶", 10, b.text}, {"封顶后金额", 18, b.money}, {"分配系数", 12, b.factor},
		{"兑付金额", 18, b.money}, {"评审结论", 10, b.text}, {"状态", 26, b.text}}, len(awards)+2)
	var lines int64
	var base, dom, frn, afterCap, amount pipeline.Money
	ent, compute := decimal.Zero, false
	for _, a := range awards {
		var d, fo any
		if a.Voucher == pipeline.Compute {
			d, fo, compute = yuan(a.BaseDomestic), yuan(a.BaseForeign), true
		}
		t.add(names[a.Voucher], a.Clause, a.USCC, a.Name, a.EligibleLines, yuan(a.Base), d, fo,
			exact(a.Entitlement), yuan(a.Cap), yesNo(a.CapApplied), yuan(a.AfterCap), a.PoolFactor,
			yuan(a.Amount), a.Review.Text(), fmt.Sprintf("%s %s", a.Status.Text(), a.Status))
		lines += a.EligibleLines
		base, dom, frn = base+a.Base, dom+a.BaseDomestic, frn+a.BaseForeign
		ent = ent.Add(a.Entitlement)
		afterCap, amount = afterCap+a.AfterCap, amount+a.Amount
	}
	var d, fo any
	if compute {
		d, fo = yuan(dom), yuan(frn)
	}
	t.addTotal([]any{"合计", nil, nil, nil, lines, yuan(base), d, fo, exact(ent), nil, nil,
		yuan(afterCap), nil, yuan(amount)}, b.boldStyles(t.cols))
	return t.close(true)
}

// boldStyles are the styles of a total row under cols.
func (b *book) boldStyles(cols []column) []int {
	s := make([]int, len(cols))
	for i, c := range cols {
		switch c.style {
		case b.money:
			s[i] = b.moneyBold
		case b.count:
			s[i] = b.countBold
		default:
			s[i] = b.bold
		}
	}
	return s
}

// writeRejected fills 剔除明细 with every rejected line of the vouchers,
// continuing on 剔除明细(2), (3)... every rejectSheetRows rows.
func writeRejected(b *book, r *pipeline.Result, vs []*pipeline.VoucherPolicy) error {
	fileW, sheetW, nameW, detailW := 16.0, 12.0, 20.0, 30.0
	left := 0 // rejected lines not yet written
	for _, vp := range vs {
		lines := r.Lines(vp.Key)
		for i := range lines.Len() {
			if !lines.Eligible(i) {
				l := lines.Line(i)
				left++
				fileW, sheetW = max(fileW, textWidth(l.Origin.File)+2), max(sheetW, textWidth(l.Origin.Sheet)+2)
				nameW, detailW = max(nameW, textWidth(l.EnterpriseName)+2), max(detailW, textWidth(l.Detail)+2)
			}
		}
	}
	cols := []column{{"券种", 10, b.text}, {"来源文件", min(fileW, 40), b.text}, {"工作表", min(sheetW, 30), b.text},
		{"行号", 8, 0}, {"统一社会信用代码", 22, b.text}, {"企业名称", min(nameW, 50), b.text},
		{"单据编号", 20, b.text}, {"金额", 16, b.money}, {"原因代码", 24, b.text}, {"原因", 24, b.text},
		{"说明", min(detailW, 60), b.text}}
	sheet, n := 1, 0
	t := b.newTable("剔除明细", cols, 1+min(left, rejectSheetRows))
	for _, vp := range vs {
		lines := r.Lines(vp.Key)
		for i := range lines.Len() {
			if lines.Eligible(i) {
				continue
			}
			l := lines.Line(i)
			if n == rejectSheetRows {
				if err := t.close(true); err != nil {
					return err
				}
				sheet, n = sheet+1, 0
				t = b.newTable(fmt.Sprintf("剔除明细(%d)", sheet), cols, 1+min(left, rejectSheetRows))
			}
			if t.err != nil {
				return t.close(true)
			}
			var amount any
			if l.HasAmount {
				amount = yuan(l.Amount)
			}
			t.add(vp.Name, l.Origin.File, l.Origin.Sheet, l.Origin.Row, l.EnterpriseUSCC, l.EnterpriseName,
				l.DocumentNo, amount, string(l.Reason), l.Reason.Text(), l.Detail)
			n, left = n+1, left-1
		}
	}
	return t.close(true)
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

func anys(ss []string) []any {
	a := make([]any, len(ss))
	for i, s := range ss {
		a[i] = s
	}
	return a
}

func repeat(v, n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}
