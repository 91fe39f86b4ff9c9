package runner

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pipedocs/pipedocs/runner/cache"
)

// Every input of a run must change the key; where the snippet sits in
// its article must not.
func TestKeyCoversEveryField(t *testing.T) {
	base := Spec{
		Lang: "sh", File: "a.sh", Source: []byte("echo"), Stdin: nil,
		Args: []string{"a b"}, Env: []string{"K=V"},
		Timeout: time.Second, OutputLimit: 1 << 20,
		SourcePath: "x.md", SourceLine: 3,
	}
	cmd := []string{"sh", "{file}"}
	mod := &module{gomod: []byte("module m\n"), gosum: []byte("sum\n")}
	k := func(s Spec, cmd []string, tc string, m *module) cache.Key {
		return key(&s, s.File, cmd, tc, "/bin", m, nil, nil)
	}
	baseKey := k(base, cmd, "sh", mod)
	change := map[string]cache.Key{
		"lang":            k(with(base, func(s *Spec) { s.Lang = "bash" }), cmd, "sh", mod),
		"file":            k(with(base, func(s *Spec) { s.File = "b.sh" }), cmd, "sh", mod),
		"source":          k(with(base, func(s *Spec) { s.Source = []byte("echo ") }), cmd, "sh", mod),
		"args split":      k(with(base, func(s *Spec) { s.Args = []string{"a", "b"} }), cmd, "sh", mod),
		"args none":       k(with(base, func(s *Spec) { s.Args = nil }), cmd, "sh", mod),
		"env":             k(with(base, func(s *Spec) { s.Env = []string{"K=W"} }), cmd, "sh", mod),
		"stdin empty":     k(with(base, func(s *Spec) { s.Stdin = []byte{} }), cmd, "sh", mod),
		"stdin bytes":     k(with(base, func(s *Spec) { s.Stdin = []byte("x") }), cmd, "sh", mod),
		"timeout":         k(with(base, func(s *Spec) { s.Timeout = 2 * time.Second }), cmd, "sh", mod),
		"output limit":    k(with(base, func(s *Spec) { s.OutputLimit = 1 }), cmd, "sh", mod),
		"command":         k(base, []string{"sh", "-e", "{file}"}, "sh", mod),
		"command joined":  k(base, []string{"sh {file}"}, "sh", mod),
		"toolchain":       k(base, cmd, "dash", mod),
		"go.mod":          k(base, cmd, "sh", &module{gomod: []byte("module n\n"), gosum: mod.gosum}),
		"go.sum":          k(base, cmd, "sh", &module{gomod: mod.gomod, gosum: nil}),
		"no module":       k(base, cmd, "sh", nil),
		"PATH":            key(&base, base.File, cmd, "sh", "/usr/bin", mod, nil, nil),
		"module package":  key(&base, base.File, cmd, "sh", "/bin", mod, []string{"m/lib 00"}, nil),
		"package changed": key(&base, base.File, cmd, "sh", "/bin", mod, []string{"m/lib 01"}, nil),
		"bin program":     key(&base, base.File, cmd, "sh", "/bin", mod, nil, []string{"greet", "00"}),
		"program changed": key(&base, base.File, cmd, "sh", "/bin", mod, nil, []string{"greet", "01"}),
		"files":           k(with(base, func(s *Spec) { s.Files = []File{{Name: "f", Data: []byte("x")}} }), cmd, "sh", mod),
		"file data":       k(with(base, func(s *Spec) { s.Files = []File{{Name: "f", Data: []byte("y")}} }), cmd, "sh", mod),
		"file name":       k(with(base, func(s *Spec) { s.Files = []File{{Name: "g", Data: []byte("x")}} }), cmd, "sh", mod),
		"source vs stdin": k(with(base, func(s *Spec) { s.Source, s.Stdin = nil, []byte("echo") }), cmd, "sh", mod),
	}
	seen := map[cache.Key]string{baseKey: "base"}
	for name, got := range change {
		if prev, dup := seen[got]; dup {
			t.Errorf("changing %s gives the key of %s", name, prev)
		}
		seen[got] = name
	}
	moved := with(base, func(s *Spec) { s.SourcePath, s.SourceLine = "y.md", 40 })
	if k(moved, cmd, "sh", mod) != baseKey {
		t.Error("moving a snippet in its article changed its key")
	}
}

