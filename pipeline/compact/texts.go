package compact

// Texts numbers the texts of columns whose texts repeat from item to item
// (buyers, providers, names ...), keeping each distinct text once per
// column. Id 0 is the empty text. Past MaxDistinct texts in one column (a
// hostile file whose every row is different) texts are kept without
// looking for an earlier copy, so that the lookup table stays bounded.
// The zero Texts is ready to use; columns are small integers.
type Texts struct {
	texts []string
	seen  []map[string]uint32 // by column
	last  []uint32            // each column's previous text: runs of items share one
	arena Arena
}

// MaxDistinct bounds the lookup table of one column.
const MaxDistinct = 1 << 16

// ID returns the number of s in column col, adding it when new.
func (t *Texts) ID(col int, s string) uint32 {
	if s == "" {
		return 0
	}
	if t.texts == nil {
		t.texts = []string{""}
	}
	for len(t.seen) <= col {
		t.seen = append(t.seen, nil)
		t.last = append(t.last, 0)
	}
	if last := t.last[col]; last != 0 && t.texts[last] == s {
		return last
	}
	m := t.seen[col]
	if m == nil {
		m = map[string]uint32{}
		t.seen[col] = m
	}
	id, ok := m[s]
	if !ok {
		id = uint32(len(t.texts))
		s = t.arena.Copy(s)
		t.texts = append(t.texts, s)
		if len(m) < MaxDistinct {
			m[s] = id
		}
	}
	t.last[col] = id
	return id
}

// Text returns the text numbered id.
func (t *Texts) Text(id uint32) string {
	if id == 0 {
		return ""
	}
	return t.texts[id]
}

// Stored is the number of texts kept, the empty text included.
func (t *Texts) Stored() int { return len(t.texts) }

// Indexed is the number of texts of column col in the lookup table.
func (t *Texts) Indexed(col int) int {
	if col >= len(t.seen) {
		return 0
	}
	return len(t.seen[col])
}
