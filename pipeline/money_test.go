package pipeline

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestMoneyFloat64 checks the fast conversion against parsing the text,
// the definition, on edge cases and random amounts of every magnitude.
func TestMoneyFloat64(t *testing.T) {
	slow := func(m Money) float64 { f, _ := strconv.ParseFloat(m.String(), 64); return f }
	ms := []Money{0, 1, -1, 5, 10, 99, 100, 101, 123456, -123456, 1<<53 - 1, 1 << 53, 1<<53 + 1, -1 << 53, -1<<53 - 1,
		MaxAmount, -MaxAmount, 1<<63 - 1, -1 << 63}
	r := rand.New(rand.NewPCG(3, 4))
	for range 200000 {
		ms = append(ms, Money(r.Int64N(1<<uint(r.IntN(62)+1)))*Money(1-2*r.IntN(2)))
	}
	for _, m := range ms {
		if got, want := m.Float64(), slow(m); got != want {
			t.Fatalf("Money(%d).Float64() = %v, want %v", int64(m), got, want)
		}
	}
}
