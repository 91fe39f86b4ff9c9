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
	src      *source // nil when applying a cascade (problems go to plain)
	errs     diag.List
	plain    []string // problems when src is nil, "key: message"
	title    entry    // the title key, when hasTitle
	hasTitle bool
	slugAt   int  // offset of the slug's value, 0 when not set
	cascade  bool // filling in what a page left unset (ApplyCascade)
}

// errorf reports a problem with e's value, at the value.
func (d *fields) errorf(e entry, format string, args ...any) {
	msg := e.in + e.key + ": " + fmt.Sprintf(format, args...)
	if d.src == nil {
		d.plain = append(d.plain, msg)
		return
	}
	d.errs = append(d.errs, d.src.errorf(e.valAt, "%s", msg))
}

// warnf reports a problem with e's value that stops nothing. A cascade's
// warnings were given where the cascade is written.
func (d *fields) warnf(e entry, format string, args ...any) {
	if d.src != nil {
		d.errs = append(d.errs, d.src.lines.Warn(d.src.path, e.valAt, "%s%s: %s", e.in, e.key, fmt.Sprintf(format, args...)))
	}
}

// frontMatter decodes the entries of a page's own front matter.
func (d *fields) frontMatter(entries []entry) FrontMatter {
	fm := FrontMatter{Build: DefaultBuild}
	d.apply(&fm, entries)
	return fm
}

// canonical maps Hugo's other names of a key to the one it decodes as.
var canonical = map[string]string{
	"pubdate":       "publishdate",
	"published":     "publishdate",
	"unpublishdate": "expirydate",
	"modified":      "lastmod",
	"_build":        "build",
	"menus":         "menu",
}

// apply decodes entries into fm. Keys match case-insensitively, as in
// Hugo; each key decoded is recorded in fm.own.
func (d *fields) apply(fm *FrontMatter, entries []entry) {
	var extra map[string]any // a Hugo "params" table, merged last
	seen := make(map[string]entry, len(entries))
	if fm.own == nil {
		fm.own = make(map[string]bool, len(entries))
	}
	for _, e := range entries {
		name := strings.ToLower(e.key)
		if c, ok := canonical[name]; ok {
			name = c
		}
		if prev, dup := seen[name]; dup {
			if d.src == nil {
				d.plain = append(d.plain, fmt.Sprintf("%s: key set twice (also as %q)", e.key, prev.key))
			} else {
				d.errs = append(d.errs, d.src.errorf(e.keyAt, "%s: key set twice (also as %q on line %d)", e.key, prev.key, d.src.lines.Line(prev.keyAt)))
			}
			continue
		}
		seen[name] = e
		if name == "title" {
			d.title, d.hasTitle = e, true
		}
		if e.value == nil && isKnown(name) { // YAML "draft:" with nothing after it
			continue
		}
		if name == "params" {
			// Hugo 0.123+ lets front matter group custom keys in a
			// params table; they reach templates as the others do.
			if m, ok := e.value.(map[string]any); ok {
				extra = m
				continue
			}
		}
		fm.own[name] = true
		if !d.known(fm, name, e) {
			if fm.Params == nil {
				fm.Params = make(map[string]any)
			}
			if _, set := fm.Params[name]; !set || !d.cascade {
				fm.Params[name] = e.value
			}
		}
	}
	if len(extra) > 0 && fm.Params == nil {
		fm.Params = make(map[string]any, len(extra))
	}
	for k, v := range extra {
		if _, set := fm.Params[k]; !set || !d.cascade {
			fm.Params[k] = v
		}
	}
}

// known decodes the value of a key of SPEC §2 into fm, reporting false for
// any other key.
func (d *fields) known(fm *FrontMatter, name string, e entry) bool {
	switch name {
	case "title":
		fm.Title = d.str(e)
	case "linktitle":
		fm.LinkTitle = d.str(e)
	case "description":
		fm.Description = d.str(e)
	case "summary":
		fm.Summary = d.str(e)
	case "date":
		fm.Date = d.date(e)
	case "lastmod":
		fm.Lastmod = d.date(e)
	case "publishdate":
		fm.PublishDate = d.date(e)
	case "expirydate":
		fm.ExpiryDate = d.date(e)
	case "draft":
		fm.Draft = d.bool(e)
	case "headless":
		fm.Headless = d.bool(e)
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
	case "url":
		fm.URL = d.str(e)
	case "aliases":
		fm.Aliases = d.aliases(e)
	case "build":
		fm.Build = d.build(e)
	case "cascade":
		fm.Cascade = d.cascades(e)
	case "menu":
		fm.Menus = d.menus(e)
	default:
		return false
	}
	return true
}

func isKnown(name string) bool {
	switch name {
	case "title", "linktitle", "description", "summary", "date", "lastmod",
		"publishdate", "expirydate", "draft", "headless", "categories",
		"tags", "authors", "weight", "slug", "url", "aliases", "build",
		"cascade", "menu":
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

// date accepts a TOML or YAML date, or a string in any layout Hugo reads
// (dateLayouts); a TOML local date or date-time, like a string without a
// zone, is UTC. A string in no known layout is a warning and leaves the
// date unset, as Hugo leaves it (silently).
func (d *fields) date(e entry) time.Time {
	switch v := e.value.(type) {
	case time.Time:
		if isTimeOfDay(v) {
			d.errorf(e, "want a date, got a time of day")
			return time.Time{}
		}
		return v
	case string:
		if t, ok := parseDate(v); ok {
			return t
		}
		d.warnf(e, "%q is in no date layout Hugo reads (such as 2006-01-02, 2006-01-02T15:04:05Z07:00 or 02 Jan 2006); it is left unset, as Hugo leaves it", v)
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

// terms reads categories and tags as TermValues does: each term names a
// folder of the site (categories/<term>/).
func (d *fields) terms(e entry) []string {
	list, problems := TermValues(e.value)
	for _, msg := range problems {
		d.errorf(e, "%s", msg)
	}
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
