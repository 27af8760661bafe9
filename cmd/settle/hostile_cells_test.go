package main

import (
	"fmt"
	"strings"
	"testing"

	"settle/pipeline"
)

// cellCases: one bad cell per row, each row the template line otherwise.
// A bad cell never stops the run: it rejects its line with the first
// reason code of SPEC §4 that applies.
func cellCases() []hostileCase {
	const (
		missing   = pipeline.MissingField
		badUSCC   = pipeline.BadUSCC
		badAmount = pipeline.BadAmount
		badDate   = pipeline.BadDate
		period    = pipeline.OutOfPeriod
	)
	long := func(s string, n int) string { return strings.Repeat(s, n/len([]rune(s))) }
	return []hostileCase{
		{name: "formulas with and without cached values", rows: []hostileRow{
			{"amount formula with its cached value", set("amount", formula("SUM(500,500)", "1000")), "", "1000.00"},
			{"amount formula without a cached value", set("amount", formula("SUM(500,500)", "")), missing, ""},
			{"amount formula caching an error", set("amount", xc{t: "e", f: "1/0", v: "#DIV/0!"}), badAmount, ""},
			{"amount formula caching text", set("amount", formulaText(`TEXT(1000,"#,##0.00")`, "1,000.00")), "", "1000.00"},
			{"date formula with its cached serial", set("settled_on", xc{f: "TODAY()", v: "SERIAL", date: true}), "", ""},
			{"date formula without a cached value", set("settled_on", xc{f: "TODAY()", date: true}), missing, ""},
			{"USCC formula caching the code", set("uscc", formulaText(`TRIM(A1)`, "USCC")), "", ""},
			{"USCC formula without a cached value", set("uscc", formulaText(`TRIM(A1)`, "")), missing, ""},
			{"origin formula caching 国产", set("origin", formulaText(`IF(1,"国产","")`, "国产")), "", ""},
		}},
		{name: "error cells", rows: []hostileRow{
			{"#N/A amount", set("amount", errCell("#N/A")), badAmount, ""},
			{"#DIV/0! amount", set("amount", errCell("#DIV/0!")), badAmount, ""},
			{"#N/A date", set("settled_on", errCell("#N/A")), badDate, ""},
			{"#VALUE! date", set("settled_on", errCell("#VALUE!")), badDate, ""},
			{"#N/A USCC", set("uscc", errCell("#N/A")), badUSCC, ""},
			{"#REF! provider USCC", set("provider_uscc", errCell("#REF!")), badUSCC, ""},
			{"#N/A origin", set("origin", errCell("#N/A")), pipeline.BadComputeOrigin, ""},
			{"#NAME? purpose", set("purpose", errCell("#NAME?")), pipeline.BadPurpose, ""},
			{"#VALUE! bill number", set("bill_no", errCell("#VALUE!")), missing, ""},
			{"error cell without a value", set("amount", xc{t: "e", v: " "}), missing, ""},
		}},
		{name: "booleans and typed cells where numbers belong", rows: []hostileRow{
			{"TRUE amount", set("amount", boolCell("1")), badAmount, ""},
			{"FALSE amount", set("amount", boolCell("0")), badAmount, ""},
			{"TRUE date", set("settled_on", boolCell("1")), badDate, ""},
			{"TRUE USCC", set("uscc", boolCell("1")), badUSCC, ""},
			{"TRUE name", set("name", boolCell("1")), "", ""},
			{"ISO date cell (t=d)", set("settled_on", isoDate("DATE"+"T10:30:00")), "", ""},
			{"ISO date cell holding junk", set("settled_on", isoDate("yesterday")), badDate, ""},
			{"number cell holding junk", set("amount", num("12abc")), badAmount, ""},
			{"empty inline string amount", set("amount", txt("")), missing, ""},
			{"ideographic-space amount", set("amount", txt("\u3000\u3000")), missing, ""},
		}},
		{name: "32767-character strings", rows: []hostileRow{
			{"name", set("name", txt(long("企", 32767))), "", ""},
			{"document number", set("bill_no", txt(long("B", 32767))), "", ""},
			{"provider name", set("provider_name", txt(long("算", 32767))), "", ""},
			{"amount", set("amount", txt(long("1", 32767))), badAmount, ""},
			{"USCC", set("uscc", txt(long("9", 32767))), badUSCC, ""},
			{"date", set("settled_on", txt(long("2", 32767))), badDate, ""},
			{"40000 characters, more than Excel holds", set("name", txt(long("超", 40000))), "", ""},
			{"every text cell long, amount bad", map[string]xc{"name": txt(long("名", 32767)), "bill_no": txt(long("号", 32767)),
				"amount": txt(long("元", 32767)), "purpose": txt(long("途", 32767))}, badAmount, ""},
		}},
		{name: "invisible characters in USCCs", rows: []hostileRow{
			{"control character inside", set("uscc", txt("USCC[:9]\x01USCC[9:]")), badUSCC, ""},
			{"right-to-left mark inside", set("uscc", txt("USCC[:9]\u200fUSCC[9:]")), badUSCC, ""},
			{"right-to-left override inside", set("uscc", txt("USCC[:4]\u202eUSCC[4:]")), badUSCC, ""},
			{"zero-width space inside", set("uscc", txt("USCC[:9]\u200bUSCC[9:]")), badUSCC, ""},
			{"zero-width space in front", set("uscc", txt("\u200bUSCC")), badUSCC, ""},
			{"byte-order mark in front", set("uscc", txt("\ufeffUSCC")), badUSCC, ""},
			{"line break inside", set("uscc", txt("USCC[:9]\nUSCC[9:]")), badUSCC, ""},
			{"zero-width space in the provider USCC", set("provider_uscc", txt("USCC[:9]\u200bUSCC[9:]")), badUSCC, ""},
			{"no-break spaces around (trimmed)", set("uscc", txt("\u00a0USCC\u00a0")), "", ""},
			{"full-width, lower case, ideographic spaces (normalised)", set("uscc", txt("\u3000wide(USCC)\u3000")), "", ""},
		}},
		{name: "dates at and past the ends of the calendar", rows: []hostileRow{
			{"text 1899-12-31", set("settled_on", txt("1899-12-31")), period, ""},
			{"serial 0", set("settled_on", serial("0")), badDate, ""},
			{"serial -1", set("settled_on", serial("-1")), badDate, ""},
			{"serial 60 (Excel's 1900-02-29)", set("settled_on", serial("60")), period, ""},
			{"text 9999-12-31", set("settled_on", txt("9999-12-31")), period, ""},
			{"serial 2958465 (9999-12-31)", set("settled_on", serial("2958465")), period, ""},
			{"serial 2958466 (past 9999)", set("settled_on", serial("2958466")), badDate, ""},
			{"serial 1e308", set("settled_on", serial("1e308")), badDate, ""},
			{"serial NaN", set("settled_on", serial("NaN")), badDate, ""},
			{"text 0000-01-01", set("settled_on", txt("0000-01-01")), badDate, ""},
			{"text 2025-02-29", set("settled_on", txt("2025-02-29")), badDate, ""},
			{"text 2025年13月1日", set("settled_on", txt("2025年13月1日")), badDate, ""},
			{"text with a time of day", set("settled_on", txt("DATE 10:00")), "", ""}, // dropped (SPEC §3)
			{"text with an impossible time", set("settled_on", txt("DATE 25:00")), badDate, ""},
			{"serial with a time of day", set("settled_on", serial("SERIAL.75")), "", ""},
			{"number 20250701 not date-formatted", set("settled_on", num("DIGITS")), "", ""},
		}},
		{name: "amounts at and past the limits", rows: []hostileRow{
			// 10^13 yuan (MaxAmount) is read (the lines are rejected for
			// their date, a later reason than BAD_AMOUNT); eligible ones
			// are in amountCases. Beyond it an amount is implausible: a bad
			// amount, so one line can never stop the run.
			{"10^13 as a number", lastYear("amount", num("10000000000000")), period, "10000000000000.00"},
			{"10^13 as 1E+13", lastYear("amount", num("1E+13")), period, "10000000000000.00"},
			{"-10^13 as text with separators", lastYear("amount", txt("-10,000,000,000,000.00")), period, "-10000000000000.00"},
			{"10^15 as a number", set("amount", num("1000000000000000")), badAmount, ""},
			{"10^15 as 1E+15", set("amount", num("1E+15")), badAmount, ""},
			{"10^16 as a number", set("amount", num("10000000000000000")), badAmount, ""},
			{"-10^16", set("amount", num("-1E+16")), badAmount, ""},
			{"10^15 as text", set("amount", txt("1000000000000000")), badAmount, ""},
			{"-0.00 as text", set("amount", txt("-0.00")), "", "0.00"},
			{"-0 as a number", set("amount", num("-0")), "", "0.00"},
			{"three decimals as text", set("amount", txt("1234.567")), badAmount, ""},
			{"three decimals as a number", set("amount", num("1234.567")), badAmount, ""},
			{"trailing zero decimal as text", set("amount", txt("1234.560")), "", "1234.56"},
			{"text 1e5", set("amount", txt("1e5")), badAmount, ""},
			{"number stored as 1E5", set("amount", num("1E5")), "", "100000.00"},
			{"text NaN", set("amount", txt("NaN")), badAmount, ""},
			{"text Infinity", set("amount", txt("Infinity")), badAmount, ""},
			{"number NaN", set("amount", num("NaN")), badAmount, ""},
			{"text 0x1F", set("amount", txt("0x1F")), badAmount, ""},
			{"text 1,23", set("amount", txt("1,23")), badAmount, ""},
			{"text +-5", set("amount", txt("+-5")), badAmount, ""},
			{"number 0.30000000000000004", set("amount", num("0.30000000000000004")), "", "0.30"},
			{"text ¥-1,234.56", set("amount", txt("¥-1,234.56")), "", "-1234.56"},
			{"text (1,234.56)", set("amount", txt("(1,234.56)")), "", "-1234.56"},
			{"full-width text", set("amount", txt("１，０００．５０")), "", "1000.50"},
		}},
	}
}

