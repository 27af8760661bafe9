package readers

import "settle/pipeline"

// field is what a column holds for the settlement.
type field uint8

const (
	fNone field = iota
	fUSCC
	fName
	fCounterpartyUSCC
	fCounterpartyName
	fDocumentNo
	fDate
	fOrigin
	fPurpose
	fAmount
	fInvoice
	fVenue
	fFilingNo
	// registry and reference fields
	fDistrict
	fStatus
	fGroup
	fBank
	fAccount
	fRelatedUSCC
	fRelation
	fVoucher
	fResult
	fNote
	fListedFrom
	fListedTo
	fModelName
	fFilingType
	fVenueType
	fApproved
	fReason
	fProgram
	fYear
)

// column is one column of a sheet: its Chinese header and English alias.
type column struct {
	name     string // Chinese header
	alias    string // English alias
	field    field
	required bool // the column must exist, else the run stops
	cell     bool // its cells must not be empty, else MISSING_FIELD
}

// sheetSpec describes one sheet of an input workbook.
type sheetSpec struct {
	name     string // Chinese name
	alias    string // English alias
	optional bool
	columns  []column
}

func req(name, alias string, f field) column  { return column{name, alias, f, true, true} }
func opt(name, alias string, f field) column  { return column{name, alias, f, false, false} }
func must(name, alias string, f field) column { return column{name, alias, f, true, false} }

// File names of SPEC §2.
const (
	EnterprisesFile  = "enterprises.xlsx"
	ReferenceFile    = "reference.xlsx"
	PriorFundingFile = "prior_funding.xlsx" // optional
)

// voucherFiles maps each voucher to its sheet (SPEC §2); its workbook's
// name is pipeline.VoucherFiles.
var voucherFiles = map[pipeline.Voucher]struct {
	sheet sheetSpec
}{
	pipeline.Compute: {sheetSpec{name: "算力结算", alias: "compute_billing", columns: []column{
		req("统一社会信用代码", "uscc", fUSCC),
		opt("企业名称", "name", fName),
		req("服务商统一社会信用代码", "provider_uscc", fCounterpartyUSCC),
		opt("服务商名称", "provider_name", fCounterpartyName),
		req("账单编号", "bill_no", fDocumentNo),
		req("结算日期", "settled_on", fDate),
		req("算力类型", "origin", fOrigin),
		req("用途", "purpose", fPurpose),
		req("结算金额", "amount", fAmount),
		opt("发票号码", "invoice_no", fInvoice),
	}}},
	pipeline.Corpus: {sheetSpec{name: "语料合同", alias: "corpus_contracts", columns: []column{
		req("统一社会信用代码", "uscc", fUSCC),
		opt("企业名称", "name", fName),
		req("卖方统一社会信用代码", "seller_uscc", fCounterpartyUSCC),
		opt("卖方名称", "seller_name", fCounterpartyName),
		req("合同编号", "contract_no", fDocumentNo),
		req("签订日期", "signed_on", fDate),
		req("交易平台", "venue", fVenue),
		req("合同金额", "amount", fAmount),
		opt("发票号码", "invoice_no", fInvoice),
	}}},
	pipeline.Model: {sheetSpec{name: "模型交易", alias: "model_transactions", columns: []column{
		req("统一社会信用代码", "uscc", fUSCC),
		opt("企业名称", "name", fName),
		opt("服务商统一社会信用代码", "provider_uscc", fCounterpartyUSCC),
		opt("服务商名称", "provider_name", fCounterpartyName),
		req("模型备案编号", "filing_no", fFilingNo),
		req("交易编号", "txn_no", fDocumentNo),
		req("结算日期", "settled_on", fDate),
		req("结算金额", "amount", fAmount),
		req("用途", "purpose", fPurpose),
		opt("发票号码", "invoice_no", fInvoice),
	}}},
	pipeline.Innovation: {sheetSpec{name: "技术合同", alias: "innovation_contracts", columns: []column{
		req("统一社会信用代码", "uscc", fUSCC),
		opt("企业名称", "name", fName),
		req("技术合同登记号", "registration_no", fDocumentNo),
		req("登记日期", "registered_on", fDate),
		opt("服务机构名称", "provider_name", fCounterpartyName),
		req("合同金额", "amount", fAmount),
		opt("发票号码", "invoice_no", fInvoice),
	}}},
}

// VoucherFile is the file name of a voucher's workbook.
func VoucherFile(v pipeline.Voucher) string { return pipeline.VoucherFiles[v] }

var (
	enterprisesSheet = sheetSpec{name: "企业名录", alias: "enterprises", columns: []column{
		must("统一社会信用代码", "uscc", fUSCC),
		must("企业名称", "name", fName),
		must("注册区域", "district", fDistrict),
		must("经营状态", "status", fStatus),
		opt("所属集团", "group", fGroup),
		opt("开户银行", "bank", fBank),
		opt("银行账号", "account", fAccount),
	}}
	affiliationsSheet = sheetSpec{name: "关联关系", alias: "affiliations", optional: true, columns: []column{
		must("统一社会信用代码", "uscc", fUSCC),
		must("关联方统一社会信用代码", "related_uscc", fRelatedUSCC),
		opt("关联类型", "relation", fRelation),
	}}
	reviewsSheet = sheetSpec{name: "评审结果", alias: "reviews", columns: []column{
		must("统一社会信用代码", "uscc", fUSCC),
		must("券种", "voucher", fVoucher),
		must("评审结论", "result", fResult),
		opt("审定金额", "approved_amount", fApproved),
		opt("备注", "note", fNote),
	}}
	exclusionsSheet = sheetSpec{name: "核减明细", alias: "exclusions", optional: true, columns: []column{
		must("统一社会信用代码", "uscc", fUSCC),
		must("券种", "voucher", fVoucher),
		must("单据编号", "document_no", fDocumentNo),
		opt("核减原因", "reason", fReason),
	}}
	fundedSheet = sheetSpec{name: "已资助发票", alias: "funded_invoices", columns: []column{
		must("统一社会信用代码", "uscc", fUSCC),
		must("发票号码", "invoice_no", fInvoice),
		opt("资助事项", "program", fProgram),
		opt("资助年度", "year", fYear),
		opt("申报金额", "amount", fAmount),
	}}
	partnersSheet = sheetSpec{name: "算力合作伙伴", alias: "compute_partners", columns: []column{
		must("统一社会信用代码", "uscc", fUSCC),
		opt("企业名称", "name", fName),
		must("入库日期", "listed_from", fListedFrom),
		opt("出库日期", "listed_to", fListedTo),
	}}
	modelsSheet = sheetSpec{name: "备案模型", alias: "registered_models", columns: []column{
		must("备案编号", "filing_no", fFilingNo),
		opt("模型名称", "model_name", fModelName),
		opt("备案主体", "provider", fName),
		opt("备案类型", "filing_type", fFilingType),
		must("备案日期", "filed_on", fDate),
	}}
	venuesSheet = sheetSpec{name: "交易平台", alias: "venues", columns: []column{
		must("平台名称", "name", fName),
		opt("平台类型", "type", fVenueType),
	}}
)
