package page

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"pipedocs.toml":              file("title = \"x\"\n"),
		"content/_index.md":          file("Welcome\n"),
		"content/pipes/_index.md":    file("+++\ntitle = \"Pipes\"\n+++\n"),
		"content/pipes/basics.md":    file("+++\ntitle = \"Basics\"\n+++\n"),
		"content/pipes/wip.md":       file("---\ntitle: WIP\ndraft: true\n---\n"),
		"content/pipes/diagram.svg":  file("<svg/>"),
		"content/pipes/.basics.md~":  file("backup"),
		"content/.hidden/secret.md":  file("not front matter"),
		"content/about.md":           file("+++\ntitle = \"About\"\n+++\n"),
		"content/a-first/article.md": file("+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\n"),
	}
	tests := []struct {
		drafts bool
		want   []string
	}{
		{false, []string{
			"content/_index.md", "content/a-first/article.md", "content/about.md",
			"content/pipes/_index.md", "content/pipes/basics.md",
		}},
		{true, []string{
			"content/_index.md", "content/a-first/article.md", "content/about.md",
			"content/pipes/_index.md", "content/pipes/basics.md", "content/pipes/wip.md",
		}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint("drafts=", tt.drafts), func(t *testing.T) {
			pages, errs, err := Load(context.Background(), fsys, "", Filter{Drafts: tt.drafts})
			if err != nil || len(errs) > 0 {
				t.Fatalf("Load: %v %v", errs, err)
			}
			var got []string
			for _, p := range pages {
				got = append(got, p.Path)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("pages:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestLoadDiagnostics(t *testing.T) {
	fsys := fstest.MapFS{
		"content/pipes/basics.md": file("+++\ntitle = \"Basics\"\n+++\n"),
		"content/pipes/zz.md":     file("+++\ntitle = \"Z\"\nslug = \"basics\"\n+++\n"),
		"content/pipes/copy.md":   file("+++\ntitle = \"Copy\"\nslug = \"basics\"\ndraft = true\n+++\n"),
		"content/b/bad.md":        file("+++\ntitle = 1\n+++\n"),
		"content/b/draft.md":      file("+++\ndraft = true\nweight = \"x\"\n+++\n"),
		"content/b/open.md":       file("---\ntitle: x\n"),
	}
	pages, errs, err := Load(context.Background(), fsys, "", Filter{})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		// A draft's errors count even when drafts are left out.
		"content/b/bad.md:2:9: title: want a string, got an integer",
		`content/b/draft.md:3:10: weight: want an integer, got a string`,
		`content/b/open.md:1:1: front matter opened with "---" is never closed`,
		// Two pages at one URL are render/site's to report.
	}, "\n")
	if errs.Error() != want {
		t.Errorf("diagnostics:\n%v\nwant\n%s", errs, want)
	}
	if len(pages) != 4 {
		t.Errorf("got %d pages, want the 4 that are not drafts", len(pages))
	}

}

func TestLoadNoContent(t *testing.T) {
	_, _, err := Load(context.Background(), fstest.MapFS{"pipedocs.toml": file("")}, "", Filter{})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load without content/: err = %v, want fs.ErrNotExist", err)
	}
}

// failingFS fails to open content/b.md. It hides MapFS's ReadFile, so
// that fs.ReadFile goes through Open.
type failingFS struct{ files fstest.MapFS }

func (f failingFS) Open(name string) (fs.File, error) {
	if name == "content/b.md" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.files.Open(name)
}

func TestLoadReadError(t *testing.T) {
	fsys := failingFS{fstest.MapFS{
		"content/a.md": file("+++\ntitle = \"A\"\n+++\n"),
		"content/b.md": file("+++\ntitle = \"B\"\n+++\n"),
	}}
	_, _, err := Load(context.Background(), fsys, "", Filter{})
	if !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), "content/b.md") {
		t.Errorf("err = %v, want the permission error on content/b.md", err)
	}
}

// Many files, parsed in parallel, still come back in order with every
// diagnostic: run with -race.
func TestLoadMany(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range 200 {
		src := fmt.Sprintf("+++\ntitle = \"P%d\"\n+++\n", i)
		if i%50 == 7 {
			src = "+++\ntitle = 7\n+++\n"
		}
		fsys[fmt.Sprintf("content/s%d/p%03d.md", i%3, i)] = file(src)
	}
	pages, errs, err := Load(context.Background(), fsys, "", Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 200 || len(errs) != 4 {
		t.Fatalf("got %d pages and %d diagnostics, want 200 and 4", len(pages), len(errs))
	}
	if !slices.IsSortedFunc(pages, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) }) {
		t.Error("pages are not sorted by Path")
	}
}
