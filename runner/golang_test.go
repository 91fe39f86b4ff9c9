package runner

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// moduleRoot is the directory of this repository's go.mod, found from
// the test's working directory.
func moduleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

func inArticle(s Spec, path string, line int) Spec {
	s.SourcePath, s.SourceLine = path, line
	return s
}

const undefinedX = `package main

import "fmt"

func main() {
	fmt.Println(x)
}
`

const redeclared = `package main

func main() {
	var a int
	var a int
}
`

const unixPid = `package main

import (
	"fmt"

	"golang.org/x/sys/unix"
)

func main() { fmt.Println(unix.Getpid() > 0) }
`

// flagV defines the same flag as any other snippet using it would: in
// one shared binary the second definition would panic.
const flagV = `package main

import (
	"flag"
	"fmt"
)

var v = flag.Bool("v", false, "verbose")

func main() {
	flag.Parse()
	fmt.Println("verbose:", *v)
}
`

// reexec plays both parent and child, as the os.pipe guide's programs do.
const reexec = `package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

func main() {
	if os.Getenv("ROLE") == "child" {
		fmt.Println("child of", filepath.Base(os.Args[0]))
		return
	}
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "ROLE=child")
	cmd.Stdout = os.Stdout
	if err := cmd.Run(); err != nil {
		fmt.Println(err)
	}
	fmt.Println("parent done")
}
`

func TestGo(t *testing.T) {
	root := moduleRoot(t)
	tests := []struct {
		name      string
		moduleDir string
		spec      Spec
		output    string // exact, or with failed: lines the output must hold
		failed    bool
	}{
		{
			name:   "compile error mapped to the article",
			spec:   inArticle(spec("go", undefinedX), "content/pipes/basics.md", 23),
			output: "content/pipes/basics.md:28:14: undefined: x\n",
			failed: true,
		},
		{
			name:   "continuation lines mapped too",
			spec:   inArticle(spec("go", redeclared), "a.md", 10),
			output: "a.md:14:6: a redeclared in this block\n\ta.md:13:6: other declaration of a\n",
			failed: true,
		},
		{
			name:   "no article: the snippet's own name",
			spec:   withFile(spec("go", undefinedX), "prog.go"),
			output: "prog.go:6:14: undefined: x\n",
			failed: true,
		},
		{
			name:   "re-executes os.Args[0]",
			spec:   withFile(spec("go", reexec), "simple_pipe.go"),
			output: "child of simple_pipe\nparent done\n",
		},
		{
			name:      "imports what the site module requires",
			moduleDir: root,
			spec:      spec("go", unixPid),
			output:    "true\n",
		},
		{
			name:   "no module: standard library only",
			spec:   inArticle(spec("go", unixPid), "b.md", 1),
			output: "b.md:6:2: cannot find module providing package golang.org/x/sys/unix",
			failed: true,
		},
		{
			name:      "flags",
			moduleDir: root,
			spec:      withArgs(spec("go", flagV), "-v"),
			output:    "verbose: true\n",
		},
	}
	for _, tt := range tests {
		for _, layout := range layouts(t) {
			t.Run(tt.name+"/"+layout.name, func(t *testing.T) {
				r := newRunner(t, Config{BuildDir: layout.buildDir})
				res, err := r.Run(context.Background(), inModule(tt.spec, tt.moduleDir))
				if err != nil {
					t.Fatal(err)
				}
				if res.BuildFailed != tt.failed {
					t.Fatalf("BuildFailed = %v, want %v; output:\n%s", res.BuildFailed, tt.failed, res.Output)
				}
				out := string(res.Output)
				if tt.failed {
					checkBuildOutput(t, out, tt.output)
					return
				}
				if out != tt.output || res.Exit != 0 {
					t.Errorf("got %q (exit %d), want %q", out, res.Exit, tt.output)
				}
			})
		}
	}
}

// A layout is where Go snippets build: a temporary directory per
// RunAll, or a build area kept between Runners. Go tests run in both.
type layout struct {
	name     string
	buildDir string
}

// layouts returns both layouts; the build area is shared by the calling
// test's subtests, as it is by the Runners of successive pipedocs runs.
func layouts(t *testing.T) []layout {
	return []layout{{"temp", ""}, {"kept", t.TempDir()}}
}

// checkBuildOutput checks that compiler output holds want and nothing of
// the throwaway build it came from.
func checkBuildOutput(t *testing.T, out, want string) {
	t.Helper()
	if !strings.Contains(out, want) {
		t.Errorf("build output:\n%s\nwant it to hold:\n%s", out, want)
	}
	for _, leak := range []string{snippetModule, "pipedocs-build-", "s0/", "main.go"} {
		if strings.Contains(out, leak) {
			t.Errorf("build output names the throwaway build (%q):\n%s", leak, out)
		}
	}
	if leak := packageHash.FindString(out); leak != "" {
		t.Errorf("build output names a package of the build area (%q):\n%s", leak, out)
	}
}

// packageHash matches a name like those of the build area's directories.
var packageHash = regexp.MustCompile(`[0-9a-f]{32}`)

// One RunAll builds all its Go snippets together; a compile error and a
// load error (which stops a whole go build) among them must cost the
// others nothing and be reported against their own snippet.
func TestGoBatch(t *testing.T) {
	for _, layout := range layouts(t) {
		t.Run(layout.name, func(t *testing.T) {
			r := newRunner(t, Config{BuildDir: layout.buildDir})
			testGoBatch(t, r, moduleRoot(t))
		})
	}
}

