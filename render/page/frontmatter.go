package page

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/pipedocs/pipedocs/render/diag"
)

// A fields decoder gives the entries of one front matter their meaning,
// collecting a diagnostic for every value of the wrong shape.
type fields struct {
	src      *source
	errs     diag.List
	title    entry // the title key, when hasTitle
	hasTitle bool
	slugAt   int // offset of the slug's value, 0 when not set
}

// errorf reports a problem with e's value, at the value.
func (d *fields) errorf(e entry, format string, args ...any) {
	d.errs = append(d.errs, d.src.errorf(e.valAt, "%s: %s", e.key, fmt.Sprintf(format, args...)))
}

// frontMatter decodes entries. Keys match case-insensitively, as in Hugo.
func (d *fields) frontMatter(entries []entry) FrontMatter {
	var fm FrontMatter
	var extra map[string]any // a Hugo "params" table, merged last
	seen := make(map[string]entry, len(entries))
	for _, e := range entries {
		name := strings.ToLower(e.key)
		if prev, dup := seen[name]; dup {
			d.errs = append(d.errs, d.src.errorf(e.keyAt, "%s: key set twice (also as %q on line %d)", e.key, prev.key, d.src.lines.Line(prev.keyAt)))
			continue
		}
		seen[name] = e
		if name == "title" {
			d.title, d.hasTitle = e, true
		}
		if e.value == nil && isKnown(name) { // YAML "draft:" with nothing after it
			continue
		}
		switch name {
		case "title":
			fm.Title = d.str(e)
		case "description":
			fm.Description = d.str(e)
		case "summary":
			fm.Summary = d.str(e)
		case "date":
			fm.Date = d.date(e)
		case "lastmod":
			fm.Lastmod = d.date(e)
		case "draft":
			fm.Draft = d.bool(e)
		case "categories":
			fm.Categories = d.terms(e)
		case "tags":
			fm.Tags = d.terms(e)
		case "authors":
			fm.Authors = d.list(e)
		case "weight":
			fm.Weight = d.int(e)
		case "slug":
			fm.Slug = d.slug(e)
			d.slugAt = e.valAt
		case "aliases":
			fm.Aliases = d.aliases(e)
		case "params":
			// Hugo 0.123+ lets front matter group custom keys in a
			// params table; they reach templates as the others do.
			if m, ok := e.value.(map[string]any); ok {
				extra = m
				continue
			}
			fallthrough
		default:
			if fm.Params == nil {
				fm.Params = make(map[string]any)
			}
			fm.Params[name] = e.value
		}
	}
	if len(extra) > 0 && fm.Params == nil {
		fm.Params = make(map[string]any, len(extra))
	}
	for k, v := range extra {
		fm.Params[k] = v
	}
	return fm
}

func isKnown(name string) bool {
	switch name {
	case "title", "description", "summary", "date", "lastmod", "draft",
		"categories", "tags", "authors", "weight", "slug", "aliases":
		return true
	}
	return false
}

func (d *fields) str(e entry) string {
	s, ok := e.value.(string)
	if !ok {
		d.errorf(e, "want a string, got %s", describe(e.value))
	}
	return s
}

func (d *fields) bool(e entry) bool {
	b, ok := e.value.(bool)
	if !ok {
		d.errorf(e, "want true or false, got %s", describe(e.value))
	}
	return b
}

func (d *fields) int(e entry) int {
	n, ok := e.value.(int64)
	if !ok {
		d.errorf(e, "want an integer, got %s", describe(e.value))
	}
	return int(n)
}

// date accepts a TOML or YAML date, or a string in one of the two formats
// of SPEC §2 or, like a TOML local date-time, without a zone (then UTC),
// as Hugo does.
func (d *fields) date(e entry) time.Time {
	switch v := e.value.(type) {
	case time.Time:
		if isTimeOfDay(v) {
			d.errorf(e, "want a date, got a time of day")
			return time.Time{}
		}
		return v
	case string:
		for _, layout := range []string{time.RFC3339Nano, time.DateOnly, "2006-01-02T15:04:05.999999999"} {
			if t, err := time.Parse(layout, v); err == nil {
				return t
			}
		}
		d.errorf(e, "invalid date %q: want RFC 3339 (2006-01-02T15:04:05Z07:00) or YYYY-MM-DD", v)
	default:
		d.errorf(e, "want a date, got %s", describe(v))
	}
	return time.Time{}
}

// list accepts a list of strings or, as Hugo does, a single string.
func (d *fields) list(e entry) []string {
	switch v := e.value.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for i, x := range v {
			s, ok := x.(string)
			if !ok {
				d.errorf(e, "item %d: want a string, got %s", i+1, describe(x))
				continue
			}
			out = append(out, s)
		}
		return out
	}
	d.errorf(e, "want a list of strings, got %s", describe(e.value))
	return nil
}

// slug must stay one URL segment: it names the article's own folder.
func (d *fields) slug(e entry) string {
	s := d.str(e)
	switch {
	case s == "." || strings.ContainsAny(s, `/\`) || strings.Contains(s, ".."):
		d.errorf(e, "%q must be a single URL segment, without \"/\" or \"..\"", s)
	case strings.ContainsFunc(s, unicode.IsControl):
		d.errorf(e, "%q contains a control character", s)
	case tooLong(s):
		d.errorf(e, "%s is %d bytes long; %s", brief(s), len(s), folderLimit)
	default:
		return s
	}
	return ""
}

// terms is list for categories and tags: each term names a folder of the
// site (categories/<term>/).
func (d *fields) terms(e entry) []string {
	list := d.list(e)
	out := list[:0]
	for _, t := range list {
		if tooLong(t) {
			d.errorf(e, "%s is %d bytes long; %s", brief(t), len(t), folderLimit)
			continue
		}
		out = append(out, t)
	}
	return out
}

// aliases must be paths on this site: a redirect page is written at each.
func (d *fields) aliases(e entry) []string {
	list := d.list(e)
	out := list[:0]
	for _, a := range list {
		switch long := slices.IndexFunc(strings.Split(a, "/"), tooLong); {
		case strings.ContainsFunc(a, unicode.IsControl):
			d.errorf(e, "%q contains a control character", a)
		case !isSitePath(a):
			d.errorf(e, "%q is not a path on this site", a)
		case long >= 0:
			d.errorf(e, "%s has a part of %d bytes; %s", brief(a), len(strings.Split(a, "/")[long]), folderLimit)
		default:
			out = append(out, a)
		}
	}
	return out
}

// maxName is the longest file name Linux and macOS allow, in bytes.
const maxName = 255

const folderLimit = "it names a folder, and a file name has at most 255 bytes"

// tooLong reports whether s, lower-cased as URLs are, is too long to name
// a folder of the published site.
func tooLong(s string) bool { return len(s) > maxName || len(strings.ToLower(s)) > maxName }

// brief quotes the start of a long value for a message.
func brief(s string) string {
	const n = 20
	if utf8.RuneCountInString(s) <= n {
		return strconv.Quote(s)
	}
	i := 0
	for range n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return strconv.Quote(s[:i]) + "…"
}

// isSitePath reports whether a names a place inside the site: no scheme or
// host, no query or fragment, and no ".." that could climb out of it.
func isSitePath(a string) bool {
	if strings.TrimSpace(a) == "" || strings.ContainsAny(a, "\\?#") {
		return false
	}
	u, err := url.Parse(a)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return false
	}
	for seg := range strings.SplitSeq(u.Path, "/") {
		if seg == ".." {
			return false
		}
	}
	return true
}
