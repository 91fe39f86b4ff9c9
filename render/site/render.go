package site

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sync"

	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/pipedocs/pipedocs/themes"
)

// Outcomes maps each article (by Page.Path) to outcomes[i] for
// Snippets[i]; a missing article or index means nothing ran (Skipped).
type Outcomes map[string][]snippet.Outcome

// RenderOptions says how to render; what to render is the Site.
type RenderOptions struct {
	// Theme is the theme root: themes.Default, or the site's
	// themes/<name> laid over it with OverlayTheme.
	Theme fs.FS
	// Static, if not nil, is the site's static/ directory, copied to the
	// site root after the theme's static/, so a site file wins.
	Static fs.FS
	// Jobs is the number of pages rendered at once; <= 0 means GOMAXPROCS.
	Jobs int
	// BaseURL, if not empty, replaces the config's baseURL: serve
	// previews a site at its own address. It makes only the absolute
	// URLs (canonical links, the feed, the sitemap, 404.html's links).
	BaseURL string
	// LiveReload, if not empty, is the URL of a script injected before
	// </body> of every HTML page: for serve mode only, never for publishing.
	LiveReload string
	// Store, if not nil, keeps rendered article bodies between builds: a
	// page whose body, snippets and outcomes are unchanged is taken from
	// it instead of being parsed and highlighted again.
	Store markdown.Store
}

// chromaCSS is where the code highlighting and ANSI colour styles go.
const chromaCSS = "css/chroma.css"

// Render writes the whole site into dir, which must exist and be empty,
// using md for page bodies. It changes nothing it is given, so it may be
// called again on the same Site, for the same address or, with
// RenderOptions.BaseURL, for another (serve).
func Render(ctx context.Context, s *Site, out Outcomes, md *markdown.Renderer, o RenderOptions, dir string) error {
	x, err := s.index()
	if err != nil {
		return err
	}
	if _, diags := x.outputs(o.Theme, o.Static); len(diags) > 0 {
		diags.Sort()
		return diags
	}
	b := newBase(cmp.Or(o.BaseURL, s.Config.BaseURL))
	th, err := loadTheme(o.Theme, themes.Default, templateFuncs())
	if err != nil {
		return err
	}
	site := *x.site
	site.BaseURL = b.url
	r := &renderer{ctx: ctx, src: s, x: x, site: &site, base: b, th: th, md: md, out: out, dir: dir, opt: o, links: newLinkIndex(x), files: newOutTree(dir)}
	if err := r.assets(); err != nil {
		return err
	}

	// Articles first: their bodies give the summaries the listings show.
	// Each worker keeps only the summary of what it rendered.
	summaries := make([]string, len(x.articles))
	err = forEach(ctx, len(x.articles), o.Jobs, func(i int) error {
		sum, err := r.article(x.articles[i])
		summaries[i] = sum
		return err
	})
	if err != nil {
		return err
	}
	r.listed = make(map[*Entry]*Entry, len(x.articles))
	for i, e := range x.articles {
		c := *e
		c.Summary = cmp.Or(e.Summary, summaries[i])
		r.listed[e] = &c
	}
	if err := r.writeSearch(); err != nil {
		return err
	}

	var pages []func() error
	pages = append(pages, r.home, r.notFound, r.feeds, r.robots)
	for _, sec := range x.sections {
		pages = append(pages, func() error { return r.section(sec) })
	}
	for _, tax := range x.site.Taxonomies {
		pages = append(pages, func() error { return r.terms(tax) })
		for _, term := range tax.Terms {
			pages = append(pages, func() error { return r.term(tax, term) })
		}
	}
	for _, al := range x.aliases {
		pages = append(pages, func() error { return r.alias(al) })
	}
	return forEach(ctx, len(pages), o.Jobs, func(i int) error { return pages[i]() })
}

