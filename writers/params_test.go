package writers

import (
	"testing"

	"settle/pipeline"
)

// TestParamLabel checks that 参数说明 names a parameter by the policy
// loader's label, by its dotted name when a hand-built policy gave none,
// and finds the voucher a parameter belongs to.
func TestParamLabel(t *testing.T) {
	for _, tc := range []struct {
		param   pipeline.Param
		label   string
		voucher pipeline.Voucher
	}{
		{pipeline.Param{Name: "vouchers.corpus.cap", Label: "语料券 单家企业年度补助上限"}, "语料券 单家企业年度补助上限", pipeline.Corpus},
		{pipeline.Param{Name: "vouchers.compute.rates.domestic", Label: "算力券 国产算力补助比例"}, "算力券 国产算力补助比例", pipeline.Compute},
		{pipeline.Param{Name: "jurisdiction", Label: "兑付区域（注册区域名称）"}, "兑付区域（注册区域名称）", ""},
		{pipeline.Param{Name: "vouchers.model.pool"}, "vouchers.model.pool", pipeline.Model},
		{pipeline.Param{Name: "vouchers"}, "vouchers", ""},
	} {
		label, v := paramLabel(tc.param)
		if label != tc.label || v != tc.voucher {
			t.Errorf("paramLabel(%s) = %q, %q; want %q, %q", tc.param.Name, label, v, tc.label, tc.voucher)
		}
	}
}

// TestDefaultPolicyLabels checks that every parameter of the embedded
// policy has a label, so that 参数说明 never prints a dotted name.
func TestDefaultPolicyLabels(t *testing.T) {
	p := testResult(t).Policy
	if len(p.Params) == 0 {
		t.Fatal("the policy has no parameters")
	}
	for _, pr := range p.Params {
		if pr.Label == "" {
			t.Errorf("%s has no label", pr.Name)
		}
	}
}

// TestInputSheetText checks the 工作表 / 合计行 cell of 参数说明: no stray
// separator for the registry, which has no voucher sheet.
func TestInputSheetText(t *testing.T) {
	for _, tc := range []struct {
		in   pipeline.InputFile
		want string
	}{
		{pipeline.InputFile{Name: "enterprises.xlsx"}, ""},
		{pipeline.InputFile{Name: "compute_billing.xlsx", Voucher: pipeline.Compute, Sheet: "算力结算", SummaryRows: 1}, "算力结算；合计行 1 行"},
		{pipeline.InputFile{Name: "corpus_contracts.xlsx", Voucher: pipeline.Corpus, Sheet: "语料合同"}, "语料合同；合计行 0 行"},
	} {
		if got := inputSheetText(tc.in); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.in.Name, got, tc.want)
		}
	}
}
