package main

import (
	"fmt"
	"io"
	"strings"
	"unicode"
)

// printTable prints rows as columns aligned by their width on a terminal,
// where a Chinese character takes two columns (text/tabwriter counts
// one). Columns listed in right are aligned right (amounts).
func printTable(w io.Writer, indent string, rows [][]string, right ...int) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	isRight := map[int]bool{}
	for _, i := range right {
		isRight[i] = true
	}
	for _, r := range rows {
		var b strings.Builder
		b.WriteString(indent)
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-displayWidth(c))
			if isRight[i] {
				b.WriteString(pad + c)
			} else {
				b.WriteString(c)
				if i < len(r)-1 {
					b.WriteString(pad)
				}
			}
			if i < len(r)-1 {
				b.WriteString("  ")
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// displayWidth is how many terminal columns s takes: two for each wide
// (East Asian) character, one for the others.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= 0x1100 && (r <= 0x115f || unicode.Is(unicode.Han, r) || r >= 0x2e80 && r <= 0xa4cf ||
			r >= 0xac00 && r <= 0xd7a3 || r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f ||
			r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6):
			n += 2
		default:
			n++
		}
	}
	return n
}
