package writers

import (
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"slices"

	"github.com/parquet-go/parquet-go"
	"github.com/shopspring/decimal"

	"settle/pipeline"
)

// Stored is a written settlement read back from its folder: the manifest
// and the two Parquet tables, read with the row types that wrote them, so
// that a change of schema cannot leave the reader behind. settle diff and
// settle explain work from it, never from the inputs.
type Stored struct {
	Dir      string
	Manifest Manifest
	// Lines are every line, by voucher (SPEC §1 order) and then file
	// order. Rate is zero on a rejected line; Detail holds reason_detail.
	Lines []pipeline.Line
	// Awards are the rows of the awards table, in the order written.
	Awards []pipeline.Award
}

// ReadStored reads the settlement in dir (a folder holding manifest.json,
// such as OUT/2025 or OUT/history/2025-<run id>).
func ReadStored(dir string) (*Stored, error) {
	m, err := readManifest(dir)
	if err != nil {
		return nil, err
	}
	s := &Stored{Dir: dir, Manifest: m}
	root := filepath.Join(dir, "parquet")
	for _, v := range pipeline.Vouchers {
		p := filepath.Join(root, filepath.FromSlash(linesPath(s.Manifest.Year, v)))
		if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
			continue // that voucher's workbook was absent
		}
		rows, err := readTable[lineRow](p)
		if err != nil {
			return nil, err
		}
		for i := range rows {
			l, err := lineOf(v, &rows[i])
			if err != nil {
				return nil, fmt.Errorf("%s 第 %d 行: %w", p, i+1, err)
			}
			s.Lines = append(s.Lines, l)
		}
	}
	p := filepath.Join(root, filepath.FromSlash(awardsPath(s.Manifest.Year)))
	rows, err := readTable[awardRow](p)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		s.Awards = append(s.Awards, awardOf(&rows[i]))
	}
	return s, nil
}

// Voucher is the manifest's totals of voucher v, or nil.
func (s *Stored) Voucher(v pipeline.Voucher) *ManifestVoucher {
	i := slices.IndexFunc(s.Manifest.Vouchers, func(m ManifestVoucher) bool { return m.Key == string(v) })
	if i < 0 {
		return nil
	}
	return &s.Manifest.Vouchers[i]
}

// readTable reads every row of one Parquet file.
func readTable[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("读取 Parquet 表失败：%w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("读取 Parquet 表 %s 失败：%w", path, err)
	}
	r := parquet.NewGenericReader[T](pf)
	defer r.Close()
	out := make([]T, r.NumRows())
	n := 0
	for n < len(out) {
		k, err := r.Read(out[n:])
		n += k
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("读取 Parquet 表 %s 失败：%w", path, err)
		}
	}
	return out[:n], nil
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func lineOf(v pipeline.Voucher, r *lineRow) (pipeline.Line, error) {
	l := pipeline.Line{
		Voucher:          v,
		Origin:           pipeline.Origin{File: r.SourceFile, Sheet: r.SourceSheet, Row: int(r.SourceRow)},
		EnterpriseUSCC:   str(r.EnterpriseUSCC),
		EnterpriseName:   str(r.EnterpriseName),
		CounterpartyUSCC: str(r.CounterpartyUSCC),
		CounterpartyName: str(r.CounterpartyName),
		DocumentNo:       str(r.DocumentNo),
		InvoiceNo:        str(r.InvoiceNo),
		ComputeOrigin:    str(r.ComputeOrigin),
		Purpose:          str(r.Purpose),
		Venue:            str(r.Venue),
		FilingNo:         str(r.FilingNo),
		Eligible:         r.Eligible,
		Reason:           pipeline.Reason(str(r.ReasonCode)),
		Detail:           str(r.ReasonDetail),
	}
	if r.EventDate != nil {
		l.Date, l.HasDate = pipeline.Date(*r.EventDate), true
	}
	if r.Amount != nil {
		l.Amount, l.HasAmount = pipeline.Money(*r.Amount), true
	}
	if r.Rate != nil {
		l.Rate = decimal.New(int64(*r.Rate), -4)
	}
	return l, nil
}

func awardOf(r *awardRow) pipeline.Award {
	a := pipeline.Award{
		Voucher:       pipeline.Voucher(r.Voucher),
		Bureau:        r.Bureau,
		Clause:        r.Clause,
		USCC:          r.EnterpriseUSCC,
		Name:          str(r.EnterpriseName),
		EligibleLines: r.EligibleLines,
		Base:          pipeline.Money(r.BaseAmount),
		Entitlement:   entitlementOf(r.Entitlement),
		Cap:           pipeline.Money(r.Cap),
		CapApplied:    r.CapApplied,
		AfterCap:      pipeline.Money(r.AfterCap),
		PoolFactor:    r.PoolFactor,
		Amount:        pipeline.Money(r.Award),
		Review:        pipeline.Review(r.ReviewStatus),
		ReviewNote:    str(r.ReviewNote),
		Status:        pipeline.Status(r.Status),
	}
	if r.BaseDomestic != nil {
		a.BaseDomestic = pipeline.Money(*r.BaseDomestic)
	}
	if r.BaseForeign != nil {
		a.BaseForeign = pipeline.Money(*r.BaseForeign)
	}
	if r.ApprovedAmount != nil {
		a.Approved, a.HasApproved = pipeline.Money(*r.ApprovedAmount), true
	}
	return a
}

// entitlementOf reads a DECIMAL(20,6) written by decimal206.
func entitlementOf(b [decimal206Len]byte) decimal.Decimal {
	u := new(big.Int).SetBytes(b[:])
	if b[0]&0x80 != 0 {
		u.Sub(u, new(big.Int).Lsh(big.NewInt(1), 8*decimal206Len))
	}
	return decimal.NewFromBigInt(u, -6)
}

// ParseMoney reads a manifest amount ("1234.50") as Money.
func ParseMoney(s string) (pipeline.Money, error) {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return 0, fmt.Errorf("%q 不是金额", s)
	}
	m, err := pipeline.MoneyFromDecimal(d)
	if err != nil {
		return 0, fmt.Errorf("%q 不是金额", s)
	}
	return m, nil
}
