package xlsx

import (
	"fmt"
	"strings"
	"testing"
)

// TestProgress: the bytes consumed grow row by row and reach the sheet's
// declared size at the end, so that a reader can estimate the rows of a
// sheet from its first ones.
func TestProgress(t *testing.T) {
	var rows strings.Builder
	for i := 1; i <= 2000; i++ {
		fmt.Fprintf(&rows, `<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" t="inlineStr"><is><t>name %d</t></is></c></row>`, i, i, i, i, i)
	}
	ws := worksheet(rows.String())
	w, err := Open(writePkg(t, oneSheet(ws)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	r, err := w.Rows("S")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if done, size := r.Progress(); done != 0 || size != int64(len(ws)) {
		t.Fatalf("before the first row: Progress() = %d, %d; want 0, %d", done, size, len(ws))
	}
	last := int64(0)
	for n := 0; r.Next(); n++ {
		done, size := r.Progress()
		if done <= last || done > size {
			t.Fatalf("row %d: Progress() = %d, %d after %d", r.Row(), done, size, last)
		}
		last = done
		if n == 999 {
			// Half the rows took about half the bytes.
			if f := float64(done) / float64(size); f < 0.45 || f > 0.55 {
				t.Errorf("after 1000 of 2000 rows: %.2f of the sheet read", f)
			}
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if done, size := r.Progress(); done != 0 || size != int64(len(ws)) {
		t.Errorf("after the last row (rows closed): Progress() = %d, %d; want 0, %d", done, size, len(ws))
	}
}
