package site

import (
	"context"
	"runtime"

	"golang.org/x/sync/errgroup"
)

// forEach calls fn(i) for i in [0, n) on at most jobs goroutines (<= 0:
// GOMAXPROCS). Results are for fn to store at index i, so their order never
// depends on scheduling. After the first failure, or once ctx is done, no
// new call starts; the error returned is the one of the lowest index that
// failed, so a broken build reports the same thing however many workers
// ran it, else ctx's cause.
func forEach(ctx context.Context, n, jobs int, fn func(i int) error) error {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(jobs)
	errs := make([]error, n)
	for i := range n {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			errs[i] = fn(i)
			return errs[i]
		})
	}
	g.Wait() // every error is in errs
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return context.Cause(ctx) // nil unless the caller's ctx ended
}
