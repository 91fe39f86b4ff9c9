package runner

import (
	"context"
	"fmt"
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
