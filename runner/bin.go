package runner

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/pipedocs/pipedocs/runner/proc"
)

// A site's own commands (SPEC §4.2 [bin]) are Go packages of its module
// that snippets run by name: `greet --name x` in a README checks the real
// tool. Each is built once per Runner, before the first snippet runs
// when any snippet of the run names one (NamesPrograms), into one folder of this process's scratch folder, which is put first
// on the PATH of every snippet (see runPath).
//
// A program is part of the results key of the snippets that could run
// it: those whose source, arguments or stdin name it (the digest of its
// binary; see key). The binary is built with -trimpath and without VCS
// stamps, so that its digest depends only on the sources and the
// toolchain, wherever the module is checked out, and a commit that leaves
// the tool alone reruns nothing. A snippet that runs a program without
// naming it (a name put together at run time) is not covered and needs
// --no-cache.

// A Program is a Go command that snippets find on PATH.
type Program struct {
	Name    string // its file name on PATH: "greet"
	Package string // a relative package path, "./cmd/greet", relative to Dir
	Dir     string // where Package is relative to (the config's folder); the module enclosing it builds it
	Where   string // "pipedocs.toml:7": what its build errors are reported at
}

// programs is the state of a Runner's programs: built once.
type programs struct {
	list    []Program
	once    sync.Once
	dir     string            // the folder on PATH; "" until built
	digests map[string]string // name → digest of its binary
	err     error
}

// BuildPrograms builds the Runner's programs (Config.Programs), once per
// Runner: later calls return the first call's error. RunAll calls it;
// call it first to report a failed build once rather than per snippet.
func (r *Runner) BuildPrograms(ctx context.Context) error {
	p := &r.progs
	p.once.Do(func() {
		if len(p.list) == 0 {
			return
		}
		p.dir, p.err = proc.MkdirTemp("bin-*")
		if p.err != nil {
			p.err = fmt.Errorf("[bin]: %w", p.err)
			return
		}
		p.digests = make(map[string]string, len(p.list))
		for _, prog := range p.list {
			if p.err = r.buildProgram(ctx, prog, p.dir); p.err != nil {
				return
			}
			if p.digests[prog.Name], p.err = fileDigest(filepath.Join(p.dir, prog.Name)); p.err != nil {
				p.err = fmt.Errorf("%s: [bin] %s: %w", prog.Where, prog.Name, p.err)
				return
			}
		}
	})
	return p.err
}

// Close removes the programs' folder. (proc.Cleanup removes it with the
// rest of the scratch folder at exit; Close is for a Runner that goes
// earlier.) The Runner must not run snippets afterwards.
func (r *Runner) Close() error {
	if r.progs.dir == "" {
		return nil
	}
	return os.RemoveAll(r.progs.dir)
}

// runPath is the PATH snippets run with: the programs' folder, when there
// are programs, before ours. (The key has r.path: the folder's name
// differs every run, the programs are keyed by their digests.)
func (r *Runner) runPath() string {
	if r.progs.dir == "" {
		return r.path
	}
	if r.path == "" {
		return r.progs.dir
	}
	return r.progs.dir + string(os.PathListSeparator) + r.path
}

// NamesPrograms reports whether any of specs names one of the Runner's
// programs ([bin]): only then does a RunAll build them, so that a run
// whose snippets use none (a site beside the README that checks its
// tool) does not wait for their build.
func (r *Runner) NamesPrograms(specs []Spec) bool {
	for i := range specs {
		for _, prog := range r.progs.list {
			if names(&specs[i], prog.Name) {
				return true
			}
		}
	}
	return false
}

// namedPrograms lists, as name and digest pairs in name order, the
// programs s names, which its key must cover.
func (r *Runner) namedPrograms(s *Spec) []string {
	var out []string
	for _, prog := range r.progs.list { // sorted by name (see New)
		if names(s, prog.Name) {
			out = append(out, prog.Name, r.progs.digests[prog.Name])
		}
	}
	return out
}

// names reports whether s's source, arguments, stdin or transcript
// commands mention name.
func names(s *Spec, name string) bool {
	if bytes.Contains(s.Source, []byte(name)) || bytes.Contains(s.Stdin, []byte(name)) {
		return true
	}
	for _, a := range s.Args {
		if strings.Contains(a, name) {
			return true
		}
	}
	for _, c := range s.Commands {
		if strings.Contains(c, name) {
			return true
		}
	}
	return false
}

// buildProgram builds prog into dir/NAME: offline, in the module that
// encloses prog.Dir, downloading its dependencies first when the module
// cache lacks them, as snippet builds do (see modfetch.go).
func (r *Runner) buildProgram(ctx context.Context, prog Program, dir string) error {
	argv := []string{"go", "build", "-o", filepath.Join(dir, prog.Name),
		"-mod=readonly", "-trimpath", "-buildvcs=false", prog.Package}
	b := &goBuild{dir: prog.Dir, gowork: "off"} // for downloadOnce, which keeps its state there
	for {
		out, err := proc.Run(ctx, proc.Cmd{
			Path:        argv[0],
			Args:        argv,
			Dir:         prog.Dir,
			Env:         goEnv("off"),
			Timeout:     buildTimeout,
			OutputLimit: 4 << 20,
		})
		switch {
		case err != nil:
			return fmt.Errorf("%s: [bin] %s: go build: %w", prog.Where, prog.Name, err)
		case out.TimedOut:
			return fmt.Errorf("%s: [bin] %s: go build %s: still running after %v", prog.Where, prog.Name, prog.Package, buildTimeout)
		case out.ExitCode == 0:
			return nil
		}
		if needsDownload(out.Output) {
			again, err := r.downloadOnce(ctx, b, []string{strings.TrimPrefix(prog.Package, "./")})
			if err != nil {
				return fmt.Errorf("%s: [bin] %s: %w", prog.Where, prog.Name, err)
			}
			if again {
				continue
			}
		}
		return fmt.Errorf("%s: [bin] %s: go build %s failed:\n%s", prog.Where, prog.Name, prog.Package, bytes.TrimSpace(out.Output))
	}
}

// fileDigest is the hex SHA-256 of the file's contents.
func fileDigest(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// setPrograms checks list and keeps it, sorted by name, with absolute
// folders.
func (r *Runner) setPrograms(list []Program) error {
	seen := make(map[string]bool, len(list))
	for _, prog := range list {
		switch {
		case prog.Name == "" || strings.ContainsAny(prog.Name, "/\x00") || prog.Name == "." || prog.Name == ".." || strings.HasPrefix(prog.Name, "-"):
			return fmt.Errorf("%s: [bin]: %q is not a command name", prog.Where, prog.Name)
		case seen[prog.Name]:
			return fmt.Errorf("%s: [bin] %s: named twice", prog.Where, prog.Name)
		case prog.Package == "":
			return fmt.Errorf("%s: [bin] %s: no package", prog.Where, prog.Name)
		}
		seen[prog.Name] = true
		dir, err := filepath.Abs(prog.Dir)
		if err != nil {
			return fmt.Errorf("%s: [bin] %s: %w", prog.Where, prog.Name, err)
		}
		prog.Dir = dir
		r.progs.list = append(r.progs.list, prog)
	}
	slices.SortFunc(r.progs.list, func(a, b Program) int { return strings.Compare(a.Name, b.Name) })
	return nil
}
