package runner

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pipedocs/pipedocs/runner/cache"
)

// Results come back in the order of the specs, whatever the number of
// workers; progress counts every spec once.
func TestRunAllOrder(t *testing.T) {
	r := newRunner(t, Config{})
	var specs []Spec
	for i := range 8 {
		switch i % 3 {
		case 0:
			specs = append(specs, spec("sh", fmt.Sprintf("sleep 0.0%d; echo sh %d; exit %d", 8-i, i, i)))
		case 1:
			specs = append(specs, spec("go", fmt.Sprintf("package main\n\nimport \"os\"\n\nfunc main() { println(\"go %d\"); os.Exit(%d) }\n", i, i)))
		case 2:
			specs = append(specs, spec("bash", fmt.Sprintf("echo bash %d >&2; exit %d", i, i)))
		}
	}
	specs = append(specs, spec("nope", "")) // an error keeps its place too

	var outcomes [][]string
	for _, jobs := range []int{1, 4} {
		var calls, lastDone int
		results, errs := r.RunAll(context.Background(), specs, jobs, func(done, running, total int) {
			calls++
			if done != lastDone+1 || total != len(specs) || running < 0 || running > jobs {
				t.Errorf("jobs=%d: progress(%d, %d, %d) after done=%d", jobs, done, running, total, lastDone)
			}
			lastDone = done
		})
		if calls != len(specs) {
			t.Errorf("jobs=%d: %d progress calls, want %d", jobs, calls, len(specs))
		}
		var got []string
		for i, res := range results {
			got = append(got, fmt.Sprintf("%q exit %d err %v", res.Output, res.Exit, errs[i]))
		}
		outcomes = append(outcomes, got)
		for i := range 8 {
			want := fmt.Sprintf("%s %d\n", specs[i].Lang, i)
			if string(results[i].Output) != want || results[i].Exit != i {
				t.Errorf("jobs=%d: spec %d: %q exit %d, want %q exit %d", jobs, i, results[i].Output, results[i].Exit, want, i)
			}
		}
		if errs[8] == nil {
			t.Errorf("jobs=%d: unknown language ran", jobs)
		}
	}
	if !reflect.DeepEqual(outcomes[0], outcomes[1]) {
		t.Errorf("jobs=1 and jobs=4 disagree:\n%q\n%q", outcomes[0], outcomes[1])
	}
}

// Once ctx is done no run starts: the specs left fail with ctx's error,
// each in its own place, and progress still counts every one.
func TestRunAllStopsFeeding(t *testing.T) {
	r := newRunner(t, Config{})
	c := counter(filepath.Join(t.TempDir(), "runs"))
	var specs []Spec
	for i := range 6 {
		specs = append(specs, withEnv(spec("sh", fmt.Sprintf(`echo run >> "$COUNTER"; echo %d`, i)), "COUNTER="+string(c)))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	results, errs := r.RunAll(ctx, specs, 1, func(done, running, total int) {
		calls++
		if done == 1 {
			cancel()
		}
	})
	if string(results[0].Output) != "0\n" || errs[0] != nil {
		t.Fatalf("spec 0: %q, %v; want it run", results[0].Output, errs[0])
	}
	for i := 1; i < len(specs); i++ {
		if !errors.Is(errs[i], context.Canceled) || len(results[i].Output) != 0 {
			t.Errorf("spec %d: %q, %v; want not run, with context.Canceled", i, results[i].Output, errs[i])
		}
	}
	if n := c.runs(t); n != 1 {
		t.Errorf("%d specs ran, want 1", n)
	}
	if calls != len(specs) {
		t.Errorf("%d progress calls, want %d", calls, len(specs))
	}
}

// rendezvousStore is a remote cache that holds the first lookup until a
// second one is in flight beside it (or a long timeout passes): with
// lookups one after the other, that second one never comes.
type rendezvousStore struct {
	first   sync.Once
	arrived chan struct{}
	met     atomic.Bool
}

func (s *rendezvousStore) Get(cache.Key) ([]byte, bool) {
	held := false
	s.first.Do(func() { held = true })
	if !held {
		select {
		case s.arrived <- struct{}{}:
		default:
		}
		return nil, false
	}
	select {
	case <-s.arrived:
		s.met.Store(true)
	case <-time.After(20 * time.Second):
	}
	return nil, false
}

func (s *rendezvousStore) Put(cache.Key, []byte) error { return nil }

// A remote lookup is a round trip: sessions are planned several at once,
// not one after the other, even with one job.
func TestRunSessionsPlansAtOnce(t *testing.T) {
	remote := &rendezvousStore{arrived: make(chan struct{})}
	r := newRunner(t, Config{CacheDir: t.TempDir(), Remote: remote})
	var sessions []Session
	for i := range 8 {
		sessions = append(sessions, Session{Steps: []Spec{spec("sh", fmt.Sprintf("echo %d", i))}})
	}
	res, errs := r.RunSessions(context.Background(), sessions, 1, nil)
	for i := range sessions {
		if errs[i][0] != nil {
			t.Fatalf("session %d: %v", i, errs[i][0])
		}
		if got, want := string(res[i][0].Output), fmt.Sprintf("%d\n", i); got != want {
			t.Errorf("session %d printed %q, want %q", i, got, want)
		}
	}
	if !remote.met.Load() {
		t.Error("no two remote lookups were in flight at once")
	}
}
