package runner

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// greetModule writes a module with the command cmd/greet, printing what
// msg says, and returns its folder.
func greetModule(t *testing.T, msg string) string {
	t.Helper()
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"go.mod": "module example.com/greet\n\ngo 1.22\n",
		"cmd/greet/main.go": "package main\n\nimport (\n\t\"flag\"\n\t\"fmt\"\n)\n\nfunc main() {\n" +
			"\tname := flag.String(\"name\", \"world\", \"who\")\n\tflag.Parse()\n\tfmt.Printf(\"" + msg + ", %s!\\n\", *name)\n}\n",
	})
	return dir
}

func greetRunner(t *testing.T, dir, cacheDir string) *Runner {
	t.Helper()
	r := newRunner(t, Config{CacheDir: cacheDir, Programs: []Program{
		{Name: "greet", Package: "./cmd/greet", Dir: dir, Where: "pipedocs.toml:4"},
	}})
	t.Cleanup(func() { r.Close() })
	return r
}

// A [bin] program is on the PATH of every snippet, and a change to its
// source reruns the snippets that name it, and only those.
func TestPrograms(t *testing.T) {
	dir, cacheDir := greetModule(t, "Hello"), t.TempDir()
	specs := []Spec{spec("sh", "greet --name x\n"), spec("sh", "echo other\n")}
	run := func() []Result {
		t.Helper()
		results, errs := greetRunner(t, dir, cacheDir).RunAll(context.Background(), specs, 0, nil)
		for i, err := range errs {
			if err != nil {
				t.Fatalf("spec %d: %v", i, err)
			}
		}
		return results
	}
	first := run()
	if got := string(first[0].Output); got != "Hello, x!\n" || first[0].Cached {
		t.Fatalf("first run: %q (cached %v), want a run printing \"Hello, x!\\n\"", got, first[0].Cached)
	}
	again := run()
	if !again[0].Cached || !again[1].Cached {
		t.Errorf("unchanged tool: cached = %v, %v; want both cached", again[0].Cached, again[1].Cached)
	}
	writeTree(t, dir, map[string]string{"cmd/greet/main.go": strings.Replace(
		mustRead(t, filepath.Join(dir, "cmd/greet/main.go")), "Hello", "Howdy", 1)})
	changed := run()
	if changed[0].Cached || string(changed[0].Output) != "Howdy, x!\n" {
		t.Errorf("changed tool: %q (cached %v), want a new run printing \"Howdy, x!\\n\"", changed[0].Output, changed[0].Cached)
	}
	if !changed[1].Cached {
		t.Errorf("a snippet that does not name the tool ran again")
	}
}

// A program is built once per Runner: every snippet of every RunAll
// finds the same binary on its PATH.
func TestProgramsBuiltOnce(t *testing.T) {
	r := greetRunner(t, greetModule(t, "Hello"), "")
	var paths []string
	for range 2 {
		specs := []Spec{spec("sh", "command -v greet\n"), spec("sh", "greet; command -v greet\n")}
		results, errs := r.RunAll(context.Background(), specs, 0, nil)
		for i, err := range errs {
			if err != nil {
				t.Fatalf("spec %d: %v", i, err)
			}
		}
		paths = append(paths, string(results[0].Output), strings.TrimPrefix(string(results[1].Output), "Hello, world!\n"))
	}
	for _, p := range paths {
		if p != paths[0] || !strings.HasSuffix(p, "/greet\n") {
			t.Fatalf("greet found at %q, want one binary for all", paths)
		}
	}
}

// A program that does not build fails every spec with one error naming
// its config line, before anything runs.
func TestProgramBuildFails(t *testing.T) {
	dir := greetModule(t, "Hello")
	writeTree(t, dir, map[string]string{"cmd/greet/main.go": "package main\n\nfunc main() { undefined() }\n"})
	r := greetRunner(t, dir, "")
	err := r.BuildPrograms(context.Background())
	if err == nil || !strings.HasPrefix(err.Error(), "pipedocs.toml:4: [bin] greet: go build ./cmd/greet failed:\n") ||
		!strings.Contains(err.Error(), "undefined") {
		t.Fatalf("BuildPrograms = %v; want the config line and the compiler's message", err)
	}
	_, errs := r.RunAll(context.Background(), []Spec{spec("sh", "greet\n")}, 0, nil)
	if errs[0] != err {
		t.Errorf("RunAll: %v, want the build's error", errs[0])
	}
}

// A run whose snippets name no program does not build the programs (nor
// fail when one does not build).
func TestProgramsOnlyWhenNamed(t *testing.T) {
	dir := greetModule(t, "Hello")
	writeTree(t, dir, map[string]string{"cmd/greet/main.go": "package main\n\nfunc main() { undefined() }\n"})
	r := greetRunner(t, dir, "")
	results, errs := r.RunAll(context.Background(), []Spec{spec("sh", "echo hi\n")}, 0, nil)
	if errs[0] != nil || string(results[0].Output) != "hi\n" {
		t.Errorf("RunAll = %q, %v; want a run printing hi", results[0].Output, errs[0])
	}
	if r.progs.dir != "" {
		t.Error("the programs were built")
	}
}

func TestProgramsChecked(t *testing.T) {
	for _, progs := range [][]Program{
		{{Name: "-x", Package: "./x", Where: "p:1"}},
		{{Name: "a/b", Package: "./x", Where: "p:1"}},
		{{Name: "x", Package: "", Where: "p:1"}},
		{{Name: "x", Package: "./x", Where: "p:1"}, {Name: "x", Package: "./y", Where: "p:2"}},
	} {
		if _, err := New(Config{Programs: progs}); err == nil {
			t.Errorf("New(%+v): no error", progs)
		}
	}
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
