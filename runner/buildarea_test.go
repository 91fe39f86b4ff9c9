package runner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// hello prints its own name, so a test sees which snippet ran.
func hello(name string) Spec {
	return withFile(spec("go", fmt.Sprintf("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(%q) }\n", name)), name+".go")
}

// workspace returns the build area's workspace r builds s in.
func workspace(t *testing.T, r *Runner, s Spec) string {
	t.Helper()
	tc, err := r.toolchain(context.Background(), golang)
	if err != nil {
		t.Fatal(err)
	}
	m, err := r.module(s.ModuleDir)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(r.buildDir, workspaceName(tc.name, m))
}

// inModule puts s in the Go module in dir.
func inModule(s Spec, dir string) Spec {
	s.ModuleDir = dir
	return s
}

// keptBinary is where the build area keeps the binary of s, built
// alone.
func keptBinary(t *testing.T, r *Runner, s Spec) string {
	return filepath.Join(workspace(t, r, s), "bin", packageName(s.fileName(".go"), s.Source))
}

// keptMerged is where the build area keeps the merged binary of the
// workspace of s.
func keptMerged(t *testing.T, r *Runner, s Spec) string {
	return filepath.Join(workspace(t, r, s), "bin", mergedDir)
}

// buildFails starts the wanted output of a snippet that does not build.
const buildFails = "build fails: "

// runAll runs specs on a new Runner for cfg, as a new pipedocs process
// would, and checks that each printed want[i]: exactly, or, after
// buildFails, among the compiler's messages.
func runAll(t *testing.T, cfg Config, specs []Spec, want []string) *Runner {
	t.Helper()
	r, err := New(cfg)
	if err != nil {
		t.Error(err) // not Fatal: runAll may run on goroutines of its own
		return nil
	}
	results, errs := r.RunAll(context.Background(), specs, 0, nil)
	for i, res := range results {
		msg, fails := strings.CutPrefix(want[i], buildFails)
		switch {
		case errs[i] != nil:
			t.Errorf("spec %d: %v", i, errs[i])
		case res.BuildFailed != fails,
			fails && !strings.Contains(string(res.Output), msg),
			!fails && string(res.Output) != msg:
			t.Errorf("spec %d: got %q (build failed: %v), want %q", i, res.Output, res.BuildFailed, want[i])
		}
	}
	return r
}

// pinAll hard-links each binary to a name of its own, which keeps its
// inode alive: a binary written again is then a different file, whatever
// inode number the file system hands out.
func pinAll(t *testing.T, bins []string) []string {
	t.Helper()
	dir := t.TempDir()
	var pins []string
	for i, bin := range bins {
		pin := filepath.Join(dir, fmt.Sprint(i))
		if err := os.Link(bin, pin); err != nil {
			t.Fatal(err)
		}
		pins = append(pins, pin)
	}
	return pins
}

func sameFile(t *testing.T, a, b string) bool {
	t.Helper()
	ai, err := os.Stat(a)
	if err != nil {
		t.Fatal(err)
	}
	bi, err := os.Stat(b)
	if err != nil {
		t.Fatal(err)
	}
	return os.SameFile(ai, bi)
}

// A new Runner finds the binaries of an earlier one up to date and does
// not link them again: neither the merged binary of an unchanged set of
// snippets nor the binary of a snippet built alone. A changed merged
// snippet relinks the merged binary only.
func TestBuildAreaReuse(t *testing.T) {
	cfg := Config{BuildDir: t.TempDir()}
	alone := withFile(spec("go", "package main\n\nimport \"fmt\"\n\nfunc init() { fmt.Print(\"init \") }\n\nfunc main() { fmt.Println(\"alone\") }\n"), "alone.go")
	specs := []Spec{hello("one"), hello("two"), withArgs(hello("two"), "ignored"), withFile(spec("go", reexec), "simple_pipe.go"), alone}
	for i := range specs {
		specs[i] = inModule(specs[i], moduleRoot(t))
	}
	want := []string{"one\n", "two\n", "two\n", "child of simple_pipe\nparent done\n", "init alone\n"}
	r := runAll(t, cfg, specs, want)
	bins := []string{keptMerged(t, r, specs[0]), keptBinary(t, r, specs[4])}
	pins := pinAll(t, bins)

	runAll(t, cfg, specs, want)
	for i, bin := range bins {
		if !sameFile(t, bin, pins[i]) {
			t.Errorf("%s was linked again, unchanged", bin)
		}
	}

	specs[0] = inModule(hello("uno"), moduleRoot(t))
	want[0] = "uno\n"
	r = runAll(t, cfg, specs, want)
	if sameFile(t, bins[0], pins[0]) {
		t.Errorf("the merged binary was not linked again after a snippet in it changed")
	}
	if !sameFile(t, bins[1], pins[1]) {
		t.Errorf("%s was linked again, unchanged, after another snippet changed", bins[1])
	}
	if entries, err := os.ReadDir(workspace(t, r, specs[0])); err != nil {
		t.Fatal(err)
	} else {
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), "pins-") {
				t.Errorf("a build left its pins behind: %s", e.Name())
			}
		}
	}
}

