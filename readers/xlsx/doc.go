// Package xlsx is a fast, exact, streaming reader of .xlsx worksheets.
//
// It goes straight from archive/zip to a byte scanner over SpreadsheetML:
// sheet data and shared strings are never decoded with encoding/xml (which
// is kept for the small parts: workbook.xml, its relationships and
// styles.xml). Values come back as the text stored in the file, so numbers
// keep every digit the writer stored ("1234.5599999999999"), and each
// number cell says whether its style gives it a date or time format.
//
// A workbook is read part by part: a sheet is never held in memory whole,
// and every part is inflated through a counter that stops at
// Options.MaxPartSize, which is the guard against zip bombs.
package xlsx
