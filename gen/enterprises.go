package gen

import (
	"fmt"

	"settle/pipeline"
)

// writeEnterprises writes enterprises.xlsx: 企业名录, 关联关系 and 评审结果.
func writeEnterprises(info bookInfo, w *world, reviews []review) error {
	b, err := newBook(info)
	if err != nil {
		return err
	}
	defer b.f.Close()

	s, err := b.sheet("企业名录", []float64{22, 36, 20, 24, 20, 26, 24})
	if err != nil {
		return err
	}
	if err := s.header(b.st.header, "统一社会信用代码", "企业名称", "注册区域", "经营状态", "所属集团", "开户银行", "银行账号"); err != nil {
		return err
	}
	for _, e := range w.ents {
		if err := s.add([]any{e.uscc, e.name, e.place.district, e.status, text(e.group), text(e.bank), text(e.account)}); err != nil {
			return err
		}
	}
	if err := s.flush(); err != nil {
		return err
	}

	s, err = b.sheet("关联关系", []float64{22, 36, 24, 36, 16})
	if err != nil {
		return err
	}
	if err := s.header(b.st.header, "统一社会信用代码", "企业名称", "关联方统一社会信用代码", "关联方名称", "关联类型"); err != nil {
		return err
	}
	for _, a := range w.affPairs {
		if err := s.add([]any{a.a.uscc, a.a.name, a.b.uscc, a.b.name, a.relation}); err != nil {
			return err
		}
	}
	if err := s.flush(); err != nil {
		return err
	}

	s, err = b.sheet("评审结果", []float64{22, 36, 10, 10, 24})
	if err != nil {
		return err
	}
	if err := s.header(b.st.header, "统一社会信用代码", "企业名称", "券种", "评审结论", "备注"); err != nil {
		return err
	}
	for _, rv := range reviews {
		if err := s.add([]any{rv.ent.uscc, rv.ent.name, pipeline.VoucherNames[rv.voucher], rv.result, text(rv.note)}); err != nil {
			return err
		}
	}
	if err := s.flush(); err != nil {
		return err
	}
	return b.save("enterprises.xlsx", fmt.Sprintf("%d年度人工智能券申报企业名录及评审结果", w.year))
}
