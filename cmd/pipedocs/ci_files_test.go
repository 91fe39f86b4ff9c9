package main

// Tests of the CI integration files at the repository's root (issue 15
// point 6): action.yml and .pre-commit-hooks.yaml parse, have what GitHub
// and pre-commit require, and the commands they run work on a fixture
// repository, with this test binary standing in for the pipedocs that
// `go install` would build. The README's copy-paste examples of both are
// checked against them.

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// action is action.yml, as far as a composite action has it.
type action struct {
	Name        string
	Description string
	Branding    struct{ Icon, Color string }
	Inputs      map[string]struct {
		Description string
		Default     string
		Required    bool
	}
	Runs struct {
		Using string
		Steps []actionStep
	}
}

type actionStep struct {
	ID    string
	If    string
	Name  string
	Shell string
	Run   string
	Uses  string
	Env   map[string]string
	With  map[string]string
}

// hook is one entry of .pre-commit-hooks.yaml.
type hook struct {
	ID            string
	Name          string
	Description   string
	Entry         string
	Language      string
	Types         []string
	PassFilenames *bool `yaml:"pass_filenames"`
}

// decodeStrict decodes YAML with unknown fields as errors, so a typo in a
// key fails here rather than being ignored by GitHub or pre-commit.
func decodeStrict(t *testing.T, data []byte, v any) {
	t.Helper()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		t.Fatal(err)
	}
}

func readAction(t *testing.T) action {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a action
	decodeStrict(t, data, &a)
	return a
}

func readHooks(t *testing.T) []hook {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []hook
	decodeStrict(t, data, &hooks)
	return hooks
}

func TestActionFile(t *testing.T) {
	a := readAction(t)
	if a.Name == "" || a.Description == "" || a.Runs.Using != "composite" || len(a.Runs.Steps) == 0 {
		t.Fatalf("action.yml: want name, description, runs.using composite and steps; got %+v", a)
	}
	for name, in := range a.Inputs {
		if in.Description == "" {
			t.Errorf("input %s has no description", name)
		}
	}
	for i, s := range a.Runs.Steps {
		switch {
		case (s.Run == "") == (s.Uses == ""):
			t.Errorf("step %d: want exactly one of run and uses", i+1)
		case s.Run != "" && s.Shell != "bash":
			t.Errorf("step %d: a composite action's run step needs shell: bash, has %q", i+1, s.Shell)
		case strings.Contains(s.Run, "${{"):
			t.Errorf("step %d: an expression spliced into the script (pass it through env): %s", i+1, s.Run)
		}
		for _, v := range append(slices.Collect(maps.Values(s.Env)), slices.Collect(maps.Values(s.With))...) {
			if _, err := expand(v, a, nil); err != nil {
				t.Errorf("step %d: %v", i+1, err)
			}
		}
	}
}

func TestPreCommitHooksFile(t *testing.T) {
	hooks := readHooks(t)
	if len(hooks) == 0 {
		t.Fatal("no hooks")
	}
	for _, h := range hooks {
		if h.ID == "" || h.Name == "" || h.Entry == "" || h.Language == "" {
			t.Errorf("hook %+v: pre-commit requires id, name, entry and language", h)
		}
		if h.Language != "golang" {
			continue
		}
		// pre-commit installs a golang hook's repository with go install:
		// the entry's program must be one of its commands.
		prog, _, _ := strings.Cut(h.Entry, " ")
		if _, err := os.Stat(filepath.Join(repoRoot, "cmd", prog, "main.go")); err != nil {
			t.Errorf("hook %s runs %s, which is not a command of this module: %v", h.ID, prog, err)
		}
	}
}

// TestActionRuns runs the action's steps, as GitHub would, on a fixture
// repository whose README passes and then drifts: with the defaults'
// words and with the README's example arguments. A fake go on PATH
// answers `go install` by putting this test binary where pipedocs would
// be installed, and records what it was asked to install.
func TestActionRuns(t *testing.T) {
	a := readAction(t)
	readme := readmeYAML(t, "pipedocs/pipedocs@")
	var example map[string]string
	for _, job := range readme["jobs"].(map[string]any) {
		for _, st := range job.(map[string]any)["steps"].([]any) {
			st := st.(map[string]any)
			if uses, _ := st["uses"].(string); strings.HasPrefix(uses, "pipedocs/pipedocs@") {
				example = map[string]string{}
				for k, v := range st["with"].(map[string]any) {
					example[k] = fmt.Sprint(v)
				}
			}
		}
	}
	for k := range example {
		if _, ok := a.Inputs[k]; !ok {
			t.Errorf("the README's example sets input %q, which action.yml lacks", k)
		}
	}
	repo, env := ciFixture(t)
	got := runAction(t, a, example, repo, env)
	if got.exit != 0 || !strings.Contains(got.out, "2 passed, 0 failed") {
		t.Errorf("a passing README: exit %d\n%s", got.exit, got.out)
	}
	if want := "install github.com/pipedocs/pipedocs/cmd/pipedocs@latest\n"; readFile(t, filepath.Join(env.gopath, "go.log")) != want {
		t.Errorf("go was asked %q, want %q", readFile(t, filepath.Join(env.gopath, "go.log")), want)
	}
	drift(t, repo)
	got = runAction(t, a, example, repo, env)
	if got.exit != 1 || !strings.Contains(got.out, "::error file=README.md,line=3,title=main.sh%3A drifted::") {
		t.Errorf("a drifted README: exit %d, want 1 and an annotation at README.md:3\n%s", got.exit, got.out)
	}
}

