package runner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pipedocs/pipedocs/runner/cache"
	"github.com/pipedocs/pipedocs/runner/proc"
)

// A plan is what is known about one spec before it runs.
type plan struct {
	file      string   // its file name on disk
	command   []string // its runner's command as configured; goCommand for Go
	argv      []string // command with its program resolved (Definition.Program)
	toolchain string
	key       cache.Key // meaningful only when the Runner has a cache
	mod       *module   // the module a Go snippet builds in; nil: none
}

// prepare checks s and works out its plan. It may ask s's toolchain for
// its version, once per Runner and language.
func (r *Runner) prepare(ctx context.Context, s *Spec) (plan, error) {
	if !r.Has(s.Lang) {
		return plan{}, fmt.Errorf("no runner for language %q", s.Lang)
	}
	if err := s.check(); err != nil {
		return plan{}, fmt.Errorf("runner %s: %w", s.Lang, err)
	}
	p := plan{file: s.fileName(r.Extension(s.Lang))}
	if r.isGo(s.Lang) {
		if !strings.HasSuffix(p.file, ".go") {
			return plan{}, fmt.Errorf("runner go: file name %q: must end in .go", p.file)
		}
		m, err := r.module(s.ModuleDir)
		if err != nil {
			return plan{}, fmt.Errorf("runner go: %w", err)
		}
		p.command, p.mod = goCommand, m
	} else {
		p.command = r.defs[s.Lang].Command
	}
	tc, err := r.toolchain(ctx, s.Lang)
	if err != nil {
		return plan{}, err
	}
	p.toolchain = tc.name
	p.argv = tc.resolve(p.command[0], p.command)
	if r.cache != nil {
		deps, err := r.localDeps(ctx, p.mod, s.Source)
		if err != nil {
			return plan{}, fmt.Errorf("runner go: %w", err)
		}
		// The configured command, not the resolved path, goes into the
		// key: the toolchain's version already says which program ran.
		p.key = key(s, p.file, p.command, tc.name, r.path, p.mod, deps, r.namedPrograms(s))
	}
	return p, nil
}

// lookup returns the cached result of p, if there is a sound one.
func (r *Runner) lookup(p *plan) (Result, bool) {
	if r.cache == nil {
		return Result{}, false
	}
	data, ok := r.cache.Get(p.key)
	if !ok {
		return Result{}, false
	}
	return decodeEntry(data)
}

// store remembers res as p's result. A failed write is not an error of
// the run: the cache only saves time, and the next build runs p again.
// It is counted, for CacheErrors.
func (r *Runner) store(p *plan, res Result) {
	if r.cache == nil || !cacheable(res) {
		return
	}
	data, err := encodeEntry(res)
	if err == nil {
		err = r.cache.Put(p.key, data)
	}
	if err != nil {
		r.mu.Lock()
		if r.storeErrs == 0 {
			r.storeErr = err
		}
		r.storeErrs++
		r.mu.Unlock()
	}
}

// CacheErrors returns how many results the results cache failed to keep
// since the Runner was made, and the first such error, so a command can
// say so once rather than per snippet.
func (r *Runner) CacheErrors() (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.storeErrs, r.storeErr
}

// localize turns a result that holds for s wherever it sits into the
// result for s in its article: compiler positions move there.
func localize(s *Spec, p *plan, res Result) Result {
	if res.BuildFailed {
		res.Output = articlePositions(res.Output, p.file, s.SourcePath, max(s.SourceLine, 1))
	}
	return res
}

