package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pipedocs/pipedocs/runner/proc"
)

// Go snippets are built, not interpreted. All Go snippets of a RunAll
// that build in the same module (Spec.ModuleDir, the module of their
// article) build together in one module of our own, far from the user's
// tree:
//
//	go.mod       module pipedocs.invalid/snippet
//	go.work      use . and the article's module (only when there is one)
//	s0/main.go   snippet 0, its own package main
//	m7/pipe.go   snippet 7, merged (see gomerged.go)
//	merged/      the program the merged snippets are linked into
//	bin/s0 ...   the binaries: bin/merged, and one per snippet built alone
//
// The workspace is what makes the module's dependencies importable: with
// both modules in it, a snippet sees that module's whole build list
// (golang.org/x/sys/unix, say), with its go.sum and replace directives,
// exactly as the module's own packages do, and nothing is added to or
// written into the user's files (see modfetch.go for the dependencies
// not downloaded yet). Without a module, the snippet
// module requires nothing: the standard library only.
//
// One `go build -o bin/ ./s0 ./merged ...` builds them all: one go
// command loads and type-checks the shared dependencies once and
// compiles and links in parallel. A snippet built alone is its own
// binary; the merged ones share one link, and gomerge makes sure that
// no init, flag or global of one can leak into another's run. Every
// snippet's file starts with a //line directive naming it, so that
// compiler messages and stack traces say "pipe.go:12", wherever the
// build put it (SPEC §4.2). The build shares the user's Go build cache
// (see goEnv).
//
// Where that module lives depends on Config.BuildDir. Without one, it is
// a temporary directory, packages are named by their spec's index, and
// every binary is linked anew. With one, it is a workspace kept between
// builds, packages are named by their content and binaries stay in bin/
// (see buildarea.go): the go command then finds an unchanged snippet's
// binary up to date and neither compiles nor links it again, which is
// most of a build's time once the build cache is warm.
//
// A compile error in one snippet does not stop the go command from
// building the others, but an error while loading (an import nobody
// provides) stops all of them, and in a kept workspace an old binary may
// outlive a failed build. So only a build that succeeds vouches for its
// binaries. When a build of several packages fails, the packages the go
// command names as failed (-json tells which output is whose) get their
// messages, and the rest are built again; when it names none of ours (a
// load error is reported under the missing import), the set is built
// again in two halves, recursively, until each failing snippet has been
// built alone. Either way a snippet's messages are its own.

// snippetModule is the module path of the build module. The .invalid
// top-level domain can never name a real module.
const snippetModule = "pipedocs.invalid/snippet"

// buildTimeout bounds one go build: generous, since a cold build cache
// may compile a large dependency tree, but a hung toolchain must not
// hang pipedocs.
const buildTimeout = 10 * time.Minute

// A goBuild is the build of a set of Go snippets. Its fields are written
// by the build goroutine before done is closed, and read only after.
type goBuild struct {
	mod     *module // the module the snippets build in; nil: none
	specs   []Spec  // the RunAll's specs
	idx     []int   // the ones this build builds
	dir     string  // the build module's directory
	gowork  string  // its go.work, or "off"
	temp    bool    // dir is this build's alone, and goes with it
	pins    string  // in a kept workspace: this build's links to its binaries
	pkgName func(kind string, i int) string
	done    chan struct{}
	err     error // the build could not run at all

	// After done, the fields below change only under mu, when a merged
	// snippet is built alone after its run (see rerunAlone).
	mu     sync.Mutex
	pkg    map[int]string    // spec index → package directory, relative to dir
	file   map[string]string // package directory → the snippet's file name
	bins   map[string]string // package directory → binary
	failed map[string][]byte // package directory → compiler output, snippet positions
	merged map[string]bool   // package directory → merged into the dispatcher
	tags   map[string]int    // merged package directory → its tag (gomerge.Tag)

	downloaded bool   // the module's dependencies were downloaded (see modfetch.go)
	download   []byte // what the go command said when that failed
}

// startGoBuild starts building the Go snippets specs[i] for i in idx, in
// the background; wait for done before reading the result. remove
// deletes what the build leaves that is its alone.
func (r *Runner) startGoBuild(ctx context.Context, specs []Spec, idx []int, version string, mod *module) *goBuild {
	b := &goBuild{
		mod:     mod,
		specs:   specs,
		idx:     idx,
		pkgName: tempPkgName,
		done:    make(chan struct{}),
		pkg:     make(map[int]string, len(idx)),
		file:    make(map[string]string, len(idx)),
		bins:    make(map[string]string, len(idx)),
		failed:  make(map[string][]byte),
		merged:  make(map[string]bool),
		tags:    make(map[string]int),
	}
	go func() {
		defer close(b.done)
		b.err = r.build(ctx, b, version)
	}()
	return b
}

// remove waits for the build to end, then deletes its temporary
// directory, or its links into a kept workspace.
func (b *goBuild) remove() {
	<-b.done
	if b.temp {
		os.RemoveAll(b.dir)
	}
	if b.pins != "" {
		os.RemoveAll(b.pins)
	}
}

