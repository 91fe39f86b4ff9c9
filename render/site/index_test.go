package site

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/page"
	"github.com/pipedocs/pipedocs/themes"
)

func TestListingOrder(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	entries := []*Entry{
		{Path: "undated", Title: "B"},
		{Path: "old", Title: "Old", Date: day(1)},
		{Path: "new", Title: "New", Date: day(9)},
		{Path: "heavy", Title: "Heavy", Weight: 5, Date: day(20)},
		{Path: "light", Title: "Light", Weight: 1, Date: day(2)},
		{Path: "negative", Title: "Negative", Weight: -3},
		{Path: "same-date-a", Title: "Alpha", Date: day(9)},
		{Path: "undated-2", Title: "A"},
		{Path: "twin-2", Title: "Twin", Date: day(5)},
		{Path: "twin-1", Title: "Twin", Date: day(5)},
	}
	want := []string{"negative", "light", "heavy", "same-date-a", "new", "twin-1", "twin-2", "old", "undated-2", "undated"}
	for range 3 { // from different starting orders
		slices.SortFunc(entries, listingOrder)
		var got []string
		for _, e := range entries {
			got = append(got, e.Path)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("order:\n got %v\nwant %v", got, want)
		}
		slices.Reverse(entries)
	}
}

// TestIndexDiagnostics: a site whose pages would overwrite each other, or
// whose aliases or terms cannot be URLs, is refused with a diagnostic on
// the page that causes it.
func TestIndexDiagnostics(t *testing.T) {
	tests := []struct {
		name  string
		files fstest.MapFS
		want  []string
	}{
		{
			name: "alias over a page",
			files: fstest.MapFS{
				"content/a/one.md": {Data: []byte("+++\ntitle = \"One\"\n+++\n")},
				"content/b/two.md": {Data: []byte("+++\ntitle = \"Two\"\naliases = [\"/a/one/\"]\n+++\n")},
			},
			want: []string{`content/b/two.md:3:12: alias "/a/one/" is also written by content/a/one.md`},
		},
		{
			name: "alias over the home page",
			files: fstest.MapFS{
				"content/a/one.md": {Data: []byte("+++\ntitle = \"One\"\naliases = [\"/index.html\"]\n+++\n")},
			},
			want: []string{`content/a/one.md:3:12: alias "/index.html" is also written by the home page`},
		},
		{
			name: "article over a term page",
			files: fstest.MapFS{
				"content/tags/go.md": {Data: []byte("+++\ntitle = \"Go\"\n+++\n")},
				"content/z/one.md":   {Data: []byte("+++\ntitle = \"One\"\ntags = [\"Go\"]\n+++\n")},
			},
			want: []string{"content/z/one.md:3:9: tags page /tags/go/ is also written by content/tags/go.md"},
		},
		{
			name: "term without letters",
			files: fstest.MapFS{
				"content/a/one.md": {Data: []byte("+++\ntitle = \"One\"\ntags = [\"ok\", \"?!\"]\n+++\n")},
			},
			want: []string{`content/a/one.md:3:15: tags "?!" has no letter or digit to make a URL of`},
		},
		{
			// The index is the one place that decides URLs, so it is the
			// one that reports two pages at one URL: at the slug, when
			// the slug is what collides.
			name: "two pages at one URL",
			files: fstest.MapFS{
				"content/pipes/basics.md":       {Data: []byte("+++\ntitle = \"Basics\"\n+++\n")},
				"content/pipes/zz.md":           {Data: []byte("+++\ntitle = \"Z\"\nslug = \"basics\"\n+++\n")},
				"content/pipes/Basics/index.md": {Data: []byte("+++\ntitle = \"Z\"\n+++\n")},
				"content/pipes/sub/basics.md":   {Data: []byte("+++\ntitle = \"Z\"\n+++\n")},
			},
			want: []string{
				"content/pipes/basics.md: page /pipes/basics/ is also written by content/pipes/Basics/index.md\n\tcontent/pipes/Basics/index.md: written here first",
				"content/pipes/zz.md:3:8: page /pipes/basics/ is also written by content/pipes/Basics/index.md\n\tcontent/pipes/Basics/index.md: written here first",
			},
		},
		{
			name: "alias onto the feed",
			files: fstest.MapFS{
				"content/a/one.md": {Data: []byte("+++\ntitle = \"One\"\naliases = [\"/index.xml\", \"/sitemap.xml/\"]\n+++\n")},
			},
			want: []string{
				`content/a/one.md:3:12: alias "/index.xml" needs a folder index.xml/, but index.xml is written by the RSS feed`,
				`content/a/one.md:3:26: alias "/sitemap.xml/" needs a folder sitemap.xml/, but sitemap.xml is written by the sitemap`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, diags, err := page.Load(context.Background(), tt.files, "", page.Filter{})
			if err != nil || len(diags) > 0 {
				t.Fatal(err, diags)
			}
			_, diags, err = Parse(context.Background(), sampleConfig("https://example.org/"), markdown.New(markdown.Options{}), pages)
			if err != nil {
				t.Fatal(err)
			}
			got := diags.Error()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("diagnostics:\n%s\nwant one starting %q", got, w)
				}
			}
			if len(diags) != len(tt.want) {
				t.Errorf("got %d diagnostics, want %d:\n%s", len(diags), len(tt.want), got)
			}
		})
	}
}

