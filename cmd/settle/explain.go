package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"settle/pipeline"
	"settle/writers"
)

// cmdExplain prints one enterprise's award step by step, from a written
// settlement folder (SPEC §7): every line and its verdict, the bases, the
// rate, the entitlement, the cap and 审定金额, the review, the pool and the
// award, each step with its clause.
func cmdExplain(_ context.Context, args []string, stdout, stderr io.Writer) error {
	const synopsis = "explain SETTLEMENT --uscc X [--voucher K] [--json]"
	fs := newFlags("explain", synopsis, stderr)
	uscc := fs.String("uscc", "", "企业的统一社会信用代码")
	voucher := fs.String("voucher", "", "只说明这一券种（compute、corpus、model、innovation 或 算力券 等）")
	asJSON := fs.Bool("json", false, "输出 JSON（供程序读取），代替中文说明")
	dir, err := parseFolders(fs, args, 1, synopsis)
	if err != nil {
		return err
	}
	if *uscc == "" {
		return usagef("缺少 --uscc（企业的统一社会信用代码）")
	}
	var only pipeline.Voucher
	if *voucher != "" {
		v, ok := pipeline.ParseVoucher(*voucher)
		if !ok {
			return usagef("--voucher %q：应为 compute、corpus、model、innovation（或 算力券、语料券、模型券、创新券）", *voucher)
		}
		only = v
	}
	s, err := writers.ReadStored(dir[0])
	if err != nil {
		return err
	}
	code, _ := pipeline.NormalizeUSCC(*uscc) // as the readers normalize it
	ex, err := explain(s, code, only)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(ex)
	}
	printExplanation(stdout, ex)
	return nil
}

// explanation is one enterprise's awards in a settlement, step by step.
type explanation struct {
	Settlement string               `json:"settlement"`
	RunID      string               `json:"run_id"`
	Stage      string               `json:"stage"`
	Year       int                  `json:"year"`
	USCC       string               `json:"uscc"`
	Name       string               `json:"name"`
	Unit       string               `json:"rounding_unit"`
	Vouchers   []voucherExplanation `json:"vouchers"`
}

// voucherExplanation is one voucher's award. Money is a string with two
// decimals (the entitlement: exact, six), as in the manifest.
type voucherExplanation struct {
	Voucher     string      `json:"voucher"`
	Name        string      `json:"name"`
	Clause      string      `json:"clause"`
	Bureau      string      `json:"bureau"`
	Lines       []lineStep  `json:"lines"`
	Bases       []baseStep  `json:"bases"`
	Entitlement string      `json:"entitlement"`
	Cap         string      `json:"cap"`
	CapApplied  bool        `json:"cap_applied"`
	Approved    *string     `json:"approved_amount"`
	AfterCap    string      `json:"after_cap"`
	Review      string      `json:"review_status"`
	ReviewText  string      `json:"review"`
	ReviewNote  string      `json:"review_note"`
	Status      string      `json:"status"`
	StatusText  string      `json:"status_text"`
	Pool        *poolStep   `json:"pool,omitempty"`
	Award       string      `json:"award"`
	Steps       []clauseRef `json:"steps"`
}

// lineStep is one line of the enterprise under the voucher.
type lineStep struct {
	File       string `json:"file"`
	Sheet      string `json:"sheet"`
	Row        int    `json:"row"`
	Document   string `json:"document_no"`
	Invoice    string `json:"invoice_no,omitempty"`
	Date       string `json:"date,omitempty"`
	Amount     string `json:"amount,omitempty"`
	Origin     string `json:"compute_origin,omitempty"`
	Eligible   bool   `json:"eligible"`
	Rate       string `json:"rate,omitempty"`
	ReasonCode string `json:"reason_code,omitempty"`
	Reason     string `json:"reason,omitempty"`
	Detail     string `json:"reason_detail,omitempty"`
}

// baseStep is one base (compute: domestic and foreign apart) and its rate.
type baseStep struct {
	Label       string `json:"label"`
	Sum         string `json:"sum"`  // of the eligible amounts, credit notes netted
	Base        string `json:"base"` // the sum, or zero when below zero
	Rate        string `json:"rate"`
	Entitlement string `json:"entitlement"` // base × rate, exact
}

// poolStep is the voucher's pool and this enterprise's share of it.
type poolStep struct {
	Pool           string  `json:"pool"`
	CandidateTotal string  `json:"candidate_total"`
	Oversubscribed bool    `json:"oversubscribed"`
	Factor         float64 `json:"factor"`
	// Share is after_cap × pool ÷ candidate_total rounded down to the
	// unit; Remainder is what was dropped, in units of the
	// candidate_total (the larger, the earlier a leftover unit);
	// LeftoverUnit says whether one of the units left over went here.
	Share        string `json:"share,omitempty"`
	Remainder    string `json:"remainder,omitempty"`
	LeftoverUnit bool   `json:"leftover_unit"`
	Leftover     int    `json:"leftover_units"` // units left over in the voucher
}

// clauseRef is one step of the settlement and the clause it applies.
type clauseRef struct {
	Step   string `json:"step"`
	Clause string `json:"clause"`
	Text   string `json:"text"`
}

// explain builds the explanation of uscc's awards (only voucher only, when
// set) in s.
func explain(s *writers.Stored, uscc string, only pipeline.Voucher) (*explanation, error) {
	unit, err := writers.ParseMoney(s.Manifest.Policy.RoundingUnit)
	if err != nil || unit <= 0 {
		unit = 1 // manifests before the rounding unit was recorded: 0.01
	}
	ex := &explanation{Settlement: s.Dir, RunID: s.Manifest.RunID, Stage: s.Manifest.Stage, Year: s.Manifest.Year,
		USCC: uscc, Unit: unit.String(), Vouchers: []voucherExplanation{}}
	found := false
	for _, a := range s.Awards {
		if a.USCC != uscc || only != "" && a.Voucher != only {
			continue
		}
		found = true
		ex.Name = a.Name
		ve, err := explainAward(s, a, unit)
		if err != nil {
			return nil, err
		}
		ex.Vouchers = append(ex.Vouchers, ve)
	}
	if !found {
		return nil, notFound(s, uscc, only)
	}
	return ex, nil
}

// notFound says why uscc has no award: it has no line, or every line of
// it was rejected (listed, with reason and detail, up to notFoundLines).
func notFound(s *writers.Stored, uscc string, only pipeline.Voucher) error {
	const notFoundLines = 20
	var lines []string
	n := 0
	for _, l := range s.Lines {
		if l.EnterpriseUSCC != uscc || only != "" && l.Voucher != only {
			continue
		}
		if n++; n <= notFoundLines {
			line := fmt.Sprintf("\n  %s：%s %s", l.Origin, l.Reason, l.Reason.Text())
			if l.Detail != "" {
				line += "（" + l.Detail + "）"
			}
			lines = append(lines, line)
		}
	}
	if n == 0 {
		return fmt.Errorf("%s 中没有统一社会信用代码为 %s 的申报行", s.Dir, uscc)
	}
	more := ""
	if n > notFoundLines {
		more = fmt.Sprintf("\n  …… 另有 %d 行", n-notFoundLines)
	}
	return fmt.Errorf("%s 在 %s 中没有兑付记录：它的 %d 行申报全部被剔除：%s%s", uscc, s.Dir, n, strings.Join(lines, ""), more)
}
