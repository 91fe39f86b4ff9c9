package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pipedocs/pipedocs/themes"
)

// TestCheckDest: publishing replaces the whole folder, so a folder of the
// user's own files is never a publish folder (issue 10, point 1).
func TestCheckDest(t *testing.T) {
	s, md := parseSite(t, sampleSite, sampleConfig("https://example.org/"))
	o := RenderOptions{Theme: themes.Default}
	pub := t.TempDir()
	if err := Publish(t.Context(), filepath.Join(pub, "public"), func(tmp string) error {
		return Render(t.Context(), s, sampleOutcomes, md, o, tmp)
	}); err != nil {
		t.Fatal(err)
	}

	root := filepath.Join(t.TempDir(), "site")
	writeFiles(t, root, map[string]string{
		"pipedocs.toml":           "title = \"x\"\n\npublishDir = \"out\"\n",
		"content/sec/a.md":        "+++\ntitle = \"A\"\n+++\n",
		"static/robots.txt":       "",
		"layouts/x.html":          "",
		"themes/x/style.css":      "",
		"notes/mine.txt":          "mine",
		"legacy/index.html":       "old",
		"legacy/css/chroma.css":   "old",
		"legacy-extra/index.html": "old",
		"legacy-extra/draft.txt":  "mine",
	})
	must(t, os.MkdirAll(filepath.Join(root, "empty", "sub"), 0o755))
	must(t, os.Symlink(filepath.Join(root, "content"), filepath.Join(root, "docs")))
	must(t, os.Rename(filepath.Join(pub, "public"), filepath.Join(root, "public")))
	must(t, os.Symlink(filepath.Join(root, "public"), filepath.Join(root, "pub-link")))
	fake := filepath.Join(root, "fake")
	writeFiles(t, fake, map[string]string{Manifest: "index.html\nmine.txt\n", "mine.txt": "mine"})

	tests := []struct {
		dest string // relative to root; "" for publishDir
		want string // "" for accepted
	}{
		{"public", ""},
		{"pub-link", ""},
		{"new/folder", ""},
		{"empty", ""},
		{"legacy", ""},
		{".", "is or holds the site root"},
		{"..", "is or holds the site root"},
		{"/", "is or holds the site root"},
		{"content", "content/ folder"},
		{"content/sec", "content/ folder"},
		{"content/new", "content/ folder"},
		{"content/../static", "static/ folder"},
		{"layouts", "layouts/ folder"},
		{"themes/x", "themes/ folder"},
		{"docs", "content/ folder"},
		{"notes", "notes holds mine.txt, which it has no .pipedocs-manifest"},
		{"legacy-extra", "legacy-extra holds draft.txt, which"},
		{"fake", "fake holds .pipedocs-manifest and 1 more, which it has no"},
		{"pipedocs.toml", "is a file, not a folder"},
	}
	for _, tt := range tests {
		dest := tt.dest
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(root, dest)
		}
		err := s.CheckDest(root, dest, "pipedocs.toml", o)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("--dest %s: %v", tt.dest, err)
		case tt.want != "" && err == nil:
			t.Errorf("--dest %s: accepted", tt.dest)
		case tt.want != "" && !strings.Contains(strings.ReplaceAll(err.Error(), root+"/", ""), tt.want):
			t.Errorf("--dest %s: %v\nwant %q", tt.dest, err, tt.want)
		case err != nil && !strings.HasPrefix(err.Error(), "--dest: "):
			t.Errorf("--dest %s: %v, want it to name --dest", tt.dest, err)
		}
	}

	// A file added to a published folder since is not pipedocs' to remove.
	writeFiles(t, root, map[string]string{"public/mine.txt": "mine"})
	if err := s.CheckDest(root, filepath.Join(root, "public"), "pipedocs.toml", o); err == nil || !strings.Contains(err.Error(), "holds mine.txt, which its .pipedocs-manifest does not list") {
		t.Errorf("public/ with a file of the user's: %v", err)
	}
}

// TestCheckDestConfig: set in the config, the error points at the setting.
func TestCheckDestConfig(t *testing.T) {
	s, _ := parseSite(t, sampleSite, sampleConfig("https://example.org/"))
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"pipedocs.toml":    "title = \"x\"\n\npublishDir = \"content\"\n",
		"content/sec/a.md": "",
	})
	bad := *s
	bad.Config.PublishDir = "content"
	err := bad.CheckDest(root, "", "site/pipedocs.toml", RenderOptions{Theme: themes.Default})
	if err == nil || !strings.HasPrefix(err.Error(), "site/pipedocs.toml:3:14: publishDir: is or holds the site's content/ folder") {
		t.Errorf("publishDir = content: %v", err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
