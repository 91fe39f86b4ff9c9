package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/themes"
)

// linkSite has a home page, a section with an _index, two articles, a
// page at the site root and a static file, for links to point at.
func linkSite(body string) fstest.MapFS {
	page := func(title, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\ntitle = \"" + title + "\"\n+++\n" + body)}
	}
	return fstest.MapFS{
		"content/_index.md":      page("Home", "Welcome.\n\n## News\n"),
		"content/py/_index.md":   page("Python", "All about it.\n\n## Intro\n"),
		"content/py/other.md":    page("Other", "## Part two\n\n```sh {#run-me}\necho\n```\n"),
		"content/about.md":       page("About", "Hi.\n"),
		"content/py/x.md":        page("X", body),
		"static/img/logo.png":    {Data: []byte("png")},
		"static/files/notes.txt": {Data: []byte("txt")},
	}
}

func TestCheckLinks(t *testing.T) {
	tests := []struct {
		body string
		want string // the diagnostic of line 4, "" for none
	}{
		// Markdown files, relative to the page's file or from content/.
		{"[o](other.md)", ""},
		{"[o](./other.md#part-two)", ""},
		{"[o](other.md#run-me)", ""},
		{"[o](other.md#snippet-1)", ""},
		{"[s](_index.md#intro)", ""},
		{"[a](../about.md)", ""},
		{"[a](/about.md)", ""},
		{"[h](../_index.md#news)", ""},
		{"[m](missing.md)", `4:1: broken link "missing.md": no page content/py/missing.md`},
		{"x [m](../py/other.md#nope)", `4:3: broken link "../py/other.md#nope": content/py/other.md has no heading or id "nope"`},
		// Site URLs from the root, paths relative to the page's URL.
		{"[p](/py/)", ""},
		{"[p](/py)", ""},
		{"[p](/py/other/#part-two)", ""},
		{"[p](/py/other/#nope)", `4:1: broken link "/py/other/#nope": content/py/other.md has no heading or id "nope"`},
		{"[h](/)", ""},
		{"[t](/index.xml)", ""},
		{"[t](/style.css)", ""},
		{"![l](/img/logo.png)", ""},
		{"![l](../../img/logo.png)", ""},
		{"![l](/img/nope.png)", `4:1: broken image "/img/nope.png": the site has no page or file /img/nope.png`},
		{"[o](../other/)", ""},
		{"[o](other/)", `4:1: broken link "other/": the site has no page or file /py/x/other`},
		{"[n](/files/notes.txt?x=1)", ""},
		{"[u](../../../x)", `4:1: broken link "../../../x": it leads out of the site`},
		{"[j](/python/)", `4:1: broken link "/python/": the site has no page or file /python`},
		// Fragments of the page itself.
		{"## Here\n\n[h](#here)", ""},
		{"[h](#there)", `4:1: broken link "#there": content/py/x.md has no heading or id "there"`},
		// Not checked: external links, code.
		{"[g](https://go.dev/nope) [m](mailto:a@b) [p](//cdn/x)", ""},
		{"`[m](missing.md)`", ""},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			s, _ := parseSite(t, linkSite(tt.body), sampleConfig("https://example.org/docs/"))
			diags := s.CheckLinks(RenderOptions{Theme: themes.Default, Static: subFS(t, linkSite(tt.body), "static")})
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			want := []string(nil)
			if tt.want != "" {
				want = []string{"content/py/x.md:" + tt.want}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("CheckLinks:\n got %q\nwant %q", got, want)
			}
		})
	}
}

func TestCheckLinksWarn(t *testing.T) {
	cfg := sampleConfig("/")
	cfg.BrokenLinks = config.BrokenLinksWarn
	s, _ := parseSite(t, linkSite("[m](missing.md)"), cfg)
	diags := s.CheckLinks(RenderOptions{Theme: themes.Default})
	if len(diags) != 1 || diags[0].Severity != diag.Warning {
		t.Fatalf("diags %v, want one warning", diags)
	}
}

// Links to Markdown files hold their page's URL, and site URLs hold a
// path relative to the page, so that a site published under a sub-path
// of its baseURL ("https://example.org/docs/") never escapes it.
func TestMarkdownLinksRewritten(t *testing.T) {
	fsys := linkSite("[o](other.md#part-two) [s](_index.md) [a](/about.md) [p](/py/) [r](/) ![l](/img/logo.png) [m](missing.md)")
	s, md := parseSite(t, fsys, sampleConfig("https://example.org/docs/"))
	dir := t.TempDir()
	if err := Render(t.Context(), s, nil, md, RenderOptions{Theme: themes.Default, Static: subFS(t, fsys, "static")}, dir); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "py/x/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	body := string(b)
	body = body[strings.Index(body, `<a href="../other/index.html#part-two"`):]
	got := regexp.MustCompile(`(?:href|src)="[^"]*"`).FindAllString(body, 7)
	want := []string{
		`href="../other/index.html#part-two"`, `href="../index.html"`, `href="../../about/index.html"`,
		`href="../index.html"`, `href="../../index.html"`, `src="../../img/logo.png"`, `href="missing.md"`,
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("links:\n got %q\nwant %q", got, want)
	}
}

func subFS(t *testing.T, fsys fstest.MapFS, dir string) fs.FS {
	t.Helper()
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

// A body with no link to rewrite is not read again: the page is the same
// as when it is, whatever the template does with the body.
func TestPlainBodyNotRewritten(t *testing.T) {
	fsys := linkSite("Only [out](https://go.dev/) and [here](#top).\n\n## Top\n")
	s, md := parseSite(t, fsys, sampleConfig("https://example.org/docs/"))
	if a := s.Pages[slices.IndexFunc(s.Pages, func(a *Article) bool { return a.Page.Path == "content/py/x.md" })]; !plainBody(a, false) {
		t.Fatal("plainBody is false for a body of external links and fragments")
	}
	for _, layout := range []string{
		`{{define "main"}}<a href="/py/">s</a>{{.Content}}<a href="/">h</a>{{end}}`,
		`{{define "main"}}{{.Content}}<hr>{{.Content}}<a href="/">h</a>{{end}}`, // twice: rewritten whole
		`{{define "main"}}{{printf "%.12s" .Content}}{{end}}`,                   // cut: likewise
	} {
		theme := OverlayTheme(fstest.MapFS{"layouts/article.html": {Data: []byte(layout)}}, themes.Default)
		dir := t.TempDir()
		if err := Render(t.Context(), s, nil, md, RenderOptions{Theme: theme}, dir); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "py/x/index.html"))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		if strings.Contains(page, bodyMarker) || strings.Contains(page, `href="/`) {
			t.Errorf("layout %s: page holds the marker or a site URL:\n%s", layout, page)
		}
		if !strings.Contains(layout, "printf") && !strings.Contains(page, `<a href="https://go.dev/">out</a>`) {
			t.Errorf("layout %s: body missing:\n%s", layout, page)
		}
	}
}
