package writers

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"settle/pipeline"
)

// paramLabel is the Chinese name of parameter pr, as the policy loader
// labels it (the dotted name when a policy built by hand has no label), and
// the voucher it belongs to ("" for the policy's own parameters).
func paramLabel(pr pipeline.Param) (label string, v pipeline.Voucher) {
	label = pr.Label
	if label == "" {
		label = pr.Name
	}
	if rest, ok := strings.CutPrefix(pr.Name, "vouchers."); ok {
		if key, _, ok := strings.Cut(rest, "."); ok {
			v = pipeline.Voucher(key)
		}
	}
	return label, v
}

// paramValue formats a parameter for people: money with separators and
// 元, rates in percent, other values as written.
func paramValue(pr pipeline.Param) string {
	d, err := decimal.NewFromString(strings.TrimSpace(pr.Value))
	switch {
	case err != nil:
		return pr.Value
	case pr.Unit == "CNY":
		m, err := pipeline.MoneyFromDecimal(d)
		if err != nil {
			return pr.Value
		}
		return moneyText(m) + " 元"
	case pr.Unit == "/1":
		return d.Shift(2).String() + "%"
	}
	return pr.Value
}

// moneyText formats an amount as the cells show it: 1,234,567.50.
func moneyText(m pipeline.Money) string {
	s := m.String()
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	dot := strings.IndexByte(s, '.')
	var b strings.Builder
	for i, c := range s[:dot] {
		if i > 0 && (dot-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return sign + b.String() + s[dot:]
}

// writeParams writes the 参数说明 sheet: the policy, the parameters of the
// vouchers vs (the workbook's own) in Chinese with their clauses, the run
// id and stage, and the inputs' checksums (monospaced and wrapped so that
// all 64 digits print).
func writeParams(b *book, r *pipeline.Result, vs []*pipeline.VoucherPolicy) error {
	p := r.Policy
	type line struct {
		values []any
		styles []int // nil: the columns' styles
	}
	var lines []line
	add := func(values ...any) { lines = append(lines, line{values: values}) }
	section := func(titles ...any) {
		add()
		lines = append(lines, line{titles, repeat(b.header, len(titles))})
	}
	mine := map[pipeline.Voucher]bool{}
	var names []string
	for _, vp := range vs {
		mine[vp.Key] = true
		names = append(names, vp.Name+"（"+vp.Clause+"，"+p.BureauName(vp.Bureau)+"）")
	}
	for _, kv := range [][2]string{
		{"结算年度", fmt.Sprintf("%d年度", r.Year)}, {"结算阶段", r.Stage.Text()},
		{"政策名称", p.Title}, {"文号", p.DocumentNo}, {"政策编号", p.ID},
		{"本文件所涉券种", strings.Join(names, "、")},
		{"施行期间", p.EffectiveFrom.String() + " 至 " + p.EffectiveTo.String()},
		{"适用区域", strings.Join(p.Jurisdictions, "、")},
	} {
		add(kv[0], kv[1])
	}
	lines = append(lines, line{[]any{"运行编号", r.RunID}, []int{b.text, b.mono}},
		line{[]any{"政策文件 SHA-256", p.Hash}, []int{b.text, b.mono}})
	section("政策参数", "取值", "条款", "说明")
	for _, pr := range p.Params {
		label, v := paramLabel(pr)
		if v != "" && !mine[v] {
			continue
		}
		add(label, paramValue(pr), pr.Reference, pr.Description)
	}
	section("输入文件", "SHA-256", "字节数", "工作表 / 合计行")
	for _, in := range r.Inputs.Files {
		lines = append(lines, line{[]any{in.Name, in.SHA256, in.Size, inputSheetText(in)},
			[]int{b.wrap, b.mono, b.count, b.wrap}})
	}
	t := b.newTable("参数说明", []column{{"项目", 24, b.wrap}, {"取值", 35, b.wrap},
		{"条款", 12, b.wrap}, {"说明", 33, b.wrap}}, 1+len(lines))
	t.landscape = false
	for _, l := range lines {
		t.put(l.values, l.styles)
	}
	return t.close(false)
}

// inputSheetText is the 工作表 / 合计行 cell of an input: the voucher sheet
// read and the summary rows skipped in it; blank for the registry and
// reference workbooks, which have neither.
func inputSheetText(in pipeline.InputFile) string {
	if in.Voucher == "" {
		return in.Sheet
	}
	return fmt.Sprintf("%s；合计行 %d 行", in.Sheet, in.SummaryRows)
}
