package pipeline

import (
	"strings"
	"testing"
	"time"

	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/pipedocs/pipedocs/runner"
)

// job is a snippet declaring exit and, unless output is nil, an output
// block at line 10.
func job(exit int, output *string, unordered bool) *Job {
	s := &snippet.Snippet{Lang: "sh", Attrs: snippet.Attrs{Exit: exit}, Unordered: unordered}
	if output != nil {
		s.Output = &snippet.Block{Line: 10, Content: []byte(*output)}
	}
	return &Job{
		Snippet: s,
		Path:    "content/a.md",
		Title:   "main.sh",
		Spec:    runner.Spec{Timeout: 2 * time.Second, OutputLimit: 1 << 20},
	}
}

func text(s string) *string { return &s }

func TestJudge(t *testing.T) {
	tests := []struct {
		name    string
		job     *Job
		result  runner.Result
		status  snippet.Status
		problem string
		diff    string // a line the diff holds
	}{
		{"verified", job(0, text("hi\n"), false), runner.Result{Output: []byte("hi\n")}, snippet.Verified, "", ""},
		{"verified by a wildcard", job(0, text("pid [..]\n"), false), runner.Result{Output: []byte("pid 42\n")}, snippet.Verified, "", ""},
		{"redacted folder", job(0, text("in [CWD]/x\n"), false), runner.Result{Output: []byte("in /tmp/run-1/x\n"), Dir: "/tmp/run-1"}, snippet.Verified, "", ""},
		{"bad pattern fails its snippet at its line", job(0, text("a\\Z (re)\n"), false), runner.Result{Output: []byte("b\n")}, snippet.Drifted, "line 11: bad regular expression: error parsing regexp: invalid escape sequence: `\\Z`", "@@"},
		{"order matters unless unordered", job(0, text("a\nb\n"), false), runner.Result{Output: []byte("b\na\n")}, snippet.Drifted, "", "@@"},
		{"unverified", job(0, nil, false), runner.Result{Output: []byte("hi\n")}, snippet.Unverified, "", ""},
		{"drifted, diff at the article's lines", job(0, text("old\n"), false), runner.Result{Output: []byte("new\n")}, snippet.Drifted, "", "@@ -11 +11 @@"},
		{"declared exit", job(3, text("x\n"), false), runner.Result{Output: []byte("x\n"), Exit: 3}, snippet.Verified, "", ""},
		{"wrong exit names the attribute", job(0, text("x\n"), false), runner.Result{Output: []byte("x\n"), Exit: 2}, snippet.Failed, "exit status 2, want 0 (declare it with exit=2)", ""},
		{"exit 0 where another is declared", job(1, nil, false), runner.Result{}, snippet.Failed, "exit status 0, want 1 (declare it with exit=0)", ""},
		{"compile error", job(0, nil, false), runner.Result{BuildFailed: true}, snippet.Failed, "compile error", ""},
		{"timeout", job(0, nil, false), runner.Result{TimedOut: true, Signal: "killed", Exit: -1}, snippet.Failed, "timed out after 2s", ""},
		{"over limit", job(0, nil, false), runner.Result{OverLimit: true, Signal: "killed", Exit: -1}, snippet.Failed, "output over limit of 1MiB", ""},
		{"signal", job(0, nil, false), runner.Result{Signal: "segmentation fault", Exit: -1}, snippet.Failed, "killed by signal: segmentation fault", ""},
		{"failure wins over drift", job(0, text("a\n"), false), runner.Result{Output: []byte("b\n"), Exit: 1}, snippet.Failed, "exit status 1, want 0 (declare it with exit=1)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Judge(tt.job, tt.result)
			if got.Status != tt.status || got.Problem != tt.problem {
				t.Errorf("Judge = %v %q, want %v %q", got.Status, got.Problem, tt.status, tt.problem)
			}
			if !strings.Contains(got.Diff, tt.diff) || (tt.diff == "") != (got.Diff == "") {
				t.Errorf("Judge diff = %q, want one holding %q", got.Diff, tt.diff)
			}
			if string(got.Output) != string(tt.result.Output) || got.Exit != tt.result.Exit || got.Signal != tt.result.Signal {
				t.Errorf("Judge = %+v, want the run's output, exit and signal", got)
			}
		})
	}
}

// A verified unordered block is shown in the author's order, so that a
// race between two printing processes never changes the page.
func TestJudgeShowsAuthorsOrder(t *testing.T) {
	got := Judge(job(0, text("a\nb [..]\nc\n"), true), runner.Result{Output: []byte("c\nb 42\na\n")})
	if got.Status != snippet.Verified || string(got.Output) != "a\nb 42\nc\n" {
		t.Errorf("Judge = %v %q, want verified, shown as a, b 42, c", got.Status, got.Output)
	}
}

func TestFailing(t *testing.T) {
	tests := []struct {
		status         snippet.Status
		normal, strict bool
	}{
		{snippet.Verified, false, false},
		{snippet.Unverified, false, true},
		{snippet.Drifted, true, true},
		{snippet.Failed, true, true},
		{snippet.Skipped, false, false},
	}
	for _, tt := range tests {
		v := Verdict{Outcome: snippet.Outcome{Status: tt.status}}
		if got := Failing(v, false); got != tt.normal {
			t.Errorf("Failing(%v, false) = %v, want %v", tt.status, got, tt.normal)
		}
		if got := Failing(v, true); got != tt.strict {
			t.Errorf("Failing(%v, true) = %v, want %v", tt.status, got, tt.strict)
		}
	}
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{1 << 20: "1MiB", 3 << 20: "3MiB", 1 << 10: "1KiB", 1536: "1536 bytes", 100: "100 bytes"} {
		if got := formatBytes(n); got != want {
			t.Errorf("formatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}
