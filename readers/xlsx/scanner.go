package xlsx

import (
	"bytes"
	"fmt"
	"io"
)

const (
	// scanBufSize is the scanner's read buffer: large enough that refills
	// (and the copy of the unread tail they make) are rare.
	scanBufSize = 256 << 10
	// maxTagLen bounds one tag (name and attributes), the only token the
	// scanner must hold whole; text is streamed through.
	maxTagLen = 16 << 20
)

type tagKind uint8

const (
	startTag tagKind = iota + 1 // <name ...>
	endTag                      // </name>
	emptyTag                    // <name .../>
)

// attr is one attribute of a tag, as offsets into the scanner's buffer
// (offsets, not slices, keep the hot path free of pointer writes): its
// local name buf[ns:ne], any prefix dropped, and its raw value buf[vs:ve],
// entities not decoded. See scanner.attr.
type attr struct{ ns, ne, vs, ve int32 }

// tag is the last tag read. Its slices point into the scanner's buffer and
// are valid only until the scanner reads again.
type tag struct {
	kind  tagKind
	name  []byte // local name: "x:row" is "row"
	attrs []attr
}

// scanner is a pull tokenizer for the subset of XML that SpreadsheetML
// uses. It returns tags; callers that want an element's text ask for it
// right after the start tag. Comments, processing instructions and
// declarations are skipped; CDATA sections count as text. Namespace
// prefixes are dropped from element and attribute names: SpreadsheetML
// has no two elements with the same local name that matter here.
type scanner struct {
	src      io.Reader
	buf      []byte
	pos, end int   // unread bytes are buf[pos:end]
	err      error // first error from src (io.EOF at the end), or a syntax error
	tag      tag
}

// attr returns the local name and raw value of an attribute of s.tag.
func (s *scanner) attr(a attr) (name, value []byte) {
	return s.buf[a.ns:a.ne], s.buf[a.vs:a.ve]
}

// prefixed reports whether an attribute's name had a namespace prefix.
// SpreadsheetML's own attributes never do: x14ac:r would not be r.
func (s *scanner) prefixed(a attr) bool {
	return a.ns > 0 && s.buf[a.ns-1] == ':'
}

func newScanner(src io.Reader) *scanner {
	return &scanner{src: src, buf: make([]byte, scanBufSize)}
}

