package readers

import (
	"context"
	"fmt"
	"strings"

	"settle/pipeline"
)

// readFunded reads prior_funding.xlsx 已资助发票 (SPEC §2): invoices that
// already earned a subsidy. A row without a valid USCC or an invoice
// number is left out with a warning; an 申报金额 that cannot be read is
// dropped with a warning, the row kept (the rule goes by buyer and
// invoice alone).
func readFunded(ctx context.Context, b *book) ([]pipeline.FundedInvoice, error) {
	var funded []pipeline.FundedInvoice
	err := eachRow(ctx, b, fundedSheet, func(t *table) {
		if !t.filled(b.warn, fUSCC, fInvoice) {
			return
		}
		uscc, ok := t.uscc(fUSCC, b.warn)
		if !ok {
			return
		}
		f := pipeline.FundedInvoice{USCC: uscc, InvoiceNo: strings.Clone(t.plain(t.col(fInvoice))),
			Program: t.get(fProgram), Year: t.get(fYear), Origin: t.origin()}
		if raw := t.get(fAmount); raw != "" && !pipeline.IsBlank(raw) {
			i := t.col(fAmount)
			m, err := cellAmount(t.cells[i])
			if err != nil {
				b.warn(pipeline.Warning{At: t.cellOrigin(i), Text: fmt.Sprintf("申报金额“%s”无效（%v），该金额已忽略", shown(raw), err)})
			} else {
				f.Amount, f.HasAmount = m, true
			}
		}
		funded = append(funded, f)
	})
	return funded, err
}
