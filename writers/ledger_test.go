package writers

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"settle/pipeline"
)

// The ledger lists every invoice of an eligible line whose enterprise and
// voucher got a positive award, in the prior_funding layout, with the
// line's amount; its bytes depend only on the result.
func TestLedger(t *testing.T) {
	r := parquetFixture(t)
	var want [][]string
	for _, v := range pipeline.Vouchers {
		ls := r.Lines(v)
		for i := range ls.Len() {
			l := ls.Line(i)
			if !l.Eligible || l.InvoiceNo == "" {
				continue
			}
			for _, a := range r.Awards {
				if a.Voucher == v && a.USCC == l.EnterpriseUSCC && a.Amount > 0 {
					want = append(want, []string{l.EnterpriseUSCC, l.InvoiceNo, r.Policy.Vouchers[v].Name, "2025", l.Amount.String()})
				}
			}
		}
	}
	if len(want) == 0 {
		t.Fatal("the fixture funds no invoice")
	}
	var a, b bytes.Buffer
	if err := WriteLedger(&a, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteLedger(&b, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two ledgers of one result differ")
	}
	f, err := excelize.OpenReader(&a, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("已资助发票")
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(rows[0]) != "[统一社会信用代码 发票号码 资助事项 资助年度 申报金额]" {
		t.Errorf("header %v", rows[0])
	}
	got := rows[1:]
	for i := range got {
		// Raw amounts read as Excel stores them, e.g. 1234.5 for 1234.50.
		m, err := ParseMoney(got[i][4])
		if err != nil {
			t.Fatalf("row %d amount %q: %v", i+2, got[i][4], err)
		}
		got[i][4] = m.String()
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ledger rows\n got %v\nwant %v", got, want)
	}
}
