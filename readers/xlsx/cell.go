package xlsx

import "fmt"

// CellType is the type of a cell's stored value (its t attribute).
type CellType uint8

const (
	Number  CellType = iota // t absent or t="n"
	String                  // t="s" (shared, resolved), t="inlineStr" (rich text runs concatenated), t="str" (formula string result)
	Bool                    // t="b": Value "0" or "1"
	Error                   // t="e": Value such as "#N/A"
	ISODate                 // t="d": Value is the ISO 8601 text as stored
)

func (t CellType) String() string {
	switch t {
	case Number:
		return "Number"
	case String:
		return "String"
	case Bool:
		return "Bool"
	case Error:
		return "Error"
	case ISODate:
		return "ISODate"
	}
	return fmt.Sprintf("CellType(%d)", uint8(t))
}

// Cell is one cell that holds a value or a formula. Cells with neither (a
// styled empty cell, <c r="A1" s="3"/>) are not returned.
type Cell struct {
	Col  int // 1-based column number (from r="C7"; if absent, previous+1)
	Type CellType
	// Value is the stored value as text: for numbers the literal text of
	// <v> ("1234.5599999999999", "4.5881E4"); for strings the resolved
	// text, XML entities and _xHHHH_ escapes decoded; "" when a formula
	// has no cached value.
	Value string
	// Date: a Number cell whose style's number format is a date or time
	// format. Its Value is then a serial day count (see Workbook.Date1904).
	Date    bool
	Formula bool // the cell has an <f> element
}

// valueType is a cell's t attribute.
type valueType uint8

const (
	typeNumber valueType = iota // absent or "n"
	typeShared                  // "s"
	typeInline                  // "inlineStr"
	typeStr                     // "str"
	typeBool                    // "b"
	typeError                   // "e"
	typeDate                    // "d"
	typeOther                   // anything else: read as a string
)

func parseType(b []byte) valueType {
	switch string(b) {
	case "", "n":
		return typeNumber
	case "s":
		return typeShared
	case "inlineStr":
		return typeInline
	case "str":
		return typeStr
	case "b":
		return typeBool
	case "e":
		return typeError
	case "d":
		return typeDate
	}
	return typeOther
}
