package runner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// counterA and counterB declare the same package-level names.
const counterA = `package main

import "fmt"

type T struct{ n int }

var counter = T{n: 1}

func helper() int { counter.n++; return counter.n }

func main() { fmt.Println("a", helper()) }
`

const counterB = `package main

import "fmt"

type T struct{ s string }

var counter = T{s: "b"}

func helper() string { return counter.s + counter.s }

func main() { fmt.Println("b", helper()) }
`

// emptyEnv re-executes itself with no environment at all: the merged
// binary must still know which snippet it is.
const emptyEnv = `package main

import (
	"fmt"
	"os"
	"os/exec"
)

func main() {
	if len(os.Args) > 1 {
		fmt.Println("child:", os.Args[0], len(os.Environ()))
		return
	}
	cmd := exec.Command(os.Args[0], "child")
	cmd.Env = []string{}
	cmd.Stdout = os.Stdout
	if err := cmd.Run(); err != nil {
		fmt.Println(err)
	}
	fmt.Println("parent:", os.Args[0])
}
`

const exit3 = `package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("bye")
	os.Exit(3)
}
`

const withInit = `package main

import "fmt"

func init() { fmt.Print("init ") }

func main() { fmt.Println("main") }
`

const flagInMain = `package main

import (
	"flag"
	"fmt"
)

func main() {
	n := flag.Int("n", 1, "how many")
	flag.Parse()
	fmt.Println("n =", *n, flag.Args())
}
`

const flagAtTop = `package main

import (
	"flag"
	"fmt"
)

var n = flag.Int("n", 1, "how many")

func main() {
	flag.Parse()
	fmt.Println("n =", *n)
}
`

// outOfRange panics in the runtime, which Check cannot see.
const outOfRange = `package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("before")
	s := []int{1, 2, 3}
	fmt.Println(s[len(os.Args)+4])
}
`

const explicitPanic = `package main

func main() {
	panic("boom")
}
`

// A merged case is a snippet and how it must run, merged or not.
type mergedCase struct {
	name   string
	spec   Spec
	merged bool   // Check accepts it
	output string // exact, or a regexp when it starts with "(?s)"
	exit   int
}

var mergedCases = []mergedCase{
	{"same names a", withFile(spec("go", counterA), "a.go"), true, "a 2\n", 0},
	{"same names b", withFile(spec("go", counterB), "b.go"), true, "b bb\n", 0},
	{"re-executes with an empty environment", withFile(spec("go", emptyEnv), "simple_pipe.go"), true, "child: ./simple_pipe 0\nparent: ./simple_pipe\n", 0},
	{"os.Exit(3)", withFile(spec("go", exit3), "exit3.go"), true, "bye\n", 3},
	{"init falls back", withFile(spec("go", withInit), "init.go"), false, "init main\n", 0},
	{"flag in main", withArgs(withFile(spec("go", flagInMain), "flags.go"), "-n", "5", "x"), true, "n = 5 [x]\n", 0},
	{"flag usage in main", withArgs(withFile(spec("go", flagInMain), "usage.go"), "-bogus"), true,
		"flag provided but not defined: -bogus\nUsage of ./usage:\n  -n int\n    \thow many (default 1)\n", 2},
	{"flag at package level falls back", withArgs(withFile(spec("go", flagAtTop), "top.go"), "-n", "7"), false, "n = 7\n", 0},
	{"runtime panic: the trace of its own binary", withFile(spec("go", outOfRange), "index.go"), true,
		`(?s)^before\npanic: runtime error: index out of range \[5\] with length 3\n\ngoroutine 1 \[running\]:\nmain\.main\(\)\n\tindex\.go:11 \+0x[0-9a-f]+\n$`, 2},
	{"explicit panic falls back", withFile(spec("go", explicitPanic), "boom.go"), false,
		`(?s)^panic: boom\n\ngoroutine 1 \[running\]:\nmain\.main\(\)\n\tboom\.go:4 \+0x[0-9a-f]+\n$`, 2},
}

// The merged binary behaves like separate ones: each case runs merged
// with the others and alone, with the same output, status and
// os.Args[0].
func TestMergedLikeAlone(t *testing.T) {
	var specs []Spec
	for _, tt := range mergedCases {
		if got := canMerge(&tt.spec); got != tt.merged {
			t.Errorf("%s: canMerge = %v, want %v", tt.name, got, tt.merged)
		}
		specs = append(specs, tt.spec)
	}
	for _, layout := range layouts(t) {
		t.Run(layout.name, func(t *testing.T) {
			r := newRunner(t, Config{BuildDir: layout.buildDir})
			results, errs := r.RunAll(context.Background(), specs, 0, nil)
			for i, tt := range mergedCases {
				if errs[i] != nil {
					t.Errorf("%s: %v", tt.name, errs[i])
					continue
				}
				checkMerged(t, "merged", tt, results[i])
			}
			if layout.buildDir != "" {
				checkDispatcher(t, r, mergedCases)
			}
		})
	}
	r := newRunner(t, Config{})
	for _, tt := range mergedCases {
		res, err := r.Run(context.Background(), tt.spec)
		if err != nil {
			t.Errorf("%s alone: %v", tt.name, err)
			continue
		}
		checkMerged(t, "alone", tt, res)
	}
}

