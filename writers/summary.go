package writers

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// summaryRow is one line of 汇总: a label and, per voucher, a value, with
// the value of the 合计 column (nil: none).
type summaryRow struct {
	label string
	style int // style of the values
	vals  []any
	total any
}

// writeSummary fills 汇总, the pool as arithmetic (SPEC §6): one column
// per voucher (and 合计), one row per step, from the applicants to the
// unused pool, with the factor written as the division it is, the eligible
// amount reconciled to the eligible lines, and a chart.
func writeSummary(b *book, r *pipeline.Result, vs []*pipeline.VoucherPolicy) error {
	const sh = "汇总"
	f := b.f
	ts := make([]pipeline.VoucherTotals, len(vs))
	lineSums := make([]pipeline.Money, len(vs))
	// floored are the entitlements as 兑付明细 shows them (each floored to
	// the fen), added up: the two sheets' figures tie.
	floored := make([]pipeline.Money, len(vs))
	for i, vp := range vs {
		ts[i] = totalsOf(r, vp)
		for _, a := range r.Awards {
			if a.Voucher == vp.Key {
				floored[i] += pipeline.FloorTo(a.Entitlement, 1)
			}
		}
		ls := r.Lines(vp.Key)
		for j := range ls.Len() {
			if m, ok := ls.Amount(j); ok && ls.Eligible(j) {
				lineSums[i] += m
			}
		}
	}
	per := func(label string, style int, total any, get func(i int, t pipeline.VoucherTotals) any) summaryRow {
		row := summaryRow{label: label, style: style, total: total}
		for i, t := range ts {
			row.vals = append(row.vals, get(i, t))
		}
		return row
	}
	sumMoney := func(get func(i int, t pipeline.VoucherTotals) pipeline.Money) float64 {
		var s pipeline.Money
		for i, t := range ts {
			s += get(i, t)
		}
		return yuan(s)
	}
	count := func(keep func(pipeline.Award) bool) int { return distinct(r, vs, keep) }
	status := func(s pipeline.Status) func(pipeline.Award) bool {
		return func(a pipeline.Award) bool { return a.Status == s }
	}
	m := func(get func(t pipeline.VoucherTotals) pipeline.Money) func(int, pipeline.VoucherTotals) any {
		return func(_ int, t pipeline.VoucherTotals) any { return yuan(get(t)) }
	}
	mi := func(get func(t pipeline.VoucherTotals) pipeline.Money) func(int, pipeline.VoucherTotals) pipeline.Money {
		return func(_ int, t pipeline.VoucherTotals) pipeline.Money { return get(t) }
	}
	n := func(get func(t pipeline.VoucherTotals) int) func(int, pipeline.VoucherTotals) any {
		return func(_ int, t pipeline.VoucherTotals) any { return get(t) }
	}
	zeroed := func(i int, t pipeline.VoucherTotals) pipeline.Money { return t.EligibleBase - lineSums[i] }
	cand := func(t pipeline.VoucherTotals) pipeline.Money { return t.CandidateTotal }
	rej := func(t pipeline.VoucherTotals) pipeline.Money { return t.RejectedTotal }
	pend := func(t pipeline.VoucherTotals) pipeline.Money { return t.PendingTotal }
	pool := func(t pipeline.VoucherTotals) pipeline.Money { return t.Pool }
	paid := func(t pipeline.VoucherTotals) pipeline.Money { return t.AwardedAmount }
	unused := func(t pipeline.VoucherTotals) pipeline.Money { return t.Pool - t.AwardedAmount }
	rows := []summaryRow{
		per("政策条款", b.text, nil, func(_ int, t pipeline.VoucherTotals) any { return t.Clause }),
		per("申报企业数（家，有合格单据）", b.count, count(func(pipeline.Award) bool { return true }), n(func(t pipeline.VoucherTotals) int { return t.Applicants })),
		per("　其中：通过评审企业数（家）", b.count, count(status(pipeline.Awarded)), n(func(t pipeline.VoucherTotals) int { return t.Approved })),
		per("　　　　评审不通过企业数（家）", b.count, count(status(pipeline.RejectedByReview)), n(func(t pipeline.VoucherTotals) int { return t.Rejected })),
		per("　　　　待评审企业数（家）", b.count, count(status(pipeline.PendingReview)), n(func(t pipeline.VoucherTotals) int { return t.Pending })),
		per("　　　　未达起点企业数（家）", b.count, count(status(pipeline.BelowThreshold)), n(func(t pipeline.VoucherTotals) int { return t.Below })),
		per("合格单据金额合计（元）", b.money, sumMoney(func(i int, _ pipeline.VoucherTotals) pipeline.Money { return lineSums[i] }),
			func(i int, _ pipeline.VoucherTotals) any { return yuan(lineSums[i]) }),
		per("加：红字冲销致基数为负、按零计的调整（元）", b.money, sumMoney(zeroed), func(i int, t pipeline.VoucherTotals) any { return yuan(zeroed(i, t)) }),
		per("符合条件金额（基数，元）", b.money, sumMoney(mi(func(t pipeline.VoucherTotals) pipeline.Money { return t.EligibleBase })),
			m(func(t pipeline.VoucherTotals) pipeline.Money { return t.EligibleBase })),
		per("测算补助额（元，按分向下取整）", b.money, nil, func(i int, _ pipeline.VoucherTotals) any {
			return yuan(floored[i])
		}),
		per("评审不通过企业封顶后金额（元）", b.money, sumMoney(mi(rej)), m(rej)),
		per("待评审企业封顶后金额（元，通过后由资金池承担）", b.money, sumMoney(mi(pend)), m(pend)),
		per("通过评审企业封顶后金额合计（元）", b.moneyBold, sumMoney(mi(cand)), m(cand)),
		per("资金池（元）", b.money, sumMoney(mi(pool)), m(pool)),
		per("分配系数 = 资金池 ÷ 封顶后金额合计", b.wrap, nil, func(_ int, t pipeline.VoucherTotals) any { return factorText(t) }),
		per("兑付金额（元）", b.moneyBold, sumMoney(mi(paid)), m(paid)),
		per("获兑付企业数（家）", b.count, count(func(a pipeline.Award) bool { return a.Amount > 0 }), n(func(t pipeline.VoucherTotals) int { return t.Awarded })),
		per("资金池结余（元）", b.money, sumMoney(mi(unused)), m(unused)),
		per("读取单据行数", b.count, nil, n(func(t pipeline.VoucherTotals) int { return t.Lines })),
		per("合格单据行数", b.count, nil, n(func(t pipeline.VoucherTotals) int { return t.EligibleLines })),
		per("剔除单据行数（见「剔除明细」）", b.count, nil, n(func(t pipeline.VoucherTotals) int { return t.Lines - t.EligibleLines })),
	}
	// The 合计 column: counts of distinct enterprises, sums of money; a
	// total of the entitlements and line counts is computed exactly here.
	var ent pipeline.Money
	var lines, elig int
	for i, t := range ts {
		ent += floored[i]
		lines, elig = lines+t.Lines, elig+t.EligibleLines
	}
	at := func(prefix string) int {
		for i, row := range rows {
			if strings.HasPrefix(row.label, prefix) {
				return i
			}
		}
		panic("汇总 has no row " + prefix)
	}
	rows[at("测算补助额")].total, rows[at("读取单据行数")].total = yuan(ent), lines
	rows[at("合格单据行数")].total, rows[at("剔除单据行数")].total = elig, lines-elig
	multi := len(vs) > 1
	heads := []any{"项目"}
	for _, vp := range vs {
		heads = append(heads, vp.Name)
	}
	if multi {
		heads = append(heads, "合计")
	}
	cols := len(heads)
	last, _ := excelize.ColumnNumberToName(cols)
	title := fmt.Sprintf("%s %d年度人工智能券资金池测算", b.owner, r.Year)
	err := errors.Join(
		b.setRow(sh, 1, []any{title}, []int{b.title}), f.MergeCell(sh, "A1", last+"1"), f.SetRowHeight(sh, 1, 28),
		b.setRow(sh, 2, []any{"单位：元（另注明者除外）；企业数跨券种按企业去重"}, []int{b.text}), f.MergeCell(sh, "A2", last+"2"),
		b.setRow(sh, 3, heads, repeat(b.header, cols)),
	)
	for i, row := range rows {
		vals := append([]any{row.label}, row.vals...)
		styles := append([]int{b.wrap}, repeat(row.style, len(row.vals))...)
		if multi {
			vals, styles = append(vals, row.total), append(styles, row.style)
		}
		if row.style == b.moneyBold {
			styles[0] = b.bold
		}
		err = errors.Join(err, b.setRow(sh, 4+i, vals, styles))
		if row.style == b.wrap {
			err = errors.Join(err, f.SetRowHeight(sh, 4+i, 42))
		}
	}
	err = errors.Join(err, f.SetColWidth(sh, "A", "A", 46), f.SetColWidth(sh, "B", last, 18))
	end := 3 + len(rows)
	// The chart: pool and award per voucher, labelled, dark axis text.
	vlast, _ := excelize.ColumnNumberToName(1 + len(vs))
	series := func(row int) excelize.ChartSeries {
		return excelize.ChartSeries{Name: fmt.Sprintf("'%s'!$A$%d", sh, row),
			Categories: fmt.Sprintf("'%s'!$B$3:$%s$3", sh, vlast),
			Values:     fmt.Sprintf("'%s'!$B$%d:$%s$%d", sh, row, vlast, row),
			DataLabel:  excelize.ChartDataLabel{Font: excelize.Font{Family: bodyFont, Size: 9, Color: "000000"}}}
	}
	axisFont := excelize.Font{Family: bodyFont, Size: 10, Color: "000000"}
	chart := &excelize.Chart{Type: excelize.Col, Series: []excelize.ChartSeries{series(4 + at("资金池（元）")), series(4 + at("兑付金额"))},
		Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "资金池与兑付金额（元）",
			Font: &excelize.Font{Family: headFont, Size: 12, Bold: true, Color: "000000"}}}},
		Legend:   excelize.ChartLegend{Position: "bottom", Font: &excelize.Font{Family: bodyFont, Size: 10, Color: "000000"}},
		PlotArea: excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "#,##0"}},
		XAxis:    excelize.ChartAxis{Font: axisFont},
		YAxis: excelize.ChartAxis{MajorGridLines: true, Font: axisFont,
			NumFmt: excelize.ChartNumFmt{CustomNumFmt: "#,##0"}},
		Dimension: excelize.ChartDimension{Width: chartWidth, Height: 300}}
	err = errors.Join(err,
		f.AddChart(sh, fmt.Sprintf("A%d", end+2), chart),
		f.SetPanes(sh, frozen(3)),
		f.SetSheetDimension(sh, fmt.Sprintf("A1:%s%d", last, end)),
		b.printSetup(sh, 3, false), b.fitToPage(sh),
	)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", sh, err)
	}
	return nil
}

// factorText writes the pool factor as the division it is, so that it can
// be checked by hand: 50,000,000.00 ÷ 106,072,540.06 = 0.471376.
func factorText(t pipeline.VoucherTotals) string {
	if !t.Oversubscribed || t.CandidateTotal == 0 {
		return "未超出资金池，系数 1"
	}
	return fmt.Sprintf("%s ÷ %s = %.6f", moneyText(t.Pool), moneyText(t.CandidateTotal), t.PoolFactor)
}

// chartWidth is the width of the 汇总 chart in pixels: it prints inside
// the portrait page at the sheet's scale.
const chartWidth = 620