func with(s Spec, f func(*Spec)) Spec {
	s.Args = append([]string(nil), s.Args...)
	f(&s)
	return s
}

// counter is a file outside every run's temporary folder that a snippet
// appends a line to each time it really runs.
type counter string

func (c counter) runs(t *testing.T) int {
	t.Helper()
	data, err := os.ReadFile(string(c))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return strings.Count(string(data), "\n")
}

func TestResultsCache(t *testing.T) {
	dir := t.TempDir()
	c := counter(filepath.Join(t.TempDir(), "runs"))
	cfg := Config{CacheDir: dir, Runners: map[string]Definition{
		"v": {Command: []string{"sh", "{file}"}, Extension: ".sh", Version: []string{"echo", "v1"}},
	}}
	r := newRunner(t, cfg)
	counted := withEnv(spec("sh", `echo run >> "$COUNTER"; echo hello`), "COUNTER="+string(c))

	// run runs s with rr, checks whether it ran, and returns the result.
	run := func(rr *Runner, s Spec, wantRun bool) Result {
		t.Helper()
		before := c.runs(t)
		res, err := rr.Run(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		if ran := c.runs(t) > before; ran != wantRun || res.Cached == wantRun {
			t.Fatalf("ran=%v Cached=%v, want ran=%v", ran, res.Cached, wantRun)
		}
		return res
	}

	first := run(r, counted, true)
	again := run(r, counted, false)
	if string(again.Output) != "hello\n" || again.Toolchain != first.Toolchain || again.Duration != first.Duration {
		t.Errorf("cached result %+v differs from the run's %+v", again, first)
	}
	run(newRunner(t, cfg), counted, false) // the cache outlives the Runner

	for name, s := range map[string]Spec{
		"source":       with(counted, func(s *Spec) { s.Source = append(s.Source, " "...) }),
		"file":         withFile(counted, "other.sh"),
		"args":         withArgs(counted, "x"),
		"env":          withEnv(counted, "COUNTER="+string(c), "X=1"),
		"stdin":        withStdin(counted, ""),
		"timeout":      withLimits(counted, time.Minute, 1<<20),
		"output limit": withLimits(counted, 20*time.Second, 1<<21),
		"lang":         with(counted, func(s *Spec) { s.Lang = "bash" }),
		"runner":       with(counted, func(s *Spec) { s.Lang = "v" }),
	} {
		t.Run(name, func(t *testing.T) {
			run(r, s, true)
			run(r, s, false)
		})
	}

	t.Run("toolchain", func(t *testing.T) {
		s := with(counted, func(s *Spec) { s.Lang = "v" })
		run(r, s, false)
		cfg2 := cfg
		cfg2.Runners = map[string]Definition{"v": {Command: []string{"sh", "{file}"}, Extension: ".sh", Version: []string{"echo", "v2"}}}
		run(newRunner(t, cfg2), s, true)
	})

	t.Run("corrupt entries are ignored", func(t *testing.T) {
		n := 0
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				n++
				return os.WriteFile(path, []byte("garbage"), 0o644)
			}
			return err
		})
		if n == 0 {
			t.Fatal("no cache entries on disk")
		}
		run(r, counted, true)
		run(r, counted, false)
	})

	t.Run("timeouts are not cached", func(t *testing.T) {
		s := withLimits(withEnv(spec("sh", `echo run >> "$COUNTER"; sleep 30`), "COUNTER="+string(c)), 1500*time.Millisecond, 1<<20)
		for range 2 {
			if res := run(r, s, true); !res.TimedOut {
				t.Fatalf("not timed out: %+v", res)
			}
		}
	})
}

