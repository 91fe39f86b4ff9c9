package site

import (
	"net/url"
	"strings"
	"unicode"
)

// Every URL the index computes is a site URL: a path from the site's own
// root, escaped, starting with '/': "/", "/pipes/basics/", "/index.xml".
// It says nothing of where the site is published. Render alone turns site
// URLs into what a page holds (see links.go): a link relative to the page,
// or, where a file is read away from the site, an absolute URL under the
// base URL. So the base URL is joined at render time only, and serve
// renders the same parsed site at its own address.

// dirURL returns the site URL of the page written to dir/index.html; dir
// is site-relative and slash-separated, "" for the home page.
func dirURL(dir string) string {
	if dir == "" {
		return "/"
	}
	return "/" + escapePath(dir) + "/"
}

// fileURL returns the site URL of a site-relative file such as "index.xml".
func fileURL(name string) string { return "/" + escapePath(name) }

// menuURL resolves a URL written by a user in the config (a menu entry):
// an absolute URL or a fragment is kept, a path is taken from the site's
// root, so "/about/" and "about/" both mean the about page wherever the
// site is published.
func menuURL(s string) string {
	if pu, err := url.Parse(s); err == nil && (pu.Scheme != "" || pu.Host != "") {
		return s
	}
	if strings.HasPrefix(s, "#") {
		return s
	}
	return "/" + strings.TrimPrefix(s, "/")
}

// A base is where a site is published: the config's baseURL, split.
type base struct {
	path string // "/" or "/docs/": always starts and ends with '/'
	url  string // "https://example.org/docs/", or path when the config has no host
}

func newBase(baseURL string) base {
	u, err := url.Parse(baseURL)
	if err != nil || baseURL == "" {
		return base{path: "/", url: "/"}
	}
	p := u.EscapedPath()
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	u.Path, u.RawPath, u.RawQuery, u.Fragment = "", "", "", ""
	abs := strings.TrimSuffix(u.String(), "/") + p
	return base{path: p, url: abs}
}

// abs turns a site URL into an absolute one under the base URL.
func (b base) abs(siteURL string) string {
	return b.url + strings.TrimPrefix(siteURL, "/")
}

// escapePath escapes each segment of p. A '+' (a term "C++") is escaped
// too, though a path may hold it: html/template writes it in an href as
// "&#43;", which the links of a page (links.go) are not read through.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.PathEscape(s), "+", "%2B")
	}
	return strings.Join(segs, "/")
}

// urlize makes a taxonomy term a URL path, as Hugo 0.111's urlize does:
// letters (any script, lower-cased), digits and marks are kept, as are
// '.', '_', '-', '+', '~', '@', '#', '/' (which makes a folder: termKey)
// and '%' before two hex digits; each run of spaces becomes one '-'
// unless a '-' is beside it; everything else is dropped. Unlike Hugo it
// also drops '\\', which pipedocs allows in no output path. The written
// link escapes what a URL path cannot hold ("#" as %23), so the link
// reaches the folder Hugo writes.
func urlize(s string) string {
	var b strings.Builder
	pendingHyphen := false
	rs := []rune(strings.TrimSpace(s))
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
			strings.ContainsRune("._-+~@#/", r) ||
			r == '%' && i+2 < len(rs) && isHex(rs[i+1]) && isHex(rs[i+2]):
			if pendingHyphen && r != '-' {
				b.WriteByte('-')
			}
			pendingHyphen = false
			b.WriteString(strings.ToLower(string(r)))
		case unicode.IsSpace(r):
			pendingHyphen = b.Len() > 0 && !strings.HasSuffix(b.String(), "-")
		}
	}
	return b.String()
}

func isHex(r rune) bool {
	return '0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F'
}

// aliasFile returns the site-relative file that alias redirects from, or
// "" when the alias is not a path inside the site. As in Hugo, "/old/url/"
// is taken from the site root and "old" from the page's section; one
// ending in .html names that file, any other a directory.
func aliasFile(section, alias string) string {
	if strings.ContainsAny(alias, "?#\\\x00") {
		return ""
	}
	if !strings.HasPrefix(alias, "/") {
		alias = section + "/" + alias
	}
	var segs []string
	for _, s := range strings.Split(alias, "/") {
		switch s {
		case "", ".":
		case "..":
			if len(segs) == 0 {
				return "" // climbs out of the site
			}
			segs = segs[:len(segs)-1]
		default:
			segs = append(segs, s)
		}
	}
	if len(segs) == 0 {
		return ""
	}
	p := strings.Join(segs, "/")
	if strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".htm") {
		return p
	}
	return p + "/index.html"
}
