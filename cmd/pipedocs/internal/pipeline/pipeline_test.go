package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pipedocs/pipedocs/render/page"
	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/pipedocs/pipedocs/runner"
)

// writeSite makes a site of files (path → text) and loads it.
func writeSite(t *testing.T, files map[string]string) *Project {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		file := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := Load(context.Background(), root, page.Filter{})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return p
}

const article = "+++\ntitle = \"A\"\n+++\n\n"

func fence(info, body string) string { return "```" + info + "\n" + body + "```\n\n" }

func TestPlan(t *testing.T) {
	p := writeSite(t, map[string]string{
		"pipedocs.toml": "run = \"opt-in\"\n",
		"content/a.md": article +
			fence("sh title=one.sh run", "echo 1\n") +
			fence("sh title=two.sh", "echo 2\n") +
			fence("sh title=three.sh norun", "echo 3\n") +
			fence("text", "not a snippet\n"),
		"content/b.md": article + fence("sh title=four.sh run", "echo 4\n"),
	})
	r, err := p.NewRunner(RunOptions{NoCache: true, Jobs: -1})
	if err != nil {
		t.Fatal(err)
	}
	titles := func(jobs []*Job) string {
		var s []string
		for _, j := range jobs {
			s = append(s, j.Title)
		}
		return strings.Join(s, " ")
	}
	tests := []struct {
		sel           Selection
		jobs, skipped string
	}{
		{Selection{}, "one.sh four.sh", "two.sh three.sh"},
		{Selection{Run: regexp.MustCompile("four")}, "four.sh", "two.sh three.sh"},
		{Selection{Paths: []string{filepath.Join(p.Root, "content/b.md")}}, "four.sh", ""},
	}
	for _, tt := range tests {
		pl, err := p.Plan(r, tt.sel)
		if err != nil {
			t.Fatalf("Plan(%+v): %v", tt.sel, err)
		}
		if got := titles(pl.Jobs); got != tt.jobs {
			t.Errorf("Plan(%+v) runs %q, want %q", tt.sel, got, tt.jobs)
		}
		if got := titles(pl.Skipped); got != tt.skipped {
			t.Errorf("Plan(%+v) skips %q, want %q", tt.sel, got, tt.skipped)
		}
	}
	var use UsageError
	if _, err := p.Plan(r, Selection{Paths: []string{"nope.md"}}); !errors.As(err, &use) || use.Msg != "nope.md: no such article" {
		t.Errorf("Plan of a missing article: %v, want a UsageError", err)
	}
}

// Results the cache cannot keep are counted and reported once.
func TestCacheWarnings(t *testing.T) {
	p := writeSite(t, map[string]string{"content/a.md": article + fence("sh", "echo 1\n") + fence("sh", "echo 2\n")})
	dir := t.TempDir()
	o := RunOptions{CacheDir: dir, Jobs: -1}
	r, err := p.NewRunner(o)
	if err != nil {
		t.Fatal(err)
	}
	// The results folder becomes a file once the cache is open: every
	// write fails, even as root.
	results := filepath.Join(dir, "results")
	if err := os.RemoveAll(results); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(results, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	pl, err := p.Plan(r, Selection{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Execute(context.Background(), r, pl.Jobs, 2, false, nil); err != nil {
		t.Fatal(err)
	}
	w := CacheWarnings(r, nil)
	if len(w) != 1 || !strings.HasPrefix(w[0], "warning: 2 results could not be cached") {
		t.Errorf("CacheWarnings = %q, want one line counting 2 results", w)
	}
}

func TestRewriteUnstable(t *testing.T) {
	p := writeSite(t, map[string]string{"content/a.md": article +
		fence("sh title=clock.sh", "date +%s%N\n") + fence("output", "old\n") +
		fence("sh title=order.sh", "printf '%s\\n' 1 2 3 4 5 6 7 8 9 | shuf\n") + fence("output", "old\n") +
		fence("sh title=fine.sh", "echo fine\n") + fence("output", "fine\n"),
	})
	ctx := context.Background()
	r, err := p.NewRunner(RunOptions{NoCache: true, Jobs: -1})
	if err != nil {
		t.Fatal(err)
	}
	pl, err := p.Plan(r, Selection{})
	if err != nil {
		t.Fatal(err)
	}
	verdicts, err := Execute(ctx, r, pl.Jobs, 2, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	rw, err := p.Rewrite(ctx, r, verdicts, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(rw.Unstable) != 2 || rw.Unstable[0].Title != "clock.sh" || rw.Unstable[1].Title != "order.sh" {
		t.Fatalf("Unstable = %v, want clock.sh and order.sh", rw.Unstable)
	}
	if len(rw.Updates) != 1 || rw.Updates[0].Blocks != 2 {
		t.Fatalf("Updates = %+v, want one article with 2 blocks", rw.Updates)
	}
	got := string(rw.Updates[0].New)
	for _, want := range []string{"```output\n[..]\n```\n", "```output unordered\n", "```output\nfine\n```\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("rewritten article lacks %q:\n%s", want, got)
		}
	}
}

func TestInfoEnd(t *testing.T) {
	tests := []struct{ line, want string }{
		{"```output\n", "```output unordered\n"},
		{"```output  \r\n", "```output unordered  \r\n"},
		{"> ~~~~output\n", "> ~~~~output unordered\n"},
		{"```output {}\n", "```output {unordered}\n"},
		{"```output {title=x }\n", "```output {title=x unordered}\n"},
	}
	for _, tt := range tests {
		src := []byte(tt.line + "x\n")
		fence := strings.TrimLeft(tt.line, "> ")[:3]
		if strings.Contains(tt.line, "~~~~") {
			fence = "~~~~"
		}
		b := snippet.Block{Start: 0, ContentStart: len(tt.line), Fence: fence}
		out := insertUnordered(src, []int{infoEnd(src, b)})
		if got := string(out); got != tt.want+"x\n" {
			t.Errorf("marking %q: got %q, want %q", tt.line, got, tt.want+"x\n")
		}
	}
}

// The demo site shares pipedocs.toml, and its [bin] pipedocs, with the
// README check. Its committed results hold only while none of its
// snippets names that program: one that did would be keyed by the
// pipedocs binary, and every change to pipedocs would leave public/
// unreproducible (as `// pipedocs:hide` markers once did).
func TestDemoNamesNoProgram(t *testing.T) {
	p, err := Load(context.Background(), "../../../..", page.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := p.NewRunner(RunOptions{NoCache: true, Jobs: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	pl, err := p.Plan(r, Selection{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pl.Jobs) < 50 {
		t.Fatalf("the demo plans %d jobs; want its 60-odd snippets", len(pl.Jobs))
	}
	for _, j := range pl.Jobs {
		if r.NamesPrograms([]runner.Spec{j.Spec}) {
			t.Errorf("%s:%d: the snippet names a [bin] program, so its key covers that binary", j.Path, j.Line())
		}
	}
}
