package runner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/pipedocs/pipedocs/runner/cache"
	"github.com/pipedocs/pipedocs/runner/proc"
)

// A Session is a sequence of steps that work together, as a reader
// following a page in one terminal would run them (SPEC §4.3): one
// working folder for all of them, the steps one after the other in
// order, each seeing what the ones before it left there. Sessions run in
// parallel with each other.
//
// A step is a Spec: a program run to its end (a transcript is one too),
// a file written (WriteFile), or a program started in the Background,
// which the session waits for until its output says it is ready and
// which lives, with everything it started, until the session ends. All
// the programs of a session are one proc.Group, killed at its end.
//
// A Go program builds with the files that WriteFile steps before it
// wrote: another source file, files for //go:embed. A
// go.mod or go.sum written by a step is only a file of the folder: the
// program still builds in the module of its Spec.ModuleDir. A Go program
// whose file ends in _test.go is a test: it builds with `go test -c` and
// every Go file in the folder at that point (written by a WriteFile step
// or the source of an earlier Go program), and its test binary runs in
// the folder.
//
// The results cache keys a step by its own description and the key of
// the step before it (SPEC §4.4), so a change to a step runs it and
// every step after it again, and nothing before it. Because the steps
// before a change may have left what the changed one needs (a file, a
// server), a session that has a step to run runs from its first step to
// the last one to run: the steps with a cached result among them run
// again for their effects, and their cached results stand; the steps
// after the last one to run are served from the cache and not run.
type Session struct {
	Name  string // what the session is, for messages: the page's path
	Steps []Spec
}

// steps returns the session's steps, each Go program's with the files it
// builds with in its pkgFiles (see Session).
func (s *Session) steps() []Spec {
	steps := make([]Spec, len(s.Steps))
	var files []File   // WriteFile steps so far, in order
	var sources []File // the sources of the Go programs so far
	for i, st := range s.Steps {
		steps[i] = st
		steps[i].shared = len(s.Steps) > 1
		switch {
		case st.Kind == WriteFile && !st.FolderOnly:
			files = append(files, File{Name: st.File, Data: st.Source, Line: st.SourceLine})
		case st.Lang == golang && st.Commands == nil:
			name := st.fileName(".go")
			var with []File
			for _, f := range files {
				if isGoTest(name) || !isGoTest(f.Name) {
					with = append(with, f)
				}
			}
			if isGoTest(name) {
				with = append(with, sources...)
			}
			steps[i].pkgFiles = packageFiles(with, name)
			src := File{Name: name, Data: st.Source}
			if st.SourceLines == nil { // a program in parts has no one first line
				src.Line = st.SourceLine
			}
			sources = append(sources, src)
		}
	}
	return steps
}

// packageFiles are files, in order, as a Go package whose own file is
// main sees them: the last one written under a name wins, and the
// folder's module files and main itself are not among them.
func packageFiles(files []File, main string) []File {
	last := make(map[string]int, len(files))
	for i, f := range files {
		last[f.Name] = i
	}
	var out []File
	for i, f := range files {
		if last[f.Name] != i || f.Name == main || f.Name == "go.mod" || f.Name == "go.sum" || f.Name == "go.work" {
			continue
		}
		out = append(out, f)
	}
	return out
}

// isGoTest reports whether a Go file is a test file.
func isGoTest(file string) bool { return strings.HasSuffix(path.Base(file), "_test.go") }

// fileKeyTag versions the key of a WriteFile step.
const fileKeyTag = "pipedocs-file-v1"

// chainTag versions how a step's key covers the steps before it.
const chainTag = "pipedocs-session-v1"

// chain is the key of a step whose own key is own, after a step whose
// key is prev. The first step of a session keeps its own key, so that a
// page of one snippet is keyed as that snippet alone.
func chain(prev, own cache.Key, first bool) cache.Key {
	if first {
		return own
	}
	h := cache.NewHash(chainTag)
	h.Bytes(prev[:])
	h.Bytes(own[:])
	return h.Sum()
}

// A sessionRun is a session that runs: its steps are steps[lo:end] of
// a RunSessions (those after end are served from the cache, and nothing
// after them needs what they leave), and those not fresh replay: they
// run for their effects, and their cached results stand.
type sessionRun struct {
	steps   []Spec
	plans   []plan
	results []Result
	errs    []error
	lo, end int
	fresh   []bool // by j-lo: the step's result is computed anew
	t       *tally
}

// planSession plans the steps lo..hi-1 of a RunSessions, keys them and
// serves what the cache has. It returns the session's run, or nil when
// nothing of it needs to run.
func (r *Runner) planSession(ctx context.Context, steps []Spec, plans []plan, results []Result, errs []error, lo, hi int, t *tally) *sessionRun {
	sr := &sessionRun{steps: steps, plans: plans, results: results, errs: errs, lo: lo, end: lo, fresh: make([]bool, hi-lo), t: t}
	var prev cache.Key
	tainted := false // a step failed to plan: the ones after it run anew
	for j := lo; j < hi; j++ {
		s := &steps[j]
		if s.Kind == WriteFile {
			if err := s.check(); err != nil {
				errs[j] = fmt.Errorf("runner: %w", err)
				tainted = true
				continue
			}
			h := cache.NewHash(fileKeyTag)
			h.Str(s.File)
			h.Bytes(s.Source)
			h.Bool(s.FolderOnly)
			plans[j] = plan{file: s.File, key: h.Sum()}
		} else {
			p, err := r.prepare(ctx, s)
			if err != nil {
				errs[j] = err
				t.finish(false)
				tainted = true
				continue
			}
			plans[j] = p
		}
		plans[j].key = chain(prev, plans[j].key, j == lo)
		prev = plans[j].key
		if s.Kind == WriteFile {
			continue
		}
		if res, ok := r.lookup(&plans[j]); ok && !tainted {
			results[j] = localize(s, &plans[j], res)
			continue
		}
		if r.cachedOnly {
			errs[j] = ErrNotCached
			continue
		}
		sr.fresh[j-lo], sr.end = true, j+1
	}
	// What is not run is done now.
	for j := sr.end; j < hi; j++ {
		if steps[j].Kind != WriteFile && (errs[j] == nil || errors.Is(errs[j], ErrNotCached)) {
			t.finish(false)
		}
	}
	if sr.end == lo {
		return nil
	}
	return sr
}

