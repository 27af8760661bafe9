package writers

import (
	"context"
	"fmt"
	"path"

	"github.com/parquet-go/parquet-go"

	"settle/pipeline"
	"settle/publish"
)

// awardRow is one row of the awards table (SPEC §6): one enterprise and
// voucher with at least one eligible line. base_domestic and base_foreign
// are null outside the compute voucher. entitlement is exact (rate × base
// before rounding); DECIMAL(20,6) does not fit an int64, so it is stored
// over a FIXED_LEN_BYTE_ARRAY(9), big-endian two's complement. Nullable
// columns are pointers (see lineRow).
type awardRow struct {
	RunID          string              `parquet:"run_id,dict"`
	Voucher        string              `parquet:"voucher,dict"`
	Bureau         string              `parquet:"bureau,dict"`
	Clause         string              `parquet:"clause,dict"`
	EnterpriseUSCC string              `parquet:"enterprise_uscc"`
	EnterpriseName *string             `parquet:"enterprise_name"`
	EligibleLines  int64               `parquet:"eligible_lines"`
	BaseAmount     int64               `parquet:"base_amount,decimal(2:18)"`
	BaseDomestic   *int64              `parquet:"base_domestic,decimal(2:18)"`
	BaseForeign    *int64              `parquet:"base_foreign,decimal(2:18)"`
	Entitlement    [decimal206Len]byte `parquet:"entitlement,decimal(6:20)"`
	Cap            int64               `parquet:"cap,decimal(2:18)"`
	CapApplied     bool                `parquet:"cap_applied"`
	ApprovedAmount *int64              `parquet:"approved_amount,decimal(2:18)"`
	AfterCap       int64               `parquet:"after_cap,decimal(2:18)"`
	PoolFactor     float64             `parquet:"pool_factor"`
	Award          int64               `parquet:"award,decimal(2:18)"`
	ReviewStatus   string              `parquet:"review_status,dict"`
	ReviewNote     *string             `parquet:"review_note"`
	Status         string              `parquet:"status,dict"`
}

// awardsPath is the awards table file, relative to the Parquet root.
func awardsPath(year int) string {
	return path.Join("awards", fmt.Sprintf("year=%d", year), "part-00000.parquet")
}

// WriteAwards writes <root>/awards/year=<Y>/part-00000.parquet, one row per
// award in r.Awards order, and returns its path relative to root.
func WriteAwards(root string, r *pipeline.Result) (string, error) {
	return writeAwards(context.Background(), nil, root, r)
}

// writeAwards is WriteAwards through fsys, stopping when ctx is done.
func writeAwards(ctx context.Context, fsys publish.FS, root string, r *pipeline.Result) (string, error) {
	rel := awardsPath(r.Year)
	err := writeTable(fsys, root, rel, func(w *parquet.GenericWriter[awardRow]) error {
		b := newBatch(ctx, w)
		for i := range r.Awards {
			row, _, err := b.next()
			if err != nil {
				return err
			}
			a := &r.Awards[i]
			if err := fillAwardRow(row, r.RunID, a); err != nil {
				return fmt.Errorf("%s 企业 %s 的兑付记录: %w", a.Voucher, a.USCC, err)
			}
		}
		return b.flush()
	})
	if err != nil {
		return "", err
	}
	return rel, nil
}

func fillAwardRow(row *awardRow, runID string, a *pipeline.Award) error {
	var err error
	money := func(m pipeline.Money) int64 {
		v, e := money182(m)
		if err == nil {
			err = e
		}
		return v
	}
	*row = awardRow{
		RunID:          runID,
		Voucher:        string(a.Voucher),
		Bureau:         a.Bureau,
		Clause:         a.Clause,
		EnterpriseUSCC: a.USCC,
		EnterpriseName: text(&a.Name),
		EligibleLines:  a.EligibleLines,
		BaseAmount:     money(a.Base),
		Cap:            money(a.Cap),
		CapApplied:     a.CapApplied,
		AfterCap:       money(a.AfterCap),
		PoolFactor:     a.PoolFactor,
		Award:          money(a.Amount),
		ReviewStatus:   string(a.Review),
		ReviewNote:     text(&a.ReviewNote),
		Status:         string(a.Status),
	}
	if a.HasApproved {
		approved := money(a.Approved)
		row.ApprovedAmount = &approved
	}
	if a.Voucher == pipeline.Compute {
		domestic, foreign := money(a.BaseDomestic), money(a.BaseForeign)
		row.BaseDomestic, row.BaseForeign = &domestic, &foreign
	}
	if err != nil {
		return err
	}
	row.Entitlement, err = decimal206(a.Entitlement)
	if err != nil {
		return fmt.Errorf("应补金额: %w", err)
	}
	return nil
}
