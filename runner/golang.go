package runner

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/pipedocs/pipedocs/runner/proc"
)

// Go snippets are built, not interpreted. All Go snippets of a RunAll
// build together in one throwaway module in a temporary directory, far
// from the user's tree:
//
//	go.mod       module pipedocs.invalid/snippet
//	go.work      use . and the site's module (only when there is one)
//	s0/main.go   snippet 0, its own package main
//	s7/pipe.go   snippet 7
//	bin/s0 ...   the binaries, one per snippet
//
// The workspace is what makes the site's dependencies importable: with
// both modules in it, a snippet sees the site module's whole build list
// (golang.org/x/sys/unix, say), with its go.sum and replace directives,
// exactly as the site's own packages do, and nothing is added to or
// written into the user's files. Without a site module, the snippet
// module requires nothing: the standard library only.
//
// One `go build -o bin/ ./s0 ./s7 ...` builds them all: one go command
// loads and type-checks the shared dependencies once and compiles and
// links the snippets in parallel, yet each snippet is still its own
// binary, so no init, flag or global of one can leak into another's
// run. The build shares the user's Go build cache (see goEnv).
//
// A compile error in one snippet does not stop the go command from
// linking the others, but an error while loading (an import nobody
// provides) stops all of them. So when a binary is missing after a
// batch, the missing snippets are built again in two halves, recursively,
// until each failing snippet has been built alone: its messages are then
// its own, with no need to tell apart the output of several packages.

// snippetModule is the module path of the throwaway build module. The
// .invalid top-level domain can never name a real module.
const snippetModule = "pipedocs.invalid/snippet"

// buildTimeout bounds one go build: generous, since a cold build cache
// may compile a large dependency tree, but a hung toolchain must not
// hang pipedocs.
const buildTimeout = 10 * time.Minute

// A goBuild is the build of a set of Go snippets. Its fields are written
// by the build goroutine before done is closed, and read only after.
type goBuild struct {
	dir  string
	done chan struct{}
	err  error          // the build could not run at all
	bins map[int]string // spec index → binary
	fail map[int][]byte // spec index → compiler output, snippet positions
}

// startGoBuild starts building the Go snippets specs[i] for i in idx, in
// the background; wait for done before reading the result. remove
// deletes the build directory and every binary still in it.
func (r *Runner) startGoBuild(ctx context.Context, specs []Spec, idx []int, version string) *goBuild {
	b := &goBuild{
		done: make(chan struct{}),
		bins: make(map[int]string),
		fail: make(map[int][]byte),
	}
	go func() {
		defer close(b.done)
		b.err = r.build(ctx, b, specs, idx, version)
	}()
	return b
}

// remove waits for the build to end, then deletes its directory.
func (b *goBuild) remove() {
	<-b.done
	if b.dir != "" {
		os.RemoveAll(b.dir)
	}
}

// build lays out the build module in a new temporary directory and
// builds the snippets idx in it.
func (r *Runner) build(ctx context.Context, b *goBuild, specs []Spec, idx []int, version string) error {
	dir, err := os.MkdirTemp("", "pipedocs-build-*")
	if err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	b.dir = dir
	gowork := "off"
	lang, err := goLine(version)
	if err != nil {
		return err
	}
	mod := fmt.Sprintf("module %s\n\ngo %s\n", snippetModule, lang)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(mod), 0o644); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	if r.module != nil {
		gowork = filepath.Join(dir, "go.work")
		work := fmt.Sprintf("go %s\n\nuse .\nuse %s\n", lang, strconv.Quote(r.module.dir))
		if err := os.WriteFile(gowork, []byte(work), 0o644); err != nil {
			return fmt.Errorf("go build: %w", err)
		}
	}
	for _, i := range idx {
		pkg := filepath.Join(dir, pkgDir(i))
		if err := os.Mkdir(pkg, 0o777); err != nil {
			return fmt.Errorf("go build: %w", err)
		}
		name := specs[i].fileName(".go")
		if err := os.WriteFile(filepath.Join(pkg, name), specs[i].Source, 0o644); err != nil {
			return fmt.Errorf("go build: %w", err)
		}
	}
	return r.buildSet(ctx, b, specs, idx, goEnv(gowork))
}

// buildSet builds the snippets idx in one go command, then, for the ones
// left without a binary, splits them in halves and tries again; see the
// comment at the top of this file.
func (r *Runner) buildSet(ctx context.Context, b *goBuild, specs []Spec, idx []int, env []string) error {
	argv := []string{"go", "build", "-o", "bin" + string(filepath.Separator),
		// The command line overrides GOFLAGS: a user's -mod=mod must not
		// let a snippet's build edit module files.
		"-mod=readonly", "-buildvcs=false"}
	for _, i := range idx {
		argv = append(argv, "./"+pkgDir(i))
	}
	out, err := proc.Run(ctx, proc.Cmd{
		Path:        argv[0],
		Args:        argv,
		Dir:         b.dir,
		Env:         env,
		Timeout:     buildTimeout,
		OutputLimit: 4 << 20,
	})
	switch {
	case err != nil:
		return fmt.Errorf("go build: %w", err)
	case out.TimedOut:
		return fmt.Errorf("go build: still running after %v", buildTimeout)
	}
	var missing []int
	for _, i := range idx {
		bin := filepath.Join(b.dir, "bin", pkgDir(i))
		if _, err := os.Stat(bin); err == nil {
			b.bins[i] = bin
		} else if errors.Is(err, fs.ErrNotExist) {
			missing = append(missing, i)
		} else {
			return fmt.Errorf("go build: %w", err)
		}
	}
	switch {
	case len(missing) == 0:
		return nil
	case len(idx) == 1:
		i := idx[0]
		if out.ExitCode == 0 {
			return fmt.Errorf("go build succeeded but wrote no binary for %s", pkgDir(i))
		}
		b.fail[i] = snippetPositions(out.Output, b.dir, pkgDir(i), specs[i].fileName(".go"))
		return nil
	}
	// Several missing: a compile error (exit status 1), a load error
	// (the same, and nothing built), or a package that is not main (which
	// a batch skips silently, exit status 0, and a build of its own
	// reports). Building alone tells them apart.
	if len(missing) == 1 {
		return r.buildSet(ctx, b, specs, missing, env)
	}
	half := len(missing) / 2
	if err := r.buildSet(ctx, b, specs, missing[:half], env); err != nil {
		return err
	}
	return r.buildSet(ctx, b, specs, missing[half:], env)
}

// pkgDir names the package directory (and so the binary) of spec i.
func pkgDir(i int) string { return "s" + strconv.Itoa(i) }

var goVersion = regexp.MustCompile(`go(\d+\.\d+(?:\.\d+|rc\d+)?)`)

// goLine turns the toolchain's GOVERSION ("go1.26.8") into the version
// of the go lines of the build module and workspace. Snippets are
// standalone programs, so they get the language of the toolchain that
// builds them, not the one the site's module declares for its packages;
// the toolchain version is in every cache key.
func goLine(version string) (string, error) {
	m := goVersion.FindStringSubmatch(version)
	if m == nil {
		return "", fmt.Errorf("go build: cannot tell the language version of toolchain %q", version)
	}
	return m[1], nil
}

// exeName is the name a Go snippet's binary runs under, and so its
// os.Args[0]: the snippet's file without ".go", as `go build` would
// name it ("simple_pipe"), so that a usage message is predictable.
func exeName(file string) string {
	if name := strings.TrimSuffix(file, ".go"); name != "" {
		return name
	}
	return "main"
}
