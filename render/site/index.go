package site

import (
	"bytes"
	"cmp"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/page"
)

// An index is everything about a site that does not need an article body:
// URLs, sections, taxonomies and listings, each sorted once, so that no
// page's rendering does more than walk a ready list. It is built once, by
// Parse, and never changed afterwards: Render only reads it. Its URLs are
// site URLs (urls.go), the same wherever the site is published.
type index struct {
	site     *SiteData // BaseURL empty: Render fills it in a copy
	home     *Article  // content/_index.md; nil when there is none
	articles []*Entry  // in path order, the order of Site.Pages
	byDate   []*Entry  // listing order: the home page
	feed     []*Entry  // newest first, weight ignored: the RSS feed
	aliases  []alias   // by file
	claims   *claims   // every file the content writes, with its writer
	wants    []want    // the content's claims, in the order made
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

var taxonomyNames = [...]struct{ name, title string }{
	{"categories", "Categories"},
	{"tags", "Tags"},
}

// An indexer builds one index, collecting a diagnostic for each problem.
type indexer struct {
	x        *index
	diags    diag.List
	sections map[string]*SectionData
	terms    [len(taxonomyNames)]map[string]*TermData
}

// newIndex indexes s, in steps: the articles with their terms and
// aliases, then the sections and the taxonomies, then the neighbours and
// the listings. Every page and redirect gets one output file; two claiming
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
			Menu:         menu(cfg.Menu),
		}},
		sections: map[string]*SectionData{},
		terms:    [len(taxonomyNames)]map[string]*TermData{{}, {}},
	}
	for _, a := range s.Pages {
		ix.add(a)
	}
	// Sections and taxonomies claim their files after the articles, so a
	// clash names the article, which is what the author can rename.
	ix.finishSections()
	ix.finishTaxonomies()
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
	k, ok := ix.x.claims.claim(file, a.Page.Path)
	if !ok {
		ix.diags = append(ix.diags, at(a.Page, value, "%s %s", what, k))
		return false
	}
	ix.x.wants = append(ix.x.wants, want{file: file, value: value, what: what, a: a, alias: strings.HasPrefix(format, "alias")})
	return true
}

// add indexes one page: the home page, a section's _index, or an article.
func (ix *indexer) add(a *Article) {
	p, fm := a.Page, a.Page.Meta
	switch p.Kind {
	case page.Home:
		ix.x.home = a
		return
	case page.Section:
		sec := ix.section(p.Section)
		sec.art = a
		sec.Title = cmp.Or(fm.Title, sec.Title)
		sec.Description = fm.Description
		sec.Weight = fm.Weight
		return
	}
	e := &Entry{
		Title:       fm.Title,
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
		dir:         path.Join(p.Section, p.Slug),
	}
	e.URL = dirURL(e.dir)
	if !ix.claim(e.dir+"/index.html", a, fm.Slug, "page %s", e.URL) {
		return
	}
	if p.Section != "" {
		e.Section = ix.section(p.Section)
		e.Section.Pages = append(e.Section.Pages, e)
	}
	e.Categories = ix.addTerms(0, e, fm.Categories)
	e.Tags = ix.addTerms(1, e, fm.Tags)
	ix.addAliases(e, fm.Aliases)
	ix.x.articles = append(ix.x.articles, e)
}

// section returns the section of that name, made when first asked for.
func (ix *indexer) section(name string) *SectionData {
	if sec := ix.sections[name]; sec != nil {
		return sec
	}
	sec := &SectionData{Name: name, Title: readable(name), dir: name, URL: dirURL(name)}
	ix.sections[name] = sec
	return sec
}

// addTerms files e under each of values in taxonomy t and returns the
// links to the term pages, in the order written.
func (ix *indexer) addTerms(t int, e *Entry, values []string) []Link {
	p := e.art.Page
	links := make([]Link, 0, len(values))
	for _, v := range values {
		key := urlize(v)
		if key == "" {
			ix.diags = append(ix.diags, at(p, v, "%s %q has no letter or digit to make a URL of", taxonomyNames[t].name, v))
			continue
		}
		term := ix.terms[t][key]
		if term == nil {
			name := strings.Join(strings.Fields(v), " ")
			term = &TermData{Name: name, Key: key, dir: taxonomyNames[t].name + "/" + key}
			term.URL = dirURL(term.dir)
			ix.terms[t][key] = term
		}
		if n := len(term.Pages); n == 0 || term.Pages[n-1] != e { // "Go" and "go" on one page
			term.Pages = append(term.Pages, e)
			links = append(links, Link{Name: v, URL: term.URL})
		}
	}
	return links
}

