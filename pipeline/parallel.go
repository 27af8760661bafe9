package pipeline

import (
	"context"
	"runtime"

	"golang.org/x/sync/errgroup"
)

// forEach calls f(k) for every k in [0, n), on at most as many goroutines
// as there are processors, and returns when all calls have. It stops
// starting calls once ctx is done and then returns ctx's error. f must
// touch only what belongs to its k.
func forEach(ctx context.Context, n int, f func(k int)) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for k := range n {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			f(k)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}
