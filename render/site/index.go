package site

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pipedocs/pipedocs/render/content"
	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/page"
)

// An index is everything about a site that does not need an article body:
// URLs, sections, taxonomies and listings, each sorted once, so that no
// page's rendering does more than walk a ready list. It is built once, by
// Parse, and never changed afterwards: Render only reads it. Its URLs are
// site URLs (urls.go), the same wherever the site is published.
type index struct {
	site     *SiteData          // BaseURL empty: Render fills it in a copy
	home     *Article           // content/_index.md; nil when there is none
	articles []*Entry           // in path order, the order of Site.Pages
	sections []*SectionData     // every section with a page, parents before children
	files    []content.Resource // the bundles' files, copied as they are
	byDate   []*Entry           // listing order: the home page
	feed     []*Entry           // newest first, weight ignored: the RSS feed
	aliases  []alias            // by file
	claims   *claims            // every file the content writes, with its writer
	wants    []want             // the content's claims, in the order made
}

// A want is one file claimed by the content, with what to say if an
// asset stands in its way (assets.go).
type want struct {
	file, value, what string
	a                 *Article
	alias             bool
}

// An alias is a redirect page: file (site-relative) to the entry's URL.
type alias struct {
	file  string
	entry *Entry
}

// An indexer builds one index, collecting a diagnostic for each problem.
type indexer struct {
	x        *index
	diags    diag.List
	tree     *content.Tree
	articles map[*page.Page]*Article
	sections map[*content.Section]*SectionData
	taxes    []*taxonomy          // the config's taxonomies, by plural name (taxonomy.go)
	noRSS    bool                 // disableKinds holds "rss": no feeds
	writers  map[string]diag.Note // claimed file → where the content asks for it
	pageMenu []pageMenuEntry      // the pages' own entries of the main menu, in path order
}

// newIndex indexes s, in steps: the content tree's sections, the
// articles with their terms and aliases, then the section pages and the
// taxonomies, the files of the bundles, then the neighbours and the
// listings. Every page and redirect gets one output file; two claiming
// the same file are reported against the later page in path order.
func newIndex(s *Site) (*index, diag.List) {
	cfg := s.Config
	ix := &indexer{
		x: &index{claims: newClaims(), site: &SiteData{
			Title:        cfg.Title,
			LanguageCode: cmp.Or(cfg.LanguageCode, "en"),
			Home:         dirURL(""),
			RSS:          fileURL("index.xml"),
			Params:       cfg.Params,
		}},
		articles: make(map[*page.Page]*Article, len(s.Pages)),
		sections: map[*content.Section]*SectionData{},
		taxes:    taxonomiesOf(cfg),
		noRSS:    disabled(cfg, "rss"),
		writers:  map[string]diag.Note{},
	}
	for _, a := range s.Pages {
		ix.articles[a.Page] = a
	}
	if ix.noRSS {
		ix.x.site.RSS = ""
	}

	ix.tree = s.tree
	if ix.tree == nil {
		ix.tree, ix.diags = newTree(cfg, page.Content{Pages: pagesOf(s.Pages)})
	}
	if h := ix.tree.Home.Page; h != nil {
		ix.x.home = ix.articles[h]
	}
	for _, sec := range ix.tree.Sections {
		if !ix.taxonomyPage(sec) {
			ix.section(sec)
		}
	}
	for _, n := range ix.tree.Pages {
		if a := ix.articles[n.Page]; a != nil {
			ix.add(a, n)
		}
	}
	// Sections and taxonomies claim their files after the articles, so a
	// clash names the article, which is what the author can rename.
	ix.finishSections()
	ix.finishMenu(cfg.Menu)
	ix.finishTaxonomies()
	ix.resources()
	ix.x.sortListings()
	return ix.x, ix.diags
}

