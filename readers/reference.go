package readers

import (
	"context"
	"fmt"

	"settle/pipeline"
)

// readReference reads reference.xlsx: compute partners, registered models
// and venues. A row whose required date cannot be read is left out with a
// warning: the partner or model it names is then not listed.
func readReference(ctx context.Context, b *book) (*pipeline.Reference, error) {
	ref, warn := pipeline.NewReference(), b.warn
	err := eachRow(ctx, b, partnersSheet, func(t *table) {
		uscc, ok := t.uscc(fUSCC, warn)
		if !ok {
			return
		}
		from, ok := t.date(fListedFrom)
		if !ok {
			warn(pipeline.Warning{At: t.origin(), Text: fmt.Sprintf("入库日期“%s”无效，该行已忽略", t.get(fListedFrom))})
			return
		}
		l := pipeline.Listing{From: from}
		if raw := t.get(fListedTo); raw != "" {
			if l.To, l.HasTo = t.date(fListedTo); !l.HasTo {
				warn(pipeline.Warning{At: t.origin(), Text: fmt.Sprintf("出库日期“%s”无效，该行已忽略", raw)})
				return
			}
		}
		ref.Partners[uscc] = append(ref.Partners[uscc], l)
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, b, modelsSheet, func(t *table) {
		no := pipeline.Fold(t.get(fFilingNo))
		if no == "" {
			warn(pipeline.Warning{At: t.origin(), Text: "备案编号为空，该行已忽略"})
			return
		}
		filed, ok := t.date(fDate)
		if !ok {
			warn(pipeline.Warning{At: t.origin(), Text: fmt.Sprintf("备案日期“%s”无效，该行已忽略", t.get(fDate))})
			return
		}
		if prev, seen := ref.Models[no]; !seen || filed < prev {
			ref.Models[no] = filed
		}
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, b, venuesSheet, func(t *table) {
		if name := pipeline.Fold(t.get(fName)); name != "" {
			ref.Venues[name] = true
		}
	})
	if err != nil {
		return nil, err
	}
	return ref, nil
}
