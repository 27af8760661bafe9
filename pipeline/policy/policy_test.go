package policy

import (
	"strings"
	"testing"

	"settle/pipeline"
)

func TestDefaultPolicy(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.Jurisdictions, "|"); got != "滨江区|高新区(滨江)|高新技术产业开发区(滨江)" {
		t.Errorf("jurisdictions %q", got)
	}
	if p.EligibleFrom != p.EffectiveFrom || p.EligibleTo != p.EffectiveTo || p.Notice != (pipeline.Notice{}) {
		t.Errorf("expense window %s..%s, notice %+v", p.EligibleFrom, p.EligibleTo, p.Notice)
	}
	if p.DocumentNo != "杭高新〔2025〕9号" ||
		p.EffectiveFrom.String() != "2025-06-10" || p.EffectiveTo.String() != "2028-06-09" || p.RoundingUnit != 1 {
		t.Fatalf("header: %+v", p)
	}
	want := map[pipeline.Voucher]struct {
		bureau, clause, rates string
		cap, pool             pipeline.Money
		purposes              int
	}{
		pipeline.Compute:    {"jxj", "二(六)", "0.6/0.3", pipeline.Yuan(20_000_000), pipeline.Yuan(100_000_000), 3},
		pipeline.Corpus:     {"fgj", "二(七)", "0.3", pipeline.Yuan(2_000_000), pipeline.Yuan(50_000_000), 0},
		pipeline.Model:      {"jxj", "二(八)", "0.3", pipeline.Yuan(2_000_000), pipeline.Yuan(50_000_000), 2},
		pipeline.Innovation: {"kjj", "二(九)", "0.3", pipeline.Yuan(500_000), pipeline.Yuan(50_000_000), 0},
	}
	for v, w := range want {
		vp := p.Vouchers[v]
		rates := vp.Rates[pipeline.RateDefault].String()
		if v == pipeline.Compute {
			rates = vp.Rates[pipeline.RateDomestic].String() + "/" + vp.Rates[pipeline.RateForeign].String()
		}
		if vp.Bureau != w.bureau || vp.Clause != w.clause || rates != w.rates || vp.Cap != w.cap || vp.Pool != w.pool || len(vp.Purposes) != w.purposes {
			t.Errorf("%s: %+v, rates %s", v, vp, rates)
		}
	}
	for _, prm := range p.Params {
		if prm.Reference == "" && !strings.HasPrefix(prm.Name, "rounding") {
			t.Errorf("parameter %s has no clause", prm.Name)
		}
		if prm.Label == "" {
			t.Errorf("parameter %s has no label", prm.Name)
		}
	}
	if len(p.Hash) != 64 {
		t.Errorf("hash %q", p.Hash)
	}
}

// TestMalformedPolicies: each broken file is refused with a message naming
// the field.
func TestMalformedPolicies(t *testing.T) {
	base := string(Embedded())
	cases := []struct {
		name, old, new, wantErr string
	}{
		{"rate above 1", `value: "0.60"`, `value: "1.60"`, "vouchers.compute.rates.domestic.value"},
		{"negative rate", `value: "0.30"
        unit: /1
        reference: 二(七)`, `value: "-0.30"
        unit: /1
        reference: 二(七)`, "vouchers.corpus.rates.default.value"},
		{"negative cap", `value: "500000"`, `value: "-1"`, "vouchers.innovation.cap.value"},
		{"cap with three decimals", `value: "500000"`, `value: "500000.005"`, "vouchers.innovation.cap.value: 500000.005 的小数超过两位"},
		{"cap not a multiple of the rounding unit", `unit: "0.01"`, `unit: "300000"`, "vouchers.compute.cap.value: 20000000 必须是取整单位（rounding.unit）的整数倍"},
		{"negative pool", `value: "100000000"`, `value: "-100000000"`, "vouchers.compute.pool.value"},
		{"window reversed", `value: "2028-06-09"`, `value: "2024-06-09"`, "effective_to"},
		{"bad date", `value: "2025-06-10"`, `value: "2025-13-10"`, "effective_from.value"},
		{"unknown key", "jurisdiction:\n", "jurisdictoin_typo: x\njurisdiction:\n", "第 24 行：未知的键 jurisdictoin_typo"},
		{"missing voucher", "  innovation:\n    name: 创新券", "  innovatio:\n    name: 创新券", "vouchers.innovatio"},
		{"unknown bureau", "bureau: kjj", "bureau: xyz", "vouchers.innovation.bureau"},
		{"rounding mode", "mode: down", "mode: half_up", `rounding.mode: 不支持 "half_up"`},
		{"cap not money", `value: "2000000"
      unit: CNY
      reference: 二(八)`, `value: "2,000,000"
      unit: CNY
      reference: 二(八)`, "vouchers.model.cap.value"},
		{"empty", base, "", "政策文件为空"},
		{"expense window reversed", `value: "2028-06-09"
  reference: 五(二)
  description: 可申报费用的最晚`, `value: "2025-01-01"
  reference: 五(二)
  description: 可申报费用的最晚`, "eligible_to"},
		{"bad expense date", `value: "2025-06-10"
  reference: 五(二)
  description: 可申报费用的最早`, `value: "2025-06-31"
  reference: 五(二)
  description: 可申报费用的最早`, "eligible_from.value"},
		{"expense date missing", `value: "2025-06-10"
  reference: 五(二)
  description: 可申报费用的最早`, `reference: 五(二)
  description: 可申报费用的最早`, "eligible_from.value: 缺失"},
		{"no jurisdiction", "value: [滨江区, 高新区(滨江), 高新技术产业开发区(滨江)]", "value: []", "jurisdiction.value: 缺失"},
		{"empty jurisdiction name", "value: [滨江区, 高新区(滨江), 高新技术产业开发区(滨江)]", `value: [滨江区, " "]`, "jurisdiction.value[1]"},
		{"jurisdiction not text", "value: [滨江区, 高新区(滨江), 高新技术产业开发区(滨江)]", "value: {a: b}", "jurisdiction"},
		{"notice unknown key", "rounding:\n", "notice:\n  periode: 7个工作日\nrounding:\n", "未知的键 periode"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(base, tc.old) {
				t.Fatalf("fixture text %q not in the embedded policy", tc.old)
			}
			_, err := Parse([]byte(strings.Replace(base, tc.old, tc.new, 1)))
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want one naming %q", err, tc.wantErr)
			}
		})
	}
}

