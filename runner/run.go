package runner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

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
		m, err := r.transcriptModule(s)
		if err != nil {
			return plan{}, fmt.Errorf("runner %s: %w", s.Lang, err)
		}
		p.mod = m
	}
	tc, err := r.toolchain(ctx, s.Lang)
	if err != nil {
		return plan{}, err
	}
	p.toolchain = tc.name
	p.argv = tc.resolve(p.command[0], p.command)
	if r.cache != nil {
		deps, err := r.localDeps(ctx, p.mod, s.Source)
		if s.Commands != nil {
			deps, err = r.moduleDeps(ctx, p.mod)
		}
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
	switch {
	case res.BuildFailed && s.SourceLines != nil:
		res.Output = partPositions(res.Output, p.file, s.SourcePath, s.SourceLines)
	case res.BuildFailed:
		res.Output = articlePositions(res.Output, p.file, s.SourcePath, max(s.SourceLine, 1))
	}
	if res.BuildFailed && s.SourcePath != "" {
		for _, f := range s.goFiles() {
			if f.Line > 0 && strings.HasSuffix(f.Name, ".go") {
				res.Output = articlePositions(res.Output, f.Name, s.SourcePath, f.Line)
			}
		}
	}
	return res
}

// A place is a session's folder, made fresh in pipedocs' scratch
// folder (proc.TempDir, which the next start sweeps if we crash):
//
//	work/       the working directory, HOME and TMPDIR of every step,
//	            and a Go program's binary, NAME for NAME.go, which runs
//	            as ./NAME: os.Args[0] is short and stable (SPEC §4.2),
//	            as after `go build`
//
// The folder goes when the session ends; by then every process of the
// session has been killed, so nothing can still be writing into it.
type place struct {
	root, work string
}

func newPlace() (*place, error) {
	root, err := proc.MkdirTemp("run-*")
	if err != nil {
		return nil, fmt.Errorf("runner: %w", err)
	}
	pl := &place{root: root, work: filepath.Join(root, "work")}
	for _, dir := range []string{pl.work, filepath.Join(root, "bin")} {
		if err := os.Mkdir(dir, 0o777); err != nil {
			os.RemoveAll(root)
			return nil, fmt.Errorf("runner: %w", err)
		}
	}
	return pl, nil
}

func (pl *place) remove() { os.RemoveAll(pl.root) }

// exe is the binary of the Go program file in pl's work folder, as the
// program names itself ("./simple_pipe"), and its path. A program of
// the same name earlier in the session made way for it.
func (pl *place) exe(file string) (argv0, path string) {
	name := exeName(file)
	path = filepath.Join(pl.work, name)
	os.Remove(path)
	return "./" + name, path
}

// A started program is a step on its way: its process, and what is
// known of its Result before it ends.
type started struct {
	p        *proc.Process
	res      Result // Toolchain, Dir, Home, TmpDir, Exe
	marker   string // a transcript's step marker
	commands int
}

// launch starts s, the i-th step of a RunSessions whose Go programs b
// builds, in g, in the session folder pl. A program that did not
// compile is not started: its Result is returned instead.
func (r *Runner) launch(ctx context.Context, g *proc.Group, pl *place, s *Spec, p *plan, b *goBuild, i int) (*started, Result, error) {
	work := pl.work
	// Executable, so a configured runner may run the file itself
	// (command = ["{file}"]) when it starts with a #! line. A transcript
	// has no file: its folder is the page's, as the reader's would be.
	if err := writeSource(work, p.file, s); err != nil {
		return nil, Result{}, fmt.Errorf("runner: %w", err)
	}

	argv, exe, marker, extra, failed, err := r.command(ctx, pl, s, p, b, i)
	switch {
	case err != nil:
		return nil, Result{}, err
	case failed != nil:
		return nil, Result{Output: failed, BuildFailed: true, Toolchain: p.toolchain}, nil
	}
	env := runEnv(r.runPath(), work, extra)
	c := proc.Cmd{
		Path:        argv[0],
		Args:        argv,
		Dir:         work,
		Env:         env,
		Stdin:       s.Stdin,
		Timeout:     s.Timeout,
		OutputLimit: s.OutputLimit,
	}
	if s.Kind == Background {
		// Timeout bounds the wait for Ready; the program itself lives
		// as long as its session.
		c.Timeout = 0
	}
	pr, err := g.Start(c)
	if err != nil {
		return nil, Result{}, fmt.Errorf("runner %s: %w", s.Lang, err)
	}
	if s.Interrupt > 0 {
		t := time.AfterFunc(s.Interrupt, func() { pr.Signal(syscall.SIGINT) })
		go func() { pr.Wait(); t.Stop() }()
	}
	return &started{
		p: pr,
		res: Result{
			Toolchain: p.toolchain,
			Dir:       work,
			Home:      envValue(env, "HOME"),
			TmpDir:    envValue(env, "TMPDIR"),
			Exe:       exe,
		},
		marker:   marker,
		commands: len(s.Commands),
	}, Result{}, nil
}

// command is the command line that runs s, the i-th step, in pl: for a
// Go program, its binary, built by b or, for a test, now; the binary's
// path; a transcript's marker; and the environment it adds to the fixed
// one. A Go program that did not compile has the compiler's messages in
// failed instead.
func (r *Runner) command(ctx context.Context, pl *place, s *Spec, p *plan, b *goBuild, i int) (argv []string, exe, marker string, extra []string, failed []byte, err error) {
	extra = s.Env
	switch {
	case s.Commands != nil:
		if argv, marker, err = transcriptArgv(p.argv[0], s.Commands); err != nil {
			return nil, "", "", nil, nil, fmt.Errorf("runner: %w", err)
		}
		if err := pl.workspace(p.mod); err != nil {
			return nil, "", "", nil, nil, fmt.Errorf("runner: %w", err)
		}
		return argv, "", marker, append(goCaches(), s.Env...), nil, nil
	case r.isGo(s.Lang) && isGoTest(p.file):
		var path string
		exe, path = pl.exe(testExe(p.file))
		out, bad, err := r.buildTest(ctx, s, p, path)
		if err != nil || bad {
			return nil, "", "", nil, nonNil(out), err
		}
	case r.isGo(s.Lang):
		<-b.done
		if b.err != nil {
			return nil, "", "", nil, nil, b.err
		}
		var path string
		exe, path = pl.exe(p.file)
		out, bad, err := b.install(i, path)
		if err != nil {
			return nil, "", "", nil, nil, fmt.Errorf("runner: %w", err)
		}
		if bad {
			return nil, "", "", nil, nonNil(out), nil
		}
	default:
		return commandLine(p.argv, p.file, s.Args), "", "", extra, nil, nil
	}
	return append([]string{exe}, s.Args...), exe, "", extra, nil, nil
}

// nonNil is b, or an empty slice for nil: a build failure that printed
// nothing is still one.
func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

// wait waits for st to end and returns its Result.
func (st *started) wait(lang string) (Result, error) {
	out, err := st.p.Wait()
	res := st.res
	res.Output = out.Output
	res.Exit = out.ExitCode
	res.TimedOut = out.TimedOut
	res.OverLimit = out.OverLimit
	res.Duration = out.Duration
	if out.Signal != 0 {
		res.Signal = out.Signal.String()
	}
	if st.marker != "" {
		res.Steps = splitSteps(out.Output, st.marker, st.commands, out.ExitCode)
		res.Output = joinSteps(res.Steps)
	}
	if err != nil {
		return res, fmt.Errorf("runner %s: %w", lang, err)
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
