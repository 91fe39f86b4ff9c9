package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/page"
	"github.com/pipedocs/pipedocs/themes"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the rendered sample site")

// notGolden are files owned by other packages, checked for equality with
// their source instead, so that a style change there does not churn here.
var notGolden = map[string]func() []byte{
	"css/chroma.css": func() []byte {
		b, err := markdown.StyleCSS()
		if err != nil {
			panic(err)
		}
		return b
	},
	"style.css": func() []byte {
		b, _ := fs.ReadFile(themes.Default, "static/style.css")
		return b
	},
}

func TestGolden(t *testing.T) {
	dir := renderSite(t, sampleSite, sampleConfig("https://example.org/docs/"), RenderOptions{})
	got := readTree(t, dir)
	for name, want := range notGolden {
		if !bytes.Equal(got[name], want()) {
			t.Errorf("%s: not a copy of its source", name)
		}
		delete(got, name)
	}
	golden := filepath.Join("testdata", "golden")
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		for name, b := range got {
			file := filepath.Join(golden, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := readTree(t, golden)
	for name, w := range want {
		if g, ok := got[name]; ok && !bytes.Equal(g, w) {
			t.Errorf("%s differs from the golden file; run go test -update and review the diff\ngot:\n%s", name, g)
		}
	}
	names := func(m map[string][]byte) []string {
		var s []string
		for k := range m {
			s = append(s, k)
		}
		slices.Sort(s)
		return s
	}
	if g, w := names(got), names(want); !slices.Equal(g, w) {
		t.Errorf("files rendered:\n%s\nwant:\n%s", strings.Join(g, "\n"), strings.Join(w, "\n"))
	}
}

// TestDeterministic renders the sample four ways and wants the same bytes:
// output must not depend on scheduling, map order or the clock.
func TestDeterministic(t *testing.T) {
	cfg := sampleConfig("https://example.org/docs/")
	first := readTree(t, renderSite(t, sampleSite, cfg, RenderOptions{Jobs: 1}))
	for _, jobs := range []int{1, 8, 0} {
		diffTrees(t, first, readTree(t, renderSite(t, sampleSite, cfg, RenderOptions{Jobs: jobs})))
	}
}

// TestRenderTwice renders one parsed Site twice: Render must not depend on
// state a previous Render left behind.
// TestRenderTwice: Render changes nothing it is given (issue 11), so a
// second render, or one for another address, starts from the same input.
func TestRenderTwice(t *testing.T) {
	s, md := parseSite(t, sampleSite, sampleConfig("https://example.org/"))
	before := fmt.Sprintf("%+v", s.idx.articles)
	served := t.TempDir()
	if err := Render(context.Background(), s, sampleOutcomes, md, RenderOptions{Theme: themes.Default, BaseURL: "http://127.0.0.1:1313/"}, served); err != nil {
		t.Fatal(err)
	}
	if after := fmt.Sprintf("%+v", s.idx.articles); after != before {
		t.Errorf("Render changed the entries it was given:\nbefore %s\n after %s", before, after)
	}
	if b, _ := os.ReadFile(filepath.Join(served, "pipes/basics/index.html")); !bytes.Contains(b, []byte(`href="http://127.0.0.1:1313/pipes/basics/"`)) {
		t.Errorf("RenderOptions.BaseURL not used for the canonical link:\n%s", b)
	}
	var trees []map[string][]byte
	for range 2 {
		dir := t.TempDir()
		if err := Render(context.Background(), s, sampleOutcomes, md, RenderOptions{Theme: themes.Default}, dir); err != nil {
			t.Fatal(err)
		}
		trees = append(trees, readTree(t, dir))
	}
	diffTrees(t, trees[0], trees[1])
}

// TestStore renders the sample site through an article store: a cold
// render fills it, a warm one takes every body from it, and both are
// byte-identical to a render without a store. Changed outcomes must miss,
// not serve the pages of the previous run.
func TestStore(t *testing.T) {
	cfg := sampleConfig("https://example.org/docs/")
	fresh := readTree(t, renderSite(t, sampleSite, cfg, RenderOptions{}))
	st := &countingStore{m: map[[32]byte][]byte{}}

	cold := readTree(t, renderSite(t, sampleSite, cfg, RenderOptions{Store: st}))
	diffTrees(t, fresh, cold)
	if st.puts == 0 || st.hits != 0 {
		t.Fatalf("cold render: %d puts, %d hits; want puts and no hits", st.puts, st.hits)
	}

	puts := st.puts
	warm := readTree(t, renderSite(t, sampleSite, cfg, RenderOptions{Store: st}))
	diffTrees(t, fresh, warm)
	if st.puts != puts || st.hits != puts {
		t.Errorf("warm render: %d new puts, %d hits; want 0 and %d", st.puts-puts, st.hits, puts)
	}

	// Nothing ran this time: every snippet's panel changes.
	s, md := parseSite(t, sampleSite, cfg)
	render := func(o RenderOptions) map[string][]byte {
		o.Theme = themes.Default
		dir := t.TempDir()
		if err := Render(context.Background(), s, nil, md, o, dir); err != nil {
			t.Fatal(err)
		}
		return readTree(t, dir)
	}
	diffTrees(t, render(RenderOptions{}), render(RenderOptions{Store: st}))
}

// countingStore is a markdown.Store in memory.
type countingStore struct {
	mu         sync.Mutex
	m          map[[32]byte][]byte
	hits, puts int
}

func (s *countingStore) Get(k [32]byte) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.m[k]
	if ok {
		s.hits++
	}
	return b, ok
}

// NewKey frames the fields as Go syntax: enough for a test store.
func (s *countingStore) NewKey(tag string) markdown.KeyHash {
	h := &testHash{}
	h.Str(tag)
	return h
}

type testHash struct{ b bytes.Buffer }

func (h *testHash) Num(n uint64)    { fmt.Fprintf(&h.b, "n%d;", n) }
func (h *testHash) Bool(v bool)     { fmt.Fprintf(&h.b, "b%t;", v) }
func (h *testHash) Bytes(v []byte)  { fmt.Fprintf(&h.b, "x%q;", v) }
func (h *testHash) Str(v string)    { fmt.Fprintf(&h.b, "s%q;", v) }
func (h *testHash) List(l []string) { fmt.Fprintf(&h.b, "l%q;", l) }
func (h *testHash) Sum() [32]byte   { return sha256.Sum256(h.b.Bytes()) }

func (s *countingStore) Put(k [32]byte, b []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.puts++
	s.m[k] = bytes.Clone(b)
	return nil
}

var (
	linkAttr      = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	canonicalLink = regexp.MustCompile(`<link rel="canonical" href="([^"]*)">`)
)

// TestLinksResolve checks, for a root and a sub-path baseURL, that every
// href and src in every page is relative and leads to a file of the site
// from where the page is, as a browser reading file:// would follow it,
// and that 404.html's links are absolute under the baseURL.
func TestLinksResolve(t *testing.T) {
	for _, base := range []string{"https://example.org/", "https://example.org/docs/", "http://localhost:1313/a/b/", "/x/"} {
		t.Run(base, func(t *testing.T) {
			dir := renderSite(t, sampleSite, sampleConfig(base), RenderOptions{})
			files := readTree(t, dir)
			checked := 0
			for name, b := range files {
				if !strings.HasSuffix(name, ".html") {
					continue
				}
				for _, m := range canonicalLink.FindAllSubmatch(b, -1) {
					if !strings.HasPrefix(string(m[1]), base) {
						t.Errorf("%s: canonical link %q not under %s", name, m[1], base)
					}
				}
				b = canonicalLink.ReplaceAll(b, nil)
				for _, m := range linkAttr.FindAllSubmatch(b, -1) {
					link := html.UnescapeString(string(m[1]))
					if strings.HasPrefix(link, "#") || link == "https://go.dev/" {
						continue
					}
					u, err := url.Parse(link)
					if err != nil {
						t.Errorf("%s: bad link %q: %v", name, link, err)
						continue
					}
					if name == "404.html" {
						if !strings.HasPrefix(link, base) {
							t.Errorf("%s: link %q not absolute under %s", name, link, base)
						}
						continue
					}
					if u.IsAbs() || strings.HasPrefix(link, "/") {
						t.Errorf("%s: link %q is not relative", name, link)
						continue
					}
					target := path.Join(path.Dir(name), u.Path)
					if _, ok := files[target]; !ok {
						t.Errorf("%s: link %q leads to no file (%s)", name, link, target)
					}
					checked++
				}
			}
			if checked < 50 {
				t.Errorf("only %d links checked; the pattern is probably wrong", checked)
			}
		})
	}
}

// TestNoInjection: front matter and snippet output that hold markup must
// come out escaped in every file, HTML and XML alike.
func TestNoInjection(t *testing.T) {
	dir := renderSite(t, sampleSite, sampleConfig("https://example.org/"), RenderOptions{})
	for name, b := range readTree(t, dir) {
		for _, bad := range []string{"<script>", "<img src=x", "<b>bold", "<pipes>"} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("%s holds %q unescaped", name, bad)
			}
		}
	}
}

