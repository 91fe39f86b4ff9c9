package hugotest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Release is the Hugo the kept shapes come from: Debian's.
const Release = "v0.111."

// Hugo returns the path of the hugo on PATH, or "" and why not when
// there is none or it is not Release, whose shapes another would not
// render alike.
func Hugo() (string, string) {
	p, err := exec.LookPath("hugo")
	if err != nil {
		return "", "hugo is not installed"
	}
	out, err := exec.Command(p, "version").Output()
	if err != nil {
		return "", fmt.Sprintf("hugo version: %v", err)
	}
	if !strings.Contains(string(out), Release) {
		return "", fmt.Sprintf("hugo is not %sx but %s", Release, strings.TrimSpace(string(out)))
	}
	return p, ""
}

// Run renders pages (content path, e.g. "a.md", to the whole file, front
// matter included) with hugo on a copy of the fixture site in dir, and
// returns each page's HTML by its content path. It fails t when hugo
// fails; call it only when Hugo found hugo.
func Run(t *testing.T, hugo, dir string, pages map[string]string) map[string]string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	for name, text := range pages {
		file := filepath.Join(site, "content", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out := filepath.Join(site, "public")
	cmd := exec.CommandContext(ctx, hugo, "--quiet", "--source", site, "--destination", out,
		"--cacheDir", filepath.Join(site, "cache"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, b)
	}
	html := map[string]string{}
	for name := range pages {
		dir := strings.TrimSuffix(name, ".md")
		switch base := filepath.Base(dir); base {
		case "_index", "index":
			dir = filepath.Dir(dir)
		}
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(dir), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		html[name] = string(b)
	}
	return html
}

// Golden compares got with the golden file at path, or, with update,
// writes it there.
func Golden(t *testing.T, path, got string, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update where hugo is installed)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
