// Package compact holds many short texts, and finds repeated keys among
// many items, in little memory: the storage under pipeline.Lines, which
// keeps a year of 1.4 million lines until its outputs are written. It
// knows nothing of lines, vouchers or rules.
package compact

import "strings"

// Arena copies texts into large shared blocks, so that a million short
// document numbers cost their bytes and not a million small allocations
// (each rounded up to its size class) that the collector must track.
// A text it returns stays valid, and unchanged, as long as it is
// referenced: a block is never written again below its length. The zero
// Arena is ready to use.
type Arena struct {
	block strings.Builder // the block being filled
	next  int             // the capacity of the next block
}

const (
	firstBlock = 4 << 10
	maxBlock   = 1 << 20
)

// Copy returns a copy of s that shares its block with other texts.
func (a *Arena) Copy(s string) string {
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
