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

// Once ctx is done no new call starts, and its cause comes back.
func TestForEachStopsFeeding(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	stop := errors.New("stop")
	var calls atomic.Int32
	err := forEach(ctx, 1000, 2, func(i int) error {
		if calls.Add(1) == 5 {
			cancel(stop)
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Errorf("err = %v, want the cause of the cancel", err)
	}
	if n := calls.Load(); n > 8 {
		t.Errorf("%d calls after cancelling at the 5th, want no more than the workers in flight", n)
	}
}
