package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pipedocs/pipedocs/themes"
)

// TestHugoSideBySide builds the fixture site testdata/hugosite, made
// from Hugo's documentation of content organisation, with the real Hugo
// and with pipedocs, and requires the same pages (every index.html or
// other HTML file), the same feeds and the same copied files of content/
// at the same paths. Hugo is the reference: where its documentation and its
// behaviour differ, the behaviour wins.
func TestHugoSideBySide(t *testing.T) {
	compareWithHugo(t, "testdata/hugosite")
}

// TestHugoSideBySideDisabled builds the fixture with some of Hugo's kinds
// disabled: the taxonomies' list pages and the feeds, then the terms.
func TestHugoSideBySideDisabled(t *testing.T) {
	// Hugo logs disabling "taxonomy" as an error unless told not to.
	for _, kinds := range []string{"[\"taxonomy\", \"RSS\"]\nignoreErrors = [\"error-disable-taxonomy\"]", `["term"]`} {
		t.Run(strings.Fields(kinds)[0], func(t *testing.T) {
			dir := t.TempDir()
			copyDir(t, "testdata/hugosite", dir)
			cfg, err := os.ReadFile(filepath.Join(dir, "hugo.toml"))
			if err != nil {
				t.Fatal(err)
			}
			write(t, dir, "hugo.toml", "disableKinds = "+kinds+"\n"+string(cfg))
			compareWithHugo(t, dir)
		})
	}
}

// TestHugoSideBySideLarger does the same on a larger tree of Hugo-style
// content, generated: sections four deep, folders that are no section,
// leaf and branch bundles with files, names in upper case and with spaces.
func TestHugoSideBySideLarger(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "testdata/hugosite/layouts", filepath.Join(dir, "layouts"))
	write(t, dir, "hugo.toml", "baseURL = \"https://example.org/\"\ntitle = \"Larger\"\n")
	write(t, dir, "pipedocs.toml", "title = \"Larger\"\nbaseURL = \"https://example.org/\"\nrun = \"opt-in\"\n")
	write(t, dir, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n")
	n := 0
	for i, top := range []string{"Alpha", "beta two", "gamma"} {
		for depth, d := 0, top; depth < 4; depth, d = depth+1, d+fmt.Sprintf("/Level %d", depth) {
			if depth%2 == 0 || i == 1 {
				write(t, dir, "content/"+d+"/_index.md", fmt.Sprintf("+++\ntitle = %q\nweight = %d\n+++\n", path.Base(d), 4-depth))
			}
			for j := range 4 {
				n++
				name := fmt.Sprintf("Page %d-%d.md", depth, j)
				if j == 3 {
					name = fmt.Sprintf("bundle %d/index.md", depth)
					write(t, dir, "content/"+d+fmt.Sprintf("/bundle %d/Image %d.PNG", depth, j), "PNG")
					write(t, dir, "content/"+d+fmt.Sprintf("/bundle %d/files/notes.md", depth), "+++\ntitle = \"Notes\"\n+++\n")
				}
				write(t, dir, "content/"+d+"/"+name, fmt.Sprintf("+++\ntitle = \"Page %d\"\nweight = %d\n+++\nText.\n", n, j))
			}
			write(t, dir, "content/"+d+"/asset.txt", "asset")
		}
	}
	compareWithHugo(t, dir)
}

func compareWithHugo(t *testing.T, site string) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not installed (apt-get install -y --no-install-recommends hugo): no side-by-side comparison")
	}
	src := filepath.Join(t.TempDir(), "site")
	copyDir(t, site, src) // Hugo writes a lock file and resources/ into its source
	hugoOut, ours := t.TempDir(), t.TempDir()
	if out, err := exec.Command(hugo, "--quiet", "--source", src, "--destination", hugoOut).CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	var stdout, stderr syncBuffer
	if code := run(context.Background(), []string{"build", "--source", src, "--dest", ours, "--quiet"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("pipedocs build: exit status %d\n%s%s", code, stdout.String(), stderr.String())
	}
	own := ownFiles(t)
	want := filesOf(t, hugoOut, nil)
	got := filesOf(t, ours, own)
	if !slices.Equal(got, want) {
		t.Errorf("pipedocs and Hugo publish different files (- Hugo only, + pipedocs only):\n%s", setDiff(want, got))
	}
}

// ownFiles are the files pipedocs writes whatever the content: its
// theme's and its own, which a Hugo site's layouts would not write.
func ownFiles(t *testing.T) map[string]bool {
	own := map[string]bool{"404.html": true, "robots.txt": true, "css/chroma.css": true, "search-index.js": true, ".pipedocs-manifest": true}
	err := fs.WalkDir(themes.Default, "static", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			own[strings.TrimPrefix(name, "static/")] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return own
}

// filesOf lists the files below dir, slash-separated, the feeds
// (index.xml beside every list page) and the sitemap included, leaving
// out the files in skip.
func filesOf(t *testing.T, dir string, skip map[string]bool) []string {
	var files []string
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, name)
		rel = filepath.ToSlash(rel)
		if !skip[rel] {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	return files
}

func setDiff(want, got []string) string {
	var b strings.Builder
	for _, f := range want {
		if !slices.Contains(got, f) {
			fmt.Fprintf(&b, "- %s\n", f)
		}
	}
	for _, f := range got {
		if !slices.Contains(want, f) {
			fmt.Fprintf(&b, "+ %s\n", f)
		}
	}
	return b.String()
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	file := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
