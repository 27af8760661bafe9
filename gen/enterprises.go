package gen

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// writeEnterprises writes enterprises.xlsx: 企业名录, 关联关系, 评审结果
// and 核减明细.
func writeEnterprises(info bookInfo, w *world, reviews []review, excl []exclusion) error {
	b, err := newBook(info)
	if err != nil {
		return err
	}
	defer b.f.Close()

	err = b.table("企业名录", []float64{22, 36, 20, 24, 20, 26, 24},
		[]string{"统一社会信用代码", "企业名称", "注册区域", "经营状态", "所属集团", "开户银行", "银行账号"},
		func(add func(...any)) {
			for _, e := range w.ents {
				acct := text(e.account)
				if e.accountCell != nil {
					acct = excelize.Cell{StyleID: b.st.whole, Value: e.accountCell}
				}
				add(e.uscc, e.name, e.place.district, e.status, text(e.group), text(e.bank), acct)
			}
		})
	if err != nil {
		return err
	}
	err = b.table("关联关系", []float64{22, 36, 24, 36, 16},
		[]string{"统一社会信用代码", "企业名称", "关联方统一社会信用代码", "关联方名称", "关联类型"},
		func(add func(...any)) {
			for _, a := range w.affPairs {
				add(a.a.uscc, a.a.name, a.b.uscc, a.b.name, a.relation)
			}
		})
	if err != nil {
		return err
	}
	err = b.table("评审结果", []float64{22, 36, 10, 10, 16, 28},
		[]string{"统一社会信用代码", "企业名称", "券种", "评审结论", "审定金额", "备注"},
		func(add func(...any)) {
			for _, rv := range reviews {
				approved := rv.approved
				if m, ok := approved.(pipeline.Money); ok {
					approved = b.amountAs(m, amountCell)
				}
				add(rv.ent.uscc, rv.ent.name, pipeline.VoucherNames[rv.voucher], rv.result, approved, text(rv.note))
			}
		})
	if err != nil {
		return err
	}
	err = b.table("核减明细", []float64{22, 36, 10, 24, 28},
		[]string{"统一社会信用代码", "企业名称", "券种", "单据编号", "核减原因"},
		func(add func(...any)) {
			for _, x := range excl {
				add(x.uscc, x.name, x.voucher, text(x.doc), text(x.reason))
			}
		})
	if err != nil {
		return err
	}
	return b.save("enterprises.xlsx", fmt.Sprintf("%d年度人工智能券申报企业名录及评审结果", w.year))
}

// writePriorFunding writes prior_funding.xlsx: 已资助发票, the layout of the
// funded-invoice ledger of a final run (SPEC §2, §6).
func writePriorFunding(info bookInfo, rows []funded) error {
	b, err := newBook(info)
	if err != nil {
		return err
	}
	defer b.f.Close()
	err = b.table("已资助发票", []float64{22, 36, 26, 30, 10, 16},
		[]string{"统一社会信用代码", "企业名称", "发票号码", "资助事项", "资助年度", "申报金额"},
		func(add func(...any)) {
			for _, f := range rows {
				add(f.uscc, f.name, f.invoice, f.program, f.year, b.amountAs(f.amount, amountCell))
			}
		})
	if err != nil {
		return err
	}
	return b.save("prior_funding.xlsx", "已获资助发票台账")
}
