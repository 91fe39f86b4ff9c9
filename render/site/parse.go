package site

import (
	"cmp"
	"context"
	"slices"

	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/page"
	"github.com/pipedocs/pipedocs/render/snippet"
)

// An Article is a parsed page with its snippets: the output of the parse
// stage. The parse stage does not keep the page's goldmark tree: a tree
// weighs several times its source, and a site of thousands of pages
// would hold them all until the render stage. It parses only the block
// structure, which is all finding snippets needs (markdown.ParseBlocks);
// Render parses in full the pages it does not find in its store.
type Article struct {
	Page     *page.Page
	Snippets []snippet.Snippet
}

// A Site is every page of a site, parsed, with its config.
type Site struct {
	Config config.Config
	Pages  []*Article // sorted by Page.Path; includes the _index pages

	idx *index // built by Parse; Render builds it when a Site was made by hand
}

// Parse runs the parse stage: one goldmark block parse and snippet.Find
// per page, in parallel, then the site index. The diagnostics (bad snippet
// attributes, URL clashes, …) are sorted; the Site is returned even when
// there are some, so that a caller can report everything at once, but it
// must not be rendered then.
func Parse(cfg config.Config, md *markdown.Renderer, pages []*page.Page) (*Site, diag.List) {
	sorted := slices.Clone(pages)
	slices.SortFunc(sorted, func(a, b *page.Page) int { return cmp.Compare(a.Path, b.Path) })

	articles := make([]*Article, len(sorted))
	found := make([]diag.List, len(sorted))
	// Parsing cannot fail or be cancelled: every page is parsed, so each
	// diagnostic is found in one run.
	_ = forEach(context.Background(), len(sorted), 0, func(i int) error {
		p := sorted[i]
		doc := md.ParseBlocks(p.Src[p.BodyStart:])
		snippets, d := snippet.Find(p.Path, p.Src, p.BodyStart, doc)
		articles[i] = &Article{Page: p, Snippets: snippets}
		found[i] = d
		return nil
	})

	s := &Site{Config: cfg, Pages: articles}
	var diags diag.List
	for _, d := range found {
		diags = append(diags, d...)
	}
	var d diag.List
	s.idx, d = newIndex(s)
	diags = append(diags, d...)
	diags.Sort()
	return s, diags
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
