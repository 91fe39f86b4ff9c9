package runner

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// newRunner returns a Runner for cfg or stops the test.
func newRunner(t testing.TB, cfg Config) *Runner {
	t.Helper()
	r, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// spec is a Spec with the limits every test can live with.
func spec(lang, src string) Spec {
	return Spec{Lang: lang, Source: []byte(src), Timeout: 20 * time.Second, OutputLimit: 1 << 20}
}

func needPython(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("no python3 on PATH")
	}
}

func TestRun(t *testing.T) {
	tests := []struct {
		name   string
		spec   Spec
		python bool
		output string
		exit   int
		signal string
		tc     string // a prefix of the toolchain
	}{
		{name: "sh", spec: spec("sh", "echo out; echo err >&2; echo out again"), output: "out\nerr\nout again\n", tc: "sh"},
		{name: "bash", spec: spec("bash", "a=(x y z); echo ${#a[@]} ${a[1]}"), output: "3 y\n", tc: "bash "},
		{name: "python", spec: spec("python", "import sys\nprint('py', file=sys.stderr)\nprint(sys.argv[0])"), python: true, output: "py\nmain.py\n", tc: "Python 3"},
		{name: "args", spec: withArgs(spec("sh", `printf '[%s]\n' "$0" "$@"`), "a b", "", "c"), output: "[main.sh]\n[a b]\n[]\n[c]\n"},
		{name: "stdin", spec: withStdin(spec("sh", "cat; echo end"), "line 1\nline 2\n"), output: "line 1\nline 2\nend\n"},
		{name: "no stdin is /dev/null", spec: spec("sh", "cat; readlink /proc/self/fd/0"), output: "/dev/null\n"},
		{name: "empty stdin is a pipe", spec: withStdin(spec("sh", "cat; echo eof"), ""), output: "eof\n"},
		{name: "exit 3", spec: spec("sh", "echo bye; exit 3"), output: "bye\n", exit: 3},
		{name: "signal", spec: spec("sh", "kill -SEGV $$"), exit: -1, signal: "segmentation fault"},
		{name: "title", spec: withFile(spec("sh", `echo "$0"; ls`), "hello.sh"), output: "hello.sh\nhello.sh\n"},
		{name: "env attribute", spec: withEnv(spec("sh", `echo "$GREETING $TZ"`), "GREETING=hi", "TZ=Europe/Paris"), output: "hi Europe/Paris\n"},
		{name: "bytes kept", spec: spec("sh", `printf 'a\000b\377\n'`), output: "a\x00b\xff\n"},
		{name: "go", spec: spec("go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello from go\") }\n"), output: "hello from go\n", tc: "go1."},
		{name: "go args stdin exit", spec: withStdin(withArgs(spec("go", goArgsStdin), "x", "y"), "in"), output: "[x y] in\n", exit: 4},
	}
	r := newRunner(t, Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.python {
				needPython(t)
			}
			res, err := r.Run(context.Background(), tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			if string(res.Output) != tt.output || res.Exit != tt.exit || res.Signal != tt.signal {
				t.Errorf("got output %q exit %d signal %q; want %q, %d, %q", res.Output, res.Exit, res.Signal, tt.output, tt.exit, tt.signal)
			}
			if !strings.HasPrefix(res.Toolchain, tt.tc) {
				t.Errorf("toolchain %q, want prefix %q", res.Toolchain, tt.tc)
			}
			if res.BuildFailed || res.TimedOut || res.OverLimit || res.Cached {
				t.Errorf("unexpected flags: %+v", res)
			}
		})
	}
}

const goArgsStdin = `package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	in, _ := io.ReadAll(os.Stdin)
	fmt.Printf("%v %s\n", os.Args[1:], in)
	os.Exit(4)
}
`

func withArgs(s Spec, args ...string) Spec { s.Args = args; return s }
func withStdin(s Spec, in string) Spec     { s.Stdin = []byte(in); return s }
func withFile(s Spec, name string) Spec    { s.File = name; return s }
func withEnv(s Spec, env ...string) Spec   { s.Env = env; return s }
func withLimits(s Spec, d time.Duration, n int64) Spec {
	s.Timeout, s.OutputLimit = d, n
	return s
}

