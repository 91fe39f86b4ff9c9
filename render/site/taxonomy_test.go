package site

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/page"
)

func taxonomyConfig(taxonomies map[string]string) config.Config {
	cfg := sampleConfig("https://example.org/")
	cfg.Taxonomies = taxonomies
	return cfg
}

func md(front string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("+++\n" + front + "\n+++\nBody of the page.\n")}
}

// TestTaxonomies builds what Hugo 0.111 builds for the config's
// taxonomies (compared with the real hugo): a list page and a feed per
// taxonomy, with or without terms; a page and a feed per term, its
// articles in listing order, build.list = "never" and "local" included,
// and a page that is not rendered listed without a link; the term and
// taxonomy _index.md giving title and text.
func TestTaxonomies(t *testing.T) {
	files := fstest.MapFS{
		"content/a/one.md":                   md("title = \"One\"\ndate = 2024-01-02\nseries = [\"Go Basics\", \"Über Straße\"]\nwriters = \"Jane Doe\""),
		"content/a/two.md":                   md("title = \"Two\"\ndate = 2024-03-02\nweight = 5\nseries = \"go basics\""),
		"content/a/three.md":                 md("title = \"Three\"\ndate = 2024-05-02\nseries = [\"Go Basics\"]\n[_build]\nlist = \"local\""),
		"content/a/four.md":                  md("title = \"Four\"\ndate = 2024-06-02\nseries = [\"Go Basics\"]\n[_build]\nrender = \"link\""),
		"content/a/five.md":                  md("title = \"Five\"\nseries = [\"Go Basics\"]\n[_build]\nlist = \"never\""),
		"content/a/six.md":                   md("title = \"Six\"\nseries = [\"Go Basics\"]\n[_build]\nrender = \"never\""),
		"content/a/seven.md":                 md("title = \"Seven\"\ntags = [\"not a taxonomy here\"]"),
		"content/series/go-basics/_index.md": md("title = \"The Go Basics series\""),
		"content/series/orphan/_index.md":    md("title = \"No pages\""),
		"content/writers/_index.md":          md("title = \"Our writers\""),
	}
	cfg := taxonomyConfig(map[string]string{"series": "series", "author": "writers", "empty": "empties"})
	got := readTree(t, renderSite(t, files, cfg, RenderOptions{}))
	for _, f := range []string{
		"series/index.html", "series/index.xml",
		"series/go-basics/index.html", "series/go-basics/index.xml",
		"series/über-straße/index.html", "series/über-straße/index.xml",
		"series/orphan/index.html", "series/orphan/index.xml",
		"writers/index.html", "writers/jane-doe/index.html", "writers/jane-doe/index.xml",
		"empties/index.html", "empties/index.xml",
		"a/index.xml", "index.xml",
	} {
		if got[f] == nil {
			t.Errorf("%s: not written", f)
		}
	}
	for _, f := range []string{"a/four/index.html", "a/six/index.html", "tags/index.html", "categories/index.html"} {
		if got[f] != nil {
			t.Errorf("%s: written", f)
		}
	}
	term := string(got["series/go-basics/index.html"])
	if !strings.Contains(term, "<h1>The Go Basics series</h1>") || !strings.Contains(term, "Body of the page.") {
		t.Errorf("term page without its _index.md's title and text:\n%s", term)
	}
	// Hugo's order: weight, then date (newest first), then title.
	titles := regexp.MustCompile(`<h2 class="entry-title">(?:<a href="([^"]*)">)?([A-Z][a-z]+)`).FindAllStringSubmatch(term, -1)
	var order []string
	for _, m := range titles {
		order = append(order, m[2]+"="+m[1])
	}
	want := []string{"Two=../../a/two/index.html", "Four=../../a/four/index.html", "Three=../../a/three/index.html",
		"One=../../a/one/index.html", "Five=../../a/five/index.html", "Six="}
	if !slices.Equal(order, want) {
		t.Errorf("term listing:\n got %v\nwant %v", order, want)
	}
	if s := string(got["writers/index.html"]); !strings.Contains(s, "<h1>Our writers</h1>") {
		t.Errorf("taxonomy page without its _index.md's title:\n%s", s)
	}
	if s := string(got["a/one/index.html"]); !strings.Contains(s, `class="term" href="../../series/go-basics/index.html"`) {
		t.Errorf("article without links to its terms:\n%s", s)
	}
	if s := string(got["series/go-basics/index.xml"]); strings.Contains(s, "<title>Six</title>") || !strings.Contains(s, "<title>Four</title>") {
		t.Errorf("term feed: want the pages that have a URL:\n%s", s)
	}
}

// TestTaxonomiesNone: an empty [taxonomies] table has none, as in Hugo.
func TestTaxonomiesNone(t *testing.T) {
	files := fstest.MapFS{"content/a/one.md": md("title = \"One\"\ntags = [\"go\"]\ncategories = [\"x\"]")}
	got := readTree(t, renderSite(t, files, taxonomyConfig(map[string]string{}), RenderOptions{}))
	for f := range got {
		if strings.HasPrefix(f, "tags/") || strings.HasPrefix(f, "categories/") {
			t.Errorf("%s: written without taxonomies", f)
		}
	}
}

func TestTaxonomyDiagnostics(t *testing.T) {
	tests := []struct {
		name, file string
		want       []string
	}{
		{"table", "---\ntitle: T\nseries: {a: 1}\n---\n",
			[]string{"content/a/one.md:3:1: series: want a term or a list of terms, got a table (series is a taxonomy of the site)"}},
		{"list item", "{\n  \"title\": \"T\",\n  \"series\": [\"ok\", [\"x\"]]\n}\n",
			[]string{"content/a/one.md:3:3: series: item 2: want a string, number or boolean, got a list (series is a taxonomy of the site)"}},
		{"climbs out", "+++\ntitle = \"T\"\nseries = [\"a/../../b\"]\n+++\n",
			[]string{`content/a/one.md:3:11: series "a/../../b" has a ".." part: its page would be written outside the taxonomy's folder`}},
		{"no letter", "+++\ntitle = \"T\"\nseries = [\"$\"]\n+++\n",
			[]string{`content/a/one.md:3:11: series "$" has no letter or digit to make a URL of`}},
		{"term over the feed", "+++\ntitle = \"T\"\nseries = [\"index.xml\"]\n+++\n",
			[]string{"content/a/one.md:3:11: series page /series/index.xml/ needs a folder series/index.xml/, but series/index.xml is written by content/a/one.md\n\tcontent/a/one.md: written here first"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := fstest.MapFS{"content/a/one.md": {Data: []byte(tt.file)}}
			pages, diags, err := page.Load(context.Background(), files, "", page.Filter{})
			if err != nil || len(diags) > 0 {
				t.Fatal(err, diags)
			}
			_, diags, err = Parse(context.Background(), taxonomyConfig(map[string]string{"series": "series"}), markdown.New(markdown.Options{}), pages)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
