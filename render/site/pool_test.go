package site

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

func TestForEach(t *testing.T) {
	for _, jobs := range []int{1, 8, 0} {
		t.Run(fmt.Sprint("jobs=", jobs), func(t *testing.T) {
			got := make([]int, 100)
			if err := forEach(context.Background(), len(got), jobs, func(i int) error {
				got[i] = i * i
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			for i, v := range got {
				if v != i*i {
					t.Fatalf("got[%d] = %d: a result is not at its input's index", i, v)
				}
			}

			// Two failures: the lowest index's error wins, whatever the
			// workers' order.
			err := forEach(context.Background(), 100, jobs, func(i int) error {
				if i == 70 || i == 30 {
					return fmt.Errorf("item %d", i)
				}
				return nil
			})
			if err == nil || err.Error() != "item 30" {
				t.Errorf("err = %v, want item 30", err)
			}
		})
	}
}

// Once ctx is done no new call starts, and its cause comes back. Only the
// calls that start after cancel has returned count: the canceller itself
// may be descheduled between deciding to cancel and cancelling, while the
// other worker goes on.
func TestForEachStopsFeeding(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	stop := errors.New("stop")
	var calls, late atomic.Int32
	var cancelled atomic.Bool
	const jobs = 2
	err := forEach(ctx, 1000, jobs, func(i int) error {
		if cancelled.Load() {
			late.Add(1)
		}
		if calls.Add(1) == 5 {
			cancel(stop)
			cancelled.Store(true)
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Errorf("err = %v, want the cause of the cancel", err)
	}
	// At most one call per worker can have been handed out before the
	// feeder saw ctx done.
	if n := late.Load(); n > jobs {
		t.Errorf("%d calls started after the cancel, want at most %d (the workers in flight)", n, jobs)
	}
}
