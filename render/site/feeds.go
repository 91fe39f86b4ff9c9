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

// feeds writes index.xml (RSS 2.0) and sitemap.xml.
func (r *renderer) feeds() error {
	x := r.x
	site := r.site
	abs := r.base.abs
	ch := rssChannel{
		Title:       site.Title,
		Link:        site.BaseURL,
		Description: "Recent articles on " + site.Title,
		Language:    site.LanguageCode,
		Self:        atomLink{Href: abs(site.RSS), Rel: "self", Type: "application/rss+xml"},
		Items:       make([]rssItem, len(x.feed)),
	}
	// The build date is the newest article's, not the clock's: the same
	// content gives the same feed.
	var newest time.Time
	for i, e := range r.listing(x.feed) {
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
	if err := r.writeXML("index.xml", rssFeed{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Channel: ch}); err != nil {
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
		urls = append(urls, sitemapURL{Loc: abs(tax.URL)})
		for _, term := range tax.Terms {
			urls = append(urls, sitemapURL{Loc: abs(term.URL)})
		}
	}
	slices.SortFunc(urls, func(a, b sitemapURL) int { return cmp.Compare(a.Loc, b.Loc) })
	return r.writeXML("sitemap.xml", sitemap{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", URLs: urls})
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
