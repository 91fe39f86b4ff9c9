package pipeline

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/snippet"
)

// mkfiles writes files (path → text) below dir.
func mkfiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPlainPaths(t *testing.T) {
	site := t.TempDir()
	mkfiles(t, site, map[string]string{"content/a.md": article, "README.md": "# R\n"})
	bare := t.TempDir()
	tests := []struct {
		root  string
		paths []string
		plain bool
		err   bool
	}{
		{site, nil, false, false},
		{site, []string{filepath.Join(site, "content/a.md")}, false, false},
		{site, []string{filepath.Join(site, "content")}, false, false},
		{site, []string{filepath.Join(site, "README.md")}, true, false},
		{site, []string{filepath.Join(site, "contents.md")}, true, false}, // a sibling whose name starts like content
		{site, []string{filepath.Join(site, "README.md"), filepath.Join(site, "content/a.md")}, false, true},
		{bare, []string{filepath.Join(bare, "content/a.md")}, true, false}, // no site there: plain
	}
	for _, tc := range tests {
		plain, err := plainPaths(tc.root, tc.paths)
		if plain != tc.plain || (err != nil) != tc.err {
			t.Errorf("plainPaths(%s, %q) = %v, %v; want %v, error %v", tc.root, tc.paths, plain, err, tc.plain, tc.err)
		}
	}
}

// In claimed mode a snippet runs when it is marked run or an output block
// follows it; norun wins over both.
func TestRunsClaimed(t *testing.T) {
	out := &snippet.Block{}
	tests := []struct {
		mode string
		s    snippet.Snippet
		want bool
	}{
		{config.RunClaimed, snippet.Snippet{}, false},
		{config.RunClaimed, snippet.Snippet{Output: out}, true},
		{config.RunClaimed, snippet.Snippet{Attrs: snippet.Attrs{Run: true}}, true},
		{config.RunClaimed, snippet.Snippet{Output: out, Attrs: snippet.Attrs{NoRun: true}}, false},
		{config.RunAuto, snippet.Snippet{}, true},
		{config.RunAuto, snippet.Snippet{Attrs: snippet.Attrs{NoRun: true}}, false},
		{config.RunOptIn, snippet.Snippet{Output: out}, false},
		{config.RunOptIn, snippet.Snippet{Attrs: snippet.Attrs{Run: true}}, true},
	}
	for i, tc := range tests {
		p := &Project{Config: config.Config{Run: tc.mode}}
		if got := p.runs(&tc.s); got != tc.want {
			t.Errorf("%d: %s mode, output %v, attrs %+v: runs = %v, want %v", i, tc.mode, tc.s.Output != nil, tc.s.Attrs, got, tc.want)
		}
	}
}

func TestWalkMarkdown(t *testing.T) {
	dir := t.TempDir()
	mkfiles(t, dir, map[string]string{
		"a.md": "", "sub/b.md": "", "sub/c.txt": "", ".hidden/d.md": "", ".e.md": "",
		"node_modules/f.md": "", "x/vendor/g.md": "", "gen/h.md": "", ".gitignore": "/gen/\n",
	})
	if err := os.Symlink("a.md", filepath.Join(dir, "link.md")); err != nil {
		t.Fatal(err)
	}
	rel := func(found []string) []string {
		var out []string
		for _, f := range found {
			r, _ := filepath.Rel(dir, f)
			out = append(out, filepath.ToSlash(r))
		}
		return out
	}
	found, err := walkMarkdown(dir)
	if err != nil {
		t.Fatal(err)
	}
	// Outside a git work tree, .gitignore is not read.
	if want := []string{"a.md", "gen/h.md", "link.md", "sub/b.md"}; !slices.Equal(rel(found), want) {
		t.Errorf("outside git: found %q, want %q", rel(found), want)
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	if out, err := exec.Command("git", "-C", dir, "init", "-q").CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	if found, err = walkMarkdown(dir); err != nil {
		t.Fatal(err)
	}
	if want := []string{"a.md", "link.md", "sub/b.md"}; !slices.Equal(rel(found), want) {
		t.Errorf("in git: found %q, want %q", rel(found), want)
	}
}

// Paths come back as the user sees them, sorted, each once, however often
// the command line names them.
func TestMarkdownFiles(t *testing.T) {
	dir := t.TempDir()
	mkfiles(t, dir, map[string]string{"b.md": "", "a/c.md": "", "notes.txt": ""})
	t.Chdir(dir)
	got, err := markdownFiles([]string{"b.md", ".", "notes.txt", filepath.Join(dir, "a")})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a/c.md", "b.md", "notes.txt"}; !slices.Equal(got, want) {
		t.Errorf("markdownFiles = %q, want %q", got, want)
	}
	if _, err := markdownFiles([]string{"missing.md"}); err == nil || err.Error() != "missing.md: no such file or folder" {
		t.Errorf("a missing path: %v", err)
	}
}