// claim records the file a writes, or reports what it clashes with.
func (ix *indexer) claim(file string, a *Article, value, format string, args ...any) bool {
	what := fmt.Sprintf(format, args...)
	if !validFile(file) {
		ix.diags = append(ix.diags, at(a.Page, value, "%s would be written outside the site's folder", what))
		return false
	}
	d := at(a.Page, value, "%s", what)
	k, ok := ix.x.claims.claim(file, a.Page.Path)
	if !ok {
		d.Msg += " " + k.String()
		if n, ok := ix.writers[k.file]; ok {
			d.Notes = append(d.Notes, n)
		}
		ix.diags = append(ix.diags, d)
		return false
	}
	ix.writers[file] = diag.Note{Path: d.Path, Line: d.Line, Col: d.Col, Msg: "written here first"}
	ix.x.wants = append(ix.x.wants, want{file: file, value: value, what: what, a: a, alias: strings.HasPrefix(format, "alias")})
	return true
}

// add indexes one regular page, placed by the content tree at n.
func (ix *indexer) add(a *Article, n *content.Node) {
	if n.Render == page.BuildNever {
		// A headless page: its bundle's files are published, it is not,
		// but Hugo 0.111 lists it under its terms.
		ix.addUnrendered(a, n)
		return
	}
	p, fm := a.Page, a.Page.Meta
	e := &Entry{
		Title:       cmp.Or(fm.Title, readable(nodeName(n))),
		Description: fm.Description,
		Summary:     cmp.Or(fm.Summary, fm.Description),
		Date:        fm.Date,
		Lastmod:     fm.Lastmod,
		Draft:       fm.Draft,
		Weight:      fm.Weight,
		Authors:     fm.Authors,
		Params:      fm.Params,
		Path:        p.Path,
		art:         a,
		dir:         n.Dir(),
	}
	e.URL = dirURL(e.dir)
	if !strings.HasSuffix(n.File, "/index.html") && n.File != "index.html" {
		e.URL = fileURL(n.File)
	}
	e.file, e.list = n.File, n.List
	e.LinkTitle = cmp.Or(linkTitle(p), e.Title)
	if n.Render == page.BuildLink {
		e.file = "" // listed and linked to, but no page of its own, as in Hugo 0.111
	} else if !ix.claim(n.File, a, n.Value, "page %s", e.URL) {
		return
	}
	if sec := ix.sections[n.Section]; sec != nil {
		e.Section = sec
		if n.List != "never" {
			sec.Pages = append(sec.Pages, e)
		}
	} else if n.List != "never" {
		ix.x.site.pages = append(ix.x.site.pages, e)
	}
	for _, m := range fm.Menus {
		if m.Menu == "main" {
			ix.pageMenu = append(ix.pageMenu, pageMenuEntry{e: e, m: m})
		}
	}
	ix.addTerms(e)
	if e.file != "" {
		ix.addAliases(e, fm.Aliases)
	}
	ix.x.articles = append(ix.x.articles, e)
}

// nodeName is the name a page without a title is shown by: its file's,
// or its bundle's folder's.
func nodeName(n *content.Node) string {
	if n.Bundle {
		return path.Base(path.Dir(n.Page.Path))
	}
	return strings.TrimSuffix(path.Base(n.Page.Path), ".md")
}

// section makes the SectionData of a section of the tree; the tree gives
// parents before their children.
func (ix *indexer) section(s *content.Section) {
	name := path.Base(s.Dir)
	sec := &SectionData{Name: name, Title: readable(name), dir: s.Out, URL: dirURL(s.Out), Depth: s.Depth, node: s}
	if p := s.Page; p != nil {
		sec.art = ix.articles[p]
		sec.Title = cmp.Or(p.Meta.Title, sec.Title)
		sec.Description = p.Meta.Description
		sec.Weight = p.Meta.Weight
		sec.LinkTitle = linkTitle(p)
	}
	sec.LinkTitle = cmp.Or(sec.LinkTitle, sec.Title)
	if parent := ix.sections[s.Parent]; parent != nil {
		sec.Parent = parent
		parent.Sections = append(parent.Sections, sec)
	}
	ix.sections[s] = sec
	ix.x.sections = append(ix.x.sections, sec)
}

// addAliases claims a redirect page for each of e's aliases.
func (ix *indexer) addAliases(e *Entry, aliases []string) {
	p := e.art.Page
	for _, al := range aliases {
		dir := ""
		if e.Section != nil {
			dir = e.Section.dir
		}
		file := aliasFile(dir, al)
		if file == "" {
			ix.diags = append(ix.diags, at(p, al, "alias %q is not a path inside the site", al))
			continue
		}
		if ix.claim(file, e.art, al, "alias %q", al) {
			ix.x.aliases = append(ix.x.aliases, alias{file: file, entry: e})
		}
	}
}