func TestPages(t *testing.T) {
	dir := renderSite(t, sampleSite, sampleConfig("https://example.org/docs/"), RenderOptions{})
	files := readTree(t, dir)
	tests := []struct {
		file string
		want []string // in this order
	}{
		// weight first, then newest first
		{"index.html", []string{"Start here", "Pipe basics", "Fork and exec", "&lt;script&gt;alert(1)&lt;/script&gt;"}},
		{"pipes/index.html", []string{"How bytes travel", "Start here", "Pipe basics", "&lt;script&gt;"}},
		{"processes/index.html", []string{"<h1>Processes</h1>", "Fork and exec"}},
		{"pipes/basics/index.html", []string{
			`<meta name="description" content="os.Pipe from first principles.">`,
			`<link rel="canonical" href="https://example.org/docs/pipes/basics/">`,
			`<time datetime="2024-03-01">1 March 2024</time>`, "Ada, Brian",
			`href="../../categories/go-basics/index.html"`, `href="../../tags/os.pipe/index.html"`, `href="../../tags/unix-ipc/index.html"`,
			`href="#writing"`, "simple_pipe.go", "output-verified", "go1.26.8",
			`rel="prev"`, `rel="next"`,
		}},
		{"categories/index.html", []string{`href="../style.css"`, `href="go-basics/index.html"`}},
		{"categories/go-basics/index.html", []string{"Go Basics", "Pipe basics", "Fork and exec"}},
		{"tags/unix-ipc/index.html", []string{"Start here", "Pipe basics"}},
		{"tags/bbold/b/index.html", []string{"&lt;b&gt;bold&lt;/b&gt;"}},
		{"old/basics/index.html", []string{
			`<link rel="canonical" href="https://example.org/docs/pipes/basics/">`,
			`<meta http-equiv="refresh" content="0; url=../../pipes/basics/index.html">`,
			`<a href="../../pipes/basics/index.html">Pipe basics</a>`,
		}},
		{"pipes/legacy.html", []string{`url=basics/index.html`}},
		{"404.html", []string{`href="https://example.org/docs/style.css"`, "Page not found", `href="https://example.org/docs/"`}},
		{"index.xml", []string{
			"<link>https://example.org/docs/</link>",
			"<lastBuildDate>Mon, 01 Apr 2024 00:00:00 +0000</lastBuildDate>",
			"<link>https://example.org/docs/pipes/basics/</link>",
			"<link>https://example.org/docs/processes/fork/</link>",
			"<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>",
			"<link>https://example.org/docs/pipes/first/</link>",
		}},
		{"sitemap.xml", []string{"<loc>https://example.org/docs/</loc>", "<loc>https://example.org/docs/pipes/basics/</loc>"}},
	}
	for _, tt := range tests {
		b, ok := files[tt.file]
		if !ok {
			t.Errorf("%s: not written", tt.file)
			continue
		}
		rest := string(b)
		for _, w := range tt.want {
			i := strings.Index(rest, w)
			if i < 0 {
				t.Errorf("%s: want %q (after the previous ones)\n%s", tt.file, w, b)
				break
			}
			rest = rest[i+len(w):]
		}
	}
	// A listing names each entry's section only when it mixes sections:
	// not on a section's own page (issue 12: "Examples" under every entry).
	if n := bytes.Count(files["pipes/index.html"], []byte(`class="section-link"`)); n != 0 {
		t.Errorf("pipes/index.html names the section under its entries %d times", n)
	}
	if n := bytes.Count(files["index.html"], []byte(`class="section-link"`)); n != 4 {
		t.Errorf("index.html names the sections of %d entries, want 4 (two sections)", n)
	}
	if bytes.Contains(files["index.html"], []byte("_pipedocs/")) {
		t.Error("a page for publishing holds the live-reload script")
	}
	if !bytes.Contains(files["404.html"], []byte("<title>Page not found")) || bytes.Contains(files["404.html"], []byte("canonical")) {
		t.Errorf("404.html: want a title and no canonical link\n%s", files["404.html"])
	}
}

