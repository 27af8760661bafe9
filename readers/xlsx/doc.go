// Package xlsx is a fast, exact, streaming reader of .xlsx worksheets.
//
// It goes straight from archive/zip to a byte scanner over SpreadsheetML:
// sheet data and shared strings are never decoded with encoding/xml, which
// is kept for the small parts (workbook.xml, its relationships and
// styles.xml). A sheet is never held in memory whole: Rows streams it
// through a 256 KiB buffer.
//
// Values come back as the text stored in the file, so numbers keep every
// digit the writer stored ("1234.5599999999999", "4.5881E4"), and every
// number cell says whether its style gives it a date or time format
// (Cell.Date): a date column may hold Excel serials with a date style, or
// plain numbers such as 20250301 that must be read as digits.
//
// Choices worth knowing:
//   - A cell whose shared-string index is not in the table (or not a
//     number) stops the sheet: Rows.Err wraps ErrNotWorkbook and names the
//     cell. Returning "" would hide a corrupt file.
//   - Empty cells (no value and no formula) are not returned, and rows
//     without cells are skipped; Cell.Col and Rows.Row are the numbers
//     Excel shows. Rows come in file order; cells of a row in column order.
//   - A sheet is held to Excel's shape: a row past 1,048,576 or a cell
//     past column XFD (written or counted), a row numbered at or before
//     the one above it, or two cells in one column stop the sheet with
//     ErrNotWorkbook, rather than give two lines one row number or let
//     one value silently replace another.
//   - Text is valid UTF-8: bytes that are not (which no XML parser would
//     accept) become U+FFFD.
//   - Open refuses what is not a regular file (a named pipe would block,
//     a device never end).
//   - String values have XML entities and the OOXML escapes _xHHHH_
//     decoded, and line ends normalised as XML requires (CR LF becomes LF;
//     Excel stores a CR it means as _x000D_).
//   - Every part is inflated through a counter that stops at
//     Options.MaxPartSize (ErrTooLarge): the guard against zip bombs.
//   - An encrypted workbook is decrypted in memory with excelize's
//     implementation when Options.Password is given (ErrEncrypted when it
//     is missing or wrong); a legacy .xls is ErrNotWorkbook with a message
//     saying to save it as .xlsx.
package xlsx
