package runner

import (
	"context"
	"errors"
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
// Each spec runs alone, in a folder of its own: RunAll is RunSessions
// with one session per spec.
func (r *Runner) RunAll(ctx context.Context, specs []Spec, jobs int, progress func(done, running, total int)) ([]Result, []error) {
	sessions := make([]Session, len(specs))
	for i := range specs {
		sessions[i] = Session{Steps: specs[i : i+1 : i+1]}
	}
	res, errs := r.RunSessions(ctx, sessions, jobs, progress)
	results := make([]Result, len(specs))
	flat := make([]error, len(specs))
	for i := range specs {
		results[i], flat[i] = res[i][0], errs[i][0]
	}
	return results, flat
}

// RunSessions runs sessions, at most jobs sessions at a time (jobs <= 0:
// one per CPU), each one's steps in order (see Session), and returns
// results[i][j] and errs[i][j] for sessions[i].Steps[j], whatever the
// order in which the runs finished. A WriteFile step has an empty
// Result. progress, when not nil, is called after each step that runs a
// program is done, with how many are done, how many are running and how
// many there are; the calls never overlap.
//
// It works in three stages:
//
//  1. plan, in order: check each step, ask toolchains their versions,
//     key each step (after the steps before it) and serve what the
//     results cache has;
//  2. build, in the background: one go build for all Go programs left
//     of each module they build in (see golang.go);
//  3. run, at most jobs sessions at a time, each session's steps one
//     after the other in a folder of its own; Go programs wait for their
//     build. Each result goes into the cache. Once ctx is done no more
//     steps start: the steps left fail with ctx's error.
func (r *Runner) RunSessions(ctx context.Context, sessions []Session, jobs int, progress func(done, running, total int)) ([][]Result, [][]error) {
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	flat, from := flatten(sessions)
	results := make([]Result, len(flat))
	errs := make([]error, len(flat))
	t := &tally{report: progress}
	for i := range flat {
		if flat[i].Kind != WriteFile {
			t.total++
		}
	}
	shape := func() ([][]Result, [][]error) {
		res := make([][]Result, len(sessions))
		es := make([][]error, len(sessions))
		for i := range sessions {
			res[i], es[i] = results[from[i]:from[i+1]:from[i+1]], errs[from[i]:from[i+1]:from[i+1]]
		}
		return res, es
	}
	// Only a run that names a program builds them: no other key needs
	// a program's digest.
	if r.NamesPrograms(flat) {
		if err := r.BuildPrograms(ctx); err != nil {
			for i := range flat {
				if flat[i].Kind != WriteFile {
					errs[i] = err
					t.finish(false)
				}
			}
			return shape()
		}
	}

	plans := make([]plan, len(flat))
	var runs []*sessionRun
	var goIdx []int
	for _, sr := range r.planSessions(ctx, flat, from, plans, results, errs, t) {
		if sr == nil {
			continue
		}
		runs = append(runs, sr)
		for j := sr.lo; j < sr.end; j++ {
			if errs[j] == nil && flat[j].Kind != WriteFile && r.isGo(flat[j].Lang) && !isGoTest(plans[j].file) {
				goIdx = append(goIdx, j)
			}
		}
	}

	// One build per module: a program sees only its own module's
	// requirements, whatever other articles build in.
	builds := make(map[*module]*goBuild)
	for _, idx := range byModule(plans, goIdx) {
		p := &plans[idx[0]]
		b := r.startGoBuild(ctx, flat, idx, p.toolchain, p.mod)
		defer b.remove()
		builds[p.mod] = b
	}

	// Work is fed only while ctx lives: once it is done, the sessions
	// not yet started fail with its error, in their own place.
	var g errgroup.Group
	g.SetLimit(jobs)
	for n, sr := range runs {
		if err := ctx.Err(); err != nil {
			for _, sr := range runs[n:] {
				sr.notRun(err, sr.lo)
			}
			break
		}
		g.Go(func() error {
			r.runSession(ctx, sr, builds)
			return nil
		})
	}
	g.Wait()
	return shape()
}

// planLimit bounds the sessions planned at once. Planning is mostly
// waiting: cache lookups on disk and, with a remote cache, a round trip
// each; so more go on at once than there are programs to run.
const planLimit = 16

// planSessions plans every session (see planSession), several at once;
// session i's run, or nil, is at index i. Each writes only its own
// steps' plans, results and errors.
func (r *Runner) planSessions(ctx context.Context, flat []Spec, from []int, plans []plan, results []Result, errs []error, t *tally) []*sessionRun {
	runs := make([]*sessionRun, len(from)-1)
	var g errgroup.Group
	g.SetLimit(planLimit)
	for i := range runs {
		g.Go(func() error {
			runs[i] = r.planSession(ctx, flat, plans, results, errs, from[i], from[i+1], t)
			return nil
		})
	}
	g.Wait()
	return runs
}

// flatten returns the steps of every session, one session after the
// other: session i's are flat[from[i]:from[i+1]].
func flatten(sessions []Session) (flat []Spec, from []int) {
	from = make([]int, len(sessions)+1)
	for i := range sessions {
		from[i] = len(flat)
		flat = append(flat, sessions[i].steps()...)
	}
	from[len(sessions)] = len(flat)
	return flat, from
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
