package site

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// forEach calls fn(i) for i in [0, n) on at most jobs goroutines (<= 0:
// GOMAXPROCS). Results are for fn to store at index i, so their order never
// depends on scheduling. After the first failure, or once ctx is done, no
// new call starts; the error returned is the one of the lowest index that
// failed, so a broken build reports the same thing however many workers
// ran it, else ctx's cause.
//
// The workers are started once and take the next index from a counter:
// a page is a few hundred microseconds of work, and a goroutine and a
// semaphore hand-off per page (errgroup's Go with SetLimit) woke a
// parked thread for most of them.
func forEach(ctx context.Context, n, jobs int, fn func(i int) error) error {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	jobs = min(jobs, n)
	errs := make([]error, n)
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			for !failed.Load() && ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if errs[i] = fn(i); errs[i] != nil {
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return context.Cause(ctx) // nil unless the caller's ctx ended
}
