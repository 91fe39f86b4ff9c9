package site

import (
	"html/template"
	"time"

	"github.com/pipedocs/pipedocs/render/content"
	"github.com/pipedocs/pipedocs/render/markdown"
)

// The types in this file are what theme templates see. The index builds
// them once per site and nothing changes them afterwards: Render gives the
// listings copies of the entries with their summaries completed, and a
// copy of the SiteData with the BaseURL it renders for.
//
// Every URL in them is a site URL, a path from the site's root such as
// "/pipes/basics/" or "/style.css"; a theme writes it as it is, and Render
// makes each link in the written page relative to that page (links.go).
// Only Permalink and SiteData.BaseURL are absolute.

// PageData is dot in every layout.
type PageData struct {
	Site *SiteData
	// Kind is "home", "section", "article", "terms", "term", "404" or "alias".
	Kind        string
	Title       string
	Description string // for <meta name="description">; may be empty
	URL         string // the page's site URL, e.g. "/pipes/basics/"
	Permalink   string // absolute, under the base URL; empty for the 404 page, which has no address of its own, and when baseURL has no host

	Content template.HTML      // article body, or the intro of a home or section page
	TOC     []markdown.Heading // article pages

	Entry      *Entry        // article pages: the article
	Prev, Next *Entry        // article pages: neighbours in the section's order
	Pages      []*Entry      // home, section and term pages: the listing, in order
	Section    *SectionData  // section and article pages
	Taxonomy   *TaxonomyData // terms and term pages
	Term       *TermData     // term pages
}

// SiteData is .Site: what every page shares.
type SiteData struct {
	Title        string
	LanguageCode string
	BaseURL      string // absolute (when the config's has a host), ends with "/"
	Home         string // URL of the home page: "/"
	RSS          string // URL of index.xml: "/index.xml"; "" when disableKinds holds "RSS"
	Params       map[string]any
	Menu         []Link          // the config's menu, in its order
	Sections     []*SectionData  // the top-level sections, by weight (where set), then title
	Taxonomies   []*TaxonomyData // the config's, by name (categories, then tags by default), as Hugo: with or without terms

	pages []*Entry // the articles right under content/, in listing order: the navigation's first level
}

// A Link is a named URL.
type Link struct {
	Name string
	URL  string
}

// An Entry is one article as listings, feeds and its own page show it.
type Entry struct {
	Title       string
	LinkTitle   string // the front matter's linkTitle, else Title: what navigation shows
	Description string
	// Summary is the front matter's summary or description, else the
	// opening of the body as render/markdown extracts it. Listings and the
	// feed see the full value; article pages see only the front matter
	// part of other articles' summaries, because all articles render at once.
	Summary    string
	URL        string
	Date       time.Time
	Lastmod    time.Time
	Draft      bool
	Weight     int
	Authors    []string
	Categories []Link       // its terms in the taxonomy "categories", in the order written
	Tags       []Link       // its terms in "tags"
	Terms      []EntryTerms // its terms in every taxonomy that has some, by taxonomy name
	Section    *SectionData // nil for an article directly under content/
	Params     map[string]any
	Path       string // the source file, e.g. "content/pipes/basics.md"

	art        *Article
	dir        string // output directory, site-relative: "pipes/basics"
	file       string // output file, site-relative: "pipes/basics/index.html"
	list       string // Hugo's build.list: "always", "local" (its section's listing only) or "never"
	prev, next *Entry
}

// SectionData is one section of content/ (a top-level folder, or a
// folder with an _index.md, at any depth) with its articles.
type SectionData struct {
	Name        string // the directory name
	Title       string // from _index.md, else the name made readable
	LinkTitle   string // the _index.md's linkTitle, else Title
	Description string
	URL         string
	RSS         string // the URL of its feed; "" when it has none
	Weight      int
	Pages       []*Entry       // its own articles, in listing order
	Sections    []*SectionData // the sections in it, by weight (where set), then title
	Parent      *SectionData   // the section holding it; nil for a top-level one
	Depth       int            // 1 for a top-level section

	art  *Article // the _index page; nil when there is none
	dir  string
	node *content.Section
}

// Ancestors are the sections holding s, outermost first, s included:
// the breadcrumbs of a page in s.
func (s *SectionData) Ancestors() []*SectionData {
	if s == nil {
		return nil
	}
	list := make([]*SectionData, s.Depth)
	for i, sec := len(list)-1, s; i >= 0 && sec != nil; i, sec = i-1, sec.Parent {
		list[i] = sec
	}
	return list
}

// Holds reports whether s is sec or holds it, at any depth: a theme opens
// the sections of the navigation that lead to the current page.
func (s *SectionData) Holds(sec *SectionData) bool {
	for ; sec != nil; sec = sec.Parent {
		if sec == s {
			return true
		}
	}
	return false
}

// TaxonomyData is one taxonomy of the config (categories, tags, or any
// other: series) with its terms.
type TaxonomyData struct {
	Name        string      // the plural, as the config names it: "categories", "series"
	Title       string      // content/<Name>/_index.md's title, else Name capitalised: "Categories"
	Description string      // from that _index.md
	URL         string      // "" when disableKinds holds "taxonomy": its terms have pages, it has none
	RSS         string      // the URL of its feed of terms; "" when it has none
	Terms       []*TermData // by URL-safe key

	art *Article // content/<Name>/_index.md; nil when there is none
}

// TermData is one term of a taxonomy and its articles.
type TermData struct {
	Name        string // as first written, in path order of the articles; else Title, else Key
	Title       string // content/<taxonomy>/<term>/_index.md's title, else Name
	Description string // from that _index.md
	Key         string // the URL-safe form: lower case, spaces as '-'; a '/' in it makes a folder, as in Hugo
	URL         string
	RSS         string // the URL of its feed; "" when it has none
	Pages       []*Entry

	art *Article // its _index.md; nil when there is none
	dir string
}

// EntryTerms are an entry's terms in one taxonomy.
type EntryTerms struct {
	Taxonomy *TaxonomyData
	Links    []Link // to the term pages, in the order written
}