func checkMerged(t *testing.T, how string, tt mergedCase, res Result) {
	t.Helper()
	out := string(res.Output)
	ok := out == tt.output
	if strings.HasPrefix(tt.output, "(?s)") {
		ok = regexp.MustCompile(tt.output).MatchString(out)
	}
	if !ok || res.Exit != tt.exit || res.BuildFailed {
		t.Errorf("%s %s: got exit %d, build failed %v:\n%s\nwant exit %d:\n%s", tt.name, how, res.Exit, res.BuildFailed, out, tt.exit, tt.output)
	}
	if want := "./" + exeName(tt.spec.fileName(".go")); res.Exe != want {
		t.Errorf("%s %s: Exe = %q, want %q", tt.name, how, res.Exe, want)
	}
}

// checkDispatcher checks that the build area's dispatcher imports the
// packages of the cases Check accepts, and only those.
func checkDispatcher(t *testing.T, r *Runner, cases []mergedCase) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(workspace(t, r, cases[0].spec), mergedDir, "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range cases {
		pkg := packageName("merged:"+tt.spec.fileName(".go"), tt.spec.Source)
		if got := strings.Contains(string(src), pkg); got != tt.merged {
			t.Errorf("%s: in the dispatcher = %v, want %v", tt.name, got, tt.merged)
		}
	}
}

// A compile error in one of ten snippets: the nine others still run
// merged, and the error is mapped to its article line.
func TestMergedCompileError(t *testing.T) {
	for _, layout := range layouts(t) {
		t.Run(layout.name, func(t *testing.T) {
			var specs []Spec
			for i := range 10 {
				s := inArticle(hello(fmt.Sprint("p", i)), fmt.Sprintf("p%d.md", i), 3)
				if i == 4 {
					s = inArticle(withFile(spec("go", undefinedX), "p4.go"), "p4.md", 20)
				}
				specs = append(specs, s)
			}
			r := newRunner(t, Config{BuildDir: layout.buildDir})
			results, errs := r.RunAll(context.Background(), specs, 0, nil)
			for i, res := range results {
				switch {
				case errs[i] != nil:
					t.Errorf("spec %d: %v", i, errs[i])
				case i == 4:
					if !res.BuildFailed {
						t.Errorf("spec 4 built: %s", res.Output)
					}
					checkBuildOutput(t, string(res.Output), "p4.md:25:14: undefined: x\n")
				case string(res.Output) != fmt.Sprintf("p%d\n", i) || res.BuildFailed:
					t.Errorf("spec %d: %q, build failed %v", i, res.Output, res.BuildFailed)
				}
			}
			if layout.buildDir != "" {
				src, err := os.ReadFile(filepath.Join(workspace(t, r, specs[0]), mergedDir, "main.go"))
				if err != nil {
					t.Fatal(err)
				}
				if n := strings.Count(string(src), ".Main,"); n != 9 {
					t.Errorf("the dispatcher runs %d snippets, want the 9 that build:\n%s", n, src)
				}
			}
		})
	}
}

// A Go program that is one step of several, or builds with files of its
// session, has a binary of its own: a merged one's panic would run
// twice in the session's folder (rerunMerged).
func TestSessionStepsAreNotMerged(t *testing.T) {
	src := []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(1) }\n")
	alone := Spec{Lang: "go", File: "a.go", Source: src}
	if !canMerge(&alone) {
		t.Fatal("a plain program is not merged; the test says nothing")
	}
	shared := alone
	shared.shared = true
	withFiles := alone
	withFiles.Files = []File{{Name: "b.go", Data: []byte("package main\n")}}
	for name, s := range map[string]*Spec{"shared": &shared, "with files": &withFiles} {
		if canMerge(s) {
			t.Errorf("%s: merged", name)
		}
	}
	steps := (&Session{Steps: []Spec{alone, alone}}).steps()
	if !steps[0].shared || !steps[1].shared {
		t.Error("the steps of a session of two are not marked shared")
	}
	if one := (&Session{Steps: []Spec{alone}}).steps(); one[0].shared {
		t.Error("the step of a session of one is marked shared")
	}
}
