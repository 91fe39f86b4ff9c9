package runner

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/pipedocs/pipedocs/runner/cache"
	"github.com/pipedocs/pipedocs/runner/proc"
)

// A Go snippet may import packages of the module it builds in (a README
// example using the repository's own library). Their sources are part of
// what the snippet runs, so they are part of its results key: a change to
// the library reruns exactly the snippets that import it, directly or
// through other packages of the module, and nothing else. Dependencies
// outside the module need no such care: go.sum fixes their contents.
//
// The module's packages and their imports are listed once per Runner and
// module (`go list -e ./...`, offline), and only when a snippet imports
// one of them; each package's sources are hashed once.

// localTag versions the description of a package's sources.
const localTag = "pipedocs-local-package-v1"

// A localPackage is a package of a module, as far as keys see it.
type localPackage struct {
	ImportPath string
	Dir        string
	Imports    []string
	EmbedFiles []string

	once   sync.Once
	digest string // hash of the package's files, computed on first use
	err    error
}

// owns reports whether the import path names a package of m, by m's
// module path. Without one (a go.mod the build will reject) it says
// yes: listing the packages then costs a go list, never a stale result.
func (m *module) owns(path string) bool {
	mp := modulePath(m.gomod)
	return mp == "" || path == mp || strings.HasPrefix(path, mp+"/")
}

// modulePath is the path the module directive of gomod declares, "" if
// it cannot tell.
func modulePath(gomod []byte) string {
	for line := range bytes.Lines(gomod) {
		f := strings.Fields(string(line))
		if len(f) >= 2 && f[0] == "module" {
			if p, err := strconv.Unquote(f[1]); err == nil {
				return p
			}
			return f[1]
		}
	}
	return ""
}

// localPackages lists m's own packages by import path, once.
func (m *module) localPackages(ctx context.Context) (map[string]*localPackage, error) {
	m.listOnce.Do(func() { m.packages, m.listErr = listPackages(ctx, m.dir) })
	return m.packages, m.listErr
}

// listPackages runs `go list -e -json ./...` in the module dir, alone
// and offline: it reads the module's files, nothing else.
func listPackages(ctx context.Context, dir string) (map[string]*localPackage, error) {
	argv := []string{"go", "list", "-e", "-mod=readonly", "-json=ImportPath,Dir,Imports,EmbedFiles", "./..."}
	out, err := proc.Run(ctx, proc.Cmd{
		Path:        argv[0],
		Args:        argv,
		Dir:         dir,
		Env:         goEnv("off"),
		Timeout:     buildTimeout,
		OutputLimit: 64 << 20,
	})
	switch {
	case err != nil:
		return nil, fmt.Errorf("go list: %w", err)
	case out.TimedOut:
		return nil, fmt.Errorf("go list: still running after %v", buildTimeout)
	case out.ExitCode != 0:
		return nil, fmt.Errorf("go list in %s: exit status %d: %s", dir, out.ExitCode, bytes.TrimSpace(out.Output))
	}
	pkgs := make(map[string]*localPackage)
	dec := json.NewDecoder(bytes.NewReader(jsonLines(out.Output)))
	for {
		p := new(localPackage)
		if err := dec.Decode(p); err == io.EOF {
			return pkgs, nil
		} else if err != nil {
			return nil, fmt.Errorf("go list in %s: %w", dir, err)
		}
		pkgs[p.ImportPath] = p
	}
}

// jsonLines drops from the output of `go list -json` the lines the go
// command prints on stderr, merged into it ("go: warning: "./..."
// matched no packages"): the JSON is the lines that start with a brace
// or are indented.
func jsonLines(out []byte) []byte {
	var j []byte
	for line := range bytes.Lines(out) {
		if len(line) > 0 && bytes.IndexByte([]byte("{}\t "), line[0]) >= 0 {
			j = append(j, line...)
		}
	}
	return j
}

// localDeps returns, sorted, "import path digest" for every package of
// m that src imports, directly or through other packages of m; nil when
// it imports none (or m is nil).
func (r *Runner) localDeps(ctx context.Context, m *module, src []byte) ([]string, error) {
	if m == nil {
		return nil, nil
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ImportsOnly)
	if err != nil {
		return nil, nil // it will not build; its key needs nothing more
	}
	var imports []string
	for _, imp := range f.Imports {
		if path, err := strconv.Unquote(imp.Path.Value); err == nil && m.owns(path) {
			imports = append(imports, path)
		}
	}
	if len(imports) == 0 {
		return nil, nil // no need to list the module's packages
	}
	pkgs, err := m.localPackages(ctx)
	if err != nil {
		return nil, fmt.Errorf("go module %s: %w", m.dir, err)
	}
	seen := make(map[string]bool)
	var walk func(path string)
	walk = func(path string) {
		if seen[path] || pkgs[path] == nil {
			return
		}
		seen[path] = true
		for _, imp := range pkgs[path].Imports {
			walk(imp)
		}
	}
	for _, path := range imports {
		walk(path)
	}
	var deps []string
	for _, path := range slices.Sorted(maps.Keys(seen)) {
		d, err := pkgs[path].sources()
		if err != nil {
			return nil, err
		}
		deps = append(deps, path+" "+d)
	}
	return deps, nil
}

// moduleDeps is localDeps for a program that may build any package of
// m (a transcript that runs go): "import path digest" for every package
// of m, sorted; nil when m is nil.
func (r *Runner) moduleDeps(ctx context.Context, m *module) ([]string, error) {
	if m == nil {
		return nil, nil
	}
	pkgs, err := m.localPackages(ctx)
	if err != nil {
		return nil, fmt.Errorf("go module %s: %w", m.dir, err)
	}
	var deps []string
	for _, path := range slices.Sorted(maps.Keys(pkgs)) {
		d, err := pkgs[path].sources()
		if err != nil {
			return nil, err
		}
		deps = append(deps, path+" "+d)
	}
	return deps, nil
}

// sources returns the hash of the files that make p: every regular file
// of its folder (its Go files for every build tag, cgo and assembly
// sources, and more than that, which costs a spurious rerun at worst)
// and the files it embeds from below it, names and contents.
func (p *localPackage) sources() (string, error) {
	p.once.Do(func() {
		h := cache.NewHash(localTag)
		entries, err := os.ReadDir(p.Dir)
		if err != nil {
			p.err = fmt.Errorf("package %s: %w", p.ImportPath, err)
			return
		}
		var names []string
		for _, e := range entries {
			if e.Type().IsRegular() {
				names = append(names, e.Name())
			}
		}
		names = append(names, p.EmbedFiles...)
		slices.Sort(names)
		names = slices.Compact(names)
		h.Num(uint64(len(names)))
		for _, name := range names {
			data, err := os.ReadFile(filepath.Join(p.Dir, filepath.FromSlash(name)))
			if err != nil {
				p.err = fmt.Errorf("package %s: %w", p.ImportPath, err)
				return
			}
			h.Str(name)
			h.Bytes(data)
		}
		k := h.Sum()
		p.digest = hex.EncodeToString(k[:])
	})
	return p.digest, p.err
}
