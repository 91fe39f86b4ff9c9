package content

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pipedocs/pipedocs/render/page"
)

// load reads files as page.LoadContent does and places them.
func load(t *testing.T, files map[string]string, o Options) (*Tree, string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	c, diags, err := page.LoadContent(context.Background(), fsys, "", page.Filter{})
	if err != nil || len(diags) > 0 {
		t.Fatalf("LoadContent: %v %v", err, diags)
	}
	tree, diags := New(c, o)
	return tree, diags.Error()
}

// outputs lists "source → output" for every page, section and file.
func outputs(tr *Tree) []string {
	var out []string
	for _, n := range tr.Pages {
		out = append(out, n.Page.Path+" → "+n.File)
	}
	for _, s := range tr.Sections {
		out = append(out, s.Dir+"/ → "+s.Out+"/")
	}
	for _, r := range tr.Resources {
		out = append(out, r.Path+" → "+r.File)
	}
	return out
}

const fm = "+++\ntitle = \"T\"\n+++\n"

func TestPlacement(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		o     Options
		want  []string
	}{
		{"paths lower-cased and made URL-safe, as Hugo's MakePath", map[string]string{
			"content/Upper Dir/Page One.md":        fm,
			"content/docs/C++ Guide & More (1).md": fm,
			"content/docs/Über  Straße.md":         fm,
		}, Options{}, []string{
			"content/Upper Dir/Page One.md → upper-dir/page-one/index.html",
			"content/docs/C++ Guide & More (1).md → docs/c++-guide-more-1/index.html",
			"content/docs/Über  Straße.md → docs/über-straße/index.html",
			"Upper Dir/ → upper-dir/",
			"docs/ → docs/",
		}},
		{"disablePathToLower", map[string]string{"content/Docs/My Page.md": fm},
			Options{DisablePathToLower: true}, []string{
				"content/Docs/My Page.md → Docs/My-Page/index.html",
				"Docs/ → Docs/",
			}},
		{"sections at any depth; a folder without _index.md is none", map[string]string{
			"content/a/b/_index.md":   fm,
			"content/a/b/c/_index.md": fm,
			"content/a/b/c/p.md":      fm,
			"content/a/x/y/q.md":      fm,
			"content/top.md":          fm,
		}, Options{}, []string{
			"content/a/b/c/p.md → a/b/c/p/index.html",
			"content/a/x/y/q.md → a/x/y/q/index.html",
			"content/top.md → top/index.html",
			"a/ → a/", "a/b/ → a/b/", "a/b/c/ → a/b/c/",
		}},
		{"leaf and branch bundles and their files", map[string]string{
			"content/s/_index.md":             fm,
			"content/s/Logo.PNG":              "x",
			"content/s/deep/er.txt":           "x",
			"content/s/My Bundle/index.md":    fm,
			"content/s/My Bundle/Photo.JPG":   "x",
			"content/s/My Bundle/d/e.txt":     "x",
			"content/s/My Bundle/resource.md": fm,
			"content/Files/Report Final.PDF":  "x",
			"content/leaf/index.md":           fm,
			"content/s/draft/index.md":        "+++\ntitle = \"D\"\ndraft = true\n+++\n",
			"content/s/draft/hidden.png":      "x",
		}, Options{}, []string{
			"content/leaf/index.md → leaf/index.html",
			"content/s/My Bundle/index.md → s/my-bundle/index.html",
			"s/ → s/",
			"content/Files/Report Final.PDF → Files/Report Final.PDF",
			"content/s/Logo.PNG → s/Logo.PNG",
			"content/s/My Bundle/Photo.JPG → s/my-bundle/Photo.JPG",
			"content/s/My Bundle/d/e.txt → s/my-bundle/d/e.txt",
			"content/s/deep/er.txt → s/deep/er.txt",
		}},
		{"url, slug and permalinks", map[string]string{
			"content/d/u.md":       "+++\ntitle = \"U\"\nurl = \"/Mixed Case/Path/\"\n+++\n",
			"content/d/f.md":       "+++\ntitle = \"F\"\nurl = \"plain.html\"\n+++\n",
			"content/d/s.md":       "+++\ntitle = \"S\"\nslug = \"Custom-Slug\"\n+++\n",
			"content/posts/p.md":   "+++\ntitle = \"First Post\"\ndate = 2024-03-05\n+++\n",
			"content/posts/q.md":   "+++\ntitle = \"Q\"\nslug = \"kew\"\ndate = 2024-04-06\n+++\n",
			"content/posts/r/s.md": "+++\ntitle = \"R S\"\n+++\n",
		}, Options{Permalinks: map[string]string{"posts": "/:year/:month/:slug/", "d": "/:sections/:filename/"}}, []string{
			"content/d/f.md → plain.html",
			"content/d/s.md → d/s/index.html",
			"content/d/u.md → Mixed Case/Path/index.html",
			"content/posts/p.md → 2024/03/first-post/index.html",
			"content/posts/q.md → 2024/04/kew/index.html",
			"content/posts/r/s.md → 1/01/r-s/index.html", // Hugo: the year of a zero date, unpadded,
			"d/ → d/", "posts/ → posts/",
		}},
		{"translations: the default language only", map[string]string{
			"content/a/p.md":     fm,
			"content/a/p.fr.md":  fm,
			"content/a/q.en.md":  fm,
			"content/a/v1.2.md":  fm,
			"content/a/x.png.md": fm,
		}, Options{}, []string{
			"content/a/p.md → a/p/index.html",
			"content/a/q.en.md → a/q/index.html",
			"content/a/v1.2.md → a/v1.2/index.html",
			"content/a/x.png.md → a/x.png/index.html",
			"a/ → a/",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, diags := load(t, tt.files, tt.o)
			if got := outputs(tr); !slices.Equal(got, tt.want) {
				t.Errorf("placed:\n%s\nwant:\n%s\n(diagnostics: %s)", strings.Join(got, "\n"), strings.Join(tt.want, "\n"), diags)
			}
		})
	}
}