// set is a one-cell change of the template line.
func set(alias string, c xc) map[string]xc { return map[string]xc{alias: c} }

// lastYear is a one-cell change of a line dated in 2024.
func lastYear(alias string, c xc) map[string]xc {
	return map[string]xc{alias: c, "settled_on": txt("2024-12-31")}
}

// The cells above name the template's values with placeholders, which
// resolve fills in: USCC, USCC[:n], USCC[n:] and wide(USCC) (full-width,
// lower case) for the buyer's code, SERIAL for the template date's
// serial, DATE for it as 2025-07-01, DIGITS as 20250701.
func resolve(y *hostileYear, s string) string {
	u := y.tmpl.EnterpriseUSCC
	r := strings.NewReplacer(
		"USCC[:9]", u[:9], "USCC[9:]", u[9:], "USCC[:4]", u[:4], "USCC[4:]", u[4:],
		"wide(USCC)", wide(strings.ToLower(u)), "USCC", u,
		"SERIAL", excelSerial(y.tmpl.Date), "DATE", y.tmpl.Date.String(), "DIGITS", digits(y))
	return r.Replace(s)
}

// wide writes ASCII letters and digits full-width.
func wide(s string) string {
	return strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7F {
			return r - 0x21 + 0xFF01
		}
		return r
	}, s)
}

