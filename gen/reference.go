package gen

import "fmt"

// writeReference writes reference.xlsx: 算力合作伙伴, 备案模型 and 交易平台.
func writeReference(info bookInfo, w *world) error {
	b, err := newBook(info)
	if err != nil {
		return err
	}
	defer b.f.Close()

	err = b.table("算力合作伙伴", []float64{22, 36, 12, 12}, []string{"统一社会信用代码", "企业名称", "入库日期", "出库日期"},
		func(add func(...any)) {
			for _, p := range w.partners {
				for _, sp := range p.spans {
					var to any
					if sp.HasTo {
						to = b.dateValue(sp.To)
					}
					add(p.co.uscc, p.co.name, b.dateValue(sp.From), to)
				}
			}
		})
	if err != nil {
		return err
	}
	err = b.table("备案模型", []float64{34, 30, 36, 16, 12}, []string{"备案编号", "模型名称", "备案主体", "备案类型", "备案日期"},
		func(add func(...any)) {
			for _, m := range w.models {
				add(m.no, m.name, m.provider.name, m.kind, b.dateValue(m.filed))
			}
		})
	if err != nil {
		return err
	}
	err = b.table("交易平台", []float64{32, 16}, []string{"平台名称", "平台类型"}, func(add func(...any)) {
		for _, v := range tradingPlatforms {
			add(v, "数据交易平台")
		}
		for _, v := range dataSpaces {
			add(v, "可信数据空间")
		}
	})
	if err != nil {
		return err
	}
	return b.save("reference.xlsx", fmt.Sprintf("%d年度人工智能券参考名单", w.year))
}
