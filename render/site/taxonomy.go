package site

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/content"
	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/page"
)

// The taxonomies are those of the config (Hugo's [taxonomies], singular =
// plural; category and tag by default, none for an empty table), each
// with a list page /<plural>/ and a page per term /<plural>/<term>/, as
// Hugo 0.111 builds them: a page's terms are the values of its front
// matter key named by the plural ("series = ["Go Basics"]"), and
// content/<plural>/_index.md and content/<plural>/<term>/_index.md give
// those pages their title and text.

// A taxonomy is one of the config's taxonomies while the index is built.
type taxonomy struct {
	data  *TaxonomyData
	terms map[string]*TermData // by key
	dir   string               // output folder: the plural, lower-cased
	// noList and noTerms are disableKinds "taxonomy" and "term": no
	// list page of the terms (its URL is ""), no term pages (no terms).
	noList, noTerms bool
}

// taxonomiesOf lists the config's taxonomies by plural name, the order in
// which Hugo's templates range over .Site.Taxonomies. A nil map (a Config
// made by hand) means Hugo's defaults; an empty one, no taxonomies.
func taxonomiesOf(cfg config.Config) []*taxonomy {
	names := cfg.Taxonomies
	if names == nil {
		names = config.Default().Taxonomies
	}
	var plurals []string
	for _, p := range names {
		if p = strings.ToLower(strings.Trim(p, "/")); p != "" && !slices.Contains(plurals, p) {
			plurals = append(plurals, p)
		}
	}
	slices.Sort(plurals)
	taxes := make([]*taxonomy, len(plurals))
	for i, p := range plurals {
		taxes[i] = &taxonomy{
			data:    &TaxonomyData{Name: p, Title: taxonomyTitle(p), URL: dirURL(p)},
			terms:   map[string]*TermData{},
			dir:     p,
			noList:  disabled(cfg, "taxonomy"),
			noTerms: disabled(cfg, "term"),
		}
		if taxes[i].noList {
			taxes[i].data.URL = ""
		}
	}
	return taxes
}

// disabled reports whether the config's disableKinds holds kind
// ("taxonomy", "term", "rss").
func disabled(cfg config.Config, kind string) bool { return slices.Contains(cfg.DisableKinds, kind) }

// taxonomyTitle is Hugo's title of a taxonomy without an _index.md: its
// plural with each word capitalised ("my-things" is "My-Things").
func taxonomyTitle(plural string) string {
	b := []byte(plural)
	start := true
	var out strings.Builder
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		if start {
			r = unicode.ToUpper(r)
		}
		start = r == '-' || r == ' ' || r == '_'
		out.WriteRune(r)
	}
	return out.String()
}

// taxonomyPage takes sec as the page of a taxonomy or of one of its terms
// when it is content/<plural>/ or a folder below it, and reports whether
// it did: such a folder is no section of the site.
func (ix *indexer) taxonomyPage(sec *content.Section) bool {
	for _, t := range ix.taxes {
		switch {
		case sec.Out == t.dir:
			if sec.Page != nil {
				t.data.art = ix.articles[sec.Page]
				t.data.Title = cmp.Or(sec.Page.Meta.Title, t.data.Title)
				t.data.Description = sec.Page.Meta.Description
			}
			return true
		case strings.HasPrefix(sec.Out, t.dir+"/"):
			if sec.Page != nil && !t.noTerms {
				term := t.term(strings.TrimPrefix(sec.Out, t.dir+"/"))
				term.art = ix.articles[sec.Page]
				term.Title = sec.Page.Meta.Title
				term.Description = sec.Page.Meta.Description
			}
			return true
		}
	}
	return false
}

// term returns the term of t at key, made on first use.
func (t *taxonomy) term(key string) *TermData {
	term := t.terms[key]
	if term == nil {
		term = &TermData{Key: key, dir: t.dir + "/" + key}
		term.URL = dirURL(term.dir)
		t.terms[key] = term
	}
	return term
}

// addTerms files e under its terms in every taxonomy, setting e.Terms
// (and e.Categories and e.Tags).
func (ix *indexer) addTerms(e *Entry) {
	for _, t := range ix.taxes {
		values := ix.termValues(e.art.Page, t.dir)
		if t.noTerms {
			continue
		}
		links := ix.fileTerms(t, e, values)
		if len(links) == 0 {
			continue
		}
		e.Terms = append(e.Terms, EntryTerms{Taxonomy: t.data, Links: links})
		switch t.dir {
		case "categories":
			e.Categories = links
		case "tags":
			e.Tags = links
		}
	}
}

// addUnrendered files a page with no page of its own (build.render =
// "never", headless) under its terms, as Hugo 0.111 does: it is listed
// there without a URL, and nowhere else.
func (ix *indexer) addUnrendered(a *Article, n *content.Node) {
	fm := &a.Page.Meta
	e := &Entry{
		Title:       cmp.Or(fm.Title, readable(nodeName(n))),
		Description: fm.Description,
		Summary:     cmp.Or(fm.Summary, fm.Description),
		Date:        fm.Date,
		Lastmod:     fm.Lastmod,
		Weight:      fm.Weight,
		Authors:     fm.Authors,
		Params:      fm.Params,
		Path:        a.Page.Path,
		art:         a,
		list:        page.BuildNever,
	}
	e.LinkTitle = cmp.Or(linkTitle(a.Page), e.Title)
	ix.addTerms(e)
}

