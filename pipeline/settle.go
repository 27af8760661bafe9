package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
)

// Settle applies the line rules (SPEC §4) and the enterprise and pool rules
// (SPEC §5) to one year's inputs. It is a function: it leaves in as it
// was, and the lines' outcome is kept in the Result (Result.Lines). It is
// deterministic: the same inputs and policy give the same result,
// whatever the machine and however many processors share the work (the
// rules of a line, or of a voucher, never depend on which goroutine ran
// first).
func Settle(ctx context.Context, run Run, p *Policy, in *Inputs) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if run.Stage == "" {
		run.Stage = Draft
	}
	c := newCheckCtx(run.Year, p, in)
	s := &settling{lines: in.Lines, verd: map[Voucher]*verdicts{}}
	for _, v := range Vouchers {
		s.verd[v] = newVerdicts(in.Lines[v].Len(), c.vouchers[v])
	}
	if err := applyRules(ctx, c, s); err != nil {
		return nil, err
	}

	res := &Result{Year: run.Year, Stage: run.Stage, Policy: p, Inputs: in, RunID: RunID(run, p, in.Files),
		verdicts: s.verd}
	awards := make([][]Award, len(Vouchers))
	totals := make([]VoucherTotals, len(Vouchers))
	errs := make([]error, len(Vouchers))
	err := forEach(ctx, len(Vouchers), func(k int) {
		v := Vouchers[k]
		awards[k], totals[k], errs[k] = settleVoucher(p, p.Vouchers[v], in.Registry, in.Lines[v], s.verd[v])
	})
	if err != nil {
		return nil, err
	}
	for k := range Vouchers {
		if errs[k] != nil {
			return nil, errs[k]
		}
		res.Awards = append(res.Awards, awards[k]...)
		res.Totals = append(res.Totals, totals[k])
	}
	for _, f := range in.Files {
		if f.Voucher != "" {
			t, err := fileTotals(f, res.Lines(f.Voucher))
			if err != nil {
				return nil, err
			}
			res.Files = append(res.Files, t)
		}
	}
	for _, f := range res.Files {
		if !f.Reconciles() {
			return nil, fmt.Errorf("%s: 控制合计不平：%d 行 ≠ %d 行符合 + %d 行剔除，或 %s ≠ %s + %s",
				f.Name, f.Lines, f.Eligible, f.Rejected, f.Amount, f.EligibleAmount, f.RejectedAmount)
		}
	}
	res.Warnings = settlementWarnings(c, in, s, res.Awards)
	return res, nil
}

// RunID identifies a run by what it settles: the year, the stage, the
// policy file and every input file's checksum.
func RunID(run Run, p *Policy, files []InputFile) string {
	sorted := append([]InputFile(nil), files...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	h := sha256.New()
	fmt.Fprintf(h, "settle run\nyear %d\nstage %s\npolicy %s\n", run.Year, run.Stage, p.Hash)
	for _, f := range sorted {
		fmt.Fprintf(h, "input %s %s\n", f.Name, f.SHA256)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// fileTotals computes the control totals of one voucher input.
func fileTotals(f InputFile, lines SettledLines) (FileTotals, error) {
	t := FileTotals{InputFile: f, ByReason: map[Reason]int{}}
	for i := range lines.Len() {
		t.Lines++
		eligible := lines.Eligible(i)
		if eligible {
			t.Eligible++
		} else {
			t.Rejected++
			t.ByReason[lines.Reason(i)]++
		}
		amount, ok := lines.Amount(i)
		if !ok {
			t.BadAmountLines++
			continue
		}
		part := &t.RejectedAmount
		if eligible {
			part = &t.EligibleAmount
		}
		var ok1, ok2 bool
		t.Amount, ok1 = AddMoney(t.Amount, amount)
		*part, ok2 = AddMoney(*part, amount)
		if !ok1 || !ok2 {
			return t, fmt.Errorf("%s: 该文件的金额合计超过 %s 元，无法结算；请检查是否有数位错误的金额", lines.Line(i).Origin, Money(math.MaxInt64))
		}
	}
	return t, nil
}
