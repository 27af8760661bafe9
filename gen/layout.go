package gen

import "settle/pipeline"

// field is what a column of a voucher workbook holds.
type field int

const (
	fBuyer field = iota
	fBuyerName
	fParty // provider or seller USCC
	fPartyName
	fDoc
	fDate
	fOrigin
	fPurpose
	fVenue
	fFiling
	fAmount
	fInvoice
	fSeq  // 序号, an extra column
	fNote // 备注, an extra column
)

type column struct {
	header string
	f      field
	width  float64
}

// layout is how one voucher workbook looks: rows above the header, and the
// columns in the order of the file. Headers are those of SPEC §2.
type layout struct {
	file, sheet string
	titles      []string // rows above the header; %d is the year
	cols        []column
	required    []field // the bold columns of SPEC §2
}

// The four exports: compute has two title rows and the canonical order;
// corpus starts with the contract and puts the seller's name before its
// code, with a 备注 column; model has a title row and a 序号 column.
var layouts = map[pipeline.Voucher]*layout{
	pipeline.Compute: {
		file: "compute_billing.xlsx", sheet: "算力结算",
		titles: []string{"%d年度算力结算明细", "数据来源：算力服务结算平台导出　金额单位：元"},
		cols: []column{
			{"统一社会信用代码", fBuyer, 22}, {"企业名称", fBuyerName, 34},
			{"服务商统一社会信用代码", fParty, 24}, {"服务商名称", fPartyName, 30},
			{"账单编号", fDoc, 20}, {"结算日期", fDate, 12}, {"算力类型", fOrigin, 10},
			{"用途", fPurpose, 10}, {"结算金额", fAmount, 16}, {"发票号码", fInvoice, 24},
		},
		required: []field{fBuyer, fParty, fDoc, fDate, fOrigin, fPurpose, fAmount},
	},
	pipeline.Corpus: {
		file: "corpus_contracts.xlsx", sheet: "语料合同",
		cols: []column{
			{"合同编号", fDoc, 20}, {"签订日期", fDate, 12},
			{"统一社会信用代码", fBuyer, 22}, {"企业名称", fBuyerName, 34},
			{"卖方名称", fPartyName, 30}, {"卖方统一社会信用代码", fParty, 24},
			{"交易平台", fVenue, 28}, {"合同金额", fAmount, 16}, {"发票号码", fInvoice, 24},
			{"备注", fNote, 16},
		},
		required: []field{fBuyer, fParty, fDoc, fDate, fVenue, fAmount},
	},
	pipeline.Model: {
		file: "model_transactions.xlsx", sheet: "模型交易",
		titles: []string{"%d年度模型券交易结算台账"},
		cols: []column{
			{"序号", fSeq, 8}, {"统一社会信用代码", fBuyer, 22}, {"企业名称", fBuyerName, 34},
			{"模型备案编号", fFiling, 34}, {"服务商名称", fPartyName, 30},
			{"服务商统一社会信用代码", fParty, 24}, {"交易编号", fDoc, 20},
			{"结算日期", fDate, 12}, {"用途", fPurpose, 10}, {"结算金额", fAmount, 16},
			{"发票号码", fInvoice, 24},
		},
		required: []field{fBuyer, fFiling, fDoc, fDate, fAmount, fPurpose},
	},
	pipeline.Innovation: {
		file: "innovation_contracts.xlsx", sheet: "技术合同",
		cols: []column{
			{"统一社会信用代码", fBuyer, 22}, {"企业名称", fBuyerName, 34},
			{"技术合同登记号", fDoc, 20}, {"登记日期", fDate, 12},
			{"服务机构名称", fPartyName, 30}, {"合同金额", fAmount, 16}, {"发票号码", fInvoice, 24},
		},
		required: []field{fBuyer, fDoc, fDate, fAmount},
	},
}

// firstRow is the row of the first line: below the titles and the header.
func (l *layout) firstRow() int { return len(l.titles) + 2 }

func (l *layout) headers() []string {
	h := make([]string, len(l.cols))
	for i, c := range l.cols {
		h[i] = c.header
	}
	return h
}

func (l *layout) widths() []float64 {
	w := make([]float64, len(l.cols))
	for i, c := range l.cols {
		w[i] = c.width
	}
	return w
}
