package site

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/page"
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
			want: []string{`content/b/two.md: alias "/a/one/" is also written by content/a/one.md`},
		},
		{
			name: "alias over the home page",
			files: fstest.MapFS{
				"content/a/one.md": {Data: []byte("+++\ntitle = \"One\"\naliases = [\"/index.html\"]\n+++\n")},
			},
			want: []string{`content/a/one.md: alias "/index.html" is also written by the home page`},
		},
		{
			name: "article over a term page",
			files: fstest.MapFS{
				"content/tags/go.md": {Data: []byte("+++\ntitle = \"Go\"\n+++\n")},
				"content/z/one.md":   {Data: []byte("+++\ntitle = \"One\"\ntags = [\"Go\"]\n+++\n")},
			},
			want: []string{"content/z/one.md: tags page /tags/go/ is also written by content/tags/go.md"},
		},
		{
			name: "term without letters",
			files: fstest.MapFS{
				"content/a/one.md": {Data: []byte("+++\ntitle = \"One\"\ntags = [\"ok\", \"?!\"]\n+++\n")},
			},
			want: []string{`content/a/one.md:3:15: tags "?!" has no letter or digit to make a URL of`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, diags, err := page.Load(tt.files, false)
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
			Meta: page.FrontMatter{Title: "T", Aliases: aliases},
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
