package runner

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"golang.org/x/sync/errgroup"
)

// ErrNotCached is a spec's error when the Runner may only serve cached
// results (Config.CachedOnly) and has none for it.
var ErrNotCached = errors.New("no cached result, and running is off")

// RunAll runs specs, at most jobs at a time (jobs <= 0: one per CPU),
// and returns results[i] and errs[i] for specs[i], whatever the order in
// which the runs finished. progress, when not nil, is called after each
// spec is done with how many are done, how many are running and how many
// there are; the calls never overlap, so it needs no lock of its own.
//
// It works in three stages:
//
//  1. plan, in order: check each spec, ask toolchains their versions,
//     and serve what the results cache has;
//  2. build, in the background: one go build for all Go snippets left
//     of each module they build in (see golang.go);
//  3. run, at most jobs at a time: the other snippets start at once, Go
//     ones as soon as the build is done; each result goes into the
//     cache. Once ctx is done no more runs start: the specs left fail
//     with ctx's error.
func (r *Runner) RunAll(ctx context.Context, specs []Spec, jobs int, progress func(done, running, total int)) ([]Result, []error) {
	results := make([]Result, len(specs))
	errs := make([]error, len(specs))
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	t := &tally{total: len(specs), report: progress}
	// Only a run that names a program builds them: no other key needs
	// a program's digest.
	if r.NamesPrograms(specs) {
		if err := r.BuildPrograms(ctx); err != nil {
			for i := range specs {
				errs[i] = err
				t.finish(false)
			}
			return results, errs
		}
	}

	plans := make([]plan, len(specs))
	var todo, goIdx []int
	for i := range specs {
		s := &specs[i]
		p, err := r.prepare(ctx, s)
		if err != nil {
			errs[i] = err
			t.finish(false)
			continue
		}
		plans[i] = p
		if res, ok := r.lookup(&p); ok {
			results[i] = localize(s, &p, res)
			t.finish(false)
			continue
		}
		if r.cachedOnly {
			errs[i] = ErrNotCached
			t.finish(false)
			continue
		}
		todo = append(todo, i)
		if r.isGo(s.Lang) {
			goIdx = append(goIdx, i)
		}
	}

	// One build per module: a snippet sees only its own module's
	// requirements, whatever other articles build in.
	builds := make(map[*module]*goBuild)
	for _, idx := range byModule(plans, goIdx) {
		p := &plans[idx[0]]
		b := r.startGoBuild(ctx, specs, idx, p.toolchain, p.mod)
		defer b.remove()
		builds[p.mod] = b
	}

	// Work is fed only while ctx lives: once it is done, the specs not
	// yet started fail with its error, in their own place.
	var g errgroup.Group
	g.SetLimit(jobs)
	for n, i := range todo {
		if err := ctx.Err(); err != nil {
			for _, i := range todo[n:] {
				errs[i] = fmt.Errorf("runner: not run: %w", err)
				t.finish(false)
			}
			break
		}
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				errs[i] = fmt.Errorf("runner: not run: %w", err)
				t.finish(false)
				return nil
			}
			t.start()
			res, err := r.execute(ctx, &specs[i], &plans[i], builds[plans[i].mod], i)
			if err == nil {
				r.store(&plans[i], res)
			}
			results[i], errs[i] = localize(&specs[i], &plans[i], res), err
			t.finish(true)
			return nil
		})
	}
	g.Wait()
	return results, errs
}

// byModule groups the spec indexes idx by the module they build in, in
// the order each module first appears.
func byModule(plans []plan, idx []int) [][]int {
	var groups [][]int
	at := make(map[*module]int)
	for _, i := range idx {
		m := plans[i].mod
		g, ok := at[m]
		if !ok {
			g = len(groups)
			at[m] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	return groups
}

// A tally counts a RunAll's progress and reports it.
type tally struct {
	mu            sync.Mutex
	done, running int
	total         int
	report        func(done, running, total int)
}

func (t *tally) start() {
	t.mu.Lock()
	t.running++
	t.mu.Unlock()
}

// finish counts one more spec done; ran says whether it was running
// (rather than served from the cache or rejected).
func (t *tally) finish(ran bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.done++
	if ran {
		t.running--
	}
	if t.report != nil {
		t.report(t.done, t.running, t.total)
	}
}
