package linestore

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

func row(i int) Row[string] {
	r := Row[string]{
		Group:     []string{"compute", "model"}[i%2],
		File:      []string{"a.xlsx", "b.xlsx"}[i%2],
		Sheet:     "表" + fmt.Sprint(i%3),
		Line:      int32(i + 2),
		Document:  fmt.Sprintf("D-%07d", i),
		Invoice:   fmt.Sprintf("INV-%d", i),
		Amount:    int64(i*101 - 5000),
		HasAmount: i%3 != 0,
		Date:      int32(20000 + i%30),
		HasDate:   i%5 != 0,
	}
	for c := range r.Texts {
		r.Texts[c] = fmt.Sprintf("t%d-%d", c, i%(c+2))
	}
	if i%11 == 0 {
		r.Payload, r.HasPayload = fmt.Sprintf("problem %d", i), true
	}
	return r
}

// TestRoundTrip: every field of a row comes back as stored, payload
// included, and Set replaces one row without touching the next.
func TestRoundTrip(t *testing.T) {
	var s Store[string]
	s.Grow(10)
	const n = 5000
	for i := range n {
		r := row(i)
		s.Append(&r)
	}
	if s.Len() != n {
		t.Fatalf("Len = %d, want %d", s.Len(), n)
	}
	var got Row[string]
	for i := range n {
		want := row(i)
		s.Get(i, &got)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("row %d:\n got %+v\nwant %+v", i, got, want)
		}
		if a, ok := s.Amount(i); a != want.Amount || ok != want.HasAmount || s.Line(i) != want.Line ||
			s.Text(i, 3) != want.Texts[3] || s.Document(i) != want.Document || s.Invoice(i) != want.Invoice {
			t.Fatalf("row %d: accessors disagree with Get", i)
		}
	}
	r := row(1)
	r.Document, r.Payload, r.HasPayload = "X-1", "replaced", true
	s.Set(33, &r)
	if s.Get(33, &got); !reflect.DeepEqual(got, r) {
		t.Fatalf("after Set: %+v, want %+v", got, r)
	}
	if s.Get(34, &got); !reflect.DeepEqual(got, row(34)) {
		t.Fatalf("Set changed the next row: %+v", got)
	}
}

// TestCopiesTexts: texts handed in as slices of a buffer that is then
// overwritten come back as they were, longer than a block included.
func TestCopiesTexts(t *testing.T) {
	var s Store[int]
	buf := make([]byte, 0, 64)
	long := strings.Repeat("长", 1<<20)
	for i := range 3 {
		buf = fmt.Appendf(buf[:0], "DOC-%d", i)
		doc := string(buf)
		r := Row[int]{Document: doc, Invoice: long}
		r.Texts[NumTexts-1] = doc
		s.Append(&r)
	}
	var got Row[int]
	for i := range 3 {
		s.Get(i, &got)
		if want := fmt.Sprintf("DOC-%d", i); got.Document != want || got.Texts[NumTexts-1] != want || got.Invoice != long {
			t.Fatalf("row %d: %q %q %d bytes", i, got.Document, got.Texts[NumTexts-1], len(got.Invoice))
		}
	}
	if s.TextsStored() != 4 || s.TextsIndexed(NumTexts-1) != 3 || s.TextsIndexed(0) != 0 {
		t.Fatalf("texts: %d stored, %d indexed", s.TextsStored(), s.TextsIndexed(NumTexts-1))
	}
}

// TestSmallTableLimit: a 257th group is refused loudly, not mixed up.
func TestSmallTableLimit(t *testing.T) {
	var s Store[int]
	for i := range 256 {
		s.Append(&Row[int]{Group: fmt.Sprint(i)})
	}
	defer func() {
		if recover() == nil {
			t.Fatal("a 257th group was stored")
		}
	}()
	s.Append(&Row[int]{Group: "one too many"})
}

// TestRecordSize guards the point of the store: a row costs at most 96
// bytes, about a third of a pipeline.Line value, whatever the payload.
func TestRecordSize(t *testing.T) {
	if n := unsafe.Sizeof(record{}); n > 96 {
		t.Errorf("a stored row takes %d bytes", n)
	}
	var nilStore *Store[int]
	if nilStore.Len() != 0 {
		t.Error("a nil store is not empty")
	}
}
