package xlsx

import (
	"io"
	"strconv"
)

// readSharedStrings reads the shared string table (xl/sharedStrings.xml)
// with the byte scanner: it can hold millions of strings. sizeHint is the
// part's inflated size, which bounds the number of items.
func readSharedStrings(r io.Reader, sizeHint int64) ([]string, error) {
	s := newScanner(r)
	var (
		table   stringTable
		scratch []byte
		ok      bool
	)
	for s.next() {
		t := &s.tag
		if t.kind == endTag {
			continue
		}
		switch string(t.name) {
		case "sst":
			for _, a := range t.attrs {
				if name, value := s.attr(a); string(name) == "uniqueCount" {
					// A hint only, capped by what the part can hold
					// ("<si/>" is 5 bytes), so a lying count cannot
					// allocate much.
					if n, err := strconv.ParseInt(string(value), 10, 64); err == nil && n > 0 {
						table.items = make([]string, 0, min(n, sizeHint/5+1))
					}
				}
			}
		case "si":
			scratch = scratch[:0]
			if t.kind == startTag {
				if scratch, ok = s.appendRich(scratch); !ok {
					return nil, s.failure()
				}
			}
			table.add(unescapeX(scratch))
		}
	}
	if s.err != io.EOF {
		return nil, s.err
	}
	table.flush()
	return table.items, nil
}

// stringTableBlock is the size of the blocks a stringTable keeps its text
// in.
const stringTableBlock = 1 << 20

// stringTable collects strings into blocks of about stringTableBlock bytes,
// each made one Go string that its items are slices of: millions of items
// cost a few hundred allocations, and the text is copied once.
type stringTable struct {
	items   []string
	block   []byte // the text of the pending items
	pending []int  // where each pending item ends in block
}

func (t *stringTable) add(s []byte) {
	s = validUTF8(s)
	if len(t.block)+len(s) > cap(t.block) {
		t.flush()
		if t.block == nil {
			t.block = make([]byte, 0, stringTableBlock)
		}
	}
	t.block = append(t.block, s...) // an item larger than a block gets its own
	t.pending = append(t.pending, len(t.block))
}

// flush turns the pending items into strings.
func (t *stringTable) flush() {
	if len(t.pending) == 0 {
		return
	}
	text, start := string(t.block), 0
	for _, end := range t.pending {
		t.items = append(t.items, text[start:end])
		start = end
	}
	t.block, t.pending = t.block[:0], t.pending[:0]
}
