package site

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/shortcode"
)

// Links in Markdown (SPEC §2.1). A link or image of a page's body is one
// of:
//
//   - external: a scheme ("https:", "mailto:") or "//host": not checked;
//   - to a Markdown file, "other.md", "../s/_index.md#part", "/s/x.md"
//     (from content/): it names that page, and the page holds its URL
//     instead, as mdBook and MkDocs do;
//   - any other path: a site URL from the site root ("/python/") or one
//     relative to the page's own URL ("img.png", "../other/"), as a
//     browser reads it. It must name a file the build writes: a page, a
//     listing, a static or theme file, a bundle's resource. A site URL
//     works wherever the site is published, since every link is made
//     relative to its page when the page is written (links.go).
//
// A "#fragment" must be an id of the page it points to (its headings',
// its snippets', its footnotes'; raw HTML's with unsafe): checked where
// the target is a page of the content, whose ids the parse stage knows.
// Links in code are not links.

// A linkIndex finds the pages of the content by source file and by
// output file.
type linkIndex struct {
	bySource map[string]*linkPage // "content/s/x.md"
	byFile   map[string]*linkPage // "s/x/index.html"
	of       map[*Article]*linkPage
}

// A linkPage is a page of the content: its article, its folder in the
// site (unescaped, "" for the home page) and its site URL.
type linkPage struct {
	a        *Article
	dir, url string
}

func newLinkIndex(x *index) *linkIndex {
	li := &linkIndex{bySource: map[string]*linkPage{}, byFile: map[string]*linkPage{}, of: map[*Article]*linkPage{}}
	add := func(a *Article, dir, url string) {
		lp := &linkPage{a: a, dir: dir, url: url}
		li.bySource[a.Page.Path] = lp
		li.byFile[path.Join(dir, "index.html")] = lp
		li.of[a] = lp
	}
	if x.home != nil {
		add(x.home, "", x.site.Home)
	}
	for _, sec := range x.site.Sections {
		if sec.art != nil {
			add(sec.art, sec.dir, sec.URL)
		}
	}
	for _, e := range x.articles {
		add(e.art, e.dir, e.URL)
	}
	return li
}

// A linkDest is a destination split: its path, unescaped, and its
// fragment as written (still escaped) and unescaped.
type linkDest struct {
	path, rawFrag, frag string
	md                  bool // the path names a Markdown file
}

// splitDest splits a link's destination; ok is false for a link that is
// not checked: external, or empty.
func splitDest(dest string) (d linkDest, ok bool) {
	if dest == "" || strings.HasPrefix(dest, "//") || hasScheme(dest) {
		return d, false
	}
	p := dest
	if i := strings.IndexByte(p, '#'); i >= 0 {
		p, d.rawFrag = p[:i], p[i+1:]
		d.frag = unescape(d.rawFrag)
	}
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	d.path = unescape(p)
	d.md = strings.HasSuffix(d.path, ".md")
	return d, true
}

func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// mdTarget returns the page a link from a to a Markdown file names.
func (li *linkIndex) mdTarget(a *Article, d linkDest) (*linkPage, string) {
	src := d.path
	if strings.HasPrefix(src, "/") {
		src = "content" + src
	} else {
		src = path.Join(path.Dir(a.Page.Path), src)
	}
	if lp := li.bySource[src]; lp != nil {
		return lp, ""
	}
	return nil, "no page " + src
}

// mdRewrites returns, for the links of a to Markdown files that name a
// page, the href the body holds mapped to the page's site URL (with the
// fragment as written): what the linker puts in their place.
func (li *linkIndex) mdRewrites(a *Article) map[string]string {
	var m map[string]string
	for _, l := range a.links {
		d, ok := splitDest(l.Dest)
		if !ok || !d.md {
			continue
		}
		lp, _ := li.mdTarget(a, d)
		if lp == nil {
			continue
		}
		u := lp.url
		if i := strings.IndexByte(l.Href, '#'); i >= 0 {
			u += l.Href[i:]
		}
		if m == nil {
			m = make(map[string]string, len(a.links))
		}
		m[l.Href] = u
	}
	return m
}

