package site

import (
	"context"
	"runtime"
	"sync"
)

// forEach calls fn(i) for i in [0, n) on at most jobs goroutines (<= 0:
// GOMAXPROCS). Results are for fn to store at index i, so their order never
// depends on scheduling. After the first failure no new call starts; the
// error returned is the one of the lowest index that failed, so a broken
// build reports the same thing however many workers ran it.
func forEach(ctx context.Context, n, jobs int, fn func(i int) error) error {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	jobs = min(jobs, n)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			for i := range next {
				if errs[i] = fn(i); errs[i] != nil {
					cancel()
				}
			}
		})
	}
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return context.Cause(ctx) // nil unless the caller's ctx ended
}