func TestLiveReload(t *testing.T) {
	dir := renderSite(t, sampleSite, sampleConfig("https://example.org/"), RenderOptions{LiveReload: "/_pipedocs/reload.js"})
	for name, b := range readTree(t, dir) {
		tag := []byte(`<script src="/_pipedocs/reload.js"></script></body>`)
		switch path.Ext(name) {
		case ".html":
			if !bytes.Contains(b, tag) {
				t.Errorf("%s: no live reload script before </body>", name)
			}
		default:
			if bytes.Contains(b, []byte("reload.js")) {
				t.Errorf("%s: live reload script in a non-HTML file", name)
			}
		}
	}
}

func TestThemeOverride(t *testing.T) {
	siteTheme := fstest.MapFS{
		"layouts/404.html":             {Data: []byte(`{{define "main"}}<p class="custom">gone: {{.Site.Title}}</p>{{end}}`)},
		"layouts/partials/footer.html": {Data: []byte(`<footer>site footer</footer>`)},
		"static/style.css":             {Data: []byte("body{}")},
		"static/img/logo.svg":          {Data: []byte("<svg/>")},
	}
	static := fstest.MapFS{"robots.txt": {Data: []byte("User-agent: *\n")}, "img/logo.svg": {Data: []byte("<svg>site</svg>")}}
	dir := renderSite(t, sampleSite, sampleConfig("https://example.org/"), RenderOptions{
		Theme:  OverlayTheme(siteTheme, themes.Default),
		Static: static,
	})
	files := readTree(t, dir)
	for name, want := range map[string]string{
		"404.html":     `<p class="custom">gone: Go &lt;pipes&gt;</p>`,
		"index.html":   `<footer>site footer</footer>`,
		"style.css":    "body{}",
		"img/logo.svg": "<svg>site</svg>", // the site's static/ wins over the theme's
		"robots.txt":   "User-agent: *\n",
	} {
		if !strings.Contains(string(files[name]), want) {
			t.Errorf("%s: want %q, got:\n%s", name, want, files[name])
		}
	}
	if !strings.Contains(string(files["index.html"]), `class="site-header"`) {
		t.Error("index.html: the built-in header is gone; only the footer was overridden")
	}
}

