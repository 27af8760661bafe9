package gen

import "fmt"

// writeReference writes reference.xlsx: 算力合作伙伴, 备案模型 and 交易平台.
func writeReference(info bookInfo, w *world) error {
	b, err := newBook(info)
	if err != nil {
		return err
	}
	defer b.f.Close()

	s, err := b.sheet("算力合作伙伴", []float64{22, 36, 12, 12})
	if err != nil {
		return err
	}
	if err := s.header(b.st.header, "统一社会信用代码", "企业名称", "入库日期", "出库日期"); err != nil {
		return err
	}
	for _, p := range w.partners {
		for _, sp := range p.spans {
			var to any
			if sp.HasTo {
				to = b.dateValue(sp.To)
			}
			if err := s.add([]any{p.co.uscc, p.co.name, b.dateValue(sp.From), to}); err != nil {
				return err
			}
		}
	}
	if err := s.flush(); err != nil {
		return err
	}

	s, err = b.sheet("备案模型", []float64{34, 30, 36, 16, 12})
	if err != nil {
		return err
	}
	if err := s.header(b.st.header, "备案编号", "模型名称", "备案主体", "备案类型", "备案日期"); err != nil {
		return err
	}
	for _, m := range w.models {
		if err := s.add([]any{m.no, m.name, m.provider.name, m.kind, b.dateValue(m.filed)}); err != nil {
			return err
		}
	}
	if err := s.flush(); err != nil {
		return err
	}

	s, err = b.sheet("交易平台", []float64{32, 16})
	if err != nil {
		return err
	}
	if err := s.header(b.st.header, "平台名称", "平台类型"); err != nil {
		return err
	}
	for _, v := range tradingPlatforms {
		if err := s.add([]any{v, "数据交易平台"}); err != nil {
			return err
		}
	}
	for _, v := range dataSpaces {
		if err := s.add([]any{v, "可信数据空间"}); err != nil {
			return err
		}
	}
	if err := s.flush(); err != nil {
		return err
	}
	return b.save("reference.xlsx", fmt.Sprintf("%d年度人工智能券参考名单", w.year))
}
