package xlsx

import (
	"io"
	"sync"
)

// readAhead reads a part on a goroutine of its own, a few chunks ahead of
// its reader. Inflating is about a third of reading a sheet; the rest
// (scanning the XML and the caller's work on each row) then runs beside
// it, on another core when there is one. The reader sees exactly src's
// bytes, then src's error (io.EOF at the end, ErrTooLarge, a corrupt
// stream...).
type readAhead struct {
	src  io.ReadCloser
	full chan chunk  // filled by fill, in order
	free chan []byte // emptied by Read, for fill to reuse
	stop chan struct{}
	done chan struct{} // closed when fill has returned

	buf  []byte // the chunk being read, whole
	cur  []byte // its unread bytes
	err  error  // src's error, after the bytes before it
	read int64  // bytes handed to the reader so far

	closeOnce sync.Once
	closeErr  error
}

type chunk struct {
	b   []byte
	err error
}

const (
	aheadChunkSize = 256 << 10
	aheadChunks    = 4
)

func newReadAhead(src io.ReadCloser) *readAhead {
	r := &readAhead{src: src, full: make(chan chunk, aheadChunks), free: make(chan []byte, aheadChunks),
		stop: make(chan struct{}), done: make(chan struct{})}
	for range aheadChunks {
		r.free <- make([]byte, aheadChunkSize)
	}
	go r.fill()
	return r
}

// fill reads src into free chunks until src fails (or ends) or the reader
// is closed.
func (r *readAhead) fill() {
	defer close(r.done)
	for {
		var buf []byte
		select {
		case buf = <-r.free:
		case <-r.stop:
			return
		}
		n, err := 0, error(nil)
		for n < len(buf) && err == nil {
			var m int
			m, err = r.src.Read(buf[n:])
			n += m
		}
		select {
		case r.full <- chunk{buf[:n], err}:
		case <-r.stop:
			return
		}
		if err != nil {
			return
		}
	}
}

func (r *readAhead) Read(p []byte) (int, error) {
	for len(r.cur) == 0 {
		if r.err != nil {
			return 0, r.err
		}
		if r.buf != nil {
			r.free <- r.buf[:cap(r.buf)] // never blocks: there are aheadChunks buffers
		}
		c := <-r.full
		r.buf, r.cur, r.err = c.b, c.b, c.err
	}
	n := copy(p, r.cur)
	r.cur = r.cur[n:]
	r.read += int64(n)
	return n, nil
}

// Close stops the goroutine, waits for it and closes src. It may be
// called more than once.
func (r *readAhead) Close() error {
	r.closeOnce.Do(func() {
		close(r.stop)
		<-r.done
		r.closeErr = r.src.Close()
	})
	return r.closeErr
}
