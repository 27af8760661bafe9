package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"

	"github.com/shopspring/decimal"
)

// Settle applies the line rules (SPEC §4) and the enterprise and pool rules
// (SPEC §5) to one year's inputs. It is sequential and deterministic: the
// same inputs and policy give the same result, whatever the machine. The
// lines in in.Lines receive their outcome in place.
func Settle(year int, p *Policy, in *Inputs) (*Result, error) {
	lr := newLineRules(year, p, in.Registry, in.Reference)
	for _, v := range Vouchers {
		lines := in.Lines[v]
		for i := range lines {
			l := &lines[i]
			l.Reason, l.Detail = lr.check(l)
		}
		markDuplicateDocuments(lines)
	}
	rate := func(l *Line) decimal.Decimal { return lineRate(p.Vouchers[l.Voucher], l) }
	markDuplicateInvoices(in.Lines, rate)

	res := &Result{Year: year, Policy: p, Inputs: in, RunID: RunID(year, p, in.Files)}
	for _, v := range Vouchers {
		lines := in.Lines[v]
		vp := p.Vouchers[v]
		for i := range lines {
			l := &lines[i]
			l.Eligible = l.Reason == ""
			if l.Eligible {
				l.Rate = lineRate(vp, l)
				l.Detail = ""
				canonicalize(vp, l)
			}
		}
		awards, totals, err := settleVoucher(p, vp, in.Registry, lines)
		if err != nil {
			return nil, err
		}
		res.Awards = append(res.Awards, awards...)
		res.Totals = append(res.Totals, totals)
	}
	for _, f := range in.Files {
		if f.Voucher != "" {
			res.Files = append(res.Files, fileTotals(f, in.Lines[f.Voucher]))
		}
	}
	for _, f := range res.Files {
		if !f.Reconciles() {
			return nil, fmt.Errorf("%s: control totals do not reconcile: %d lines = %d eligible + %d rejected, %s = %s + %s",
				f.Name, f.Lines, f.Eligible, f.Rejected, f.Amount, f.EligibleAmount, f.RejectedAmount)
		}
	}
	return res, nil
}

// canonicalize writes an eligible line's enumerations in the policy's
// spelling, so that analysts group on clean values.
func canonicalize(vp *VoucherPolicy, l *Line) {
	if o, ok := ParseComputeOrigin(l.ComputeOrigin); ok {
		l.ComputeOrigin = string(o)
	}
	if l.Purpose != "" {
		l.Purpose = vp.CanonicalPurpose(l.Purpose)
	}
}

// RunID identifies a run by what it settles: the year, the policy file and
// every input file's checksum.
func RunID(year int, p *Policy, files []InputFile) string {
	sorted := append([]InputFile(nil), files...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	h := sha256.New()
	fmt.Fprintf(h, "settle run\nyear %d\npolicy %s\n", year, p.Hash)
	for _, f := range sorted {
		fmt.Fprintf(h, "input %s %s\n", f.Name, f.SHA256)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// fileTotals computes the control totals of one voucher input.
func fileTotals(f InputFile, lines []Line) FileTotals {
	t := FileTotals{InputFile: f, ByReason: map[Reason]int{}}
	for i := range lines {
		l := &lines[i]
		t.Lines++
		if l.Eligible {
			t.Eligible++
		} else {
			t.Rejected++
			t.ByReason[l.Reason]++
		}
		if !l.HasAmount {
			t.BadAmountLines++
			continue
		}
		t.Amount += l.Amount
		if l.Eligible {
			t.EligibleAmount += l.Amount
		} else {
			t.RejectedAmount += l.Amount
		}
	}
	return t
}
