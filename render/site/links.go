package site

import (
	"bytes"
	"strings"
)

// Links are relative (SPEC §7), so a built site works from file://, from
// any sub-path and on any host. Templates write the site URLs the index
// gives them ("/pipes/basics/", "/style.css"); when a page is written, a
// linker rewrites every link in it, the Markdown body's included, into one
// that works where the page is:
//
//   - a site URL becomes a path relative to the page's folder:
//     "../../style.css";
//   - a link to a folder, site URL or relative, ends in "index.html":
//     "../basics/index.html". A browser reading file:// shows a folder as
//     a file listing, not its index.html; every web server serves the
//     index.html of a folder at that name too, so the link works on both;
//   - 404.html, which a server returns at any address, gets absolute
//     links under the base URL instead, and keeps folder URLs as they are.
//
// Absolute URLs ("https://…", "mailto:…", "//host/…") and fragments are
// left alone. This is Hugo's relativeURLs (its transform/urlreplacers) with
// the index.html of its uglyURLs, done on the page's markup rather than on
// its text: only the values of href, src and poster attributes, and the
// URL of a <meta http-equiv="refresh">, are rewritten.
//
// A Markdown body's links to Markdown files ("other.md#part") are put in
// the place of their target's site URL first (linkcheck.go), so they are
// made relative like every other.
type linker struct {
	from []string          // the escaped segments of the page's folder; none for the site root
	abs  *base             // not nil: join site URLs to the base URL (404.html)
	md   map[string]string // a body's hrefs to Markdown files → site URLs
}

// linkerFor returns the linker for the page written to name (site-relative).
func linkerFor(name string) linker {
	i := strings.LastIndexByte(name, '/')
	if i < 0 {
		return linker{}
	}
	return linker{from: strings.Split(escapePath(name[:i]), "/")}
}

// link rewrites one URL as the page holds it (HTML-escaped: '&' is "&amp;",
// which the rewrite never touches).
func (l linker) link(v string) string {
	if u, ok := l.md[v]; ok {
		v = u
	}
	if v == "" || v[0] == '#' || v[0] == '?' || strings.HasPrefix(v, "//") || hasScheme(v) {
		return v
	}
	p, rest := v, ""
	if i := strings.IndexAny(v, "?#"); i >= 0 {
		p, rest = v[:i], v[i:]
	}
	if p[0] != '/' {
		if l.abs != nil {
			return v
		}
		return folderIndex(p) + rest
	}
	if l.abs != nil {
		return l.abs.abs(p) + rest
	}
	return l.relative(p) + rest
}

// relative turns the site URL p into a path relative to the page's folder.
func (l linker) relative(p string) string {
	segs := strings.Split(p[1:], "/") // "/a/b/" → ["a" "b" ""]
	common := 0
	for common < len(l.from) && common < len(segs)-1 && segs[common] == l.from[common] {
		common++
	}
	var b strings.Builder
	for range len(l.from) - common {
		b.WriteString("../")
	}
	b.WriteString(strings.Join(segs[common:], "/"))
	return folderIndex(b.String())
}

// folderIndex makes a relative link to a folder a link to its index.html.
func folderIndex(p string) string {
	switch {
	case p == "" || strings.HasSuffix(p, "/"):
		return p + "index.html"
	case p == "." || p == ".." || strings.HasSuffix(p, "/.") || strings.HasSuffix(p, "/.."):
		return p + "/index.html"
	}
	return p
}

// hasScheme reports whether v starts with a URL scheme ("https:", "mailto:").
func hasScheme(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == ':':
			return i > 0
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

// rewrite returns page with every link rewritten by l.link. It walks the
// markup tag by tag: text never holds a raw '<' (html/template, goldmark
// and the highlighter escape it), comments are skipped, and so is the raw
// text of <script> and <style>, which may hold anything. Only the values
// that change are copied anew; a page without links comes back as it is.
func (l linker) rewrite(page []byte) []byte {
	e := &editor{page: page}
	for i := 0; i < len(page); {
		j := bytes.IndexByte(page[i:], '<')
		if j < 0 {
			break
		}
		i = l.tag(e, i+j)
	}
	return e.done()
}

// An editor builds a page from its original and the values replaced.
type editor struct {
	page []byte
	out  []byte // nil until the first replacement
	last int    // page[:last] is in out already
}

// replace puts v in place of page[start:end], unless that is v already.
func (e *editor) replace(start, end int, v string) {
	if string(e.page[start:end]) == v {
		return
	}
	if e.out == nil {
		e.out = make([]byte, 0, len(e.page)+len(e.page)/8)
	}
	e.out = append(e.out, e.page[e.last:start]...)
	e.out = append(e.out, v...)
	e.last = end
}

func (e *editor) done() []byte {
	if e.out == nil {
		return e.page
	}
	return append(e.out, e.page[e.last:]...)
}

// tag reads the markup that starts at page[i] == '<', rewriting its links,
// and returns where it ends.
func (l linker) tag(e *editor, i int) int {
	page := e.page
	rest := page[i:]
	past := func(marker string) int {
		if k := bytes.Index(rest, []byte(marker)); k >= 0 {
			return i + k + len(marker)
		}
		return len(page)
	}
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		return past("-->")
	case len(rest) < 2:
		return len(page)
	case rest[1] == '/' || rest[1] == '!' || rest[1] == '?':
		return past(">")
	case !isLetter(rest[1]):
		return i + 1 // a '<' of text, in markup a user wrote
	}
	n := 1
	for n < len(rest) && (isLetter(rest[n]) || '0' <= rest[n] && rest[n] <= '9') {
		n++
	}
	name := rest[1:n]
	k := l.attrs(e, eqFold(name, "meta"), i+n)
	for _, raw := range [...]string{"script", "style"} {
		if eqFold(name, raw) {
			// Raw text up to the closing tag, left as it is.
			if m := indexFold(page[k:], []byte("</"+raw)); m >= 0 {
				return k + m
			}
			return len(page)
		}
	}
	return k
}

