package writers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/shopspring/decimal"

	"settle/pipeline"
	"settle/publish"
)

// OutputFile is one written output as listed in the manifest; Name is
// relative to the year's folder, slash-separated.
type OutputFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// Manifest is manifest.json (SPEC §6). It holds no timestamps: identical
// inputs and policy give identical bytes. Money is a string with two
// decimals, never a JSON number.
type Manifest struct {
	RunID       string            `json:"run_id"`
	Stage       string            `json:"stage"`
	ToolVersion string            `json:"tool_version"`
	Year        int               `json:"year"`
	Policy      ManifestPolicy    `json:"policy"`
	Inputs      []ManifestInput   `json:"inputs"`
	Outputs     []OutputFile      `json:"outputs"`
	Vouchers    []ManifestVoucher `json:"vouchers"`
	Warnings    []string          `json:"warnings"`
}

type ManifestPolicy struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	DocumentNo string `json:"document_no"`
	Hash       string `json:"hash"`
	// RoundingUnit is the policy's rounding unit in yuan ("0.01"): awards
	// are rounded down to it (SPEC §5), as settle explain shows.
	RoundingUnit string `json:"rounding_unit"`
}

// ManifestInput is one input file; voucher workbooks carry their control
// totals.
type ManifestInput struct {
	Name    string         `json:"name"`
	SHA256  string         `json:"sha256"`
	Size    int64          `json:"size"`
	Voucher string         `json:"voucher,omitempty"`
	Sheet   string         `json:"sheet,omitempty"`
	Totals  *ControlTotals `json:"totals,omitempty"`
}

// ControlTotals reconcile per file: lines = eligible + rejected, and
// amount = eligible_amount + rejected_amount over the lines whose amount
// could be read (bad_amount_lines were not).
type ControlTotals struct {
	Lines          int            `json:"lines"`
	Eligible       int            `json:"eligible"`
	Rejected       int            `json:"rejected"`
	BadAmountLines int            `json:"bad_amount_lines"`
	Amount         string         `json:"amount"`
	EligibleAmount string         `json:"eligible_amount"`
	RejectedAmount string         `json:"rejected_amount"`
	SummaryRows    int            `json:"summary_rows"`
	ByReason       map[string]int `json:"by_reason"`
	Reconciles     bool           `json:"reconciles"`
}

// ManifestVoucher is one voucher's totals (SPEC §5).
type ManifestVoucher struct {
	Key            string  `json:"key"`
	Name           string  `json:"name"`
	Clause         string  `json:"clause"`
	Bureau         string  `json:"bureau"`
	Lines          int     `json:"lines"`
	EligibleLines  int     `json:"eligible_lines"`
	Applicants     int     `json:"applicants"`
	Approved       int     `json:"approved"`
	Awarded        int     `json:"awarded"`
	EligibleBase   string  `json:"eligible_base"`
	Entitlement    string  `json:"entitlement"`
	CandidateTotal string  `json:"candidate_total"`
	Pool           string  `json:"pool"`
	Oversubscribed bool    `json:"oversubscribed"`
	PoolFactor     float64 `json:"pool_factor"`
	AwardedAmount  string  `json:"awarded_amount"`
}

// WriteManifest writes manifest.json to path: the run, the policy, every
// input with its checksum and (voucher workbooks) control totals, the given
// outputs, the totals of each voucher and the warnings of the run.
func WriteManifest(path string, r *pipeline.Result, toolVersion string, outputs []OutputFile) error {
	return writeManifest(nil, path, r, toolVersion, outputs)
}

// StoredRunID is the run id in the manifest of the settlement in dir, or
// "" when there is none to read: what names a replaced settlement in
// history (publish.Options.RunID).
func StoredRunID(dir string) string {
	m, err := readManifest(dir)
	if err != nil {
		return ""
	}
	return m.RunID
}

// readManifest reads the manifest of the settlement in dir.
func readManifest(dir string) (Manifest, error) {
	var m Manifest
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return m, fmt.Errorf("%s 不是一份结算结果（没有 manifest.json）: %w", dir, err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("%s: manifest.json 无法读取（%w）", dir, err)
	}
	return m, nil
}