// check returns what is wrong with one link of a, or "". files are the
// site-relative files the build writes.
func (li *linkIndex) check(a *Article, l markdown.Link, files map[string]string) string {
	d, ok := splitDest(l.Dest)
	if !ok {
		return ""
	}
	from := li.of[a]
	var target *linkPage
	switch {
	case d.path == "":
		target = from
	case d.md:
		lp, problem := li.mdTarget(a, d)
		if lp == nil {
			return problem
		}
		target = lp
	default:
		file, problem := linkFile(from, d.path, files)
		if problem != "" {
			return problem
		}
		target = li.byFile[file]
	}
	if d.frag == "" || target == nil {
		return ""
	}
	if !slices.Contains(target.a.ids, d.frag) && !isSnippetID(target.a, d.frag) {
		return fmt.Sprintf("%s has no heading or id %q", target.a.Page.Path, d.frag)
	}
	return ""
}

// linkFile returns the file that the site URL or relative path p names
// from the page from, if the build writes it.
func linkFile(from *linkPage, p string, files map[string]string) (string, string) {
	folder := strings.HasSuffix(p, "/") || p == "." || p == ".." || strings.HasSuffix(p, "/.") || strings.HasSuffix(p, "/..")
	var file string
	if strings.HasPrefix(p, "/") {
		file = path.Clean(p[1:])
	} else {
		dir := ""
		if from != nil {
			dir = from.dir
		}
		file = path.Join(dir, p)
	}
	if file == ".." || strings.HasPrefix(file, "../") {
		return "", "it leads out of the site"
	}
	if file == "." {
		file = ""
	}
	index := path.Join(file, "index.html")
	if _, ok := files[index]; ok && (folder || file == "") {
		return index, ""
	}
	if _, ok := files[file]; ok && !folder {
		return file, ""
	}
	if _, ok := files[index]; ok {
		return index, "" // a folder written without its slash
	}
	return "", "the site has no page or file /" + file
}

// isSnippetID reports whether id is the id of one of a's snippets'
// figures ("snippet-2") or a fence's own {#id}.
func isSnippetID(a *Article, id string) bool {
	for _, s := range a.Snippets {
		if id == "snippet-"+strconv.Itoa(s.Index+1) || id == s.Attrs.ID {
			return true
		}
	}
	return false
}

// CheckLinks checks every link and image of the site's pages against the
// pages and files Render writes with the theme and static folder of o
// (SPEC §2.1), and reports each broken one at its position in the
// Markdown source: an error, unless the config's brokenLinks is "warn".
// Unlike the diagnostics of Parse, these do not stop a build before it
// runs: a broken link is a failure, like a drifted snippet.
func (s *Site) CheckLinks(o RenderOptions) diag.List {
	x, err := s.index()
	if err != nil {
		return nil // Parse has reported it
	}
	c, _ := x.outputs(o.Theme, o.Static)
	files := c.files
	for _, f := range [...]string{searchIndex, "robots.txt"} {
		if _, ok := files[f]; !ok {
			files[f] = "pipedocs"
		}
	}
	li := newLinkIndex(x)
	warn := s.Config.BrokenLinks == config.BrokenLinksWarn
	var diags diag.List
	for _, a := range s.Pages {
		if li.of[a] == nil {
			continue // a page that is not written
		}
		for _, l := range a.links {
			if a.shortcodes != nil && shortcode.Clean(l.Dest) != l.Dest {
				continue // a ref or relref, which Parse resolved
			}
			problem := li.check(a, l, files)
			if problem == "" {
				continue
			}
			diags = append(diags, linkDiag(a, l, problem, warn))
		}
	}
	diags = append(diags, s.checkRefs(li)...)
	diags.Sort()
	return diags
}

func linkDiag(a *Article, l markdown.Link, problem string, warn bool) diag.Diagnostic {
	p := a.Page
	lines := p.Lines
	if lines == nil {
		lines = diag.NewLineIndex(p.Src)
	}
	what := "link"
	if l.Image {
		what = "image"
	}
	at := lines.At
	if warn {
		at = lines.Warn
	}
	return at(p.Path, p.BodyStart+l.Offset, "broken %s %q: %s", what, l.Dest, problem)
}
