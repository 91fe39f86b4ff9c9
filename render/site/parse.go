package site

import (
	"bytes"
	"cmp"
	"context"
	"io/fs"
	"runtime"
	"slices"

	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/content"
	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/page"
	"github.com/pipedocs/pipedocs/render/shortcode"
	"github.com/pipedocs/pipedocs/render/snippet"
	"golang.org/x/sync/errgroup"
)

// An Article is a parsed page with its snippets: the output of the parse
// stage. The parse stage does not keep the page's goldmark tree: a tree
// weighs several times its source, and a site of thousands of pages
// would hold them all until the render stage. It parses what finding
// snippets, links and ids needs (markdown.ParseRefs, ParseBlocks for
// plain Markdown); Render parses in full the pages it does not find in
// its store.
type Article struct {
	Page     *page.Page
	Snippets []snippet.Snippet

	shortcodes *shortcode.Doc // nil when the body has none

	links []markdown.Link // a site page's links and images (linkcheck.go)
	ids   []string        // the ids a #fragment to the page may name
}

// A Site is every page of a site, parsed, with its config.
type Site struct {
	Config config.Config
	Pages  []*Article // sorted by Page.Path; includes the _index pages

	idx  *index             // built by Parse; Render builds it when a Site was made by hand
	lib  *shortcode.Library // the site's shortcodes; nil: the built-ins only
	tree *content.Tree      // built by Parse; nil for a Site made by hand
	fsys fs.FS              // the site root, for the bundles' files; nil for a Site made by hand

	refs *refTable // what ref and relref resolve to; built with idx
}

// Parse runs the parse stage: one goldmark block parse and snippet.Find
// per page, in parallel, then the site index. The diagnostics (bad snippet
// attributes, URL clashes, a body nested too deep or not UTF-8, …) are
// sorted; the Site is returned even when there are some, so that a caller
// can report everything at once, but it must not be rendered then.
//
// When ctx ends, no page starts parsing and Parse returns ctx's cause as
// soon as the pages in hand are done, with no Site: a build being
// stopped must not wait for a thousand more pages.
func Parse(ctx context.Context, cfg config.Config, md *markdown.Renderer, pages []*page.Page) (*Site, diag.List, error) {
	return ParseFS(ctx, cfg, md, pages, nil)
}

// ParseFS is Parse for a site whose root is fsys: its shortcodes are
// those of the built-ins and of fsys's layouts/shortcodes.
func ParseFS(ctx context.Context, cfg config.Config, md *markdown.Renderer, pages []*page.Page, fsys fs.FS) (*Site, diag.List, error) {
	return ParseContent(ctx, cfg, md, page.Content{Pages: pages}, fsys)
}

// ParseContent is ParseFS for all of content/ as page.LoadContent read
// it: the content tree (render/content) places its pages and files first,
// and only the pages it publishes are parsed; the files are copied from
// fsys by Render.
func ParseContent(ctx context.Context, cfg config.Config, md *markdown.Renderer, c page.Content, fsys fs.FS) (*Site, diag.List, error) {
	lib, err := NewLibrary(fsys, SiteInfoSource{Title: cfg.Title, BaseURL: cfg.BaseURL, Params: cfg.Params}, md)
	if err != nil {
		return nil, nil, err
	}
	tree, treeDiags := newTree(cfg, c)
	treeDiags = append(treeDiags, loadDiags(lib)...)
	left := make(map[*page.Page]bool, len(tree.Left))
	for _, p := range tree.Left {
		left[p] = true
	}
	sorted := slices.DeleteFunc(slices.Clone(c.Pages), func(p *page.Page) bool { return left[p] })
	slices.SortFunc(sorted, func(a, b *page.Page) int { return cmp.Compare(a.Path, b.Path) })

	articles := make([]*Article, len(sorted))
	found := make([]diag.List, len(sorted))
	// Results go to their page's index, so the order never depends on
	// scheduling. A page's problems are diagnostics, never an error: every
	// page is parsed, so each diagnostic is found in one run.
	g := new(errgroup.Group)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range sorted {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			articles[i], found[i] = parsePage(md, lib, sorted[i], true)
			return nil
		})
	}
	_ = g.Wait()
	if ctx.Err() != nil {
		return nil, nil, context.Cause(ctx)
	}

	s := &Site{Config: cfg, Pages: articles, lib: lib, tree: tree, fsys: fsys}
	diags := treeDiags
	for _, d := range found {
		diags = append(diags, d...)
	}
	var d diag.List
	s.idx, d = newIndex(s)
	diags = append(diags, d...)
	s.refs = newRefTable(s.idx, cfg.BrokenLinks == config.BrokenLinksWarn)
	diags.Sort()
	return s, diags, nil
}

// ParsePlain is the parse stage of one page of plain Markdown, which is
// no site's (a README): its snippets, with no shortcodes expanded, since
// such files are read by GitHub as they are.
func ParsePlain(md *markdown.Renderer, p *page.Page) (*Article, diag.List) {
	return parsePage(md, nil, p, false)
}

// parsePage parses p's blocks and finds its snippets, after masking its
// shortcodes (lib nil: none are read). A site page is parsed for its
// links too (markdown.ParseRefs: in full where a paragraph may hold one);
// plain Markdown, whose links are not checked, only for its blocks.
func parsePage(md *markdown.Renderer, lib *shortcode.Library, p *page.Page, site bool) (*Article, diag.List) {
	sc, body, scDiags := shortcodes(lib, p)
	src := p.Src
	if sc != nil {
		src = append(p.Src[:p.BodyStart:p.BodyStart], body...)
	}
	parse := md.ParseBlocks
	if site {
		parse = md.ParseRefs
	}
	doc, errs := parse(body)
	snippets, diags := snippet.Find(p.Path, src, p.BodyStart, doc)
	if sc != nil {
		detach(snippets) // from the masked copy of the body, not kept
	}
	diags = append(diags, scDiags...)
	if len(errs) > 0 {
		lines := p.Lines
		if lines == nil {
			lines = diag.NewLineIndex(p.Src)
		}
		for _, e := range errs {
			diags = append(diags, lines.At(p.Path, p.BodyStart+e.Offset, "%s", e.Msg))
		}
	}
	a := &Article{Page: p, Snippets: snippets, shortcodes: sc}
	if site {
		a.links, a.ids = md.Refs(doc, body)
	}
	return a, diags
}

// detach gives each block of snippets its own copy of its content. A
// block's content is a slice of the source goldmark read where it can be
// (snippet.Locate); for a page with shortcodes that source is a masked
// copy of the body, which would otherwise live as long as the Site.
func detach(snippets []snippet.Snippet) {
	for i := range snippets {
		s := &snippets[i]
		s.Code.Content = bytes.Clone(s.Code.Content)
		for _, b := range []*snippet.Block{s.Stdin, s.Output} {
			if b != nil {
				b.Content = bytes.Clone(b.Content)
			}
		}
	}
}

// index returns the site's index. Parse built it; for a Site made by
// hand it is built anew on each call, and not kept, so that Render
// changes nothing it is given.
func (s *Site) index() (*index, error) {
	if s.idx != nil {
		return s.idx, nil
	}
	x, diags := newIndex(s)
	if len(diags) > 0 {
		diags.Sort()
		return nil, diags
	}
	return x, nil
}
