package main

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/shopspring/decimal"

	"settle/pipeline"
	"settle/writers"
)

// explainAward walks award a through SPEC §5 from what the settlement
// wrote: its lines, the awards table and the voucher's totals.
func explainAward(s *writers.Stored, a pipeline.Award, unit pipeline.Money) (voucherExplanation, error) {
	ve := voucherExplanation{
		Voucher: string(a.Voucher), Clause: a.Clause, Bureau: a.Bureau,
		Lines: []lineStep{}, Bases: []baseStep{},
		Entitlement: a.Entitlement.StringFixed(6), Cap: a.Cap.String(), CapApplied: a.CapApplied,
		AfterCap: a.AfterCap.String(), Review: string(a.Review), ReviewText: a.Review.Text(), ReviewNote: a.ReviewNote,
		Status: string(a.Status), StatusText: a.Status.Text(), Award: a.Amount.String(),
	}
	mv := s.Voucher(a.Voucher)
	if mv != nil {
		ve.Name = mv.Name
	}
	if a.HasApproved {
		v := a.Approved.String()
		ve.Approved = &v
	}
	// Lines, and the bases they add up to (compute: by origin).
	type base struct {
		label string
		sum   pipeline.Money
		rate  decimal.Decimal
	}
	var bases []base
	for _, l := range s.Lines {
		if l.Voucher != a.Voucher || l.EnterpriseUSCC != a.USCC {
			continue
		}
		ls := lineStep{File: l.Origin.File, Sheet: l.Origin.Sheet, Row: l.Origin.Row, Document: l.DocumentNo,
			Invoice: l.InvoiceNo, Origin: l.ComputeOrigin, Eligible: l.Eligible}
		if l.HasDate {
			ls.Date = l.Date.String()
		}
		if l.HasAmount {
			ls.Amount = l.Amount.String()
		}
		if !l.Eligible {
			ls.ReasonCode, ls.Reason, ls.Detail = string(l.Reason), l.Reason.Text(), l.Detail
			ve.Lines = append(ve.Lines, ls)
			continue
		}
		ls.Rate = l.Rate.String()
		ve.Lines = append(ve.Lines, ls)
		label := "申报基数"
		if a.Voucher == pipeline.Compute {
			label = map[string]string{string(pipeline.Domestic): "国产算力基数", string(pipeline.Foreign): "非国产算力基数"}[l.ComputeOrigin]
		}
		k := slices.IndexFunc(bases, func(b base) bool { return b.label == label })
		if k < 0 {
			bases = append(bases, base{label: label, rate: l.Rate})
			k = len(bases) - 1
		}
		if !bases[k].rate.Equal(l.Rate) {
			return ve, fmt.Errorf("%s: 比例 %s 与同一基数其他行的比例 %s 不同，结算文件可能已被改动", l.Origin, l.Rate, bases[k].rate)
		}
		bases[k].sum += l.Amount
	}
	slices.SortStableFunc(bases, func(x, y base) int { return y.rate.Cmp(x.rate) }) // compute: domestic first
	total := decimal.Zero
	for _, b := range bases {
		bv := max(b.sum, 0)
		ent := bv.Decimal().Mul(b.rate)
		total = total.Add(ent)
		ve.Bases = append(ve.Bases, baseStep{Label: b.label, Sum: b.sum.String(), Base: bv.String(),
			Rate: b.rate.String(), Entitlement: ent.StringFixed(6)})
	}
	if !total.Equal(a.Entitlement) {
		return ve, fmt.Errorf("%s %s：按明细行算得应补金额 %s，而兑付表中为 %s，结算文件可能已被改动",
			a.USCC, a.Voucher, total.StringFixed(6), a.Entitlement.StringFixed(6))
	}
	if mv != nil && a.Status == pipeline.Awarded {
		p, err := poolShare(s, a, mv, unit)
		if err != nil {
			return ve, err
		}
		ve.Pool = p
	}
	ve.Steps = steps(a, &ve)
	return ve, nil
}

