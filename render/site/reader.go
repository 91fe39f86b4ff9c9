package site

import (
	"errors"
	"io/fs"
	"net/url"
	"strings"
	"sync"

	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/search"
	"github.com/pipedocs/pipedocs/render/shortcode"
)

// This file holds what a site gives its readers besides its pages: the
// search index, robots.txt, and the images of share cards.

// searchIndex is the file the theme's search.js loads, beside itself at
// the site root.
const searchIndex = "search-index.js"

// searchDocs collects the articles' search documents while they render in
// parallel; the index is written in the articles' order once all are in.
type searchDocs struct {
	mu   sync.Mutex
	docs map[*Entry]search.Doc
}

// add makes e's document of the index from the text its body's render
// gathered. Its cost falls on the worker that rendered the page, and only
// the page's terms are kept. A body with shortcodes was rendered masked:
// their placeholders are no words.
func (s *searchDocs) add(e *Entry, summary string, body markdown.Article) {
	section := ""
	if e.Section != nil {
		section = e.Section.Title
	}
	parts := make([]search.Part, len(body.Parts))
	for i, p := range body.Parts {
		parts[i] = search.Part(p)
		if e.art.shortcodes != nil {
			parts[i].Heading, parts[i].Text, parts[i].Code = shortcode.Clean(p.Heading), shortcode.Clean(p.Text), shortcode.Clean(p.Code)
		}
	}
	d := search.NewDoc(search.Page{URL: e.dir + "/", Title: e.Title, Section: section, Summary: summary}, parts)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.docs == nil {
		s.docs = make(map[*Entry]search.Doc)
	}
	s.docs[e] = d
}

// writeSearch writes the search index of the articles rendered so far.
func (r *renderer) writeSearch() error {
	docs := make([]search.Doc, 0, len(r.x.articles))
	r.search.mu.Lock()
	for _, e := range r.x.articles {
		if d, ok := r.search.docs[e]; ok {
			docs = append(docs, d)
		}
	}
	r.search.docs = nil
	r.search.mu.Unlock()
	return r.writeFile(searchIndex, search.Build(docs))
}

// robots writes robots.txt, letting every crawler in and pointing it at
// the sitemap, unless the site or its theme has a robots.txt of its own
// in static/. The sitemap line needs an absolute URL, so a site whose
// baseURL has no host gets none.
func (r *renderer) robots() error {
	// fs.FS values may not be comparable (an overlay holds maps), so the
	// two places are told apart by name, not by comparing the values.
	for _, at := range []struct {
		fsys fs.FS
		name string
	}{{r.opt.Static, "robots.txt"}, {r.opt.Theme, "static/robots.txt"}} {
		if at.fsys == nil {
			continue
		}
		if _, err := fs.Stat(at.fsys, at.name); err == nil {
			return nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	text := "User-agent: *\nDisallow:\n"
	if u, err := url.Parse(r.base.abs("/sitemap.xml")); err == nil && u.IsAbs() {
		text += "\nSitemap: " + u.String() + "\n"
	}
	return r.writeFile("robots.txt", []byte(text))
}

// Images are the absolute URLs of the page's share images, for OpenGraph
// and Twitter cards: the article's images front matter key (a string or
// a list), else the site's params.images, as Hugo's opengraph template
// takes them. A path is taken from the site root, as Hugo's absURL does.
func (p *PageData) Images() []string {
	var v any
	if p.Entry != nil {
		v = p.Entry.Params["images"]
	}
	if v == nil && p.Site != nil {
		v = p.Site.Params["images"]
	}
	var list []string
	switch v := v.(type) {
	case string:
		list = []string{v}
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok {
				list = append(list, s)
			}
		}
	case []string:
		list = v
	}
	var out []string
	for _, s := range list {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if u, err := url.Parse(s); err == nil && u.IsAbs() {
			out = append(out, s)
		} else if p.Site != nil {
			out = append(out, strings.TrimSuffix(p.Site.BaseURL, "/")+"/"+strings.TrimPrefix(s, "/"))
		}
	}
	return out
}
