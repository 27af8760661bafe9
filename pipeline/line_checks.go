package pipeline

import (
	"fmt"
	"strings"
)

// The line rules of SPEC §4, one function per reason code, in the order
// of ruleTable. Each returns the line's detail and true when the code
// applies. A rule may assume every rule above it passed.

// missingField: a required cell is empty (found by the reader).
func missingField(_ *checkCtx, l lineView) (string, bool) { return cellProblem(l, MissingField) }

// badUSCC: the buyer or counterparty code fails SPEC §3.
func badUSCC(_ *checkCtx, l lineView) (string, bool) { return cellProblem(l, BadUSCC) }

// badAmount: the amount cannot be read (SPEC §3).
func badAmount(_ *checkCtx, l lineView) (string, bool) { return cellProblem(l, BadAmount) }

// badDate: the date cannot be read (SPEC §3).
func badDate(_ *checkCtx, l lineView) (string, bool) { return cellProblem(l, BadDate) }

// cellProblem finds the reader's first problem with reason r.
func cellProblem(l lineView, r Reason) (string, bool) {
	for _, p := range l.Problems {
		if p.Reason == r {
			return p.String(), true
		}
	}
	return "", false
}

func unknownEnterprise(_ *checkCtx, l lineView) (string, bool) {
	if l.ent != nil {
		return "", false
	}
	return fmt.Sprintf("%s 不在企业名录", l.EnterpriseUSCC), true
}

func outOfJurisdiction(c *checkCtx, l lineView) (string, bool) {
	if l.ent.inJurisdiction {
		return "", false
	}
	return fmt.Sprintf("注册区域“%s”不属于%s", l.ent.e.District, strings.Join(c.policy.Jurisdictions, "、")), true
}

func inactiveEnterprise(_ *checkCtx, l lineView) (string, bool) {
	if l.ent.active {
		return "", false
	}
	return fmt.Sprintf("经营状态“%s”", l.ent.e.Status), true
}

// outOfPeriod: dated outside year Y or the policy's expense window.
func outOfPeriod(c *checkCtx, l lineView) (string, bool) {
	if l.Date >= c.from && l.Date <= c.to {
		return "", false
	}
	return fmt.Sprintf("日期 %s 不在结算期 %s 至 %s 内", l.Date, c.from, c.to), true
}

func badPurpose(_ *checkCtx, l lineView) (string, bool) {
	if l.vr.acceptsPurpose(l.Purpose) {
		return "", false
	}
	return fmt.Sprintf("用途“%s”不属于%s", l.Purpose, l.vr.purposeList()), true
}

// providerNotPartner: compute only; the provider must be listed on the
// settlement date.
func providerNotPartner(c *checkCtx, l lineView) (string, bool) {
	if l.Voucher != Compute || c.ref.PartnerOn(l.CounterpartyUSCC, l.Date) {
		return "", false
	}
	return fmt.Sprintf("服务商 %s 在 %s 不在算力合作伙伴名单", l.CounterpartyUSCC, l.Date), true
}

func badComputeOrigin(_ *checkCtx, l lineView) (string, bool) {
	if l.Voucher != Compute {
		return "", false
	}
	if _, ok := ParseComputeOrigin(l.ComputeOrigin); ok {
		return "", false
	}
	return fmt.Sprintf("算力类型“%s”应为国产或非国产", l.ComputeOrigin), true
}

func venueNotRecognised(c *checkCtx, l lineView) (string, bool) {
	if l.Voucher != Corpus || c.ref.Venues[Fold(l.Venue)] {
		return "", false
	}
	return fmt.Sprintf("交易平台“%s”不在认可名单", l.Venue), true
}

func affiliatedSeller(c *checkCtx, l lineView) (string, bool) {
	if l.Voucher != Corpus || !c.reg.Affiliates(l.EnterpriseUSCC, l.CounterpartyUSCC) {
		return "", false
	}
	return fmt.Sprintf("卖方 %s 与买方关联", l.CounterpartyUSCC), true
}

func modelNotFiled(c *checkCtx, l lineView) (string, bool) {
	if l.Voucher != Model {
		return "", false
	}
	if _, ok := c.ref.Models[Fold(l.FilingNo)]; ok {
		return "", false
	}
	return fmt.Sprintf("备案编号“%s”不在备案模型名单", l.FilingNo), true
}

func modelNotYetFiled(c *checkCtx, l lineView) (string, bool) {
	if l.Voucher != Model {
		return "", false
	}
	if filed := c.ref.Models[Fold(l.FilingNo)]; l.Date < filed {
		return fmt.Sprintf("交易日期 %s 早于备案日期 %s", l.Date, filed), true
	}
	return "", false
}

// excludedByReview: the review's 核减明细 lists the line's enterprise,
// voucher and document number; the detail is the 核减原因.
func excludedByReview(_ *checkCtx, l lineView) (string, bool) {
	byNo := l.vr.excluded[l.EnterpriseUSCC]
	if byNo == nil {
		return "", false
	}
	x := byNo[Fold(l.DocumentNo)]
	if x == nil {
		return "", false
	}
	if r := strings.TrimSpace(x.Reason); r != "" {
		return r, true
	}
	return fmt.Sprintf("单据“%s”（未注明原因）", x.DocumentNo), true
}

// alreadyFunded: prior_funding.xlsx lists the buyer and invoice number,
// whatever the programme or year (附则(一) 不重复).
func alreadyFunded(c *checkCtx, l lineView) (string, bool) {
	byNo := c.funded[l.EnterpriseUSCC]
	if byNo == nil || IsBlank(l.InvoiceNo) {
		return "", false
	}
	f := byNo[Fold(l.InvoiceNo)]
	if f == nil {
		return "", false
	}
	detail := fmt.Sprintf("发票“%s”已获资助", strings.TrimSpace(l.InvoiceNo))
	program := strings.TrimSpace(f.Program)
	year := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(f.Year), "年度"), "年")
	switch {
	case program != "" && year != "":
		detail += fmt.Sprintf("：%s（%s 年度）", program, year)
	case program != "":
		detail += "：" + program
	case year != "":
		detail += fmt.Sprintf("（%s 年度）", year)
	}
	return detail, true
}