// install puts spec i's binary at exe or, when it did not build, returns
// the compiler's output. A merged snippet gets a tagged copy of the
// dispatcher; a temporary build's own binary is moved there; a kept
// workspace's is copied, so that a program writing to its own
// executable changes its copy only.
func (b *goBuild) install(i int, exe string) (out []byte, failed bool, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	pkg := b.pkg[i]
	if out, ok := b.failed[pkg]; ok {
		return filePositions(out, b.dir, pkg, b.specs[i].goFiles()), true, nil
	}
	if b.merged[pkg] {
		return nil, false, b.installMerged(pkg, exe)
	}
	bin, ok := b.bins[pkg]
	switch {
	case !ok:
		return nil, false, fmt.Errorf("go build: no binary for %s", pkg)
	case b.temp:
		delete(b.bins, pkg) // moved: a second install builds again
		return nil, false, os.Rename(bin, exe)
	}
	return nil, false, copyExecutable(bin, exe, nil)
}

// build lays out the build module and builds the snippets b.idx in it.
func (r *Runner) build(ctx context.Context, b *goBuild, version string) error {
	lang, err := goLine(version)
	if err != nil {
		return err
	}
	if r.buildDir != "" {
		return r.buildKept(ctx, b, version, lang)
	}
	dir, err := proc.MkdirTemp("build-*")
	if err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	b.dir, b.temp = dir, true
	mod, work := b.moduleFiles(lang)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), mod, 0o644); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	gowork := "off"
	if work != nil {
		gowork = filepath.Join(dir, "go.work")
		if err := os.WriteFile(gowork, work, 0o644); err != nil {
			return fmt.Errorf("go build: %w", err)
		}
	}
	b.gowork = gowork
	alone, merged, err := b.layoutAll()
	if err != nil {
		return err
	}
	return r.buildMerged(ctx, b, alone, merged, goEnv(gowork))
}

// layoutAll writes the package of every spec of the build and returns
// the packages built alone and the ones merged, each once.
func (b *goBuild) layoutAll() (alone, merged []string, err error) {
	for _, i := range b.idx {
		pkg, err := b.layout(i, false, b.pkgName)
		if err != nil {
			return nil, nil, fmt.Errorf("go build: %w", err)
		}
		if b.merged[pkg] {
			merged = append(merged, pkg)
		} else {
			alone = append(alone, pkg)
		}
	}
	return unique(alone), unique(merged), nil
}

// buildAlone builds spec i, which ran merged, as a program of its own,
// once the build is done. The caller holds b.mu.
func (r *Runner) buildAlone(ctx context.Context, b *goBuild, i int) error {
	if b.temp {
		return r.buildAloneIn(ctx, b, i)
	}
	lock, err := lockWorkspace(ctx, b.dir)
	if err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	defer lock.Close()
	if err := r.buildAloneIn(ctx, b, i); err != nil {
		return err
	}
	return b.pin()
}

func (r *Runner) buildAloneIn(ctx context.Context, b *goBuild, i int) error {
	pkg, err := b.layout(i, true, b.pkgName)
	if err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	return r.buildSet(ctx, b, []string{pkg}, goEnv(b.gowork))
}

// moduleFiles returns the build module's go.mod and, when the snippets
// build in a module, the go.work that puts both in one workspace.
func (b *goBuild) moduleFiles(lang string) (gomod, gowork []byte) {
	gomod = fmt.Appendf(nil, "module %s\n\ngo %s\n", snippetModule, lang)
	if b.mod != nil {
		gowork = fmt.Appendf(nil, "go %s\n\nuse .\nuse %s\n", lang, strconv.Quote(b.mod.dir))
	}
	return gomod, gowork
}

// buildSet builds the packages pkgs in one go command, then builds again
// what that build did not vouch for; see the comment at the top of this
// file.
func (r *Runner) buildSet(ctx context.Context, b *goBuild, pkgs []string, env []string) error {
	if len(pkgs) == 0 {
		return nil // and never `go build` with no package, which builds "."
	}
	out, err := r.goBuildCmd(ctx, b, pkgs, env)
	if err != nil {
		return err
	}
	if out.exit != 0 {
		return r.buildFailed(ctx, b, pkgs, env, out.text, out.failed)
	}
	return r.collect(ctx, b, pkgs, env)
}

// A buildRun is what one go build said: its exit status, and its output
// split by buildOutput.
type buildRun struct {
	exit   int
	text   map[string][]byte
	failed map[string]bool
}