// resolved is the cell with its placeholders filled in.
func (c xc) resolved(y *hostileYear) xc {
	c.v = resolve(y, c.v)
	return c
}

// amountCases: amounts each within MaxAmount, alone and in sums that no
// column can hold.
func amountCases() []hostileCase {
	const n = 10000 // 10^4 × 10^13 yuan = 10^17 yuan = 10^19 fen, past int64
	return []hostileCase{
		{name: "eligible line of 10^13", rows: []hostileRow{
			{"10^13 as a number", set("amount", num("10000000000000")), "", "10000000000000.00"},
		}},
		{name: "10000 lines of 10^13: control totals past int64", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			var rows [][]xc
			for i := range n {
				rows = append(rows, y.row(fmt.Sprint("BIG-", i), lastYear("amount", num("10000000000000"))))
			}
			writeCompute(tb, dir, rows...)
		}, fail: []string{"compute_billing.xlsx", "无法结算"}},
		{name: "20 eligible lines of 10^13: entitlement past DECIMAL(20,6)", prepare: func(tb testing.TB, y *hostileYear, dir string) {
			var rows [][]xc
			for i := range 20 {
				rows = append(rows, y.row(fmt.Sprint("BIG-", i), set("amount", num("10000000000000"))))
			}
			writeCompute(tb, dir, rows...)
		}, fail: []string{"算力券（compute）", "应补金额", "超出可结算的范围"}},
	}
}