// TestPolicyForms: the forms a policy file may take load as meant.
func TestPolicyForms(t *testing.T) {
	base := string(Embedded())
	const names = "value: [滨江区, 高新区(滨江), 高新技术产业开发区(滨江)]"
	cases := []struct {
		name     string
		old, new string
		check    func(p *pipeline.Policy) string
	}{
		{"one jurisdiction name, as before", names, "value: 滨江区", func(p *pipeline.Policy) string {
			return strings.Join(p.Jurisdictions, "|")
		}},
		{"expense window from January", `value: "2025-06-10"
  reference: 五(二)
  description: 可申报费用的最早`, `value: "2025-01-01"
  reference: 五(二)
  description: 可申报费用的最早`, func(p *pipeline.Policy) string {
			return p.EligibleFrom.String() + ".." + p.EligibleTo.String() + " effective " + p.EffectiveFrom.String()
		}},
		{"no expense window: the effective window", "eligible_from:", "unused_a:", nil},
		{"notice", "rounding:\n", "notice:\n  period: 7个工作日\n  contact: 张先生 0571-1\n  objection: 书面递交\nrounding:\n", func(p *pipeline.Policy) string {
			return p.Notice.Period + "|" + p.Notice.Contact + "|" + p.Notice.Objection
		}},
	}
	want := []string{"滨江区", "2025-01-01..2028-06-09 effective 2025-06-10", "", "7个工作日|张先生 0571-1|书面递交"}
	for k, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(base, tc.old) {
				t.Fatalf("fixture text %q not in the embedded policy", tc.old)
			}
			text := strings.Replace(base, tc.old, tc.new, 1)
			if tc.check == nil { // drop both eligible_ blocks
				text = dropBlock(t, dropBlock(t, base, "eligible_from:"), "eligible_to:")
			}
			p, err := Parse([]byte(text))
			if err != nil {
				t.Fatal(err)
			}
			if tc.check == nil {
				if p.EligibleFrom != p.EffectiveFrom || p.EligibleTo != p.EffectiveTo {
					t.Fatalf("expense window %s..%s, want the effective window", p.EligibleFrom, p.EligibleTo)
				}
				return
			}
			if got := tc.check(p); got != want[k] {
				t.Fatalf("got %q, want %q", got, want[k])
			}
		})
	}
}

// dropBlock removes a top-level key and its indented lines.
func dropBlock(tb testing.TB, text, key string) string {
	tb.Helper()
	var out []string
	skip := false
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, key):
			skip = true
			continue
		case skip && strings.HasPrefix(line, " "):
			continue
		}
		skip = false
		out = append(out, line)
	}
	if len(out) == len(strings.Split(text, "\n")) {
		tb.Fatalf("%s not in the policy", key)
	}
	return strings.Join(out, "\n")
}