// more moves the unread bytes to the front of the buffer (growing it when
// they fill it) and reads until the buffer is full or src fails. It
// reports whether any byte was added.
func (s *scanner) more() bool {
	if s.err != nil {
		return false
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.pos, s.end = 0, n
	} else if s.end == len(s.buf) {
		if len(s.buf) >= maxTagLen {
			s.err = errTokenTooLong
			return false
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	start, empty := s.end, 0
	for s.end < len(s.buf) {
		n, err := s.src.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.err = err
			break
		}
		if n == 0 {
			if empty++; empty > 100 {
				s.err = io.ErrNoProgress
				break
			}
		}
	}
	return s.end > start
}

// failure is the error to report when input stops inside a structure:
// a clean end of input there means the XML is truncated.
func (s *scanner) failure() error {
	if s.err == nil || s.err == io.EOF {
		return errTruncated
	}
	return s.err
}

// hasPrefix reports whether the unread input starts with p, reading more
// input if needed.
func (s *scanner) hasPrefix(p string) bool {
	for s.end-s.pos < len(p) {
		if !s.more() {
			break
		}
	}
	return bytes.HasPrefix(s.buf[s.pos:s.end], []byte(p))
}

// skipPast discards input up to and including term.
func (s *scanner) skipPast(term string) bool {
	for {
		if i := bytes.Index(s.buf[s.pos:s.end], []byte(term)); i >= 0 {
			s.pos += i + len(term)
			return true
		}
		if keep := s.end - (len(term) - 1); keep > s.pos {
			s.pos = keep
		}
		if !s.more() {
			return false
		}
	}
}

// appendUntil appends input up to term to dst and discards term.
func (s *scanner) appendUntil(dst []byte, term string) ([]byte, bool) {
	for {
		if i := bytes.Index(s.buf[s.pos:s.end], []byte(term)); i >= 0 {
			dst = append(dst, s.buf[s.pos:s.pos+i]...)
			s.pos += i + len(term)
			return dst, true
		}
		if keep := s.end - (len(term) - 1); keep > s.pos {
			dst = append(dst, s.buf[s.pos:keep]...)
			s.pos = keep
		}
		if !s.more() {
			return dst, false
		}
	}
}

// skipMarkup skips the comment, processing instruction, CDATA section or
// declaration at s.pos (a '<'). It reports false when the markup at s.pos
// is a tag (nothing skipped) or input ends; s.err tells which.
func (s *scanner) skipMarkup() (skipped bool) {
	if !s.hasPrefix("<!") && !s.hasPrefix("<?") {
		return false
	}
	var ok bool
	switch {
	case s.hasPrefix("<!--"):
		s.pos += 4
		ok = s.skipPast("-->")
	case s.hasPrefix("<![CDATA["):
		s.pos += 9
		ok = s.skipPast("]]>")
	case s.hasPrefix("<?"):
		s.pos += 2
		ok = s.skipPast("?>")
	default: // <!DOCTYPE ...>; an internal subset is not supported
		s.pos += 2
		ok = s.skipPast(">")
	}
	if !ok && s.err == io.EOF {
		s.err = errTruncated
	}
	return ok
}

// next reads up to and including the next tag, skipping text and other
// markup, and leaves it in s.tag. It returns false at the end of input
// (s.err == io.EOF) or on an error.
func (s *scanner) next() bool {
	for {
		if s.pos >= s.end || s.buf[s.pos] != '<' {
			i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
			if i < 0 {
				s.pos = s.end
				if !s.more() {
					return false
				}
				continue
			}
			s.pos += i
		}
		if s.pos+1 >= s.end || s.buf[s.pos+1] == '!' || s.buf[s.pos+1] == '?' {
			if s.skipMarkup() {
				continue
			}
			if s.err != nil && s.err != io.EOF {
				return false
			}
		}
		return s.readTag()
	}
}

// readTag parses the tag at s.pos, reading more input until it is whole.
func (s *scanner) readTag() bool {
	for {
		switch s.parseTag() {
		case tagOK:
			return true
		case tagBad:
			s.err = fmt.Errorf("%w：标签 %.40q 无效", errMalformed, s.buf[s.pos:s.end])
			return false
		}
		if !s.more() {
			s.err = s.failure()
			return false
		}
	}
}

type parseResult uint8

const (
	tagOK parseResult = iota
	tagBad
	tagShort // the tag runs past the buffered input
)

// parseTag parses the tag starting at s.pos from the buffered input. On
// tagOK it fills s.tag and moves s.pos past the tag; otherwise s.pos stays.
func (s *scanner) parseTag() parseResult {
	b := s.buf[s.pos:s.end]
	t := &s.tag
	t.attrs = t.attrs[:0]
	t.kind = startTag
	i := 1
	if len(b) < 2 {
		return tagShort
	}
	if b[1] == '/' {
		t.kind, i = endTag, 2
	}
	name, i, r := scanName(b, i)
	if r != tagOK {
		return r
	}
	t.name = name
	for {
		for i < len(b) && isSpace[b[i]] {
			i++
		}
		if i == len(b) {
			return tagShort
		}
		switch b[i] {
		case '>':
			s.pos += i + 1
			return tagOK
		case '/':
			if i+1 == len(b) {
				return tagShort
			}
			if b[i+1] != '>' || t.kind == endTag {
				return tagBad
			}
			t.kind = emptyTag
			s.pos += i + 2
			return tagOK
		}
		if t.kind == endTag {
			return tagBad
		}
		var an []byte
		if an, i, r = scanName(b, i); r != tagOK {
			return r
		}
		ans, ane := i-len(an), i
		for i < len(b) && isSpace[b[i]] {
			i++
		}
		if i == len(b) {
			return tagShort
		}
		if b[i] != '=' {
			return tagBad
		}
		for i++; i < len(b) && isSpace[b[i]]; i++ {
		}
		if i == len(b) {
			return tagShort
		}
		q := b[i]
		if q != '"' && q != '\'' {
			return tagBad
		}
		j := bytes.IndexByte(b[i+1:], q)
		if j < 0 {
			return tagShort
		}
		t.attrs = append(t.attrs, attr{ns: int32(s.pos + ans), ne: int32(s.pos + ane), vs: int32(s.pos + i + 1), ve: int32(s.pos + i + 1 + j)})
		i += j + 2
	}
}

// scanName reads an XML name at b[i:] and returns its local part.
func scanName(b []byte, i int) ([]byte, int, parseResult) {
	local := i
	for ; i < len(b) && isNameByte[b[i]]; i++ {
		if b[i] == ':' {
			local = i + 1
		}
	}
	if i == len(b) {
		return nil, i, tagShort
	}
	if local == i {
		return nil, i, tagBad
	}
	return b[local:i], i, tagOK
}

// Byte classes of the tokenizer.
var (
	isSpace    = byteSet(" \t\r\n", false)
	isNameByte = byteSet(" \t\r\n<>/=\"'&", true)
)

// byteSet returns a table that is true for the bytes in set (or, with
// invert, for the bytes not in it).
func byteSet(set string, invert bool) (t [256]bool) {
	for c := range t {
		t[c] = invert != (bytes.IndexByte([]byte(set), byte(c)) >= 0)
	}
	return t
}