// A renderer is one Render call; its methods run concurrently and share
// only read-only state.
type renderer struct {
	ctx  context.Context
	src  *Site
	x    *index
	site *SiteData // x.site with the BaseURL of this render
	base base
	th   *theme
	md   *markdown.Renderer
	out  Outcomes
	dir  string
	opt  RenderOptions

	// listed maps each article to its copy with the summary its body
	// gave; set once the articles are rendered, for listings and feeds.
	listed map[*Entry]*Entry

	search searchDocs // filled by article, written by writeSearch
	links  *linkIndex // the content's pages, for the bodies' links to Markdown files
	files  *outTree   // dir, where every file goes
}

// listing returns the listed copies of entries, in their order.
func (r *renderer) listing(entries []*Entry) []*Entry {
	out := make([]*Entry, len(entries))
	for i, e := range entries {
		out[i] = cmp.Or(r.listed[e], e) // a page without one of its own has no body to summarise
	}
	return out
}

// body renders the Markdown body of a with the outcomes of its snippets,
// or takes it from the store. The parse stage kept no tree, so a page
// found in the store is not parsed at all.
func (r *renderer) body(a *Article) (markdown.Article, error) {
	outcomes := make([]snippet.Outcome, len(a.Snippets)) // zero: Skipped
	copy(outcomes, r.out[a.Page.Path])
	p := a.Page
	body := p.Src[p.BodyStart:]
	if a.shortcodes != nil {
		body = a.shortcodes.Mask(body, r.src.lib, true)
	}
	art, err := r.md.RenderStored(r.opt.Store, body, p.BodyStart, a.Snippets, outcomes)
	if err != nil {
		return art, fmt.Errorf("%s: %w", p.Path, err)
	}
	return r.expand(a, art)
}

// article renders one article page and returns its summary.
func (r *renderer) article(e *Entry) (string, error) {
	body, err := r.body(e.art)
	if err != nil {
		return "", err
	}
	if e.file == "" { // build.render = "link": only its summary is wanted
		return body.Summary, nil
	}
	data := r.page("article", e.Title, e.URL)
	data.Description = cmp.Or(e.Description, e.Summary, body.Summary)
	data.Content = body.Body
	data.TOC = body.TOC
	data.Entry, data.Prev, data.Next = e, e.prev, e.next
	data.Section = e.Section
	r.search.add(e, data.Description, body)
	return body.Summary, r.write(e.file, r.th.pages["article"], data, e.art)
}

func (r *renderer) home() error {
	data := r.page("home", r.site.Title, r.site.Home)
	data.Pages = r.listing(r.x.byDate)
	if a := r.x.home; a != nil {
		body, err := r.body(a)
		if err != nil {
			return err
		}
		data.Title = cmp.Or(a.Page.Meta.Title, data.Title)
		data.Description = a.Page.Meta.Description
		data.Content = body.Body
	}
	return r.write("index.html", r.th.pages["home"], data, r.x.home)
}

func (r *renderer) section(sec *SectionData) error {
	data := r.page("section", sec.Title, sec.URL)
	data.Description = sec.Description
	data.Section = sec
	data.Pages = r.listing(sec.Pages)
	if sec.art != nil {
		body, err := r.body(sec.art)
		if err != nil {
			return err
		}
		data.Content = body.Body
	}
	return r.write(path.Join(sec.dir, "index.html"), r.th.pages["section"], data, sec.art)
}

func (r *renderer) terms(tax *TaxonomyData) error {
	if tax.URL == "" { // disableKinds "taxonomy"
		return nil
	}
	data := r.page("terms", tax.Title, tax.URL)
	data.Taxonomy = tax
	data.Description = tax.Description
	if err := r.intro(data, tax.art); err != nil {
		return err
	}
	return r.write(tax.Name+"/index.html", r.th.pages["terms"], data, tax.art)
}

func (r *renderer) term(tax *TaxonomyData, term *TermData) error {
	data := r.page("term", term.Title, term.URL)
	data.Taxonomy, data.Term = tax, term
	data.Description = term.Description
	data.Pages = r.listing(term.Pages)
	if err := r.intro(data, term.art); err != nil {
		return err
	}
	return r.write(path.Join(term.dir, "index.html"), r.th.pages["term"], data, term.art)
}

