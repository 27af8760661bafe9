package xlsx

import "bytes"

// Reading the content of elements: text, and the rich text of string items.

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