// goBuildCmd runs one `go build -o bin/` of pkgs.
func (r *Runner) goBuildCmd(ctx context.Context, b *goBuild, pkgs []string, env []string) (buildRun, error) {
	argv := []string{"go", "build", "-json", "-o", "bin" + string(filepath.Separator),
		// The command line overrides GOFLAGS: a user's -mod=mod must not
		// let a snippet's build edit module files.
		"-mod=readonly", "-buildvcs=false"}
	for _, pkg := range pkgs {
		argv = append(argv, "./"+pkg)
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
		return buildRun{}, fmt.Errorf("go build: %w", err)
	case out.TimedOut:
		return buildRun{}, fmt.Errorf("go build: still running after %v", buildTimeout)
	}
	text, failed := buildOutput(out.Output)
	return buildRun{exit: out.ExitCode, text: text, failed: failed}, nil
}

// collect records the binaries of pkgs after a go build of them
// succeeded.
func (r *Runner) collect(ctx context.Context, b *goBuild, pkgs []string, env []string) error {
	var missing []string
	for _, pkg := range pkgs {
		bin := filepath.Join(b.dir, "bin", pkg)
		if _, err := os.Stat(bin); err == nil {
			b.bins[pkg] = bin
		} else if errors.Is(err, fs.ErrNotExist) {
			missing = append(missing, pkg)
		} else {
			return fmt.Errorf("go build: %w", err)
		}
	}
	if len(missing) > 0 && len(pkgs) == 1 {
		return fmt.Errorf("go build succeeded but wrote no binary for %s", pkgs[0])
	}
	// A package that is not main is skipped silently by a build of
	// several; built alone, it is reported.
	for _, pkg := range missing {
		if err := r.buildSet(ctx, b, []string{pkg}, env); err != nil {
			return err
		}
	}
	return nil
}

// fail records the compiler's output for pkg, which failed to build.
func (b *goBuild) fail(pkg string, text []byte) {
	b.failed[pkg] = snippetPositions(text, b.dir, pkg, b.file[pkg])
	// A kept workspace may hold the binary of an earlier, successful
	// build: it must not pass for this one's.
	os.Remove(filepath.Join(b.dir, "bin", pkg))
}

// buildFailed handles a go build of pkgs that failed, whose output,
// split by buildOutput, is text and failed: it downloads what the module
// lacks, or gives the failed packages their messages and builds the
// others again.
func (r *Runner) buildFailed(ctx context.Context, b *goBuild, pkgs []string, env []string, text map[string][]byte, failed map[string]bool) error {
	if needsDownload(text[""]) {
		if again, err := r.downloadOnce(ctx, b, pkgs); again || err != nil {
			if err != nil {
				return err
			}
			return r.buildSet(ctx, b, pkgs, env)
		}
	}
	if len(pkgs) == 1 {
		b.fail(pkgs[0], text[""])
		return nil
	}
	var rest []string
	for _, pkg := range pkgs {
		if path := snippetModule + "/" + pkg; failed[path] && len(text[path]) > 0 {
			// Built alone it would fail the same way; what the go
			// command printed under its import path is its own. (A
			// package failing for a dependency's error is not named;
			// the halving finds it.)
			b.fail(pkg, text[path])
		} else {
			rest = append(rest, pkg)
		}
	}
	if len(rest) < len(pkgs) {
		return r.buildSet(ctx, b, rest, env)
	}
	half := len(pkgs) / 2
	if err := r.buildSet(ctx, b, pkgs[:half], env); err != nil {
		return err
	}
	return r.buildSet(ctx, b, pkgs[half:], env)
}

// A buildEvent is one line of `go build -json`.
type buildEvent struct {
	ImportPath string
	Action     string // "build-output" or "build-fail"
	Output     string
}

// buildOutput splits the output of `go build -json` into the text
// printed under each import path, and the import paths that failed.
// text[""] is all of it, in order, as a plain go build would print it:
// what the go command reports without -json's help (a package that is
// not main, say) is plain lines between the events.
func buildOutput(out []byte) (text map[string][]byte, failed map[string]bool) {
	text = make(map[string][]byte)
	failed = make(map[string]bool)
	for line := range bytes.Lines(out) {
		var e buildEvent
		if !bytes.HasPrefix(line, []byte("{")) || json.Unmarshal(line, &e) != nil {
			text[""] = append(text[""], line...)
			continue
		}
		switch e.Action {
		case "build-output":
			text[""] = append(text[""], e.Output...)
			text[e.ImportPath] = append(text[e.ImportPath], e.Output...)
		case "build-fail":
			failed[e.ImportPath] = true
		}
	}
	return text, failed
}

// unique returns l without repeated elements, in first-seen order.
func unique(l []string) []string {
	seen := make(map[string]bool, len(l))
	return slices.DeleteFunc(l, func(s string) bool {
		if seen[s] {
			return true
		}
		seen[s] = true
		return false
	})
}

var goVersion = regexp.MustCompile(`go(\d+\.\d+(?:\.\d+|rc\d+)?)`)

// goLine turns the toolchain's GOVERSION ("go1.26.8") into the version
// of the go lines of the build module and workspace. Snippets are
// standalone programs, so they get the language of the toolchain that
// builds them, not the one their module declares for its packages;
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