// finishSections claims each section's page, sorts its articles and
// sections, links the articles to their neighbours, and lists the
// top-level sections in the site's order.
func (ix *indexer) finishSections() {
	site := ix.x.site
	var kept []*SectionData
	for _, sec := range ix.x.sections {
		who := firstArticle(sec)
		if who == nil || sec.art != nil && !rendered(sec.art.Page) {
			continue // no page of the site: nothing to list; or build.render says no page
		}
		if !ix.claim(path.Join(sec.dir, "index.html"), who, "", "section page %s", sec.URL) {
			continue
		}
		sec.RSS = ix.claimFeed(sec.dir, who, sec.URL)
		kept = append(kept, sec)
		slices.SortStableFunc(sec.Pages, listingOrder)
		slices.SortStableFunc(sec.Sections, sectionOrder)
		for i, e := range sec.Pages {
			if i > 0 {
				e.prev = sec.Pages[i-1]
			}
			if i+1 < len(sec.Pages) {
				e.next = sec.Pages[i+1]
			}
		}
		if sec.Parent == nil {
			site.Sections = append(site.Sections, sec)
		}
	}
	ix.x.sections = kept
	slices.SortStableFunc(site.Sections, sectionOrder)
}

// sectionOrder orders sections as Hugo does: by weight where set, then
// by title, then by folder.
func sectionOrder(a, b *SectionData) int {
	return cmp.Or(weightOrder(a.Weight, b.Weight), cmp.Compare(a.LinkTitle, b.LinkTitle), cmp.Compare(a.dir, b.dir))
}

// firstArticle is the page that asks for sec's page: its _index.md, else
// its first page, else that of its first section.
func firstArticle(sec *SectionData) *Article {
	if sec.art != nil {
		return sec.art
	}
	if len(sec.Pages) > 0 {
		return sec.Pages[0].art
	}
	for _, s := range sec.Sections {
		if a := firstArticle(s); a != nil {
			return a
		}
	}
	return nil
}

// sortListings orders the home page's listing, the feed and the aliases.
func (x *index) sortListings() {
	listed := slices.DeleteFunc(slices.Clone(x.articles), func(e *Entry) bool { return e.list == "never" || e.list == "local" })
	x.byDate = slices.Clone(listed)
	slices.SortStableFunc(x.byDate, listingOrder)
	x.feed = listed
	slices.SortStableFunc(x.site.pages, listingOrder)
	slices.SortStableFunc(x.feed, feedOrder)
	slices.SortFunc(x.aliases, func(a, b alias) int { return cmp.Compare(a.file, b.file) })
}

// listingOrder is the order of every list of articles (SPEC §7), Hugo's
// default: those with a weight first, lightest first; then newest first;
// then by linkTitle (else title),
// and by path so that equal entries still sort one way only.
func listingOrder(a, b *Entry) int {
	return cmp.Or(
		weightOrder(a.Weight, b.Weight),
		b.Date.Compare(a.Date),
		cmp.Compare(cmp.Or(a.LinkTitle, a.Title), cmp.Or(b.LinkTitle, b.Title)),
		cmp.Compare(a.Path, b.Path),
	)
}

// weightOrder puts set weights (non-zero, as in Hugo) before unset ones.
func weightOrder(a, b int) int {
	switch {
	case a == b:
		return 0
	case a == 0:
		return 1
	case b == 0:
		return -1
	}
	return cmp.Compare(a, b)
}

// readable turns a directory name into a title when no _index.md gives
// one: "os-pipes" becomes "Os pipes".
func readable(name string) string {
	s := strings.NewReplacer("-", " ", "_", " ").Replace(name)
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// at reports a problem with a front matter value of p at the line where
// the value is written, or against the whole file when it cannot be found
// (front matter values carry no positions once decoded).
func at(p *page.Page, value, format string, args ...any) diag.Diagnostic {
	return content.At(p, value, format, args...)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
