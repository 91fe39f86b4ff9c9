package runner

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"github.com/pipedocs/pipedocs/runner/cache"
)

// A Definition says how to run a snippet of one language.
type Definition struct {
	Command   []string // argv; "{file}" is replaced by the snippet's file
	Extension string   // of the snippet's file when it has no title: ".py"
	Version   []string // optional command whose first output line names the toolchain
	// Program is an optional command that prints the absolute path of the
	// program Command[0] stands for. It is asked once per Runner, and runs
	// then start that program directly: a version manager's shim (pyenv's
	// python3 is a bash script that takes seconds) costs nothing per run,
	// and every snippet runs the very interpreter its toolchain names.
	Program []string
}

// Config is what a site decides about running its snippets.
type Config struct {
	// Runners are added to the built-in ones, or replace them by name.
	// A configured "go" replaces the built-in Go build with a plain
	// command like any other.
	Runners  map[string]Definition
	CacheDir string // "" = no results cache
	// Remote, when set, is a shared results store read after CacheDir's
	// and written with it (cache.Layered); it needs CacheDir.
	Remote cache.Store
	// CachedOnly serves every result from the cache and runs nothing: a
	// spec with no cached result fails with ErrNotCached.
	CachedOnly bool
	// BuildDir keeps Go builds between runs (see buildarea.go), so that
	// an unchanged snippet is not compiled or linked again. It caches
	// binaries, not results: like the Go build cache it is used with or
	// without CacheDir, and every snippet still runs. "" = each RunAll
	// builds in a temporary directory and links every binary anew.
	BuildDir string
	// Programs are the site's own commands ([bin]), built once and put
	// on every snippet's PATH (see bin.go).
	Programs []Program
}

// golang is the name of the built-in Go runner, which builds instead of
// interpreting and therefore has no Definition.
const golang = "go"

// builtins are the interpreted languages every site has.
var builtins = map[string]Definition{
	"python": {
		Command:   []string{"python3", "{file}"},
		Extension: ".py",
		Version:   []string{"python3", "--version"},
		Program:   []string{"python3", "-c", "import sys; print(sys.executable)"},
	},
	"sh": {Command: []string{"sh", "{file}"}, Extension: ".sh"},
	"bash": {
		Command:   []string{"bash", "{file}"},
		Extension: ".sh",
		// `bash --version` is a paragraph; its first line is long and
		// names the platform. BASH_VERSINFO gives just the release.
		Version: []string{"bash", "-c", `echo "bash ${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]}.${BASH_VERSINFO[2]}"`},
	},
}

// A Runner runs snippets. It is safe for concurrent use; it remembers
// toolchain versions for its lifetime, so make a new one per build.
type Runner struct {
	defs  map[string]Definition // the command runners, built-in and configured
	goOn  bool                  // the built-in Go runner is in use
	path  string                // our PATH, which snippets get too
	cache cache.Store           // nil: no results cache

	cachedOnly bool // a miss is ErrNotCached, not a run

	progs programs // Config.Programs, built on first use

	buildDir  string    // "": Go builds in temporary directories
	evictOnce sync.Once // the build area is pruned once per Runner

	mu         sync.Mutex
	toolchains map[string]*toolchain
	modules    map[string]*moduleOnce // by Spec.ModuleDir
	storeErrs  int                    // results the cache failed to keep, guarded by mu
	storeErr   error                  // the first of them, guarded by mu
}

// A module is a Go module that snippets build in, as far as they see it.
type module struct {
	dir   string // absolute
	gomod []byte
	gosum []byte // nil when the module has no go.sum (no dependencies)

	listOnce sync.Once // the module's own packages are listed once (see localdeps.go)
	packages map[string]*localPackage
	listErr  error
}

