package main

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The child modes of this command.
const (
	modeFloor    = "floor"
	modeExcelize = "excelize"
	modeGen      = "gen" // not a baseline: writes one cached input year
)

// runBaseline measures one baseline over files in this process and prints
// what it read, "<unit> <n> <unit> <n>", for the parent to check.
func runBaseline(mode string, files []string, stdout io.Writer) error {
	var a, b int64
	for _, f := range files {
		var x, y int64
		var err error
		if mode == modeFloor {
			x, y, err = inflate(f)
		} else {
			x, y, err = excelizeRows(f)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		a, b = a+x, b+y
	}
	if mode == modeFloor {
		fmt.Fprintf(stdout, "parts %d bytes %d\n", a, b)
	} else {
		fmt.Fprintf(stdout, "rows %d cells %d\n", a, b)
	}
	return nil
}

// inflate reads every worksheet and the shared-string table of a workbook
// to io.Discard, returning the parts and bytes inflated.
func inflate(path string) (parts, bytes int64, err error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return 0, 0, err
	}
	defer zr.Close()
	for _, f := range zr.File {
		if !(strings.HasPrefix(f.Name, "xl/worksheets/") && strings.HasSuffix(f.Name, ".xml")) &&
			f.Name != "xl/sharedStrings.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return 0, 0, err
		}
		n, err := io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return 0, 0, err
		}
		parts, bytes = parts+1, bytes+n
	}
	return parts, bytes, nil
}

// excelizeRows iterates every row of every sheet with Rows() and
// Columns(), raw cell values, returning the rows and non-empty cells seen.
func excelizeRows(path string) (rows, cells int64, err error) {
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rs, err := f.Rows(sheet)
		if err != nil {
			return 0, 0, err
		}
		for rs.Next() {
			cols, err := rs.Columns()
			if err != nil {
				rs.Close()
				return 0, 0, err
			}
			rows++
			for _, c := range cols {
				if c != "" {
					cells++
				}
			}
		}
		err = rs.Error()
		if cerr := rs.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return 0, 0, err
		}
	}
	return rows, cells, nil
}
