package policy

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"settle/pipeline"
)

// build validates the decoded file and turns it into a pipeline.Policy.
// Every error names the offending field by its dotted path.
func (f *file) build() (*pipeline.Policy, error) {
	p := &pipeline.Policy{
		ID:         strings.TrimSpace(f.ID),
		Title:      strings.TrimSpace(f.Title),
		DocumentNo: strings.TrimSpace(f.DocumentNo),
		Bureaus:    map[string]string{},
		Vouchers:   map[pipeline.Voucher]*pipeline.VoucherPolicy{},
	}
	for _, f := range []struct{ name, value string }{{"id", p.ID}, {"title", p.Title}, {"document_no", p.DocumentNo}} {
		if f.value == "" {
			return nil, fmt.Errorf("%s: 缺失", f.name)
		}
	}
	if err := buildDates(p, f); err != nil {
		return nil, err
	}
	if err := buildJurisdiction(p, f.Jurisdiction); err != nil {
		return nil, err
	}
	if err := buildRounding(p, f.Rounding); err != nil {
		return nil, err
	}
	for code, name := range f.Bureaus {
		if strings.TrimSpace(code) == "" || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("bureaus.%s: 部门代码和名称都必须给出", code)
		}
		p.Bureaus[code] = strings.TrimSpace(name)
	}
	for key := range f.Vouchers {
		if !pipeline.Voucher(key).Valid() {
			return nil, fmt.Errorf("vouchers.%s: 未知的券种（应为 compute、corpus、model、innovation 之一）", key)
		}
	}
	for _, key := range pipeline.Vouchers {
		v, ok := f.Vouchers[string(key)]
		if !ok || v == nil {
			return nil, fmt.Errorf("vouchers.%s: 缺失", key)
		}
		vp, err := buildVoucher(p, key, v)
		if err != nil {
			return nil, err
		}
		p.Vouchers[key] = vp
	}
	if n := f.Notice; n != nil {
		p.Notice = pipeline.Notice{Period: strings.TrimSpace(n.Period), Contact: strings.TrimSpace(n.Contact), Objection: strings.TrimSpace(n.Objection)}
	}
	return p, nil
}

// buildDates reads the effective window and the expense window (SPEC §1:
// eligible_from and eligible_to default to the effective window).
func buildDates(p *pipeline.Policy, f *file) error {
	var err error
	if p.EffectiveFrom, err = dateParam(p, "effective_from", "政策施行日期", f.EffectiveFrom); err != nil {
		return err
	}
	if p.EffectiveTo, err = dateParam(p, "effective_to", "政策截止日期", f.EffectiveTo); err != nil {
		return err
	}
	if p.EffectiveTo < p.EffectiveFrom {
		return fmt.Errorf("effective_to: %s 早于 effective_from %s", p.EffectiveTo, p.EffectiveFrom)
	}
	p.EligibleFrom, p.EligibleTo = p.EffectiveFrom, p.EffectiveTo
	if f.EligibleFrom != nil {
		if p.EligibleFrom, err = dateParam(p, "eligible_from", "费用发生起始日期", f.EligibleFrom); err != nil {
			return err
		}
	}
	if f.EligibleTo != nil {
		if p.EligibleTo, err = dateParam(p, "eligible_to", "费用发生截止日期", f.EligibleTo); err != nil {
			return err
		}
	}
	if p.EligibleTo < p.EligibleFrom {
		return fmt.Errorf("eligible_to: %s 早于 eligible_from %s", p.EligibleTo, p.EligibleFrom)
	}
	return nil
}

// buildJurisdiction reads the zone's names (SPEC §2), a list or one name.
func buildJurisdiction(p *pipeline.Policy, j *namesParam) error {
	if j == nil || len(j.Value) == 0 {
		return errors.New("jurisdiction.value: 缺失")
	}
	for i, name := range j.Value {
		name = strings.TrimSpace(name)
		if name == "" {
			return fmt.Errorf("jurisdiction.value[%d]: 为空", i)
		}
		p.Jurisdictions = append(p.Jurisdictions, name)
	}
	p.Params = append(p.Params, pipeline.Param{Name: "jurisdiction", Label: "兑付区域（注册区域名称）",
		Value: strings.Join(p.Jurisdictions, "、"), Reference: j.Reference, Description: j.Description})
	return nil
}

func dateParam(p *pipeline.Policy, name, label string, x *param) (pipeline.Date, error) {
	if x == nil || x.Value == "" {
		return 0, fmt.Errorf("%s.value: 缺失", name)
	}
	d, err := pipeline.ParseISODate(x.Value)
	if err != nil {
		return 0, fmt.Errorf("%s.value: %w", name, err)
	}
	p.Params = append(p.Params, toParam(name, label, x))
	return d, nil
}

func buildRounding(p *pipeline.Policy, r *rounding) error {
	if r == nil {
		return errors.New("rounding: 缺失")
	}
	if r.Mode != "down" {
		return fmt.Errorf("rounding.mode: 不支持 %q（只支持 down，即向下取整）", r.Mode)
	}
	unit, err := money("rounding.unit", r.Unit)
	if err != nil {
		return err
	}
	if unit <= 0 {
		return fmt.Errorf("rounding.unit: 必须大于零，实为 %s", r.Unit)
	}
	p.RoundingUnit, p.RoundingMode = unit, r.Mode
	p.Params = append(p.Params, pipeline.Param{Name: "rounding.unit", Label: "金额舍入单位", Value: r.Unit, Unit: "CNY", Description: "金额舍入单位（向下舍入）"})
	return nil
}

