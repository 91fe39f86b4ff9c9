package runner

import (
	"context"
	"fmt"
	"os/exec"
	"reflect"
	"strings"
	"testing"
)

func TestTranscript(t *testing.T) {
	r := newRunner(t, Config{})
	tests := []struct {
		name     string
		commands []string
		want     []Step
	}{
		{"cd and variables carry", []string{"mkdir d && cd d", "X=42", `echo "$X" "${PWD##*/}"`}, []Step{
			{Output: []byte{}}, {Output: []byte{}}, {Output: []byte("42 d\n")},
		}},
		{"status", []string{"ls missing", "true"}, []Step{
			{Output: []byte("ls: cannot access 'missing': No such file or directory\n"), Exit: 2}, {Output: []byte{}},
		}},
		{"no newline at the end", []string{"printf a", "printf 'b\\n\\n'"}, []Step{
			{Output: []byte("a")}, {Output: []byte("b\n\n")},
		}},
		{"continuation", []string{"for i in 1 2; do\n  echo $i\ndone"}, []Step{{Output: []byte("1\n2\n")}}},
		{"stderr merged", []string{"echo out; echo err >&2; exit_code=3", "(exit $exit_code)"}, []Step{
			{Output: []byte("out\nerr\n")}, {Output: []byte{}, Exit: 3},
		}},
		{"shell exits", []string{"echo bye; exit 4", "echo never"}, []Step{{Output: []byte("bye\n"), Exit: 4}}},
		{"$? is the command's status", []string{"(exit 3)", "echo $?", "false", "true", "echo $?"}, []Step{
			{Output: []byte{}, Exit: 3}, {Output: []byte("3\n")}, {Output: []byte{}, Exit: 1}, {Output: []byte{}}, {Output: []byte("0\n")},
		}},
		{"set -e spares a status a prompt would", []string{"set -e", "! true", "echo $?"}, []Step{
			{Output: []byte{}}, {Output: []byte{}, Exit: 1}, {Output: []byte("1\n")},
		}},
		{"no file of ours", []string{"ls -A | wc -l"}, []Step{{Output: []byte("0\n")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := spec("bash", "")
			s.Commands = tt.commands
			res, err := r.Run(context.Background(), s)
			if err != nil {
				t.Fatal(err)
			}
			for i := range res.Steps {
				res.Steps[i].Output = []byte(strings.TrimLeft(string(res.Steps[i].Output), " "))
			}
			if !reflect.DeepEqual(res.Steps, tt.want) {
				t.Errorf("steps %s, want %s", show(res.Steps), show(tt.want))
			}
			if strings.Contains(string(res.Output), "pipedocs-step-") {
				t.Errorf("marker in the output: %q", res.Output)
			}
		})
	}
}

func TestTranscriptGoCaches(t *testing.T) {
	t.Setenv("GOCACHE", "/some/cache")
	t.Setenv("GOMODCACHE", "/some/mod")
	r := newRunner(t, Config{})
	s := spec("bash", "")
	s.Commands = []string{`echo "$GOCACHE $GOMODCACHE"`}
	res, err := r.Run(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(res.Steps[0].Output); got != "/some/cache /some/mod\n" {
		t.Errorf("got %q", got)
	}
}

func TestTranscriptSpecChecked(t *testing.T) {
	r := newRunner(t, Config{})
	s := spec("sh", "echo")
	s.Commands = []string{"true"}
	if _, err := r.Run(context.Background(), s); err == nil {
		t.Error("a transcript in sh ran")
	}
}

func TestSplitSteps(t *testing.T) {
	const m = "M"
	out := []byte("a\n\nM 0\nb\nM 1\ntail")
	got := splitSteps(out, m, 3, 7)
	want := []Step{{Output: []byte("a\n")}, {Output: []byte("b"), Exit: 1}, {Output: []byte("tail"), Exit: 7}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %s, want %s", show(got), show(want))
	}
}

func show(steps []Step) string {
	var b strings.Builder
	for _, s := range steps {
		fmt.Fprintf(&b, "[%q ? %d]", s.Output, s.Exit)
	}
	return b.String()
}

// A transcript's Files are in its folder when it runs, as a reader who
// saved the page's earlier blocks has them; they are not executable.
func TestTranscriptFiles(t *testing.T) {
	r := newRunner(t, Config{})
	s := spec("bash", "")
	s.Files = []File{{Name: "data.txt", Data: []byte("one\ntwo\n")}, {Name: "hi.sh", Data: []byte("echo hi\n")}}
	s.Commands = []string{"wc -l < data.txt", "bash hi.sh", "test -x hi.sh"}
	res, err := r.Run(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	want := []Step{{Output: []byte("2\n")}, {Output: []byte("hi\n")}, {Output: []byte{}, Exit: 1}}
	if !reflect.DeepEqual(res.Steps, want) {
		t.Errorf("steps %s, want %s", show(res.Steps), show(want))
	}
	s.Files = []File{{Name: "../x", Data: nil}}
	if _, err := r.Run(context.Background(), s); err == nil {
		t.Error("a file named ../x was written")
	}
}

// What a transcript's steps say is what bash itself prints for the same
// commands, run one after the other in one bash -c (SPEC §3.3): the
// markers add and take away nothing.
func TestTranscriptIsBash(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	commands := []string{"printf 'a\\nb'", "echo err >&2; echo out", "cd /; pwd", "ls /nonexistent-pipedocs", "f() { echo \"in $1\"; }", "f x"}
	r := newRunner(t, Config{})
	s := spec("bash", "")
	s.Commands = commands
	res, err := r.Run(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Steps) != len(commands) {
		t.Fatalf("%d steps for %d commands", len(res.Steps), len(commands))
	}
	for i := range commands {
		script := strings.Join(commands[:i], "\n") + "\n" + commands[i]
		if i > 0 {
			// The earlier commands' output is thrown away; their effects stay.
			script = "{ " + strings.Join(commands[:i], "\n") + "\n} >/dev/null 2>&1\n" + commands[i]
		}
		cmd := exec.Command(bash, "-c", script)
		cmd.Dir = t.TempDir()
		out, _ := cmd.CombinedOutput()
		exit := cmd.ProcessState.ExitCode()
		if got := res.Steps[i]; string(got.Output) != string(out) || got.Exit != exit {
			t.Errorf("command %q: step [%q ? %d], bash -c gives [%q ? %d]", commands[i], got.Output, got.Exit, out, exit)
		}
	}
}

// A transcript that names a [bin] program has the program in its key.
func TestTranscriptNamesProgram(t *testing.T) {
	s := spec("bash", "")
	s.Commands = []string{"greet --name x"}
	if !names(&s, "greet") {
		t.Error("a transcript running greet does not name it")
	}
	s.Commands = []string{"echo hi"}
	if names(&s, "greet") {
		t.Error("a transcript not running greet names it")
	}
}

func TestRunsGo(t *testing.T) {
	tests := []struct {
		command string
		want    bool
	}{
		{"go run hello.go", true},
		{"cd x && go build ./...", true},
		{"GOFLAGS=-v go test", true},
		{"time go version", true},
		{"(go vet)", true},
		{"echo `go env GOPATH`", true},
		{"go", true},
		{"gofmt -l .", false},
		{"cargo build", false},
		{"echo algorithm", false},
		{"./go.sh", false},
	}
	for _, tt := range tests {
		if got := runsGo([]string{tt.command}); got != tt.want {
			t.Errorf("runsGo(%q) = %v, want %v", tt.command, got, tt.want)
		}
	}
}

func TestGoDirective(t *testing.T) {
	for gomod, want := range map[string]string{
		"module m\n\ngo 1.22\n":                   "1.22",
		"module m\ngo 1.24.1\ntoolchain go1.26\n": "1.24.1",
		"module m\n": "",
	} {
		if got := goDirective([]byte(gomod)); got != want {
			t.Errorf("goDirective(%q) = %q, want %q", gomod, got, want)
		}
	}
}
