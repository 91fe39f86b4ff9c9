package content

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/page"
)

func sortDirs(dirs []string) { slices.Sort(dirs) }

// output returns the output file of the regular page p, whose folder
// below content/ is dir and whose name (its file's, or its bundle's) is
// name; with the front matter value that decided it, or a message saying
// why it cannot be published.
func (b *builder) output(p *page.Page, dir, name string) (file, value, msg string) {
	if u := p.Meta.URL; u != "" {
		f, ok := urlFile(u)
		if !ok {
			return "", u, fmt.Sprintf("url %q would be written outside the site's folder", u)
		}
		return f, u, ""
	}
	top, _, _ := strings.Cut(rel(p.Path), "/")
	if pattern, ok := b.o.Permalinks[top]; ok && top != rel(p.Path) {
		u := b.permalink(pattern, p, dir, name)
		f, ok := urlFile(u)
		if !ok {
			return "", "", fmt.Sprintf("permalink %q for section %q gives %q, which would be written outside the site's folder", pattern, top, u)
		}
		return f, "", ""
	}
	if s := p.Meta.Slug; s != "" {
		name, value = s, s
	}
	out := b.sanitize(join(dir, name))
	if !cleanPath(out) {
		return "", value, fmt.Sprintf("slug %q would be written outside the site's folder", value)
	}
	return out + "/index.html", value, ""
}

// urlFile turns a url from front matter, taken from the site root as in
// Hugo ("/a/b/", "a/b", "/a.html"), into the file it names, or reports
// false when it climbs out of the site or holds what a path cannot.
func urlFile(u string) (string, bool) {
	if strings.ContainsAny(u, "?#\\\x00") || strings.Contains(u, "://") {
		return "", false
	}
	p := strings.Trim(u, "/")
	if p == "" {
		return "index.html", true
	}
	if !cleanPath(p) {
		return "", false
	}
	if path.Ext(p) != "" && !strings.HasSuffix(u, "/") {
		return p, true // as Hugo: a url with an extension names the file
	}
	return p + "/index.html", true
}

// cleanPath reports whether p is a site-relative path that names no
// folder above the site: no empty, "." or ".." part.
func cleanPath(p string) bool {
	if p == "" {
		return false
	}
	for _, s := range strings.Split(p, "/") {
		if s == "" || s == "." || s == ".." {
			return false
		}
	}
	return true
}

// sanitize makes a path below content/ a URL path as Hugo's MakePath
// does, part by part, lower-cased unless the site says otherwise.
func (b *builder) sanitize(p string) string {
	s := makePath(p)
	if !b.o.DisablePathToLower {
		s = strings.ToLower(s)
	}
	return s
}

// makePath is Hugo's UnicodeSanitize: letters, digits and marks are kept,
// as are '.', '/', '_', '-', '+', '~', '@' and '%' before two hex digits;
// a run of spaces (or of '-' after something dropped) becomes one '-';
// everything else is dropped. Unlike Hugo it drops '\\' and '#', which
// would not stay in a path.
func makePath(s string) string {
	src := []rune(s)
	var b strings.Builder
	hyphen := false
	for i, r := range src {
		ok := strings.ContainsRune("./_+~-@", r) || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
			r == '%' && i+2 < len(src) && isHex(src[i+1]) && isHex(src[i+2])
		switch {
		case ok:
			if hyphen {
				b.WriteByte('-')
				hyphen = false
			}
			b.WriteRune(r)
		case b.Len() > 0 && unicode.IsSpace(r):
			hyphen = true
		}
	}
	return b.String()
}

func isHex(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F'
}

// permalink expands Hugo's permalink pattern for p: :year, :month,
// :monthname, :day, :weekday, :weekdayname, :yearday, :section,
// :sections, :title, :slug (the slug, else the title), :slugorfilename,
// :filename. An unknown token is kept as written.
func (b *builder) permalink(pattern string, p *page.Page, dir, name string) string {
	d := p.Meta.Date
	title := p.Meta.Title
	slug := p.Meta.Slug
	tokens := map[string]func() string{
		"year":           func() string { return strconv.Itoa(d.Year()) },
		"month":          func() string { return fmt.Sprintf("%02d", int(d.Month())) },
		"monthname":      func() string { return strings.ToLower(d.Month().String()) },
		"day":            func() string { return fmt.Sprintf("%02d", d.Day()) },
		"weekday":        func() string { return strconv.Itoa(int(d.Weekday())) },
		"weekdayname":    func() string { return strings.ToLower(d.Weekday().String()) },
		"yearday":        func() string { return strconv.Itoa(d.YearDay()) },
		"section":        func() string { top, _, _ := strings.Cut(dir, "/"); return b.sanitize(top) },
		"sections":       func() string { return b.sanitize(dir) },
		"title":          func() string { return b.sanitize(title) },
		"slug":           func() string { return b.sanitize(orTitle(slug, title, name)) },
		"slugorfilename": func() string { return b.sanitize(orTitle(slug, name, name)) },
		"filename":       func() string { return b.sanitize(name) },
	}
	var out strings.Builder
	for i := 0; i < len(pattern); {
		if pattern[i] != ':' {
			out.WriteByte(pattern[i])
			i++
			continue
		}
		j := i + 1
		for j < len(pattern) && (pattern[j] >= 'a' && pattern[j] <= 'z') {
			j++
		}
		if f, ok := tokens[pattern[i+1:j]]; ok {
			out.WriteString(f())
		} else {
			out.WriteString(pattern[i:j])
		}
		i = j
	}
	return out.String()
}

func orTitle(slug, title, name string) string {
	switch {
	case slug != "":
		return slug
	case title != "":
		return title
	}
	return name
}

// At reports a problem with a front matter value of p at the line where
// the value is written, or against the whole file when it cannot be
// found: decoded values carry no positions.
func At(p *page.Page, value, format string, args ...any) diag.Diagnostic {
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