// TestPreCommitHookRuns runs each hook's entry as pre-commit would, with
// the fixture's Markdown files as arguments, and the README's example
// configuration names hooks that exist, in this repository.
func TestPreCommitHookRuns(t *testing.T) {
	hooks := readHooks(t)
	ids := map[string]bool{}
	for _, h := range hooks {
		ids[h.ID] = true
	}
	cfg := readmeYAML(t, "pipedocs-check")
	for _, r := range cfg["repos"].([]any) {
		r := r.(map[string]any)
		if r["repo"] != "https://github.com/pipedocs/pipedocs" {
			t.Errorf("the README's example names repository %v", r["repo"])
		}
		for _, h := range r["hooks"].([]any) {
			if id := h.(map[string]any)["id"].(string); !ids[id] {
				t.Errorf("the README's example uses hook %q, which .pre-commit-hooks.yaml lacks", id)
			}
		}
	}
	repo, env := ciFixture(t)
	for _, h := range hooks {
		run := func() result {
			args := strings.Fields(h.Entry)
			if h.PassFilenames == nil || *h.PassFilenames {
				args = append(args, "README.md", "docs/guide.md") // the fixture's markdown
			}
			cmd := exec.Command(args[0], args[1:]...)
			return runIn(t, cmd, repo, env)
		}
		if got := run(); got.exit != 0 {
			t.Errorf("hook %s on a passing repository: exit %d\n%s", h.ID, got.exit, got.out)
		}
		drift(t, repo)
		if got := run(); got.exit != 1 || !strings.Contains(got.out, "README.md:3: main.sh: output drifted") {
			t.Errorf("hook %s on a drifted README: exit %d, want 1 and the drift\n%s", h.ID, got.exit, got.out)
		}
		undrift(t, repo)
	}
}

// ciEnv is the environment the fixture's commands run in.
type ciEnv struct {
	gopath, bin string // GOPATH, and a folder first on PATH (the fake go, pipedocs)
}