// writeManifest is WriteManifest through fsys.
func writeManifest(fsys publish.FS, path string, r *pipeline.Result, toolVersion string, outputs []OutputFile) error {
	b, err := manifestJSON(r, toolVersion, outputs)
	if err != nil {
		return err
	}
	err = publish.WriteFile(fsys, path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
	if err != nil {
		return fmt.Errorf("写入 manifest.json 失败（%s）：%w", path, err)
	}
	return nil
}

func manifestJSON(r *pipeline.Result, toolVersion string, outputs []OutputFile) ([]byte, error) {
	m := Manifest{
		RunID:       r.RunID,
		Stage:       string(stageOf(r)),
		ToolVersion: toolVersion,
		Year:        r.Year,
		Policy: ManifestPolicy{
			ID: r.Policy.ID, Title: r.Policy.Title, DocumentNo: r.Policy.DocumentNo, Hash: r.Policy.Hash,
			RoundingUnit: r.Policy.RoundingUnit.String(),
		},
		Inputs:   []ManifestInput{},
		Outputs:  append([]OutputFile{}, outputs...),
		Vouchers: []ManifestVoucher{},
		Warnings: warningTexts(r.Warnings),
	}
	totals := map[string]*pipeline.FileTotals{}
	for i := range r.Files {
		totals[r.Files[i].Name] = &r.Files[i]
	}
	for _, f := range r.Inputs.Files {
		in := ManifestInput{Name: f.Name, SHA256: f.SHA256, Size: f.Size, Voucher: string(f.Voucher), Sheet: f.Sheet}
		if t := totals[f.Name]; t != nil {
			in.Totals = controlTotalsOf(t)
		}
		m.Inputs = append(m.Inputs, in)
	}
	for _, t := range r.Totals {
		m.Vouchers = append(m.Vouchers, ManifestVoucher{
			Key: string(t.Voucher), Name: t.Name, Clause: t.Clause, Bureau: t.Bureau,
			Lines: t.Lines, EligibleLines: t.EligibleLines,
			Applicants: t.Applicants, Approved: t.Approved, Awarded: t.Awarded,
			EligibleBase:   t.EligibleBase.String(),
			Entitlement:    manifestDecimal(t.Entitlement),
			CandidateTotal: t.CandidateTotal.String(),
			Pool:           t.Pool.String(),
			Oversubscribed: t.Oversubscribed,
			PoolFactor:     t.PoolFactor,
			AwardedAmount:  t.AwardedAmount.String(),
		})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("生成 manifest.json 失败：%w", err)
	}
	return buf.Bytes(), nil
}

func controlTotalsOf(t *pipeline.FileTotals) *ControlTotals {
	c := &ControlTotals{
		Lines: t.Lines, Eligible: t.Eligible, Rejected: t.Rejected, BadAmountLines: t.BadAmountLines,
		Amount:         t.Amount.String(),
		EligibleAmount: t.EligibleAmount.String(),
		RejectedAmount: t.RejectedAmount.String(),
		SummaryRows:    t.SummaryRows,
		ByReason:       map[string]int{},
		Reconciles:     t.Reconciles(),
	}
	for reason, n := range t.ByReason {
		c.ByReason[string(reason)] = n
	}
	return c
}

// manifestDecimal formats a decimal without losing digits, with at least the six
// decimals of the Parquet entitlement column, e.g. "1234.500000".
func manifestDecimal(d decimal.Decimal) string {
	return d.StringFixed(max(6, -d.Exponent()))
}

// warningTexts are the warnings as the manifest lists them.
func warningTexts(ws []pipeline.Warning) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.String()
	}
	return out
}

// stageOf is the result's stage; a result built without one is a draft,
// as pipeline.Settle makes it.
func stageOf(r *pipeline.Result) pipeline.Stage {
	if r.Stage == "" {
		return pipeline.Draft
	}
	return r.Stage
}