// termValues are p's terms in the taxonomy named plural: its front
// matter key of that name, which render/page decodes for categories,
// tags and authors and keeps among the params for any other.
func (ix *indexer) termValues(p *page.Page, plural string) []string {
	fm := &p.Meta
	switch plural {
	case "categories":
		return fm.Categories
	case "tags":
		return fm.Tags
	case "authors":
		return fm.Authors
	}
	v, ok := fm.Params[plural]
	if !ok {
		return nil
	}
	terms, problems := page.TermValues(v)
	for _, msg := range problems {
		ix.diags = append(ix.diags, keyAt(p, plural, "%s: %s (%s is a taxonomy of the site)", plural, msg, plural))
	}
	return terms
}

// fileTerms files e under each of values in t and returns the links to
// the term pages, in the order written.
func (ix *indexer) fileTerms(t *taxonomy, e *Entry, values []string) []Link {
	p := e.art.Page
	var links []Link
	for _, v := range values {
		key, problem := termKey(v)
		if problem != "" {
			ix.diags = append(ix.diags, at(p, v, "%s %q %s", t.dir, v, problem))
			continue
		}
		term := t.term(key)
		if term.Name == "" {
			term.Name = strings.Join(strings.Fields(v), " ")
		}
		if n := len(term.Pages); n == 0 || term.Pages[n-1] != e { // "Go" and "go" on one page
			term.Pages = append(term.Pages, e)
			links = append(links, Link{Name: v, URL: term.URL})
		}
	}
	return links
}

// termKey is the folder of a term below its taxonomy's, as Hugo 0.111
// makes it: urlize, where each '/' starts a folder ("a/b" is tags/a/b/)
// and empty and "." parts are dropped. It returns why there is none: no
// letter or digit, or a ".." part, with which Hugo writes the page
// outside the taxonomy's folder.
func termKey(term string) (key, problem string) {
	var parts []string
	for _, part := range strings.Split(urlize(term), "/") {
		switch part {
		case "", ".":
		case "..":
			return "", "has a \"..\" part: its page would be written outside the taxonomy's folder"
		default:
			parts = append(parts, part)
		}
	}
	if len(parts) == 0 {
		return "", "has no letter or digit to make a URL of"
	}
	return strings.Join(parts, "/"), ""
}

// finishTaxonomies claims the page and feed of each taxonomy, then of
// each of its terms, sorting each term's articles. As in Hugo, a
// taxonomy has its page even without terms, and a term with an _index.md
// even without articles.
func (ix *indexer) finishTaxonomies() {
	for _, t := range ix.taxes {
		tax := t.data
		keys := sortedKeys(t.terms)
		who := tax.art
		if who == nil && len(keys) > 0 {
			who = firstWriter(t.terms[keys[0]])
		}
		if !ix.claimTaxonomy(t, who) {
			continue
		}
		for _, key := range keys {
			term := t.terms[key]
			term.Name = cmp.Or(term.Name, term.Title, key)
			term.Title = cmp.Or(term.Title, term.Name)
			slices.SortStableFunc(term.Pages, listingOrder)
			who := firstWriter(term)
			if ix.claim(term.dir+"/index.html", who, term.Name, "%s page %s", tax.Name, term.URL) {
				term.RSS = ix.claimFeed(term.dir, who, term.URL)
				tax.Terms = append(tax.Terms, term)
			}
		}
		ix.x.site.Taxonomies = append(ix.x.site.Taxonomies, tax)
	}
}

// claimTaxonomy claims the page and feed of t, which who asks for (nil:
// the config alone).
func (ix *indexer) claimTaxonomy(t *taxonomy, who *Article) bool {
	tax := t.data
	if t.noList {
		return true // its terms have pages, it has none
	}
	if who != nil {
		if !ix.claim(t.dir+"/index.html", who, "", "%s page %s", tax.Name, tax.URL) {
			return false
		}
		tax.RSS = ix.claimFeed(t.dir, who, tax.URL)
		return true
	}
	if _, ok := ix.x.claims.claim(t.dir+"/index.html", "the "+tax.Name+" page"); !ok {
		return false
	}
	if _, ok := ix.x.claims.claim(t.dir+"/index.xml", "the RSS feed of "+tax.URL); ok && !ix.noRSS {
		tax.RSS = fileURL(t.dir + "/index.xml")
	}
	return true
}

// firstWriter is the page that asks for a term's page.
func firstWriter(term *TermData) *Article {
	if term.art != nil {
		return term.art
	}
	return term.Pages[0].art
}

// claimFeed claims the RSS feed of the list page in dir (site-relative)
// at url, which a asks for, and returns the feed's URL, or "" when
// another file stands in its way.
func (ix *indexer) claimFeed(dir string, a *Article, url string) string {
	if ix.noRSS {
		return ""
	}
	file := "index.xml"
	if dir != "" {
		file = dir + "/index.xml"
	}
	if !ix.claim(file, a, "", "the RSS feed of %s", url) {
		return ""
	}
	return fileURL(file)
}

// keyAt reports a problem with the front matter key of p at the line
// where it is written (TOML "key =", YAML "key:", JSON "\"key\":"), or
// against the whole file when it is not there (set by a cascade).
func keyAt(p *page.Page, key, format string, args ...any) diag.Diagnostic {
	fm := p.Src[:min(p.BodyStart, len(p.Src))]
	off := 0
	for line := range bytes.SplitAfterSeq(fm, []byte("\n")) {
		indented := bytes.TrimLeft(line, " \t")
		rest, ok := bytes.CutPrefix(bytes.ToLower(bytes.TrimLeft(indented, "\"'")), []byte(key))
		if ok && len(rest) > 0 && strings.IndexByte(" \t=:\"'", rest[0]) >= 0 && p.Lines != nil {
			return p.Lines.At(p.Path, off+len(line)-len(indented), format, args...)
		}
		off += len(line)
	}
	return diag.Diagnostic{Path: p.Path, Msg: fmt.Sprintf(format, args...)}
}