// attrs reads the attributes of a start tag, from page[i] to the tag's
// '>', rewriting the URL ones, and returns the offset after '>'. meta
// says the tag is a <meta>, whose content may be a refresh's URL.
func (l linker) attrs(e *editor, meta bool, i int) int {
	page := e.page
	for i < len(page) {
		c := page[i]
		switch {
		case c == '>':
			return i + 1
		case isSpace(c) || c == '/':
			i++
			continue
		}
		start := i
		for i < len(page) && !isSpace(page[i]) && page[i] != '/' && page[i] != '>' && page[i] != '=' {
			i++
		}
		attr := page[start:i]
		if i >= len(page) || page[i] != '=' {
			continue
		}
		vstart, vend, next := attrValue(page, i+1)
		switch v := page[vstart:vend]; {
		case eqFold(attr, "href") || eqFold(attr, "src") || eqFold(attr, "poster"):
			e.replace(vstart, vend, l.link(string(v)))
		case meta && eqFold(attr, "content"):
			e.replace(vstart, vend, l.refresh(string(v)))
		}
		i = next
	}
	return i
}

// refresh rewrites the URL in a <meta> content of a refresh's form,
// "0; url=/a/"; any other content is returned as it is.
func (l linker) refresh(v string) string {
	k := strings.Index(strings.ToLower(v), "url=")
	if k <= 0 || v[0] < '0' || v[0] > '9' || strings.TrimLeft(v[:k], "0123456789.; \t") != "" {
		return v
	}
	k += len("url=")
	return v[:k] + l.link(v[k:])
}

// attrValue finds the value that starts at page[i]: quoted or not. It
// returns the value's bounds and the offset after it (and its quote).
func attrValue(page []byte, i int) (start, end, next int) {
	if i < len(page) && (page[i] == '"' || page[i] == '\'') {
		q := page[i]
		k := bytes.IndexByte(page[i+1:], q)
		if k < 0 {
			return i + 1, len(page), len(page)
		}
		return i + 1, i + 1 + k, i + 2 + k
	}
	k := i
	for k < len(page) && !isSpace(page[k]) && page[k] != '>' {
		k++
	}
	return i, k, k
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// eqFold is bytes.EqualFold against a lower-case ASCII word, without
// making a string of b.
func eqFold(b []byte, word string) bool {
	if len(b) != len(word) {
		return false
	}
	for i := range b {
		if b[i]|0x20 != word[i] {
			return false
		}
	}
	return true
}

// indexFold is bytes.Index, ignoring ASCII case.
func indexFold(s, sep []byte) int {
	for i := 0; i+len(sep) <= len(s); i++ {
		if bytes.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}

// bodyMarker stands for a page's body while its template runs, when the
// body needs no rewrite (plainBody): the linker skips comments, so the
// page around it is rewritten as it would be with the body in place.
const bodyMarker = "<!--pipedocs:body-->"

// plainBody reports whether the rendered body of a holds no URL the
// linker would change: every Markdown link and image of it is external
// or a fragment, no shortcode wrote into it, and no raw HTML could hold
// a link (unsafe off). Headings' anchors and footnotes link to
// fragments only.
func plainBody(a *Article, unsafe bool) bool {
	if unsafe || a.shortcodes != nil {
		return false
	}
	for _, l := range a.links {
		if d := l.Href; d != "" && d[0] != '#' && !strings.HasPrefix(d, "//") && !hasScheme(d) {
			return false
		}
	}
	return true
}

// rewriteAround rewrites page, in which content stands for body: when
// content is bodyMarker, found once, page is rewritten around it and body
// put in its place as it is; otherwise content is the body itself and the
// whole page is rewritten. ok is false when the marker is not found
// exactly once (a template that cut or repeated the body).
func (l linker) rewriteAround(page []byte, content, body string) (b []byte, ok bool) {
	if content != bodyMarker {
		return l.rewrite(page), true
	}
	i := bytes.Index(page, []byte(bodyMarker))
	if i < 0 || bytes.Count(page[i+len(bodyMarker):], []byte(bodyMarker)) > 0 {
		return nil, false
	}
	head := l.rewrite(page[:i])
	tail := l.rewrite(page[i+len(bodyMarker):])
	out := make([]byte, 0, len(head)+len(body)+len(tail))
	out = append(out, head...)
	out = append(out, body...)
	return append(out, tail...), true
}
