package compact

import (
	"bytes"
	"cmp"
	"hash/maphash"
	"math/bits"
	"slices"
)

// FirstWithKey returns, for each of n items, the first item (the lowest
// index) whose key equals its own; keyOf appends item i's key to buf.
// Keys are hashed
// to 64 bits and sorted, which walks memory in order instead of probing a
// table of a million entries; items whose hashes are equal are then
// compared by their keys, so the answer never depends on the hash.
func FirstWithKey(n int, keyOf func(i int, buf []byte) []byte) []int32 {
	seed := maphash.MakeSeed()
	return firstWithKeyHash(n, keyOf, func(key []byte) uint64 { return maphash.Bytes(seed, key) })
}

// firstWithKeyHash is FirstWithKey with the hash function given (tests
// give one that collides).
func firstWithKeyHash(n int, keyOf func(i int, buf []byte) []byte, hash func([]byte) uint64) []int32 {
	hs := make([]hashed, n)
	var buf []byte
	for i := range hs {
		buf = keyOf(i, buf[:0])
		hs[i] = hashed{hash(buf), int32(i)}
	}
	hs = sortByHash(hs)
	first := make([]int32, n)
	type rep struct {
		key []byte
		i   int32
	}
	var reps []rep
	for lo := 0; lo < len(hs); {
		hi := lo + 1
		for hi < len(hs) && hs[hi].h == hs[lo].h {
			hi++
		}
		if hi == lo+1 {
			first[hs[lo].i] = hs[lo].i
			lo = hi
			continue
		}
		// Items sharing a hash, in index order: each takes the first
		// earlier item with an equal key, or starts a key of its own.
		reps = reps[:0]
	items:
		for _, x := range hs[lo:hi] {
			buf = keyOf(int(x.i), buf[:0])
			for _, r := range reps {
				if bytes.Equal(r.key, buf) {
					first[x.i] = r.i
					continue items
				}
			}
			reps = append(reps, rep{bytes.Clone(buf), x.i})
			first[x.i] = x.i
		}
		lo = hi
	}
	return first
}

// sortByHash orders items by hash, and items of equal hash by index: a
// counting sort on the top bits of the hash, which keeps index order,
// then a stable sort of each (small) bucket.
func sortByHash(hs []hashed) []hashed {
	shift := 64 - min(max(bits.Len(uint(len(hs)))-4, 1), 16)
	start := make([]int, 1<<(64-shift)+1)
	for _, x := range hs {
		start[x.h>>shift+1]++
	}
	for b := 1; b < len(start); b++ {
		start[b] += start[b-1]
	}
	sorted := make([]hashed, len(hs))
	next := slices.Clone(start[:len(start)-1])
	for _, x := range hs {
		b := x.h >> shift
		sorted[next[b]] = x
		next[b]++
	}
	for b := 0; b < len(start)-1; b++ {
		slices.SortStableFunc(sorted[start[b]:start[b+1]], func(x, y hashed) int { return cmp.Compare(x.h, y.h) })
	}
	return sorted
}

// hashed is an item and the hash of its key.
type hashed struct {
	h uint64
	i int32
}
