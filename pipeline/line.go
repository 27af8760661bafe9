package pipeline

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Origin is where a row, or a cell of it, came from, as Excel shows it.
// It is the one position type: errors, warnings, details and reports all
// print positions through String.
type Origin struct {
	File  string // file name, e.g. compute_billing.xlsx
	Sheet string // sheet name as found in the workbook
	Row   int    // 1-based row number; 0 for the sheet as a whole
	Col   int    // 1-based column number; 0 for the row as a whole
}

// String reads "compute_billing.xlsx 算力结算!I17" for a cell and
// "compute_billing.xlsx 算力结算!17" for a row.
func (o Origin) String() string {
	switch {
	case o.Sheet == "":
		return o.File
	case o.Row == 0:
		return o.File + " " + o.Sheet
	case o.Col > 0:
		return fmt.Sprintf("%s %s!%s%d", o.File, o.Sheet, ColumnName(o.Col), o.Row)
	}
	return fmt.Sprintf("%s %s!%d", o.File, o.Sheet, o.Row)
}

// ColumnName is Excel's name of 1-based column n: 1 is A, 27 is AA.
func ColumnName(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}

// Problem is a defect of one cell found while reading a line: a required
// cell left empty, or a USCC, amount or date that cannot be read (SPEC §3).
// The rules reject the line with the earliest such reason, and its
// String is the line's reason_detail.
type Problem struct {
	Reason Reason
	Cell   string // A1-style reference, e.g. I17
	Header string // the column's header as written in the file
	Value  string // the cell's text as read (empty for a missing cell)
	// Err says why the value cannot be read, in Chinese; it wraps one of
	// ErrMissing, ErrBadUSCC, ErrBadAmount, ErrBadDate. Nil for older
	// callers, which then print no cause.
	Err error
}

// String reads `I17 结算金额 "12.345": 小数超过两位`.
func (p Problem) String() string {
	var s string
	if p.Value == "" {
		s = fmt.Sprintf("%s %s 为空", p.Cell, p.Header)
	} else {
		s = fmt.Sprintf("%s %s %q", p.Cell, p.Header, p.Value)
	}
	if p.Err != nil && p.Value != "" {
		s += ": " + p.Err.Error()
	}
	return s
}

// Line is one data row of a voucher workbook: what the readers found in it
// and, as a Result returns it, whether it is eligible and why not. It is the form a
// line is handed in and read back in; a year's lines are held in Lines.
type Line struct {
	Voucher Voucher
	Origin  Origin

	EnterpriseUSCC   string // normalized (SPEC §3); as read when invalid
	EnterpriseName   string
	CounterpartyUSCC string // provider or seller; empty for innovation
	CounterpartyName string
	DocumentNo       string // bill, contract, transaction or registration number
	InvoiceNo        string

	Date      Date
	HasDate   bool // Date was read
	HasAmount bool // Amount was read
	Eligible  bool // the line passed every rule (outcome, see below)
	Amount    Money

	ComputeOrigin string // as read (compute only)
	Purpose       string // as read (compute and model)
	Venue         string // as read (corpus)
	FilingNo      string // as read (model)

	Problems []Problem // cell defects found by the reader, in column order

	// The outcome (and Eligible above): filled in the lines a Result
	// returns (Result.Lines), never in the lines given to Settle.
	Reason Reason          // empty when eligible
	Detail string          // where and why, for the rejection list
	Rate   decimal.Decimal // the line's rate when eligible
}