// TestIndexByHand covers what page.Load already refuses, for Sites built
// without it: two pages at one URL, an alias that climbs out of the site.
func TestIndexByHand(t *testing.T) {
	mk := func(path, section, slug string, aliases ...string) *Article {
		src := []byte("+++\ntitle = \"T\"\n+++\n")
		return &Article{Page: &page.Page{
			Path: path, Kind: page.Article, Section: section, Slug: slug,
			Meta: page.FrontMatter{Title: "T", Slug: slug, Aliases: aliases},
			Src:  src, BodyStart: len(src), Lines: diag.NewLineIndex(src),
		}}
	}
	s := &Site{Pages: []*Article{
		mk("content/a/one.md", "a", "x"),
		mk("content/a/x.md", "a", "x"),
		mk("content/b/y.md", "b", "y", "/../../etc", "../.."),
	}}
	_, diags := newIndex(s)
	want := []string{
		"content/a/x.md: page /a/x/ is also written by content/a/one.md",
		"\tcontent/a/one.md: written here first",
		`content/b/y.md: alias "/../../etc" is not a path inside the site`,
		`content/b/y.md: alias "../.." is not a path inside the site`,
	}
	if got := strings.Split(diags.Error(), "\n"); !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", diags.Error(), strings.Join(want, "\n"))
	}
	if _, err := s.index(); err == nil {
		t.Error("Site.index accepted a site with clashing pages")
	}
}

// TestCheckFiles: what the theme and static/ write is in the way of an
// alias or page as much as another page is, and a static/ symbolic link
// to a folder cannot be copied; each is found before anything runs.
func TestCheckFiles(t *testing.T) {
	files := fstest.MapFS{
		"content/a/one.md": {Data: []byte("+++\ntitle = \"One\"\naliases = [\"/style.css\", \"/robots.txt/x.html\"]\n+++\n")},
	}
	pages, diags, err := page.Load(context.Background(), files, "", page.Filter{})
	if err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	s, diags, err := Parse(context.Background(), sampleConfig("https://example.org/"), markdown.New(markdown.Options{}), pages)
	if err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	static := t.TempDir()
	writeFiles(t, static, map[string]string{"robots.txt": "", "real/logo.svg": ""})
	if err := os.Symlink("real", filepath.Join(static, "img")); err != nil {
		t.Fatal(err)
	}
	got := s.CheckFiles(RenderOptions{Theme: themes.Default, Static: os.DirFS(static)}).Error()
	want := strings.Join([]string{
		`content/a/one.md:3:12: alias "/style.css" needs a folder style.css/, but style.css is written by the theme's static/style.css`,
		`content/a/one.md:3:26: alias "/robots.txt/x.html" needs a folder robots.txt/, but robots.txt is written by static/robots.txt`,
		"static/img: is a symbolic link to a folder; pipedocs copies files, not folders: link each file, or copy the folder into static/",
	}, "\n")
	if got != want {
		t.Errorf("CheckFiles:\n%s\nwant\n%s", got, want)
	}
	if err := Render(t.Context(), s, nil, markdown.New(markdown.Options{}), RenderOptions{Theme: themes.Default}, t.TempDir()); err == nil {
		t.Error("Render wrote a site whose alias needs a folder where style.css is")
	}
}