// The limits are proc's business; these check they reach the Result.
func TestRunLimits(t *testing.T) {
	r := newRunner(t, Config{})
	res, err := r.Run(context.Background(), withLimits(spec("sh", "echo start; sleep 30"), time.Second, 1<<20))
	if err != nil {
		t.Fatal(err)
	}
	if !res.TimedOut || string(res.Output) != "start\n" {
		t.Errorf("timeout: got %+v", res)
	}
	res, err = r.Run(context.Background(), withLimits(spec("sh", "yes"), 20*time.Second, 4096))
	if err != nil {
		t.Fatal(err)
	}
	if !res.OverLimit || len(res.Output) > 4096 {
		t.Errorf("limit: got OverLimit=%v with %d bytes", res.OverLimit, len(res.Output))
	}
}

// No variable of ours reaches a snippet; the fixed ones are set; the
// temporary folder is the working directory, HOME and TMPDIR, holds the
// snippet's file only, and is gone afterwards.
func TestEnvHygiene(t *testing.T) {
	t.Setenv("PIPEDOCS_TEST_SECRET", "hunter2")
	t.Setenv("GOFLAGS", "-tags=secret")
	r := newRunner(t, Config{})
	const goEnvSnippet = `package main

import (
	"fmt"
	"os"
	"strings"
)

func main() {
	wd, _ := os.Getwd()
	names, _ := os.ReadDir(".")
	fmt.Println(wd)
	var list []string
	for _, n := range names {
		list = append(list, n.Name())
	}
	fmt.Println(len(names), strings.Join(list, " "))
	fmt.Println(strings.Join(os.Environ(), "\n"))
}
`
	tests := []struct {
		name string
		spec Spec
		// extra are variables the interpreter itself sets.
		extra []string
	}{
		{"go", withEnv(spec("go", goEnvSnippet), "EXTRA=1"), nil},
		{"sh", withEnv(spec("sh", "pwd; echo $(ls | wc -l) $(ls); env"), "EXTRA=1"), []string{"PWD", "OLDPWD", "SHLVL", "_"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Run(context.Background(), tt.spec)
			if err != nil || res.Exit != 0 {
				t.Fatalf("%v: %+v %s", err, res, res.Output)
			}
			if bytes.Contains(res.Output, []byte("hunter2")) || bytes.Contains(res.Output, []byte("secret")) {
				t.Errorf("a variable of ours leaked:\n%s", res.Output)
			}
			lines := strings.Split(strings.TrimSpace(string(res.Output)), "\n")
			wd := lines[0]
			// A Go snippet's folder holds its binary too, as after go build.
			if want := "1 main" + r.Extension(tt.spec.Lang); lines[1] != want && (tt.name != "go" || lines[1] != "2 main main.go") {
				t.Errorf("working directory holds %q, want only the snippet's file (and binary)", lines[1])
			}
			env := map[string]string{}
			for _, kv := range lines[2:] {
				k, v, _ := strings.Cut(kv, "=")
				env[k] = v
			}
			want := map[string]string{
				"PATH": os.Getenv("PATH"), "HOME": wd, "TMPDIR": wd,
				"LANG": "C.UTF-8", "TZ": "UTC", "EXTRA": "1",
			}
			for k, v := range want {
				if env[k] != v {
					t.Errorf("%s=%q, want %q", k, env[k], v)
				}
			}
			for k := range env {
				if _, ok := want[k]; !ok && !slices.Contains(tt.extra, k) {
					t.Errorf("unexpected variable %s=%s", k, env[k])
				}
			}
			if !strings.HasPrefix(wd, os.TempDir()) {
				t.Errorf("working directory %s is not a temporary folder", wd)
			}
			if _, err := os.Stat(filepath.Dir(wd)); !os.IsNotExist(err) {
				t.Errorf("temporary folder %s not removed: %v", filepath.Dir(wd), err)
			}
		})
	}
}