// New returns a Runner for cfg. It checks the configuration but starts
// no process and reads no module: toolchains are asked for their
// versions, and modules read, when a snippet first needs them.
func New(cfg Config) (*Runner, error) {
	r := &Runner{
		defs:       make(map[string]Definition, len(builtins)+len(cfg.Runners)),
		goOn:       true,
		path:       os.Getenv("PATH"),
		toolchains: make(map[string]*toolchain),
		modules:    make(map[string]*moduleOnce),
	}
	if cfg.BuildDir != "" {
		// Absolute: the go command runs in the workspace, and every
		// path to it must mean the same from there.
		dir, err := filepath.Abs(cfg.BuildDir)
		if err != nil {
			return nil, fmt.Errorf("go build area: %w", err)
		}
		r.buildDir = dir
	}
	for name, d := range builtins {
		r.defs[name] = d
	}
	for name, d := range cfg.Runners {
		if err := d.check(); err != nil {
			return nil, fmt.Errorf("runner %s: %w", name, err)
		}
		r.defs[name] = d
		if name == golang {
			r.goOn = false
		}
	}
	if cfg.CacheDir != "" {
		c, err := cache.Open(cfg.CacheDir)
		if err != nil {
			return nil, err
		}
		r.cache = c
		if cfg.Remote != nil {
			r.cache = cache.Layered(c, cfg.Remote)
		}
	}
	r.cachedOnly = cfg.CachedOnly
	if err := r.setPrograms(cfg.Programs); err != nil {
		return nil, err
	}
	return r, nil
}

func (d Definition) check() error {
	switch {
	case len(d.Command) == 0 || d.Command[0] == "":
		return errors.New("empty command")
	case !strings.HasPrefix(d.Extension, ".") || strings.ContainsAny(d.Extension, "/\x00"):
		return fmt.Errorf("extension %q: want a dot and a suffix, like \".py\"", d.Extension)
	}
	return nil
}

// A moduleOnce is a module read at most once per Runner.
type moduleOnce struct {
	once sync.Once
	m    *module
	err  error
}

// module returns the module in dir, reading its go.mod and go.sum once
// per Runner however many snippets build in it; nil for dir "".
func (r *Runner) module(dir string) (*module, error) {
	if dir == "" {
		return nil, nil
	}
	r.mu.Lock()
	mo := r.modules[dir]
	if mo == nil {
		mo = new(moduleOnce)
		r.modules[dir] = mo
	}
	r.mu.Unlock()
	mo.once.Do(func() { mo.m, mo.err = readModule(dir) })
	return mo.m, mo.err
}

// FindModule returns the directory of the Go module that encloses dir:
// the nearest folder at or above it that holds a go.mod, as the go
// command finds it; "" when there is none.
func FindModule(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("go module: %w", err)
	}
	for d := abs; ; d = filepath.Dir(d) {
		info, err := os.Stat(filepath.Join(d, "go.mod"))
		switch {
		case err == nil && !info.IsDir():
			return d, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR):
			return "", fmt.Errorf("go module: %w", err)
		}
		if filepath.Dir(d) == d {
			return "", nil
		}
	}
}

func readModule(dir string) (*module, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("go module: %w", err)
	}
	gomod, err := os.ReadFile(filepath.Join(abs, "go.mod"))
	if err != nil {
		return nil, fmt.Errorf("go module: %w", err)
	}
	gosum, err := os.ReadFile(filepath.Join(abs, "go.sum"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("go module: %w", err)
	}
	return &module{dir: abs, gomod: gomod, gosum: gosum}, nil
}

// Has reports whether a runner exists for lang.
func (r *Runner) Has(lang string) bool {
	_, ok := r.defs[lang]
	return ok || (lang == golang && r.goOn)
}

// Extension is the file extension of lang's snippets, "" for an unknown lang.
func (r *Runner) Extension(lang string) string {
	if lang == golang && r.goOn {
		return ".go"
	}
	return r.defs[lang].Extension
}

// isGo reports whether lang's snippets are built by the built-in Go runner.
func (r *Runner) isGo(lang string) bool { return lang == golang && r.goOn }

// Run runs one snippet. The error is for what stops pipedocs from
// running it at all (a bad Spec, a missing toolchain, a full disk);
// everything the program itself does, compile errors included, is in
// the Result.
func (r *Runner) Run(ctx context.Context, s Spec) (Result, error) {
	res, errs := r.RunAll(ctx, []Spec{s}, 1, nil)
	return res[0], errs[0]
}
