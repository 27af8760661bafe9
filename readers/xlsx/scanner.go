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
			s.err = fmt.Errorf("%w: bad tag %.40q", errMalformed, s.buf[s.pos:s.end])
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

// appendText appends the text of the current element (the start tag was
// just read) up to its next child or end tag, entities decoded and line
// ends normalised, and leaves that tag unread. It returns false when input
// ends or fails first.
func (s *scanner) appendText(dst []byte) ([]byte, bool) {
	seg := len(dst)
	for {
		b := s.buf[s.pos:s.end]
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			dst = append(dst, b...)
			s.pos = s.end
			if !s.more() {
				return dst, false
			}
			continue
		}
		dst = append(dst, b[:i]...)
		s.pos += i
		dst = dst[:seg+len(decodeText(dst[seg:]))]
		if s.pos+1 < s.end && s.buf[s.pos+1] != '!' && s.buf[s.pos+1] != '?' {
			return dst, true // a tag: the common case
		}
		if s.hasPrefix("<![CDATA[") {
			s.pos += 9
			cdata := len(dst)
			var ok bool
			if dst, ok = s.appendUntil(dst, "]]>"); !ok {
				return dst, false
			}
			dst = dst[:cdata+len(normalizeNewlines(dst[cdata:]))]
			seg = len(dst)
			continue
		}
		if s.hasPrefix("<!--") || s.hasPrefix("<?") {
			if !s.skipMarkup() {
				return dst, false
			}
			seg = len(dst)
			continue
		}
		return dst, true
	}
}

// skipRest discards the rest of the current element, whose start tag was
// just read, up to and including its end tag.
func (s *scanner) skipRest() bool {
	for depth := 1; s.next(); {
		switch s.tag.kind {
		case startTag:
			depth++
		case endTag:
			if depth--; depth == 0 {
				return true
			}
		}
	}
	return false
}

// appendRich appends the text of a string item, <si> in the shared strings
// or <is> in a cell, whose start tag was just read: the <t> elements, alone
// or in rich-text runs <r>, in document order. Phonetic runs <rPh> and
// everything else are skipped. The end tag is consumed.
func (s *scanner) appendRich(dst []byte) ([]byte, bool) {
	var ok bool
	dst = s.appendSimpleT(dst)
	for depth := 1; s.next(); {
		t := &s.tag
		switch t.kind {
		case endTag:
			if depth--; depth == 0 {
				return dst, true
			}
		case startTag:
			switch string(t.name) {
			case "t":
				if dst, ok = s.appendText(dst); !ok || !s.skipRest() {
					return dst, false
				}
			case "r":
				depth++
			default:
				if !s.skipRest() {
					return dst, false
				}
			}
		}
	}
	return dst, false
}

// appendSimpleT is the fast path of appendRich for the usual item, a
// single <t>text</t> wholly in the buffer: it appends the text and
// consumes the element, or does nothing when the input has another shape.
func (s *scanner) appendSimpleT(dst []byte) []byte {
	b := s.buf[s.pos:s.end]
	if len(b) < 3 || b[0] != '<' || b[1] != 't' || b[2] != '>' {
		return dst
	}
	i := bytes.IndexByte(b[3:], '<')
	if i < 0 || !bytes.HasPrefix(b[3+i:], []byte("</t>")) {
		return dst
	}
	start := len(dst)
	dst = append(dst, b[3:3+i]...)
	s.pos += 3 + i + len("</t>")
	return dst[:start+len(decodeText(dst[start:]))]
}
