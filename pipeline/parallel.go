package pipeline

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// forEach calls f(k) for every k in [0, n), on as many goroutines as
// there are processors, taking the ks in order; it returns when all calls
// have. f must touch only what belongs to its k.
func forEach(n int, f func(k int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for k := range n {
			f(k)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for k := int(next.Add(1)) - 1; k < n; k = int(next.Add(1)) - 1 {
				f(k)
			}
		})
	}
	wg.Wait()
}

// checkChunk is how many lines one task of the line rules checks.
const checkChunk = 1 << 15

// lineChunk is a run of one voucher's lines, checked by one goroutine.
type lineChunk struct {
	lines    *Lines
	lo, hi   int
	rejected []rejection // in line order
}

type rejection struct {
	i      int
	reason Reason
	detail string
}

// checkLines applies the line rules to every line of every voucher, in
// chunks on every processor. A chunk's lines are checked with a copy of lr
// (its voucher cache is its own) and rejected afterwards, in order, since
// a rejection's detail goes into its voucher's text table.
func checkLines(lr *lineRules, lines map[Voucher]*Lines) {
	var chunks []*lineChunk
	for _, v := range Vouchers {
		ls := lines[v]
		for lo := 0; lo < ls.Len(); lo += checkChunk {
			chunks = append(chunks, &lineChunk{lines: ls, lo: lo, hi: min(lo+checkChunk, ls.Len())})
		}
	}
	forEach(len(chunks), func(k int) {
		c := chunks[k]
		rules := *lr
		rules.last = nil
		for i := c.lo; i < c.hi; i++ {
			l := c.lines.Line(i)
			if reason, detail := rules.check(&l); reason != "" {
				c.rejected = append(c.rejected, rejection{i, reason, detail})
			} else {
				c.lines.pass(i)
			}
		}
	})
	for _, c := range chunks {
		for _, r := range c.rejected {
			c.lines.reject(r.i, r.reason, r.detail)
		}
	}
}