// execute runs s, the i-th spec of a RunAll whose Go snippets b builds.
//
// Each run gets a fresh temporary folder, in pipedocs' scratch folder
// (proc.TempDir, which the next start sweeps if we crash):
//
//	work/       the working directory, HOME and TMPDIR: s's file in it,
//	            and a Go snippet's binary, NAME for NAME.go, which runs
//	            as ./NAME
//
// The folder goes when the run ends; proc.Run has by then killed every
// process the run started, so nothing can still be writing into it.
func (r *Runner) execute(ctx context.Context, s *Spec, p *plan, b *goBuild, i int) (Result, error) {
	root, err := proc.MkdirTemp("run-*")
	if err != nil {
		return Result{}, fmt.Errorf("runner: %w", err)
	}
	defer os.RemoveAll(root)
	work := filepath.Join(root, "work")
	if err := os.Mkdir(work, 0o777); err != nil {
		return Result{}, fmt.Errorf("runner: %w", err)
	}
	// Executable, so a configured runner may run the file itself
	// (command = ["{file}"]) when it starts with a #! line. A transcript
	// has no file: its folder is the page's, as the reader's would be.
	if err := writeSource(work, p.file, s); err != nil {
		return Result{}, fmt.Errorf("runner: %w", err)
	}

	var argv []string
	var exe, marker string
	extra := s.Env
	switch {
	case s.Commands != nil:
		if argv, marker, err = transcriptArgv(p.argv[0], s.Commands); err != nil {
			return Result{}, fmt.Errorf("runner: %w", err)
		}
		extra = append(goCaches(), s.Env...)
	case r.isGo(s.Lang):
		<-b.done
		if b.err != nil {
			return Result{}, b.err
		}
		// os.Args[0] is short and stable (SPEC §4.2): the program
		// runs as ./NAME in its folder, as after `go build`.
		exe = "./" + exeName(p.file)
		if out, failed, err := b.install(i, filepath.Join(work, exe)); err != nil {
			return Result{}, fmt.Errorf("runner: %w", err)
		} else if failed {
			return Result{Output: out, BuildFailed: true, Toolchain: p.toolchain}, nil
		}
		argv = append([]string{exe}, s.Args...)
	default:
		argv = commandLine(p.argv, p.file, s.Args)
	}

	env := runEnv(r.runPath(), work, extra)
	out, err := proc.Run(ctx, proc.Cmd{
		Path:        argv[0],
		Args:        argv,
		Dir:         work,
		Env:         env,
		Stdin:       s.Stdin,
		Timeout:     s.Timeout,
		OutputLimit: s.OutputLimit,
	})
	res := Result{
		Output:    out.Output,
		Exit:      out.ExitCode,
		TimedOut:  out.TimedOut,
		OverLimit: out.OverLimit,
		Duration:  out.Duration,
		Toolchain: p.toolchain,
		Dir:       work,
		Home:      envValue(env, "HOME"),
		TmpDir:    envValue(env, "TMPDIR"),
		Exe:       exe,
	}
	if out.Signal != 0 {
		res.Signal = out.Signal.String()
	}
	if s.Commands != nil {
		res.Steps = splitSteps(out.Output, marker, len(s.Commands), out.ExitCode)
		res.Output = joinSteps(res.Steps)
	}
	if err != nil {
		return res, fmt.Errorf("runner %s: %w", s.Lang, err)
	}
	return res, nil
}

// envValue is the value of k in env, "" when it is not set.
func envValue(env []string, k string) string {
	for _, kv := range env {
		if name, v, ok := strings.Cut(kv, "="); ok && name == k {
			return v
		}
	}
	return ""
}

// commandLine is a runner's command with "{file}" replaced, followed by
// the snippet's arguments. The file is named relative to the working
// directory, so that what an interpreter prints about it (a traceback,
// "main.sh: line 3: nope: command not found") is the same on every run;
// as the program itself it needs a "./", or it would be looked up in PATH.
func commandLine(command []string, file string, args []string) []string {
	argv := make([]string, 0, len(command)+len(args))
	for j, a := range command {
		if j == 0 && a == "{file}" {
			argv = append(argv, "./"+file)
			continue
		}
		argv = append(argv, strings.ReplaceAll(a, "{file}", file))
	}
	return append(argv, args...)
}