func TestBadTheme(t *testing.T) {
	over := func(files fstest.MapFS) fs.FS { return OverlayTheme(files, themes.Default) }
	tests := []struct {
		name  string
		theme fs.FS
		want  string
	}{
		{"missing layout", withoutFile{themes.Default, "layouts/term.html"}, "layouts/term.html"},
		{"syntax error", over(fstest.MapFS{"layouts/article.html": {Data: []byte(`{{define "main"}}{{.Title}`)}}), "article.html"},
		{"execution error", over(fstest.MapFS{"layouts/home.html": {Data: []byte(`{{define "main"}}{{.Nope}}{{end}}`)}}), "index.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, md := parseSite(t, sampleSite, sampleConfig("https://example.org/"))
			err := Render(context.Background(), s, nil, md, RenderOptions{Theme: tt.theme}, t.TempDir())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one naming %s", err, tt.want)
			}
		})
	}
}

// withoutFile hides one file of an FS.
type withoutFile struct {
	fs.FS
	name string
}

func (w withoutFile) Open(name string) (fs.File, error) {
	if name == w.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return w.FS.Open(name)
}

func TestRenderCancelled(t *testing.T) {
	s, md := parseSite(t, sampleSite, sampleConfig("https://example.org/"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Render(ctx, s, nil, md, RenderOptions{Theme: themes.Default}, t.TempDir())
	if err != context.Canceled {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// BenchmarkRender renders a generated site of 200 articles with code,
// tables and taxonomies: the render stage alone, snippets not run.
func BenchmarkRender(b *testing.B) {
	files := fstest.MapFS{}
	var body strings.Builder
	for i := range 20 {
		fmt.Fprintf(&body, "## Part %d\n\nSome *text* with `code` and a [link](https://go.dev/).\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n", i)
		if i%4 == 0 {
			body.WriteString("```go\npackage main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hi\") }\n```\n\n```output\nhi\n```\n\n")
		}
	}
	for i := range 200 {
		files[fmt.Sprintf("content/s%d/a%d.md", i%7, i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"+++\ntitle = \"Article %d\"\ndate = 2024-01-%02d\ntags = [\"t%d\", \"all\"]\n+++\n%s", i, i%28+1, i%13, body.String())}
	}
	pages, diags, err := page.Load(context.Background(), files, "", page.Filter{})
	if err != nil || len(diags) > 0 {
		b.Fatal(err, diags)
	}
	md := markdown.New(markdown.Options{})
	cfg := sampleConfig("https://example.org/docs/")
	for _, jobs := range []int{1, 2, 8} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			for b.Loop() {
				s, diags, err := Parse(context.Background(), cfg, md, pages)
				if err != nil || len(diags) > 0 {
					b.Fatal(err, diags)
				}
				if err := Render(context.Background(), s, nil, md, RenderOptions{Theme: themes.Default, Jobs: jobs}, b.TempDir()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
