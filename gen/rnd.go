package gen

import (
	"math"
	"math/rand/v2"

	"settle/pipeline"
)

// rnd is one deterministic random stream.
type rnd struct{ *rand.Rand }

func newRnd(seed int64, stream uint64) *rnd {
	return &rnd{rand.New(rand.NewPCG(uint64(seed), stream))}
}

// chance is true with probability p.
func (r *rnd) chance(p float64) bool { return r.Float64() < p }

// between is a uniform integer in [lo, hi].
func (r *rnd) between(lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// dateIn is a uniform day in [from, to].
func (r *rnd) dateIn(from, to pipeline.Date) pipeline.Date {
	return from + pipeline.Date(r.IntN(int(to-from)+1))
}

// logUniform draws x with log x uniform in [log lo, log hi].
func (r *rnd) logUniform(lo, hi float64) float64 {
	return lo * math.Exp(r.Float64()*math.Log(hi/lo))
}

// weighted picks an index with probability proportional to its weight.
func (r *rnd) weighted(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// skewed picks an index in [0, n) favouring small indexes: the first
// 1/k of the indexes get 1/sqrt(k) of the draws, a heavy-tailed mix of a few
// big applicants and many small ones.
func (r *rnd) skewed(n int) int {
	u := r.Float64()
	return int(float64(n) * u * u)
}

func pick[T any](r *rnd, xs []T) T { return xs[r.IntN(len(xs))] }

// charsFrom is a string of n characters drawn from alphabet.
func (r *rnd) charsFrom(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

const digits = "0123456789"