func testGoBatch(t *testing.T, r *Runner, mod string) {
	specs := []Spec{
		spec("go", flagV),
		inArticle(spec("go", undefinedX), "x.md", 100),
		spec("sh", "echo not go"),
		inArticle(spec("go", "package main\n\nimport _ \"example.invalid/nope\"\n\nfunc main() {}\n"), "y.md", 200),
		withArgs(spec("go", flagV), "-v"),
		spec("go", unixPid),
		spec("go", "package lib\n\nfunc X() {}\n"),
	}
	for i := range specs {
		specs[i] = inModule(specs[i], mod)
	}
	want := []string{"verbose: false\n", "x.md:105:14: undefined: x", "not go\n", "y.md:202:8: cannot find module providing package example.invalid/nope", "verbose: true\n", "true\n", "no main packages to build"}
	results, errs := r.RunAll(context.Background(), specs, 0, nil)
	for i, res := range results {
		if errs[i] != nil {
			t.Errorf("spec %d: %v", i, errs[i])
			continue
		}
		failed := i == 1 || i == 3 || i == 6
		if res.BuildFailed != failed {
			t.Errorf("spec %d: BuildFailed = %v; output:\n%s", i, res.BuildFailed, res.Output)
			continue
		}
		if failed {
			checkBuildOutput(t, string(res.Output), want[i])
		} else if string(res.Output) != want[i] {
			t.Errorf("spec %d: got %q, want %q", i, res.Output, want[i])
		}
	}
}

func TestGoLine(t *testing.T) {
	for version, want := range map[string]string{
		"go1.26.8":                             "1.26.8",
		"go1.27rc1":                            "1.27rc1",
		"go1.26":                               "1.26",
		"devel go1.27-4d3fe8a Mon Jan 5 +0000": "1.27",
		"gccgo":                                "",
	} {
		got, err := goLine(version)
		if got != want || (err != nil) != (want == "") {
			t.Errorf("goLine(%q) = %q, %v; want %q", version, got, err, want)
		}
	}
}

// When the go command names every package of a batch as failed, nothing
// is left to build again.
func TestGoBatchAllFail(t *testing.T) {
	for _, layout := range layouts(t) {
		t.Run(layout.name, func(t *testing.T) {
			r := newRunner(t, Config{BuildDir: layout.buildDir})
			specs := []Spec{inArticle(spec("go", undefinedX), "a.md", 1), inArticle(spec("go", redeclared), "b.md", 1)}
			want := []string{"a.md:6:14: undefined: x", "b.md:5:6: a redeclared in this block"}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			results, errs := r.RunAll(ctx, specs, 0, nil)
			for i, res := range results {
				if errs[i] != nil || !res.BuildFailed {
					t.Errorf("spec %d: %v, build failed: %v", i, errs[i], res.BuildFailed)
					continue
				}
				checkBuildOutput(t, string(res.Output), want[i])
			}
		})
	}
}

// writeTree writes files (name → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Snippets of one RunAll that build in different modules each see their
// own module: its packages and its requirements, not the other's.
func TestGoModules(t *testing.T) {
	sites := t.TempDir()
	writeTree(t, sites, map[string]string{
		"a/go.mod":     "module example.com/a\n\ngo 1.22\n",
		"a/lib/lib.go": "package lib\n\nconst Name = \"lib of a\"\n",
		"b/go.mod":     "module example.com/b\n\ngo 1.22\n",
		"b/lib/lib.go": "package lib\n\nconst Name = \"lib of b\"\n",
	})
	uses := func(mod string) string {
		return "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/" + mod + "/lib\"\n)\n\nfunc main() { fmt.Println(lib.Name) }\n"
	}
	a, b := filepath.Join(sites, "a"), filepath.Join(sites, "b")
	for _, layout := range layouts(t) {
		t.Run(layout.name, func(t *testing.T) {
			specs := []Spec{
				inModule(spec("go", uses("a")), a),
				inModule(spec("go", uses("b")), b),
				inModule(inArticle(spec("go", uses("a")), "b.md", 1), b),
				inModule(spec("go", unixPid), moduleRoot(t)),
				inModule(inArticle(spec("go", unixPid), "b.md", 1), b),
			}
			want := []string{"lib of a\n", "lib of b\n", "b.md:6:2: ", "true\n", "b.md:6:2: "}
			results, errs := newRunner(t, Config{BuildDir: layout.buildDir}).RunAll(context.Background(), specs, 0, nil)
			for i, res := range results {
				failed := strings.HasSuffix(want[i], ": ")
				switch {
				case errs[i] != nil:
					t.Errorf("spec %d: %v", i, errs[i])
				case res.BuildFailed != failed:
					t.Errorf("spec %d: BuildFailed = %v; output:\n%s", i, res.BuildFailed, res.Output)
				case failed:
					checkBuildOutput(t, string(res.Output), want[i])
				case string(res.Output) != want[i]:
					t.Errorf("spec %d: got %q, want %q", i, res.Output, want[i])
				}
			}
		})
	}
}

func TestFindModule(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"go.mod":                   "module example.com/repo\n",
		"content/go.mod":           "module example.com/guide\n",
		"content/pipes/a.md":       "",
		"docs/x/y.md":              "",
		"docs/go.mod/not-a-go.mod": "", // a folder named go.mod is not one
	})
	for dir, want := range map[string]string{
		"content/pipes": "content",
		"content":       "content",
		"docs/x":        ".",
		".":             ".",
	} {
		got, err := FindModule(filepath.Join(root, dir))
		if err != nil || got != filepath.Join(root, want) {
			t.Errorf("FindModule(%s) = %q, %v; want %s", dir, got, err, filepath.Join(root, want))
		}
	}
	if got, err := FindModule(t.TempDir()); err != nil || got != "" {
		t.Errorf("FindModule outside every module = %q, %v; want \"\"", got, err)
	}
}