// runSession runs the steps of sr in one folder and one process group.
func (r *Runner) runSession(ctx context.Context, sr *sessionRun, builds map[*module]*goBuild) {
	pl, err := newPlace()
	if err != nil {
		sr.notRun(err, sr.lo)
		return
	}
	defer pl.remove()
	g, err := proc.NewGroup(ctx)
	if err != nil {
		sr.notRun(fmt.Errorf("runner: %w", err), sr.lo)
		return
	}
	defer g.Kill()
	var bgs []*background
	for j := sr.lo; j < sr.end; j++ {
		s := &sr.steps[j]
		if sr.errs[j] != nil {
			continue // failed to plan; reported
		}
		if err := ctx.Err(); err != nil {
			sr.notRun(fmt.Errorf("runner: not run: %w", err), j)
			break
		}
		if s.Kind == WriteFile {
			if err := writeStepFile(pl.work, s); err != nil {
				sr.errs[j] = fmt.Errorf("runner: %w", err)
			}
			continue
		}
		sr.t.start()
		st, res, err := r.launch(ctx, g, pl, s, &sr.plans[j], builds[sr.plans[j].mod], j)
		switch {
		case err != nil || st == nil:
			sr.done(r, j, res, err)
		case s.Kind == Background:
			bgs = append(bgs, startBackground(j, st, s))
		default:
			res, err := st.wait(s.Lang)
			if err == nil {
				res, err = r.rerunMerged(ctx, s, &sr.plans[j], builds[sr.plans[j].mod], j, res)
			}
			sr.done(r, j, res, err)
		}
	}
	// The session is over: its background programs go, and their results
	// are what they printed until now, once they have had their say.
	running := make([]bool, len(bgs))
	for i, bg := range bgs {
		if ctx.Err() == nil {
			bg.settle()
		}
		running[i] = bg.running()
	}
	g.Kill()
	for i, bg := range bgs {
		res, err := bg.result(running[i], sr.steps[bg.j].Lang)
		sr.done(r, bg.j, res, err)
	}
}

// done records res and err as the result of step j, and stores it in
// the cache, unless the step only replayed.
func (sr *sessionRun) done(r *Runner, j int, res Result, err error) {
	defer sr.t.finish(true)
	if !sr.fresh[j-sr.lo] {
		return // its cached result stands
	}
	if err == nil {
		r.store(&sr.plans[j], res)
	}
	sr.results[j], sr.errs[j] = localize(&sr.steps[j], &sr.plans[j], res), err
}

// notRun gives the steps from j on that have no error yet err, or, for
// a step that would only have replayed, leaves its cached result.
func (sr *sessionRun) notRun(err error, j int) {
	for ; j < sr.end; j++ {
		if sr.steps[j].Kind == WriteFile || sr.errs[j] != nil {
			continue
		}
		if sr.fresh[j-sr.lo] {
			sr.errs[j] = err
		}
		sr.t.finish(false)
	}
}

// writeStepFile writes a WriteFile step's file into the folder work.
func writeStepFile(work string, s *Spec) error {
	name := filepath.Join(work, filepath.FromSlash(s.File))
	if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
		return err
	}
	return os.WriteFile(name, s.Source, 0o644)
}

// writeFiles writes files into the folder dir.
func writeFiles(dir string, files []File) error {
	for _, f := range files {
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
			return err
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writeFilesIfChanged is writeFiles for a kept build area, where the
// files may be there already (see writeIfChanged).
func writeFilesIfChanged(dir string, files []File) error {
	for _, f := range files {
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
			return err
		}
		if err := writeIfChanged(name, f.Data); err != nil {
			return err
		}
	}
	return nil
}

// filesDigest is what of a Go package's other files names its package
// in a kept build area (see buildarea.go): their names and contents.
func filesDigest(files []File) []byte {
	h := cache.NewHash(fileKeyTag)
	for _, f := range files {
		h.Str(f.Name)
		h.Bytes(f.Data)
	}
	k := h.Sum()
	return k[:]
}

// partPositions is articlePositions for a program whose lines are at
// lines in path (Spec.SourceLines). A position past them is left alone.
func partPositions(out []byte, file, path string, lines []int) []byte {
	if path == "" {
		return out
	}
	re := regexp.MustCompile(`(?m)(^|[\s(])` + regexp.QuoteMeta(file) + `:(\d+)`)
	return re.ReplaceAllFunc(out, func(m []byte) []byte {
		sub := re.FindSubmatch(m)
		n, err := strconv.Atoi(string(sub[2]))
		if err != nil || n < 1 || n > len(lines) {
			return m
		}
		return fmt.Appendf(nil, "%s%s:%d", sub[1], path, lines[n-1])
	})
}