func TestSectionsNest(t *testing.T) {
	tr, _ := load(t, map[string]string{
		"content/_index.md":       fm,
		"content/a/_index.md":     fm,
		"content/a/b/_index.md":   fm,
		"content/a/b/p.md":        fm,
		"content/a/n/q.md":        fm,
		"content/a/leaf/index.md": fm,
		"content/a/leaf/more.md":  fm,
	}, Options{})
	if tr.Home.Page == nil || len(tr.Home.Sections) != 1 {
		t.Fatalf("home: %+v", tr.Home)
	}
	a := tr.Home.Sections[0]
	if len(a.Sections) != 1 || a.Sections[0].Dir != "a/b" || a.Sections[0].Depth != 2 || a.Sections[0].Parent != a {
		t.Errorf("a's sections: %+v", a.Sections)
	}
	var pages []string
	for _, n := range a.Pages {
		pages = append(pages, n.Page.Path)
	}
	if want := []string{"content/a/leaf/index.md", "content/a/n/q.md"}; !slices.Equal(pages, want) {
		t.Errorf("a's pages %v, want %v (a folder without _index.md belongs to its section)", pages, want)
	}
	if len(tr.Left) != 1 || tr.Left[0].Path != "content/a/leaf/more.md" {
		t.Errorf("left out %v, want the leaf bundle's Markdown resource", tr.Left)
	}
}

func TestDiagnostics(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		o     Options
		want  string
	}{
		{"url above the site", map[string]string{"content/a.md": "+++\ntitle = \"A\"\nurl = \"/../../etc/x/\"\n+++\n"}, Options{},
			`content/a.md:3:7: url "/../../etc/x/" would be written outside the site's folder`},
		{"url with a scheme", map[string]string{"content/a.md": "+++\ntitle = \"A\"\nurl = \"https://x.org/a/\"\n+++\n"}, Options{},
			`content/a.md:3:7: url "https://x.org/a/" would be written outside the site's folder`},
		{"permalink that climbs", map[string]string{"content/p/a.md": "+++\ntitle = \"..\"\n+++\n"},
			Options{Permalinks: map[string]string{"p": "/x/../../:title/"}},
			`content/p/a.md: permalink "/x/../../:title/" for section "p" gives "/x/../../../", which would be written outside the site's folder`},
		{"translations counted once", map[string]string{"content/a.fr.md": fm, "content/b.de.md": fm, "content/c.md": fm}, Options{},
			`content/a.fr.md: warning: 2 translation files (name.LANG.md) left out, this one first: pipedocs builds the default language ("en") only`},
		{"another default language", map[string]string{"content/a.fr.md": fm, "content/b.en.md": fm, "content/c.md": fm}, Options{DefaultLanguage: "fr"},
			`content/b.en.md: warning: 1 translation file (name.LANG.md) left out, this one first: pipedocs builds the default language ("fr") only`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, got := load(t, tt.files, tt.o); got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
