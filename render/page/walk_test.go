package page

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
)

func link(target string) *fstest.MapFile {
	return &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte(target)}
}

// Symlinks that stay inside the site are followed, as the kernel would
// resolve them (a ".." after a linked folder climbs from the link's
// target); those that leave it are errors at load time.
func TestLoadSymlinks(t *testing.T) {
	page := file("+++\ntitle = \"T\"\n+++\n")
	tests := []struct {
		name  string
		files fstest.MapFS
		pages []string // paths of the pages loaded
		errs  string   // the diagnostics
	}{
		{"file inside", fstest.MapFS{
			"shared/a.md":   page,
			"content/in.md": link("../shared/a.md"),
		}, []string{"content/in.md"}, ""},
		{"folder inside", fstest.MapFS{
			"docs/p.md":          page,
			"docs/sub/q.md":      page,
			"content/guide":      link("../docs"),
			"content/guide2":     link("guide"), // a chain of links
			"content/other/x.md": page,
		}, []string{"content/guide/p.md", "content/guide/sub/q.md", "content/guide2/p.md", "content/guide2/sub/q.md", "content/other/x.md"}, ""},
		{"dot-dot after a linked folder", fstest.MapFS{
			"deep/er/keep": file(""),
			"deep/y.md":    page,
			"content/sub":  link("../deep/er"),
			"content/x.md": link("sub/../y.md"), // deep/y.md, not content/y.md
		}, []string{"content/x.md"}, ""},
		{"file outside", fstest.MapFS{
			"content/out.md": link("../../etc/passwd.md"),
		}, nil, "content/out.md: symlink leaves the site"},
		{"absolute target, root unknown", fstest.MapFS{
			"content/abs.md": link("/etc/passwd"),
		}, nil, "content/abs.md: symlink leaves the site"},
		{"folder outside", fstest.MapFS{
			"content/a/up": link("../../.."),
		}, nil, "content/a/up: symlink leaves the site"},
		{"outside through a linked folder", fstest.MapFS{
			"shared/keep":  file(""),
			"content/s":    link("../shared"),
			"content/x.md": link("s/../../x.md"),
		}, nil, "content/x.md: symlink leaves the site"},
		{"content itself outside", fstest.MapFS{
			"content": link("../elsewhere"),
		}, nil, "content: symlink leaves the site"},
		{"loop to a parent", fstest.MapFS{
			"content/a/b.md":   page,
			"content/a/loop":   link(".."),
			"content/a/here":   link("."),
			"content/z/x/keep": file(""),
		}, []string{"content/a/b.md"}, "content/a/here: symlink leads back to content/a, which holds it\n" +
			"content/a/loop: symlink leads back to content, which holds it"},
		{"loop of links", fstest.MapFS{
			"content/self.md": link("self.md"),
			"content/p.md":    link("q.md"),
			"content/q.md":    link("p.md"),
		}, nil, "content/p.md: symlink loop: too many levels of symlinks\n" +
			"content/q.md: symlink loop: too many levels of symlinks\n" +
			"content/self.md: symlink loop: too many levels of symlinks"},
		{"dangling", fstest.MapFS{
			"content/gone.md": link("nothing.md"),
		}, nil, "content/gone.md: symlink to a file that does not exist"},
		{"names not UTF-8", fstest.MapFS{
			"content/\xff.md":        page,
			"content/sec\xfe/a.md":   page,
			"content/ok.md":          page,
			"content/.hidden\xff.md": page, // ignored as every hidden file
		}, []string{"content/ok.md"}, `content/\xff.md: file name is not valid UTF-8: rename it` + "\n" +
			`content/sec\xfe: file name is not valid UTF-8: rename it`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, errs, err := Load(context.Background(), tt.files, "", Filter{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range pages {
				got = append(got, p.Path)
			}
			if !slices.Equal(got, tt.pages) {
				t.Errorf("pages:\n got %q\nwant %q", got, tt.pages)
			}
			if errs.Error() != tt.errs {
				t.Errorf("diagnostics:\n%v\nwant\n%s", errs, tt.errs)
			}
		})
	}
}

// A page reached through a symlink names the file it was read from, so
// that a rewrite changes that file instead of replacing the link.
func TestLoadFileBehindLink(t *testing.T) {
	page := file("+++\ntitle = \"T\"\n+++\n")
	fsys := fstest.MapFS{
		"content/plain.md":  page,
		"content/link.md":   link("../shared/a.md"),
		"content/dir":       link("../shared/d"),
		"shared/a.md":       page,
		"shared/d/inner.md": page,
	}
	pages, errs, err := Load(context.Background(), fsys, "", Filter{})
	if err != nil || len(errs) > 0 {
		t.Fatal(errs, err)
	}
	var got []string
	for _, p := range pages {
		got = append(got, p.Path+" "+p.File)
	}
	want := []string{
		"content/dir/inner.md shared/d/inner.md",
		"content/link.md shared/a.md",
		"content/plain.md content/plain.md",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Path File:\n got %q\nwant %q", got, want)
	}
}

// On disk, a link with an absolute target is resolved with the site root,
// symlinks in the root's own path included.
func TestLoadSymlinksOnDisk(t *testing.T) {
	tmp := t.TempDir()
	site := filepath.Join(tmp, "site")
	for _, dir := range []string{"site/content", "site/shared", "outside"} {
		if err := os.MkdirAll(filepath.Join(tmp, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	src := []byte("+++\ntitle = \"T\"\n+++\n")
	for _, f := range []string{"site/shared/a.md", "outside/secret.md"} {
		if err := os.WriteFile(filepath.Join(tmp, f), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"site/content/abs-in.md":  filepath.Join(site, "shared/a.md"),
		"site/content/abs-out.md": filepath.Join(tmp, "outside/secret.md"),
		"site/content/rel-in.md":  "../shared/a.md",
		"site/content/rel-out.md": "../../outside/secret.md",
		"site/content/dir-out":    filepath.Join(tmp, "outside"),
		"via":                     site, // the site reached through a link
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(tmp, name)); err != nil {
			t.Fatal(err)
		}
	}
	for _, root := range []string{site, filepath.Join(tmp, "via")} {
		pages, errs, err := Load(context.Background(), os.DirFS(root), root, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range pages {
			got = append(got, p.Path)
		}
		if want := []string{"content/abs-in.md", "content/rel-in.md"}; !slices.Equal(got, want) {
			t.Errorf("root %s: pages %q, want %q", root, got, want)
		}
		want := strings.Join([]string{
			"content/abs-out.md: symlink leaves the site",
			"content/dir-out: symlink leaves the site",
			"content/rel-out.md: symlink leaves the site",
		}, "\n")
		if errs.Error() != want {
			t.Errorf("root %s: diagnostics:\n%v\nwant\n%s", root, errs, want)
		}
	}
}

// cancellingFS cancels a context at the first file read and counts the
// reads.
type cancellingFS struct {
	fstest.MapFS
	cancel context.CancelFunc
	reads  atomic.Int32
}

func (f *cancellingFS) ReadFile(name string) ([]byte, error) {
	f.reads.Add(1)
	f.cancel()
	return f.MapFS.ReadFile(name)
}

// A context ended while loading stops the feeding of files: only those
// already started are read.
func TestLoadCancelled(t *testing.T) {
	const n = 200
	files := fstest.MapFS{}
	for i := range n {
		files[fmt.Sprintf("content/p%03d.md", i)] = file("+++\ntitle = \"A\"\n+++\n")
	}
	ctx, cancel := context.WithCancel(context.Background())
	fsys := &cancellingFS{MapFS: files, cancel: cancel}
	if _, _, err := Load(ctx, fsys, "", Filter{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if got, limit := fsys.reads.Load(), int32(runtime.GOMAXPROCS(0)); got > limit {
		t.Errorf("%d files read after the context ended, want at most %d", got, limit)
	}
}
