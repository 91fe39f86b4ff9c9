package site

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"slices"
	"time"
)

// The feeds are XML for machines: encoding/xml escapes every value, and
// every link in them is absolute, since they are read away from the site.

type rssFeed struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string  `xml:"title"`
	Link        string  `xml:"link"`
	PubDate     string  `xml:"pubDate,omitempty"`
	GUID        rssGUID `xml:"guid"`
	Description string  `xml:"description,omitempty"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	ID          string `xml:",chardata"`
}

type sitemap struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// feeds writes the RSS 2.0 feeds and sitemap.xml. As Hugo does, every
// list page has its feed beside it: the home page's (index.xml: the
// articles listed anywhere), each section's (its own articles), each
// taxonomy's (its terms) and each term's (its articles).
func (r *renderer) feeds() error {
	x := r.x
	site := r.site
	abs := r.base.abs
	var newest time.Time
	for _, e := range x.feed {
		if t := latest(e); t.After(newest) {
			newest = t
		}
	}
	if site.RSS != "" {
		if _, err := r.feed("index.xml", site.RSS, site.BaseURL, site.Title, "Recent articles on "+site.Title, r.listing(x.feed)); err != nil {
			return err
		}
	}
	var feeds []func() error
	for _, sec := range x.sections {
		if sec.RSS != "" {
			feeds = append(feeds, func() error { return r.listFeed(sec.dir, sec.RSS, sec.URL, sec.Title, sec.Pages) })
		}
	}
	for _, tax := range site.Taxonomies {
		if tax.RSS != "" {
			feeds = append(feeds, func() error { return r.termsFeed(tax) })
		}
		for _, term := range tax.Terms {
			if term.RSS != "" {
				feeds = append(feeds, func() error { return r.listFeed(term.dir, term.RSS, term.URL, term.Title, term.Pages) })
			}
		}
	}
	if err := forEach(r.ctx, len(feeds), r.opt.Jobs, func(i int) error { return feeds[i]() }); err != nil {
		return err
	}

	urls := []sitemapURL{{Loc: abs(site.Home), Lastmod: w3cDate(newest)}}
	for _, e := range x.articles {
		urls = append(urls, sitemapURL{Loc: abs(e.URL), Lastmod: w3cDate(latest(e))})
	}
	for _, sec := range x.sections {
		var t time.Time
		for _, e := range sec.Pages {
			if l := latest(e); l.After(t) {
				t = l
			}
		}
		urls = append(urls, sitemapURL{Loc: abs(sec.URL), Lastmod: w3cDate(t)})
	}
	for _, tax := range site.Taxonomies {
		if tax.URL != "" {
			urls = append(urls, sitemapURL{Loc: abs(tax.URL)})
		}
		for _, term := range tax.Terms {
			urls = append(urls, sitemapURL{Loc: abs(term.URL)})
		}
	}
	slices.SortFunc(urls, func(a, b sitemapURL) int { return cmp.Compare(a.Loc, b.Loc) })
	return r.writeXML("sitemap.xml", sitemap{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", URLs: urls})
}

// feed writes the feed file (site-relative), at the site URL rss, of the
// page at link (absolute) with entries, in their order, and returns the newest date among them.
// The build date is the newest article's, not the clock's: the same
// content gives the same feed.
func (r *renderer) feed(file, rss, link, title, description string, entries []*Entry) (time.Time, error) {
	abs := r.base.abs
	ch := rssChannel{
		Title:       title,
		Link:        link,
		Description: description,
		Language:    r.site.LanguageCode,
		Self:        atomLink{Href: abs(rss), Rel: "self", Type: "application/rss+xml"},
		Items:       make([]rssItem, len(entries)),
	}
	var newest time.Time
	for i, e := range entries {
		ch.Items[i] = rssItem{
			Title:       e.Title,
			Link:        abs(e.URL),
			PubDate:     rssDate(e.Date),
			GUID:        rssGUID{IsPermaLink: true, ID: abs(e.URL)},
			Description: e.Summary,
		}
		if t := latest(e); t.After(newest) {
			newest = t
		}
	}
	ch.LastBuildDate = rssDate(newest)
	return newest, r.writeXML(file, rssFeed{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Channel: ch})
}

// listFeed writes the feed of a section's or term's page: its articles
// that have a page, newest first, as the home page's.
func (r *renderer) listFeed(dir, rss, url, title string, pages []*Entry) error {
	entries := slices.DeleteFunc(slices.Clone(r.listing(pages)), func(e *Entry) bool { return e.URL == "" })
	slices.SortStableFunc(entries, feedOrder)
	_, err := r.feed(dir+"/index.xml", rss, r.base.abs(url), title+" on "+r.site.Title, "Recent articles in "+title+" on "+r.site.Title, entries)
	return err
}

// termsFeed writes the feed of a taxonomy's page: an item per term, as
// Hugo's, dated by the term's newest article.
func (r *renderer) termsFeed(tax *TaxonomyData) error {
	entries := make([]*Entry, len(tax.Terms))
	for i, term := range tax.Terms {
		e := &Entry{Title: term.Title, URL: term.URL, Summary: term.Description}
		for _, p := range term.Pages {
			if t := latest(p); t.After(e.Date) {
				e.Date = t
			}
		}
		entries[i] = e
	}
	slices.SortStableFunc(entries, feedOrder)
	_, err := r.feed(tax.Name+"/index.xml", tax.RSS, r.base.abs(tax.URL), tax.Title+" on "+r.site.Title, "Recent "+tax.Title+" on "+r.site.Title, entries)
	return err
}

func (r *renderer) writeXML(name string, v any) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.WriteByte('\n')
	return r.writeFile(name, buf.Bytes())
}

// feedOrder is the order of a feed's items: newest first, weight
// ignored, then by title and path.
func feedOrder(a, b *Entry) int {
	return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Path, b.Path))
}

// latest is when e last changed, as far as its front matter says.
func latest(e *Entry) time.Time {
	if e.Lastmod.After(e.Date) {
		return e.Lastmod
	}
	return e.Date
}

func rssDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC1123Z)
}

func w3cDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
