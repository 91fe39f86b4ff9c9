package site

import (
	"net/url"
	"strings"
	"unicode"
)

// urls turns site-relative paths into the two kinds of URL a site needs:
// root-relative ones under the base path, for links inside pages (they
// work wherever the site is served from, http:// or file:// aside), and
// absolute ones, for feeds, the sitemap and canonical links, which are
// read away from the site.
type urls struct {
	basePath string // "/" or "/docs/": always starts and ends with '/'
	baseURL  string // "https://example.org/docs/", or basePath when the config has no host
}

func newURLs(baseURL string) urls {
	u, err := url.Parse(baseURL)
	if err != nil || baseURL == "" {
		return urls{basePath: "/", baseURL: "/"}
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
	return urls{basePath: p, baseURL: abs}
}

// dir returns the URL of the page written to dir/index.html; dir is
// site-relative and slash-separated, "" for the home page.
func (u urls) dir(dir string) string {
	if dir == "" {
		return u.basePath
	}
	return u.basePath + escapePath(dir) + "/"
}

// file returns the URL of a site-relative file such as "index.xml".
func (u urls) file(name string) string { return u.basePath + escapePath(name) }

// abs makes a URL from dir or file absolute.
func (u urls) abs(rel string) string {
	return u.baseURL + strings.TrimPrefix(rel, u.basePath)
}

// link resolves a URL written by a user in the config (a menu entry): an
// absolute URL is kept, a path is taken as relative to the site's root, so
// "/about/" means the about page wherever the site is served from.
func (u urls) link(s string) string {
	if pu, err := url.Parse(s); err == nil && (pu.Scheme != "" || pu.Host != "") {
		return s
	}
	if strings.HasPrefix(s, "#") {
		return s
	}
	return u.basePath + strings.TrimPrefix(s, "/")
}

func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// urlize makes a taxonomy term safe as one URL path segment, as Hugo's
// urlize does: letters (any script, lower-cased), digits and marks are
// kept, as are '.', '_', '-', '+', '~' and '@'; each run of spaces becomes
// one '-'; everything else is dropped. Unlike Hugo it also drops '/', '\\'
// and '#', which would split the segment or end the path.
func urlize(s string) string {
	var b strings.Builder
	pendingHyphen := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
			strings.ContainsRune("._-+~@", r):
			if pendingHyphen && r != '-' {
				b.WriteByte('-')
			}
			pendingHyphen = false
			b.WriteString(strings.ToLower(string(r)))
		case unicode.IsSpace(r):
			pendingHyphen = b.Len() > 0 && !strings.HasSuffix(b.String(), "-")
		}
	}
	k := b.String()
	if k == "." || k == ".." {
		return "" // would name the directory itself or its parent
	}
	return k
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