func TestResultsCacheGo(t *testing.T) {
	site := t.TempDir()
	gomod := filepath.Join(site, "go.mod")
	if err := os.WriteFile(gomod, []byte("module example.com/site\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := Config{CacheDir: t.TempDir()}
	c := counter(filepath.Join(t.TempDir(), "runs"))
	prog := withEnv(spec("go", `package main

import (
	"fmt"
	"os"
)

func main() {
	f, _ := os.OpenFile(os.Getenv("COUNTER"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	fmt.Fprintln(f, "run")
	fmt.Println("hello")
}
`), "COUNTER="+string(c))
	prog.ModuleDir = site

	for i, step := range []struct {
		editGoMod bool
		cached    bool
	}{{false, false}, {false, true}, {true, false}, {false, true}} {
		if step.editGoMod {
			if err := os.WriteFile(gomod, []byte("module example.com/site\n\ngo 1.23\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		before := c.runs(t)
		res, err := newRunner(t, cfg).Run(context.Background(), prog)
		if err != nil || string(res.Output) != "hello\n" {
			t.Fatalf("step %d: %v %+v", i, err, res)
		}
		if res.Cached != step.cached || (c.runs(t) > before) == step.cached {
			t.Errorf("step %d: Cached=%v, want %v", i, res.Cached, step.cached)
		}
	}

	// A cached compile error points at the snippet where it is now.
	r := newRunner(t, cfg)
	for i, line := range []int{10, 20} {
		res, err := r.Run(context.Background(), inArticle(spec("go", undefinedX), "a.md", line))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"a.md:15:14: undefined: x\n", "a.md:25:14: undefined: x\n"}[i]
		if !res.BuildFailed || res.Cached != (i == 1) || string(res.Output) != want {
			t.Errorf("at line %d: %+v %q, want %q", line, res, res.Output, want)
		}
	}
}

// A Go snippet's key covers the packages of its module that it imports,
// directly or through another: a change to one of them reruns it, a
// change to any other package does not.
func TestResultsCacheLocalPackages(t *testing.T) {
	site := t.TempDir()
	writeTree(t, site, map[string]string{
		"go.mod":             "module example.com/site\n\ngo 1.22\n",
		"lib/lib.go":         "package lib\n\nimport \"example.com/site/lib/inner\"\n\nfunc Hello() string { return inner.Word }\n",
		"lib/inner/inner.go": "package inner\n\nconst Word = \"hello\"\n",
		"other/other.go":     "package other\n",
	})
	cfg := Config{CacheDir: t.TempDir()}
	prog := inModule(spec("go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/site/lib\"\n)\n\nfunc main() { fmt.Println(lib.Hello()) }\n"), site)
	for i, step := range []struct {
		edit   string // file to change before the run
		data   string
		cached bool
		want   string
	}{
		{"", "", false, "hello\n"},
		{"", "", true, "hello\n"},
		{"lib/inner/inner.go", "package inner\n\nconst Word = \"bonjour\"\n", false, "bonjour\n"},
		{"", "", true, "bonjour\n"},
		{"other/other.go", "package other\n\nconst X = 1\n", true, "bonjour\n"},
		{"lib/notes.txt", "a file beside the package", false, "bonjour\n"},
	} {
		if step.edit != "" {
			writeTree(t, site, map[string]string{step.edit: step.data})
		}
		res, err := newRunner(t, cfg).Run(context.Background(), prog)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if res.Cached != step.cached || string(res.Output) != step.want {
			t.Errorf("step %d: %q, Cached=%v; want %q, Cached=%v", i, res.Output, res.Cached, step.want, step.cached)
		}
	}
}

func TestModulePath(t *testing.T) {
	for gomod, want := range map[string]string{
		"module example.com/site\n\ngo 1.22\n":  "example.com/site",
		"// c\nmodule \"example.com/q\" // x\n": "example.com/q",
		"go 1.22\n":                             "",
	} {
		if got := modulePath([]byte(gomod)); got != want {
			t.Errorf("modulePath(%q) = %q, want %q", gomod, got, want)
		}
	}
}