// intro sets the Content of a list page to the body of its _index.md a,
// if it has one.
func (r *renderer) intro(data *PageData, a *Article) error {
	if a == nil {
		return nil
	}
	body, err := r.body(a)
	data.Content = body.Body
	return err
}

func (r *renderer) notFound() error {
	data := r.page("404", "Page not found", "")
	data.Permalink = ""
	return r.write("404.html", r.th.pages["404"], data, nil)
}

func (r *renderer) alias(al alias) error {
	data := r.page("alias", al.entry.Title, al.entry.URL)
	data.Entry = al.entry
	return r.write(al.file, r.th.alias, data, nil)
}

func (r *renderer) page(kind, title, url string) *PageData {
	data := &PageData{Site: r.site, Kind: kind, Title: title, URL: url}
	if r.base.url != r.base.path {
		// Without a host, a permalink would be a path from the host's
		// root, which the page's links are not.
		data.Permalink = r.base.abs(url)
	}
	return data
}

// write executes t into the file name (site-relative) and writes it out
// at once, so that memory holds one page per worker, not the site. a is
// the article whose body the page shows, if any.
func (r *renderer) write(name string, t *template.Template, data *PageData, a *Article) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	links := linkerFor(name)
	if name == "404.html" { // served at any address
		links.abs = &r.base
	}
	if a != nil {
		links.md = r.links.mdRewrites(a)
	}
	// A body without a link to rewrite, most of a page, is not read
	// again: the template runs with a marker in its place.
	body := data.Content
	if a != nil && body != "" && plainBody(a, r.src.Config.Unsafe) {
		data.Content = bodyMarker
		defer func() { data.Content = body }()
	}
	buf.Reset()
	if err := t.Execute(buf, data); err != nil {
		return fmt.Errorf("rendering %s: %w", name, err)
	}
	b, ok := links.rewriteAround(buf.Bytes(), string(data.Content), string(body))
	if !ok { // a template that does more with the body than show it
		data.Content = body
		buf.Reset()
		if err := t.Execute(buf, data); err != nil {
			return fmt.Errorf("rendering %s: %w", name, err)
		}
		b = links.rewrite(buf.Bytes())
	}
	if r.opt.LiveReload != "" {
		b = injectScript(b, r.opt.LiveReload)
	}
	return r.writeFile(name, b)
}

// buffers recycles page buffers: a page is rendered whole before it is
// written, and pages are alike in size.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (r *renderer) writeFile(name string, b []byte) error { return r.files.writeFile(name, b) }

// injectScript adds <script src=src> before the last </body>, or at the
// end of a page that has none. It works on the output rather than in the
// templates so that a theme cannot forget it.
func injectScript(page []byte, src string) []byte {
	tag := []byte(`<script src="` + template.HTMLEscapeString(src) + `"></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, tag...)
	}
	return append(page[:i:i], append(tag, page[i:]...)...)
}

// assets copies the theme's static files, then the site's, and writes the
// highlighting styles.
func (r *renderer) assets() error {
	if static, err := fs.Sub(r.opt.Theme, "static"); err == nil {
		if err := r.copyTree(static); err != nil {
			return fmt.Errorf("theme: %w", err)
		}
	}
	if r.opt.Static != nil {
		if err := r.copyTree(r.opt.Static); err != nil {
			return fmt.Errorf("static: %w", err)
		}
	}
	if err := r.resources(); err != nil {
		return err
	}
	css, err := markdown.StyleCSS()
	if err != nil {
		return err
	}
	return r.writeFile(chromaCSS, css)
}

// copyTree copies every file of fsys into the site; a missing root is an
// empty tree (a theme or site without static/).
func (r *renderer) copyTree(fsys fs.FS) error {
	if _, err := fs.Stat(fsys, "."); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		return r.writeFile(name, b)
	})
}
