package xlsx

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

// errAfter yields data in small reads, then err.
type errAfter struct {
	r      io.Reader
	err    error
	closed bool
}

func (e *errAfter) Read(p []byte) (int, error) {
	n, err := e.r.Read(p[:min(len(p), 1000)])
	if err == io.EOF {
		return n, e.err
	}
	return n, err
}

func (e *errAfter) Close() error { e.closed = true; return nil }

// TestReadAhead: the reader sees exactly the source's bytes, then the
// source's own error, whether EOF, a truncated stream or a size limit.
func TestReadAhead(t *testing.T) {
	data := bytes.Repeat([]byte("<row><c><v>1</v></c></row>"), 100_000) // ~2.6 MB, 10 chunks
	for _, want := range []error{io.EOF, io.ErrUnexpectedEOF, ErrTooLarge} {
		src := &errAfter{r: bytes.NewReader(data), err: want}
		ra := newReadAhead(src)
		var got bytes.Buffer
		buf := make([]byte, 7919)
		var err error
		for err == nil {
			var n int
			n, err = ra.Read(buf)
			got.Write(buf[:n])
		}
		if !bytes.Equal(got.Bytes(), data) {
			t.Errorf("%v: read %d bytes, want the %d of the source", want, got.Len(), len(data))
		}
		if err != want {
			t.Errorf("error %v, want %v", err, want)
		}
		if n, err2 := ra.Read(buf); n != 0 || err2 != want {
			t.Errorf("read after the error: %d, %v", n, err2)
		}
		if err := ra.Close(); err != nil || !src.closed {
			t.Errorf("Close: %v, source closed %v", err, src.closed)
		}
		if err := ra.Close(); err != nil {
			t.Errorf("second Close: %v", err)
		}
	}
}

// TestReadAheadCloseEarly: closing before the end stops the goroutine
// (Close returns) and closes the source.
func TestReadAheadCloseEarly(t *testing.T) {
	src := &errAfter{r: iotest.HalfReader(bytes.NewReader(make([]byte, 10<<20))), err: io.EOF}
	ra := newReadAhead(src)
	if _, err := ra.Read(make([]byte, 100)); err != nil {
		t.Fatal(err)
	}
	if err := ra.Close(); err != nil || !src.closed {
		t.Fatalf("Close: %v, source closed %v", err, src.closed)
	}
}

func TestReadAheadIsAReader(t *testing.T) {
	data := bytes.Repeat([]byte("abc"), 300_000)
	ra := newReadAhead(io.NopCloser(bytes.NewReader(data)))
	defer ra.Close()
	if err := iotest.TestReader(ra, data); err != nil && !errors.Is(err, io.EOF) {
		t.Fatal(err)
	}
}