func TestCustomRunner(t *testing.T) {
	r := newRunner(t, Config{Runners: map[string]Definition{
		"awk":  {Command: []string{"awk", "-f", "{file}"}, Extension: ".awk", Version: []string{"sh", "-c", "echo; echo awk 1.2.3"}},
		"exec": {Command: []string{"{file}", "--flag"}, Extension: ".run"},
		"sh":   {Command: []string{"bash", "--posix", "{file}"}, Extension: ".sh"},
		// A program that exists only once resolved, as a shim resolves
		// to its interpreter: the run and the version ask must both use
		// the resolved path.
		"shim": {
			Command:   []string{"no-such-shim", "{file}"},
			Extension: ".sh",
			Version:   []string{"no-such-shim", "-c", "echo shim 2.0"},
			Program:   []string{"sh", "-c", "command -v sh"},
		},
	}})
	tests := []struct {
		spec   Spec
		output string
		tc     string
	}{
		{withStdin(spec("awk", `{ n += $1 } END { print n }`), "1\n2\n3\n"), "6\n", "awk 1.2.3"},
		{spec("exec", "#!/bin/sh\necho \"$0 $1\""), "./main.run --flag\n", "exec"},
		{spec("sh", `echo "${BASH_VERSION:+bash}"`), "bash\n", "bash"},
		{spec("shim", `echo resolved`), "resolved\n", "shim 2.0"},
	}
	for _, tt := range tests {
		t.Run(tt.spec.Lang, func(t *testing.T) {
			res, err := r.Run(context.Background(), tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			if string(res.Output) != tt.output || res.Toolchain != tt.tc {
				t.Errorf("got %q from %q, want %q from %q", res.Output, res.Toolchain, tt.output, tt.tc)
			}
		})
	}
	if r.Extension("awk") != ".awk" || !r.Has("exec") || r.Has("ruby") || !r.Has("go") {
		t.Error("Has/Extension disagree with the configuration")
	}
}

func TestBadInput(t *testing.T) {
	if _, err := New(Config{Runners: map[string]Definition{"x": {Extension: ".x"}}}); err == nil {
		t.Error("New accepted a runner without a command")
	}
	if _, err := New(Config{Runners: map[string]Definition{"x": {Command: []string{"x"}, Extension: "x"}}}); err == nil {
		t.Error("New accepted an extension without a dot")
	}
	r := newRunner(t, Config{})
	for name, s := range map[string]Spec{
		"unknown language": spec("ruby", "puts 1"),
		"no timeout":       withLimits(spec("sh", "true"), 0, 1),
		"no output limit":  withLimits(spec("sh", "true"), time.Second, 0),
		"path in title":    withFile(spec("sh", "true"), "../x.sh"),
		"option as title":  withFile(spec("sh", "true"), "-x.sh"),
		"bad env":          withEnv(spec("sh", "true"), "NOEQUALS"),
		"go without .go":   withFile(spec("go", "package main"), "main.txt"),
		"no go.mod":        inModule(spec("go", "package main"), t.TempDir()),
	} {
		if _, err := r.Run(context.Background(), s); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// A Result names the paths of its run that the program may print, so
// that expected output can redact them; a cached one, those of the run
// its output came from.
func TestResultPaths(t *testing.T) {
	r := newRunner(t, Config{CacheDir: t.TempDir()})
	tests := []struct {
		spec Spec
		want func(res Result) string
	}{
		{spec("sh", `echo "$PWD $HOME $TMPDIR"`), func(res Result) string {
			return res.Dir + " " + res.Home + " " + res.TmpDir + "\n"
		}},
		{withEnv(spec("sh", `echo "$HOME $TMPDIR"`), "HOME=/nowhere"), func(res Result) string {
			if res.Home != "/nowhere" {
				return "HOME not taken from env="
			}
			return res.Home + " " + res.TmpDir + "\n"
		}},
		{spec("go", "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() { wd, _ := os.Getwd(); fmt.Println(os.Args[0], wd) }\n"), func(res Result) string {
			return res.Exe + " " + res.Dir + "\n"
		}},
	}
	for i, tt := range tests {
		for _, cached := range []bool{false, true} {
			res, err := r.Run(context.Background(), tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			if res.Cached != cached {
				t.Fatalf("spec %d: Cached = %v, want %v", i, res.Cached, cached)
			}
			if want := tt.want(res); string(res.Output) != want || !filepath.IsAbs(res.Dir) || res.TmpDir == "" {
				t.Errorf("spec %d (cached %v): output %q, want %q from %+v", i, cached, res.Output, want, res)
			}
			if (tt.spec.Lang == "go") != (res.Exe != "") {
				t.Errorf("spec %d: Exe = %q", i, res.Exe)
			}
		}
	}
}
