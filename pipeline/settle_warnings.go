package pipeline

import (
	"fmt"
	"sort"
)

// settlementWarnings are every warning of the run, in a fixed order: the
// ones that concern a whole voucher first (per voucher, SPEC §1 order: a
// workbook without lines, or review rows without a workbook), since a run
// prints only the first few and these mean a voucher settles to nothing;
// then the inputs' own warnings (file order); exclusions that match no
// line (in the order of 核减明细); enterprises with eligible lines and no
// review row; awards held for their bank details (USCC order).
func settlementWarnings(c *checkCtx, in *Inputs, s *settling, awards []Award) []Warning {
	var ws []Warning
	for _, v := range Vouchers {
		ws = append(ws, voucherWarnings(in, v)...)
	}
	ws = append(ws, in.Warnings...)
	ws = append(ws, unmatchedExclusions(c, in, s)...)
	enterprises := Origin{File: "enterprises.xlsx"}
	for _, a := range awards {
		if _, ok := in.Registry.Review(a.USCC, a.Voucher); !ok {
			ws = append(ws, Warning{At: enterprises, Text: fmt.Sprintf("%s（%s）有 %d 行%s合格明细，评审结果中没有该企业%s的结论，按待定处理",
				a.Name, a.USCC, a.EligibleLines, VoucherNames[a.Voucher], VoucherNames[a.Voucher])})
		}
	}
	for _, a := range awards {
		e := in.Registry.Enterprises[a.USCC]
		if a.Amount <= 0 || e == nil {
			continue
		}
		if problem := e.BankProblem(); problem != "" {
			ws = append(ws, Warning{At: e.Origin, Text: fmt.Sprintf("%s（%s）%s的兑付款暂缓拨付：%s", e.Name, a.USCC, VoucherNames[a.Voucher], problem)})
		}
	}
	return ws
}

// unmatchedExclusions warns of each row of 核减明细 whose document number
// matches no line of its enterprise and voucher, whatever that line's
// outcome.
func unmatchedExclusions(c *checkCtx, in *Inputs, s *settling) []Warning {
	if len(in.Exclusions) == 0 {
		return nil
	}
	matched := map[*Exclusion]bool{}
	for _, v := range Vouchers {
		excluded, lines := c.vouchers[v].excluded, s.lines[v]
		if len(excluded) == 0 {
			continue
		}
		for i := range lines.Len() {
			if byNo := excluded[lines.buyer(i)]; byNo != nil {
				_, doc := lines.document(i)
				if x := byNo[Fold(doc)]; x != nil {
					matched[x] = true
				}
			}
		}
	}
	var ws []Warning
	for i := range in.Exclusions {
		x := &in.Exclusions[i]
		vr := c.vouchers[x.Voucher]
		if vr != nil && matched[vr.excluded[x.USCC][Fold(x.DocumentNo)]] {
			continue // this row, or an earlier one for the same document, matched
		}
		ws = append(ws, Warning{At: x.Origin, Text: fmt.Sprintf("核减明细未匹配到任何明细行：%s %s 单据编号“%s”", VoucherNames[x.Voucher], x.USCC, x.DocumentNo)})
	}
	return ws
}

// voucherWarnings warns of a voucher workbook without lines, and of a
// voucher the review speaks of whose workbook is absent.
func voucherWarnings(in *Inputs, v Voucher) []Warning {
	var ws []Warning
	present := false
	for _, f := range in.Files {
		if f.Voucher != v {
			continue
		}
		present = true
		if in.Lines[v].Len() == 0 {
			ws = append(ws, Warning{At: Origin{File: f.Name, Sheet: f.Sheet}, Text: fmt.Sprintf("%s工作簿没有数据行：表头下面没有任何明细，该券种本年度没有可结算的行", VoucherNames[v])})
		}
	}
	if present {
		return ws
	}
	var rows []Origin
	for k, row := range in.Registry.Reviews {
		if k.Voucher == v {
			rows = append(rows, row.Origin)
		}
	}
	if len(rows) == 0 {
		return ws
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Row < rows[j].Row })
	at := Origin{File: rows[0].File, Sheet: rows[0].Sheet}
	if at.File == "" {
		at.File = "enterprises.xlsx"
	}
	return append(ws, Warning{At: at, Text: fmt.Sprintf("评审结果列有 %d 家企业的%s结论，但没有提供%s明细工作簿 %s", len(rows), VoucherNames[v], VoucherNames[v], VoucherFiles[v])})
}
