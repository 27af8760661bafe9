package pipeline

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func TestAllocate(t *testing.T) {
	cases := []struct {
		name       string
		claims     []Money
		pool       Money
		want       []Money
		wantFactor float64
	}{
		{"undersubscribed: awards are the after-cap amounts", []Money{100, 250}, 1000, []Money{100, 250}, 1},
		{"exactly full", []Money{400, 600}, 1000, []Money{400, 600}, 1},
		// 3 claims of 1.00 for a pool of 2.00: 0.666.. each, floor 0.66, two
		// fen left over; equal remainders go to the lowest USCCs.
		{"oversubscribed, ties by USCC", []Money{100, 100, 100}, 200, []Money{67, 67, 66}, 2.0 / 3},
		// 7/10 of 0.05, 0.15, 0.80: 0.035, 0.105, 0.56 -> 3, 10, 56 = 69; one
		// fen left goes to the largest remainder (0.5 of the first).
		{"oversubscribed, largest remainder", []Money{5, 15, 80}, 70, []Money{4, 10, 56}, 0.7},
		{"empty pool", []Money{100, 300}, 0, []Money{0, 0}, 0},
		{"zero claims among others", []Money{0, 300, 0}, 100, []Money{0, 100, 0}, 1.0 / 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			claims := make([]Claim, len(tc.claims))
			for i, c := range tc.claims {
				claims[i] = Claim{USCC: fmt.Sprintf("U%02d", i), AfterCap: c}
			}
			got, factor := Allocate(claims, tc.pool, 1)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("awards = %v, want %v", got, tc.want)
			}
			if factor != tc.wantFactor {
				t.Errorf("factor = %v, want %v", factor, tc.wantFactor)
			}
		})
	}
}

// TestAllocateTiesFollowUSCCNotInputOrder: the leftover fen goes to the
// smallest USCC even when it comes last.
func TestAllocateTiesFollowUSCCNotInputOrder(t *testing.T) {
	claims := []Claim{{"B", 100}, {"C", 100}, {"A", 100}}
	got, _ := Allocate(claims, 200, 1)
	if want := []Money{67, 66, 67}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("awards = %v, want %v", got, want)
	}
}

// TestAllocateProperties checks the money invariants over random inputs:
// no award above its claim, awards sum to the pool exactly when it is
// exceeded, to the claims otherwise; and amounts stay multiples of the unit.
func TestAllocateProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for iter := 0; iter < 2000; iter++ {
		unit := Money(1)
		if iter%5 == 0 {
			unit = 100
		}
		n := 1 + rng.IntN(40)
		claims := make([]Claim, n)
		var total Money
		for i := range claims {
			amt := Money(rng.Int64N(int64(Yuan(20_000_000))))
			if rng.IntN(10) == 0 {
				amt = Yuan(20_000_000)
			}
			amt -= amt % unit
			claims[i] = Claim{USCC: fmt.Sprintf("%03d", rng.IntN(1000)), AfterCap: amt}
			total += amt
		}
		pool := Money(rng.Int64N(int64(total)+1)) * 2
		pool -= pool % unit
		awards, factor := Allocate(claims, pool, unit)
		var sum Money
		for i, a := range awards {
			if a < 0 || a > claims[i].AfterCap || a%unit != 0 {
				t.Fatalf("iter %d: award %d of claim %d (unit %d)", iter, a, claims[i].AfterCap, unit)
			}
			sum += a
		}
		if total > pool && sum != pool {
			t.Fatalf("iter %d: oversubscribed awards sum to %d, pool %d", iter, sum, pool)
		}
		if total <= pool && (sum != total || factor != 1) {
			t.Fatalf("iter %d: undersubscribed awards sum to %d of %d, factor %v", iter, sum, total, factor)
		}
	}
}
