package writers

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"

	"settle/pipeline"
)

// WritePayments writes payments-<Y>-<bureau>.csv to out, the bank batch file of
// one bureau (SPEC §6): UTF-8 with a BOM (as Excel and the banks' upload
// tools expect), columns 户名, 账号, 开户银行, 金额, 用途, one row per
// enterprise with a positive award from the bureau and usable bank
// details, amounts as text with two decimals (1234.50). Awards held for
// their bank details are not here: the disbursement workbook lists them.
// With nothing payable the file holds the header only.
func WritePayments(ctx context.Context, out io.Writer, r *pipeline.Result, bureau string) error {
	if len(bureauVouchers(r.Policy, bureau)) == 0 {
		return fmt.Errorf("bureau %q owns no voucher of policy %s", bureau, r.Policy.ID)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	payable, _ := split(payments(r, bureau))
	bw := bufio.NewWriter(out)
	bw.WriteString("\uFEFF")
	w := csv.NewWriter(bw)
	w.UseCRLF = true
	w.Write([]string{"户名", "账号", "开户银行", "金额", "用途"})
	for i, p := range payable {
		if i%1000 == 999 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		w.Write([]string{csvSafe(p.name), csvSafe(p.acct), csvSafe(p.bank), p.total.String(),
			csvSafe(purpose(r.Year, p.vouchers))})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// csvSafe keeps a text from the inputs inert when the CSV is opened in a
// spreadsheet: a cell starting with = + - @ tab or CR is prefixed with '
// (OWASP's CSV-injection advice). Amounts are written by the program and
// never pass here.
func csvSafe(s string) string {
	s = safeText(s)
	if s != "" {
		switch s[0] {
		case '=', '+', '-', '@', '\t', '\r':
			return "'" + s
		}
	}
	return s
}
