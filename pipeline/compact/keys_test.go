package compact

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestFirstWithKey checks the duplicate finder against a map, with the
// real hash and with hashes that collide for unequal keys.
func TestFirstWithKey(t *testing.T) {
	hashes := map[string]func([]byte) uint64{
		"constant": func([]byte) uint64 { return 42 },
		"length":   func(k []byte) uint64 { return uint64(len(k)) << 60 },
		"first byte": func(k []byte) uint64 {
			if len(k) == 0 {
				return 0
			}
			return uint64(k[0]) * 0x9E3779B97F4A7C15
		},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 7, 100, 5000} {
		keys := make([]string, n)
		for i := range keys {
			keys[i] = fmt.Sprintf("k%d", r.IntN(max(1, n/3)))
		}
		keyOf := func(i int, buf []byte) []byte { return append(buf, keys[i]...) }
		want := make([]int32, n)
		seen := map[string]int32{}
		for i, k := range keys {
			if _, ok := seen[k]; !ok {
				seen[k] = int32(i)
			}
			want[i] = seen[k]
		}
		check := func(name string, got []int32) {
			t.Helper()
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("%s, %d keys: item %d (%q) -> %d, want %d", name, n, i, keys[i], got[i], want[i])
				}
			}
		}
		check("maphash", FirstWithKey(n, keyOf))
		for name, h := range hashes {
			check(name, firstWithKeyHash(n, keyOf, h))
		}
	}
}
