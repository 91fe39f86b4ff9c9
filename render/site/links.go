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
type linker struct {
	from []string // the escaped segments of the page's folder; none for the site root
	abs  *base    // not nil: join site URLs to the base URL (404.html)
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
// text of <script> and <style>, which may hold anything.
func (l linker) rewrite(page []byte) []byte {
	out := make([]byte, 0, len(page)+len(page)/16)
	i := 0
	for {
		j := bytes.IndexByte(page[i:], '<')
		if j < 0 {
			return append(out, page[i:]...)
		}
		j += i
		out = append(out, page[i:j]...)
		i = l.tag(page, j, &out)
	}
}

// tag copies the markup that starts at page[i] == '<' into out, rewritten,
// and returns where it ends.
func (l linker) tag(page []byte, i int, out *[]byte) int {
	rest := page[i:]
	end := func(marker string) int {
		k := bytes.Index(rest, []byte(marker))
		if k < 0 {
			*out = append(*out, rest...)
			return len(page)
		}
		k += len(marker)
		*out = append(*out, rest[:k]...)
		return i + k
	}
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		return end("-->")
	case len(rest) < 2 || !isLetter(rest[1]):
		if len(rest) > 1 && (rest[1] == '/' || rest[1] == '!' || rest[1] == '?') {
			return end(">")
		}
		*out = append(*out, '<')
		return i + 1
	}
	n := 1
	for n < len(rest) && (isLetter(rest[n]) || '0' <= rest[n] && rest[n] <= '9') {
		n++
	}
	name := strings.ToLower(string(rest[1:n]))
	*out = append(*out, rest[:n]...)
	k := l.attrs(name, page, i+n, out)
	if name == "script" || name == "style" {
		// Raw text up to the closing tag, copied as it is.
		closing := []byte("</" + name)
		m := indexFold(page[k:], closing)
		if m < 0 {
			*out = append(*out, page[k:]...)
			return len(page)
		}
		*out = append(*out, page[k:k+m]...)
		return k + m
	}
	return k
}

// attrs copies the attributes of a start tag named name, from page[i] to
// the tag's '>', rewriting the URL ones, and returns the offset after '>'.
func (l linker) attrs(name string, page []byte, i int, out *[]byte) int {
	for i < len(page) {
		c := page[i]
		switch {
		case c == '>':
			*out = append(*out, c)
			return i + 1
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/':
			*out = append(*out, c)
			i++
			continue
		}
		start := i
		for i < len(page) && !strings.ContainsRune(" \t\n\r\f/>=", rune(page[i])) {
			i++
		}
		attr := strings.ToLower(string(page[start:i]))
		*out = append(*out, page[start:i]...)
		if i >= len(page) || page[i] != '=' {
			continue
		}
		*out = append(*out, '=')
		i++
		vstart, vend, next := attrValue(page, i)
		*out = append(*out, page[i:vstart]...) // the opening quote, if any
		v := string(page[vstart:vend])
		switch {
		case attr == "href" || attr == "src" || attr == "poster":
			v = l.link(v)
		case name == "meta" && attr == "content":
			v = l.refresh(v)
		}
		*out = append(*out, v...)
		*out = append(*out, page[vend:next]...) // the closing quote, if any
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
	for k < len(page) && !strings.ContainsRune(" \t\n\r\f>", rune(page[k])) {
		k++
	}
	return i, k, k
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// indexFold is bytes.Index, ignoring ASCII case.
func indexFold(s, sep []byte) int {
	for i := 0; i+len(sep) <= len(s); i++ {
		if bytes.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}
