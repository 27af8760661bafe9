package pipeline

import "github.com/shopspring/decimal"

// Policy holds every parameter of the settlement (SPEC §1). It is data, read
// from a policy file by package policy; the rules only look values up here.
type Policy struct {
	ID            string
	Title         string
	DocumentNo    string
	EffectiveFrom Date // inclusive
	EffectiveTo   Date // inclusive
	// EligibleFrom and EligibleTo bound the dates a line may bear, both
	// days included (SPEC §1: by default the effective window).
	EligibleFrom Date
	EligibleTo   Date
	// Jurisdictions are the names of the zone a registered district must
	// equal or end with (SPEC §2), e.g. 滨江区, 高新区(滨江).
	Jurisdictions []string
	RoundingUnit  Money             // in fen; 1 = 0.01 yuan
	RoundingMode  string            // only "down"
	Bureaus       map[string]string // code -> name, e.g. jxj -> 区经信局
	Vouchers      map[Voucher]*VoucherPolicy
	// Notice holds the optional texts of the public notice (公示).
	Notice Notice

	// Params lists every parameter with its clause, in file order, for the
	// 参数说明 sheet and the manifest.
	Params []Param
	// Hash is the sha256 (hex) of the policy file's bytes.
	Hash string
}

// VoucherPolicy is the part of the policy for one voucher.
type VoucherPolicy struct {
	Key    Voucher
	Name   string // e.g. 算力券
	Clause string // e.g. 二(六)
	Bureau string // bureau code, e.g. jxj
	// Rates by kind: "domestic" and "foreign" for compute, "default" for the
	// others.
	Rates    map[string]decimal.Decimal
	Cap      Money
	Pool     Money
	MinBase  Money
	Purposes []string // accepted purposes; empty = purpose not checked
}

// Notice holds the texts printed on the public notice (SPEC §6); each may
// be empty.
type Notice struct {
	Period    string // 公示期, e.g. 7个工作日
	Contact   string // 联系人及电话
	Objection string // 异议受理方式
}

// Rate kinds of VoucherPolicy.Rates.
const (
	RateDefault  = "default"
	RateDomestic = string(Domestic)
	RateForeign  = string(Foreign)
)

// Param is one parameter as written in the policy file.
type Param struct {
	Name        string // dotted path, e.g. vouchers.compute.cap
	Label       string // for people, e.g. 算力券 单家企业年度补助上限
	Value       string
	Unit        string
	Reference   string // clause
	Description string
}

// BureauName returns the bureau's Chinese name.
func (p *Policy) BureauName(code string) string { return p.Bureaus[code] }
