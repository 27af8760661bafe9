package pipeline

import "strings"

// arena copies texts into large shared blocks, so that a million short
// document numbers cost their bytes and not a million small allocations
// (each rounded up to its size class) that the collector must track.
// A text it returns stays valid, and unchanged, as long as it is
// referenced: a block is never written again below its length.
type arena struct {
	block strings.Builder // the block being filled
	next  int             // the capacity of the next block
}

const (
	firstBlock = 4 << 10
	maxBlock   = 1 << 20
)

// copy returns a copy of s that shares its block with other texts.
func (a *arena) copy(s string) string {
	if s == "" {
		return ""
	}
	if a.block.Cap()-a.block.Len() < len(s) {
		if a.next < firstBlock {
			a.next = firstBlock
		}
		a.block = strings.Builder{}
		a.block.Grow(max(a.next, len(s)))
		a.next = min(2*a.next, maxBlock)
	}
	start := a.block.Len()
	a.block.WriteString(s)
	// The Builder's String shares its bytes; they never move, since the
	// block was sized up front and is replaced rather than grown.
	return a.block.String()[start:]
}

// textTable numbers the texts of the columns whose texts repeat from line
// to line (buyers, providers, names, origins, purposes, venues, filing
// numbers), keeping each distinct text once per column. Id 0 is the empty
// text. Past maxDistinct texts in one column (a hostile file whose every
// row is different) texts are kept without looking for an earlier copy,
// so that the lookup table stays bounded.
type textTable struct {
	texts []string
	seen  [textColumns]map[string]uint32
	last  [textColumns]uint32 // each column's previous text: runs of lines share one
	arena arena
}

const maxDistinct = 1 << 16

// id returns the number of s in column c, adding it when new.
func (t *textTable) id(c textColumn, s string) uint32 {
	if s == "" {
		return 0
	}
	if t.texts == nil {
		t.texts = []string{""}
	}
	if last := t.last[c]; last != 0 && t.texts[last] == s {
		return last
	}
	m := t.seen[c]
	if m == nil {
		m = map[string]uint32{}
		t.seen[c] = m
	}
	id, ok := m[s]
	if !ok {
		id = uint32(len(t.texts))
		s = t.arena.copy(s)
		t.texts = append(t.texts, s)
		if len(m) < maxDistinct {
			m[s] = id
		}
	}
	t.last[c] = id
	return id
}

// text returns the text numbered id.
func (t *textTable) text(id uint32) string {
	if id == 0 {
		return ""
	}
	return t.texts[id]
}