func ciFixture(t *testing.T) (string, ciEnv) {
	t.Helper()
	self, err := exec.LookPath("pipedocs") // this test binary, as testscript.Main put it on PATH
	if err != nil {
		t.Skipf("no pipedocs on PATH: %v", err)
	}
	realGo, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go on PATH")
	}
	repo := t.TempDir()
	writeFiles(t, repo, map[string]string{
		"README.md":     "# x\n\n```sh\necho hello\n```\n\n```output\nhello\n```\n",
		"docs/guide.md": "A transcript:\n\n```console\n$ echo hi\nhi\n```\n",
	})
	if git, err := exec.LookPath("git"); err == nil {
		if out, err := exec.Command(git, "-C", repo, "init", "-q").CombinedOutput(); err != nil {
			t.Fatalf("git init: %v\n%s", err, out)
		}
	}
	env := ciEnv{gopath: t.TempDir(), bin: t.TempDir()}
	fake := fmt.Sprintf(`#!/bin/sh
case "$1" in
install) echo "$*" >> %[1]q/go.log; mkdir -p %[1]q/bin && ln -sf %[2]q %[1]q/bin/pipedocs ;;
*) exec %[3]q "$@" ;;
esac
`, env.gopath, self, realGo)
	writeFiles(t, env.bin, map[string]string{"go": fake})
	if err := os.Chmod(filepath.Join(env.bin, "go"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(self, filepath.Join(env.bin, "pipedocs")); err != nil {
		t.Fatal(err)
	}
	return repo, env
}

func drift(t *testing.T, repo string) {
	writeFiles(t, repo, map[string]string{"README.md": "# x\n\n```sh\necho hello\n```\n\n```output\nhallo\n```\n"})
}

func undrift(t *testing.T, repo string) {
	writeFiles(t, repo, map[string]string{"README.md": "# x\n\n```sh\necho hello\n```\n\n```output\nhello\n```\n"})
}

type result struct {
	out  string
	exit int
}

// runAction runs a's steps in repo with inputs over the defaults: run
// steps in bash with their env, a uses step only when its if says so (it
// must not here: go is on PATH).
func runAction(t *testing.T, a action, inputs map[string]string, repo string, env ciEnv) result {
	t.Helper()
	outputs := filepath.Join(t.TempDir(), "github_output")
	stepOut := map[string]string{}
	var last result
	for i, s := range a.Runs.Steps {
		if s.If != "" {
			m := stepCondition.FindStringSubmatch(s.If)
			if m == nil {
				t.Fatalf("step %d: if %q: the test knows only steps.ID.outputs.NAME == 'VALUE'", i+1, s.If)
			}
			if stepOut[m[1]] != m[2] {
				continue
			}
		}
		if s.Uses != "" {
			t.Fatalf("step %d would run %s: go is on PATH", i+1, s.Uses)
		}
		cmd := exec.Command("bash", "-e", "-c", s.Run)
		for k, v := range s.Env {
			v, err := expand(v, a, stepOut, inputs)
			if err != nil {
				t.Fatal(err)
			}
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		cmd.Env = append(cmd.Env, "GITHUB_OUTPUT="+outputs)
		os.WriteFile(outputs, nil, 0o666)
		last = runIn(t, cmd, repo, env)
		if s.ID != "" {
			for _, line := range strings.Split(readFile(t, outputs), "\n") {
				if k, v, ok := strings.Cut(line, "="); ok {
					stepOut["steps."+s.ID+".outputs."+k] = v
				}
			}
		}
		if last.exit != 0 {
			return last
		}
	}
	return last
}

// runIn runs cmd in dir with a clean environment: env's PATH first, a
// HOME and cache of the test's own.
func runIn(t *testing.T, cmd *exec.Cmd, dir string, env ciEnv) result {
	t.Helper()
	home := t.TempDir()
	cmd.Dir = dir
	cmd.Env = append(cmd.Env, "PATH="+env.bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"GOPATH="+env.gopath, "HOME="+home, "XDG_CACHE_HOME="+filepath.Join(home, ".cache"), "NO_COLOR=1",
		"GOCACHE="+goEnv(t, "GOCACHE"), "GOMODCACHE="+goEnv(t, "GOMODCACHE"))
	out, err := cmd.CombinedOutput()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("%v: %v", cmd.Args, err)
	}
	return result{out: string(out), exit: cmd.ProcessState.ExitCode()}
}

func goEnv(t *testing.T, name string) string {
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}

var stepCondition = regexp.MustCompile(`^(steps\.[\w-]+\.outputs\.[\w-]+) == '([^']*)'$`)

var expression = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)

// expand replaces the ${{ … }} expressions of s: inputs.NAME with the
// first of overrides that sets it, else its default; a step output from
// outputs. Any other expression is an error: the test would not know
// what GitHub makes of it.
func expand(s string, a action, outputs map[string]string, overrides ...map[string]string) (string, error) {
	var bad error
	out := expression.ReplaceAllStringFunc(s, func(m string) string {
		name := expression.FindStringSubmatch(m)[1]
		if in, ok := strings.CutPrefix(name, "inputs."); ok {
			def, declared := a.Inputs[in]
			if !declared {
				bad = fmt.Errorf("%s: no such input", m)
			}
			for _, o := range overrides {
				if v, ok := o[in]; ok {
					return v
				}
			}
			return def.Default
		}
		if v, ok := outputs[name]; ok {
			return v
		}
		if outputs == nil && strings.HasPrefix(name, "steps.") {
			return ""
		}
		bad = fmt.Errorf("%s: an expression the test cannot evaluate", m)
		return ""
	})
	return out, bad
}

// readmeYAML is the first ```yaml block of README.md that holds marker,
// decoded.
func readmeYAML(t *testing.T, marker string) map[string]any {
	t.Helper()
	readme := readFile(t, filepath.Join(repoRoot, "README.md"))
	for _, block := range strings.Split(readme, "```yaml\n")[1:] {
		block, _, _ = strings.Cut(block, "```\n")
		if !strings.Contains(block, marker) {
			continue
		}
		var v map[string]any
		if err := yaml.Unmarshal([]byte(block), &v); err != nil {
			t.Fatalf("README's yaml example with %s: %v", marker, err)
		}
		return v
	}
	t.Fatalf("README has no yaml example with %s", marker)
	return nil
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		name = filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
	}
}
