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
// page's rendering does more than walk a ready list.
type index struct {
	urls     urls
	site     *SiteData
	home     *Article // content/_index.md; nil when there is none
	articles []*Entry // in path order, the order of Site.Pages
	byDate   []*Entry // listing order: the home page
	feed     []*Entry // newest first, weight ignored: the RSS feed
	aliases  []alias  // by file
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

// newIndex indexes s. Every page and redirect gets one output file; two
// claiming the same file are reported against the later page in path order.
func newIndex(s *Site) (*index, diag.List) {
	cfg := s.Config
	u := newURLs(cfg.BaseURL)
	x := &index{urls: u, site: &SiteData{
		Title:        cfg.Title,
		LanguageCode: cmp.Or(cfg.LanguageCode, "en"),
		BaseURL:      u.baseURL,
		Home:         u.dir(""),
		RSS:          u.file("index.xml"),
		Params:       cfg.Params,
		Menu:         menu(u, cfg.Menu),
	}}
	var diags diag.List
	// owners maps each output file to the source that writes it, so that
	// two pages (or a page and an alias) never overwrite each other.
	owners := map[string]string{"index.html": "the home page", "404.html": "the 404 page"}
	claim := func(file string, a *Article, format string, args ...any) bool {
		if prev, ok := owners[file]; ok {
			diags = append(diags, at(a.Page, "", "%s is also written by %s", fmt.Sprintf(format, args...), prev))
			return false
		}
		owners[file] = a.Page.Path
		return true
	}

	sections := map[string]*SectionData{}
	section := func(name string) *SectionData {
		if sec := sections[name]; sec != nil {
			return sec
		}
		sec := &SectionData{Name: name, Title: readable(name), dir: name}
		sec.URL = u.dir(name)
		sec.Permalink = u.abs(sec.URL)
		sections[name] = sec
		return sec
	}
	terms := [len(taxonomyNames)]map[string]*TermData{{}, {}}

	for _, a := range s.Pages {
		p, fm := a.Page, a.Page.Meta
		switch p.Kind {
		case page.Home:
			x.home = a
			continue
		case page.Section:
			sec := section(p.Section)
			sec.art = a
			sec.Title = cmp.Or(fm.Title, sec.Title)
			sec.Description = fm.Description
			sec.Weight = fm.Weight
			continue
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
		e.URL = u.dir(e.dir)
		e.Permalink = u.abs(e.URL)
		if !claim(e.dir+"/index.html", a, "page %s", e.URL) {
			continue
		}
		if p.Section != "" {
			e.Section = section(p.Section)
			e.Section.Pages = append(e.Section.Pages, e)
		}
		for t, values := range [...][]string{fm.Categories, fm.Tags} {
			links := make([]Link, 0, len(values))
			for _, v := range values {
				key := urlize(v)
				if key == "" {
					diags = append(diags, at(p, v, "%s %q has no letter or digit to make a URL of", taxonomyNames[t].name, v))
					continue
				}
				term := terms[t][key]
				if term == nil {
					name := strings.Join(strings.Fields(v), " ")
					term = &TermData{Name: name, Key: key, dir: taxonomyNames[t].name + "/" + key}
					term.URL = u.dir(term.dir)
					term.Permalink = u.abs(term.URL)
					terms[t][key] = term
				}
				if n := len(term.Pages); n == 0 || term.Pages[n-1] != e { // "Go" and "go" on one page
					term.Pages = append(term.Pages, e)
					links = append(links, Link{Name: v, URL: term.URL})
				}
			}
			if t == 0 {
				e.Categories = links
			} else {
				e.Tags = links
			}
		}
		for _, al := range fm.Aliases {
			file := aliasFile(p.Section, al)
			if file == "" {
				diags = append(diags, at(p, al, "alias %q is not a path inside the site", al))
				continue
			}
			if claim(file, a, "alias %q", al) {
				x.aliases = append(x.aliases, alias{file: file, entry: e})
			}
		}
		x.articles = append(x.articles, e)
	}

	// Sections and taxonomies claim their files after the articles, so a
	// clash names the article, which is what the author can rename.
	for _, name := range sortedKeys(sections) {
		sec := sections[name]
		who := sec.art
		if who == nil {
			who = sec.Pages[0].art
		}
		if claim(path.Join(sec.dir, "index.html"), who, "section page %s", sec.URL) {
			slices.SortStableFunc(sec.Pages, listingOrder)
			x.site.Sections = append(x.site.Sections, sec)
		}
	}
	slices.SortStableFunc(x.site.Sections, func(a, b *SectionData) int {
		return cmp.Or(weightOrder(a.Weight, b.Weight), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Name, b.Name))
	})
	for i, tn := range taxonomyNames {
		if len(terms[i]) == 0 {
			continue
		}
		tax := &TaxonomyData{Name: tn.name, Title: tn.title, URL: u.dir(tn.name)}
		tax.Permalink = u.abs(tax.URL)
		for _, key := range sortedKeys(terms[i]) {
			term := terms[i][key]
			slices.SortStableFunc(term.Pages, listingOrder)
			if claim(term.dir+"/index.html", term.Pages[0].art, "%s page %s", tn.name, term.URL) {
				tax.Terms = append(tax.Terms, term)
			}
		}
		if len(tax.Terms) > 0 && claim(tn.name+"/index.html", tax.Terms[0].Pages[0].art, "%s page %s", tn.name, tax.URL) {
			x.site.Taxonomies = append(x.site.Taxonomies, tax)
		}
	}

	for _, sec := range x.site.Sections {
		for i, e := range sec.Pages {
			if i > 0 {
				e.prev = sec.Pages[i-1]
			}
			if i+1 < len(sec.Pages) {
				e.next = sec.Pages[i+1]
			}
		}
	}
	x.byDate = slices.Clone(x.articles)
	slices.SortStableFunc(x.byDate, listingOrder)
	x.feed = slices.Clone(x.articles)
	slices.SortStableFunc(x.feed, func(a, b *Entry) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Path, b.Path))
	})
	slices.SortFunc(x.aliases, func(a, b alias) int { return cmp.Compare(a.file, b.file) })
	return x, diags
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
func menu(u urls, entries []config.MenuEntry) []Link {
	links := make([]Link, len(entries))
	for i, m := range entries {
		links[i] = Link{Name: m.Name, URL: u.link(m.URL)}
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