// poolShare is a's part of its voucher's pool (SPEC §5 step 5), computed
// again from the after-cap amounts of every candidate of the voucher.
func poolShare(s *writers.Stored, a pipeline.Award, mv *writers.ManifestVoucher, unit pipeline.Money) (*poolStep, error) {
	pool, err := writers.ParseMoney(mv.Pool)
	if err != nil {
		return nil, fmt.Errorf("manifest.json 中 %s 的资金池: %w", mv.Key, err)
	}
	p := &poolStep{Pool: pool.String(), CandidateTotal: mv.CandidateTotal, Oversubscribed: mv.Oversubscribed, Factor: mv.PoolFactor}
	if !mv.Oversubscribed {
		return p, nil
	}
	type claim struct {
		uscc  string
		share pipeline.Money
		rem   *big.Int
	}
	var claims []claim
	total := new(big.Int)
	for _, c := range s.Awards {
		if c.Voucher == a.Voucher && c.Status == pipeline.Awarded {
			total.Add(total, big.NewInt(int64(c.AfterCap/unit)))
		}
	}
	units := big.NewInt(int64(pool / unit))
	given := pipeline.Money(0)
	for _, c := range s.Awards {
		if c.Voucher != a.Voucher || c.Status != pipeline.Awarded {
			continue
		}
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(big.NewInt(int64(c.AfterCap/unit)), units), total, new(big.Int))
		claims = append(claims, claim{c.USCC, pipeline.Money(q.Int64()) * unit, r})
		given += pipeline.Money(q.Int64()) * unit
	}
	slices.SortStableFunc(claims, func(x, y claim) int {
		if c := y.rem.Cmp(x.rem); c != 0 {
			return c
		}
		return cmpString(x.uscc, y.uscc)
	})
	p.Leftover = int((pool - given) / unit)
	for k, c := range claims {
		if c.uscc == a.USCC {
			p.Share, p.Remainder, p.LeftoverUnit = c.share.String(), c.rem.String(), k < p.Leftover
		}
	}
	return p, nil
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// steps are the steps of SPEC §5 as they went for a, each with its clause.
func steps(a pipeline.Award, ve *voucherExplanation) []clauseRef {
	c := a.Clause
	out := []clauseRef{
		{"逐行审核", "规则 4；" + c, fmt.Sprintf("%d 行申报，%d 行符合条件", len(ve.Lines), a.EligibleLines)},
		{"计算基数", "规则 5.1", fmt.Sprintf("符合条件金额合计 %s 元（低于零按零计）", a.Base)},
		{"按比例计算", c, fmt.Sprintf("应补金额 %s 元（基数 × 比例，未取整）", ve.Entitlement)},
	}
	capText := fmt.Sprintf("单家年度上限 %s 元", a.Cap)
	if a.HasApproved {
		capText += fmt.Sprintf("，评审审定金额 %s 元", a.Approved)
	}
	capText += fmt.Sprintf("；取应补金额与之中的最小者，向下取整到取整单位：%s 元", a.AfterCap)
	if a.CapApplied {
		capText += "（受政策上限约束）"
	}
	out = append(out, clauseRef{"封顶与审定", c + "；规则 5.3", capText})
	review := fmt.Sprintf("评审结论：%s", a.Review.Text())
	if a.ReviewNote != "" {
		review += "（" + a.ReviewNote + "）"
	}
	out = append(out, clauseRef{"评审", "规则 5.4", review + "；状态：" + a.Status.Text()})
	switch {
	case a.Status != pipeline.Awarded:
		out = append(out, clauseRef{"兑付", "规则 5.4", "非候选企业，兑付 0.00 元"})
	case ve.Pool == nil || !ve.Pool.Oversubscribed:
		out = append(out, clauseRef{"资金池", c + "；规则 5.5", fmt.Sprintf("候选合计未超过资金池，系数 1，兑付 %s 元", a.Amount)})
	default:
		t := fmt.Sprintf("候选合计 %s 元超过资金池 %s 元，系数 %.6f；按比例得 %s 元", ve.Pool.CandidateTotal, ve.Pool.Pool, ve.Pool.Factor, ve.Pool.Share)
		if ve.Pool.LeftoverUnit {
			t += "，按最大余数再得一个取整单位"
		}
		out = append(out, clauseRef{"资金池", c + "；规则 5.5", t + fmt.Sprintf("，兑付 %s 元", a.Amount)})
	}
	return out
}