// Runners of several processes may build in the same area at once.
func TestBuildAreaConcurrent(t *testing.T) {
	cfg := Config{BuildDir: t.TempDir()}
	specs := []Spec{hello("a"), hello("b"), hello("c"), inArticle(spec("go", undefinedX), "x.md", 10)}
	want := []string{"a\n", "b\n", "c\n", buildFails + "x.md:15:14: undefined: x"}
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() { runAll(t, cfg, specs, want) })
	}
	wg.Wait()
}

// A binary of an earlier build is no proof that the snippet still
// builds: here its source is unchanged, but a package of the site's
// module that it imports no longer compiles.
func TestBuildAreaStale(t *testing.T) {
	site := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		path := filepath.Join(site, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/site\n\ngo 1.22\n")
	write("lib/lib.go", "package lib\n\nfunc Hello() string { return \"hello from lib\" }\n")
	cfg := Config{BuildDir: t.TempDir()}
	uses := inModule(inArticle(spec("go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/site/lib\"\n)\n\nfunc main() { fmt.Println(lib.Hello()) }\n"), "a.md", 1), site)
	specs := []Spec{hello("other"), uses}
	runAll(t, cfg, specs, []string{"other\n", "hello from lib\n"})

	write("lib/lib.go", "package lib\n\nfunc Hello() string { return 42 }\n")
	r := runAll(t, cfg, specs, []string{"other\n", buildFails + "lib/lib.go:3:30: cannot use 42"})
	if _, err := os.Stat(keptBinary(t, r, uses)); err == nil {
		t.Errorf("the binary of a failed build is still in the build area")
	}
}

// What a program does to its own executable stays in its run.
func TestBuildAreaOwnCopy(t *testing.T) {
	cfg := Config{BuildDir: t.TempDir()}
	self := spec("go", `package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println(os.Chmod(os.Args[0], 0o600), os.Remove(os.Args[0]))
}
`)
	specs := []Spec{self}
	r := runAll(t, cfg, specs, []string{"<nil> <nil>\n"})
	info, err := os.Stat(keptBinary(t, r, self))
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o755 {
		t.Errorf("the build area's binary has mode %v after its program changed its own", info.Mode())
	}
	runAll(t, cfg, specs, []string{"<nil> <nil>\n"})
}

func TestEvict(t *testing.T) {
	area := t.TempDir()
	r := newRunner(t, Config{BuildDir: area})
	now := time.Now()
	old := now.Add(-evictAfter - time.Hour)
	ws := filepath.Join(area, "current")
	// Each path is made (a directory when it ends in "/", else a file)
	// with the modification time given; kept says whether it survives.
	tests := []struct {
		path string
		at   time.Time
		kept bool
	}{
		{"current/lock", now, true},
		{"current/go.mod", old, true},
		{"current/bin/", old, true},
		{"current/fresh/", now, true},
		{"current/bin/fresh", old, true},
		{"current/stale/", old, false},
		{"current/bin/stale", old, false},
		{"current/pins-1/", now.Add(-pinsAfter + time.Hour), true},
		{"current/pins-2/", now.Add(-pinsAfter - time.Hour), false},
		{"unused/lock", old, false},
		{"unused/", old, false},
		{"recent/lock", old, true},
		{"recent/", now, true},
		{"busy/lock", old, true},
		{"busy/", old, true},
		{"foreign/", old, true}, // no lock: not a workspace
	}
	for _, tt := range tests {
		path := filepath.Join(area, tt.path)
		var err error
		if strings.HasSuffix(tt.path, "/") {
			err = os.MkdirAll(path, 0o777)
		} else if err = os.MkdirAll(filepath.Dir(path), 0o777); err == nil {
			err = os.WriteFile(path, nil, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	// Times last: making a path changes its parent's.
	for _, tt := range tests {
		if err := os.Chtimes(filepath.Join(area, tt.path), tt.at, tt.at); err != nil {
			t.Fatal(err)
		}
	}
	busy, err := lockWorkspace(context.Background(), filepath.Join(area, "busy"))
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	if err := os.Chtimes(filepath.Join(area, "busy"), old, old); err != nil {
		t.Fatal(err)
	}

	r.evict(ws, now)
	for _, tt := range tests {
		_, err := os.Stat(filepath.Join(area, tt.path))
		if kept := err == nil; kept != tt.kept {
			t.Errorf("%s: kept = %v, want %v", tt.path, kept, tt.kept)
		}
	}
}