// addAliases claims a redirect page for each of e's aliases.
func (ix *indexer) addAliases(e *Entry, aliases []string) {
	p := e.art.Page
	for _, al := range aliases {
		file := aliasFile(p.Section, al)
		if file == "" {
			ix.diags = append(ix.diags, at(p, al, "alias %q is not a path inside the site", al))
			continue
		}
		if ix.claim(file, e.art, al, "alias %q", al) {
			ix.x.aliases = append(ix.x.aliases, alias{file: file, entry: e})
		}
	}
}

// finishSections claims each section's page, sorts its articles, links
// them to their neighbours, and lists the sections in the site's order.
func (ix *indexer) finishSections() {
	site := ix.x.site
	for _, name := range sortedKeys(ix.sections) {
		sec := ix.sections[name]
		who := sec.art
		if who == nil {
			who = sec.Pages[0].art
		}
		if !ix.claim(path.Join(sec.dir, "index.html"), who, "", "section page %s", sec.URL) {
			continue
		}
		slices.SortStableFunc(sec.Pages, listingOrder)
		for i, e := range sec.Pages {
			if i > 0 {
				e.prev = sec.Pages[i-1]
			}
			if i+1 < len(sec.Pages) {
				e.next = sec.Pages[i+1]
			}
		}
		site.Sections = append(site.Sections, sec)
	}
	slices.SortStableFunc(site.Sections, func(a, b *SectionData) int {
		return cmp.Or(weightOrder(a.Weight, b.Weight), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Name, b.Name))
	})
}

// finishTaxonomies claims the page of each term and of each taxonomy that
// has terms, sorting each term's articles.
func (ix *indexer) finishTaxonomies() {
	for i, tn := range taxonomyNames {
		terms := ix.terms[i]
		if len(terms) == 0 {
			continue
		}
		tax := &TaxonomyData{Name: tn.name, Title: tn.title, URL: dirURL(tn.name)}
		for _, key := range sortedKeys(terms) {
			term := terms[key]
			slices.SortStableFunc(term.Pages, listingOrder)
			if ix.claim(term.dir+"/index.html", term.Pages[0].art, "", "%s page %s", tn.name, term.URL) {
				tax.Terms = append(tax.Terms, term)
			}
		}
		if len(tax.Terms) > 0 && ix.claim(tn.name+"/index.html", tax.Terms[0].Pages[0].art, "", "%s page %s", tn.name, tax.URL) {
			ix.x.site.Taxonomies = append(ix.x.site.Taxonomies, tax)
		}
	}
}

// sortListings orders the home page's listing, the feed and the aliases.
func (x *index) sortListings() {
	x.byDate = slices.Clone(x.articles)
	slices.SortStableFunc(x.byDate, listingOrder)
	x.feed = slices.Clone(x.articles)
	slices.SortStableFunc(x.feed, func(a, b *Entry) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Path, b.Path))
	})
	slices.SortFunc(x.aliases, func(a, b alias) int { return cmp.Compare(a.file, b.file) })
}

// listingOrder is the order of every list of articles (SPEC §7): those
// with a weight first, lightest first; then newest first; then by title,
// and by path so that equal entries still sort one way only.
func listingOrder(a, b *Entry) int {
	return cmp.Or(
		weightOrder(a.Weight, b.Weight),
		b.Date.Compare(a.Date),
		cmp.Compare(a.Title, b.Title),
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

// menu resolves the config's menu links; the config has ordered them.
func menu(entries []config.MenuEntry) []Link {
	links := make([]Link, len(entries))
	for i, m := range entries {
		links[i] = Link{Name: m.Name, URL: menuURL(m.URL)}
	}
	return links
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
	fm := p.Src[:min(p.BodyStart, len(p.Src))]
	if value != "" && p.Lines != nil {
		for _, quoted := range [...]string{strconv.Quote(value), "'" + value + "'", value} {
			if off := bytes.Index(fm, []byte(quoted)); off >= 0 {
				return p.Lines.At(p.Path, off, format, args...)
			}
		}
	}
	return diag.Diagnostic{Path: p.Path, Msg: fmt.Sprintf(format, args...)}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