func buildVoucher(p *pipeline.Policy, key pipeline.Voucher, v *voucher) (*pipeline.VoucherPolicy, error) {
	path := "vouchers." + string(key)
	vp := &pipeline.VoucherPolicy{
		Key:    key,
		Name:   strings.TrimSpace(v.Name),
		Clause: strings.TrimSpace(v.Clause),
		Bureau: strings.TrimSpace(v.Bureau),
		Rates:  map[string]decimal.Decimal{},
	}
	if vp.Name == "" {
		return nil, fmt.Errorf("%s.name: 缺失", path)
	}
	if vp.Clause == "" {
		return nil, fmt.Errorf("%s.clause: 缺失", path)
	}
	if _, ok := p.Bureaus[vp.Bureau]; !ok {
		return nil, fmt.Errorf("%s.bureau: %q 不在 bureaus 所列的部门中", path, vp.Bureau)
	}
	kinds := []string{pipeline.RateDefault}
	if key == pipeline.Compute {
		kinds = []string{pipeline.RateDomestic, pipeline.RateForeign}
	}
	for k := range v.Rates {
		if !slices.Contains(kinds, k) {
			return nil, fmt.Errorf("%s.rates.%s: 未知的比例（应为 %s）", path, k, strings.Join(kinds, "、"))
		}
	}
	for _, k := range kinds {
		name := path + ".rates." + k
		r, err := rate(name, v.Rates[k])
		if err != nil {
			return nil, err
		}
		vp.Rates[k] = r
		p.Params = append(p.Params, toParam(name, vp.Name+" "+rateLabel[k], v.Rates[k]))
	}
	for _, m := range []struct {
		name, label string
		x           *param
		dst         *pipeline.Money
	}{{"cap", "单家企业年度补助上限", v.Cap, &vp.Cap}, {"pool", "年度资金池", v.Pool, &vp.Pool}, {"min_base", "规模门槛（最低结算基数）", v.MinBase, &vp.MinBase}} {
		name := path + "." + m.name
		if m.x == nil {
			return nil, fmt.Errorf("%s: 缺失", name)
		}
		amt, err := money(name+".value", m.x.Value)
		if err != nil {
			return nil, err
		}
		if amt < 0 {
			return nil, fmt.Errorf("%s.value: 不能为负数，实为 %s", name, m.x.Value)
		}
		if amt%p.RoundingUnit != 0 {
			return nil, fmt.Errorf("%s.value: %s 必须是取整单位（rounding.unit）的整数倍", name, m.x.Value)
		}
		*m.dst = amt
		p.Params = append(p.Params, toParam(name, vp.Name+" "+m.label, m.x))
	}
	if v.Purposes == nil {
		return nil, fmt.Errorf("%s.purposes: 缺失（任何用途都认可时写 value: []）", path)
	}
	for i, s := range v.Purposes.Value {
		if strings.TrimSpace(s) == "" {
			return nil, fmt.Errorf("%s.purposes.value[%d]: 为空", path, i)
		}
		vp.Purposes = append(vp.Purposes, strings.TrimSpace(s))
	}
	p.Params = append(p.Params, pipeline.Param{
		Name: path + ".purposes", Label: vp.Name + " 认可用途", Value: strings.Join(vp.Purposes, "、"),
		Reference: v.Purposes.Reference, Description: v.Purposes.Description,
	})
	return vp, nil
}

func rate(name string, x *param) (decimal.Decimal, error) {
	if x == nil || x.Value == "" {
		return decimal.Zero, fmt.Errorf("%s.value: 缺失", name)
	}
	r, err := decimal.NewFromString(x.Value)
	if err != nil {
		return decimal.Zero, fmt.Errorf("%s.value: %q 不是数字", name, x.Value)
	}
	if r.IsNegative() || r.GreaterThan(decimal.NewFromInt(1)) {
		return decimal.Zero, fmt.Errorf("%s.value: %s 不在 0 到 1 之间", name, x.Value)
	}
	if r.Exponent() < -4 && !r.Equal(r.Truncate(4)) {
		return decimal.Zero, fmt.Errorf("%s.value: %s 的小数超过 4 位", name, x.Value)
	}
	return r, nil
}

func money(name, s string) (pipeline.Money, error) {
	if strings.TrimSpace(s) == "" {
		return 0, fmt.Errorf("%s: 缺失", name)
	}
	d, err := decimal.NewFromString(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%s: %q 不是金额", name, s)
	}
	m, err := pipeline.MoneyFromDecimal(d)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	return m, nil
}

// rateLabel names each rate kind for people.
var rateLabel = map[string]string{
	pipeline.RateDefault:  "补助比例",
	pipeline.RateDomestic: "国产算力补助比例",
	pipeline.RateForeign:  "非国产算力补助比例",
}

func toParam(name, label string, x *param) pipeline.Param {
	return pipeline.Param{Name: name, Label: label, Value: x.Value, Unit: x.Unit, Reference: x.Reference, Description: x.Description}
}
