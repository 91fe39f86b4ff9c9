package config

import (
	"cmp"
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/internal/tomlkey"
)

// A decoder turns the generic TOML tree into a Config, collecting a
// diagnostic for each problem. Keys are paths as written in the file, so
// tomlkey can find them and messages quote the user's own spelling.
type decoder struct {
	path  string
	text  string
	lines *diag.LineIndex
	errs  diag.List

	defaults Config // what a key left out keeps

	// locate finds a key in the text; tomlkey's for a TOML file (nil).
	locate func(key []string) tomlkey.Span
	// hugo is set for a Hugo config: a key pipedocs does not use is
	// listed in ignored rather than reported.
	hugo    bool
	ignored []ignoredKey
}

// An ignoredKey is a key of a Hugo config pipedocs does not use.
type ignoredKey struct {
	name string // dotted, as written
	at   int    // offset of the key
}

func (d *decoder) find(key []string) tomlkey.Span {
	if d.locate != nil {
		return d.locate(key)
	}
	span, _ := tomlkey.Locate(d.text, key)
	return span
}

// errorf reports a problem with the value of key.
func (d *decoder) errorf(key []string, format string, args ...any) {
	d.report(d.find(key).Value, key, format, args...)
}

// keyErrorf reports a problem with key itself.
func (d *decoder) keyErrorf(key []string, format string, args ...any) {
	d.report(d.find(key).Key, key, format, args...)
}

func (d *decoder) report(off int, key []string, format string, args ...any) {
	d.errs = append(d.errs, d.lines.At(d.path, off, "%s: %s", strings.Join(key, "."), fmt.Sprintf(format, args...)))
}

func (d *decoder) unknown(key []string) {
	at := d.find(key).Key
	if d.hugo {
		d.ignored = append(d.ignored, ignoredKey{strings.Join(key, "."), at})
		return
	}
	d.errs = append(d.errs, d.lines.At(d.path, at, "unknown key %q", strings.Join(key, ".")))
}

// table calls f for each key of t in the order written, with the key's
// path and its name lower-cased for matching. Two spellings of one name are
// an error, as they would silently override each other.
func (d *decoder) table(prefix []string, t map[string]any, f func(key []string, name string, v any)) {
	at := make(map[string]int, len(t))
	for k := range t {
		at[k] = d.find(append(slices.Clip(prefix), k)).Key
	}
	keys := slices.Collect(maps.Keys(t))
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(at[a]-at[b], strings.Compare(a, b)) })
	seen := make(map[string]string, len(t))
	for _, k := range keys {
		key := append(slices.Clip(prefix), k)
		name := strings.ToLower(k)
		if prev, dup := seen[name]; dup {
			d.keyErrorf(key, "set twice (also as %q)", prev)
			continue
		}
		seen[name] = k
		f(key, name, t[k])
	}
}

func (d *decoder) config(raw map[string]any) Config {
	c := d.defaults
	d.table(nil, raw, func(key []string, name string, v any) {
		if d.hugo && !hugoKeys[name] {
			d.unknown(key)
			return
		}
		if d.hugo && name == "baseurl" && v == "" { // Hugo's default
			return
		}
		if d.hugoKey(&c, key, name, v) {
			return
		}
		switch name {
		case "title":
			c.Title = d.str(key, v)
		case "baseurl":
			c.BaseURL = d.baseURL(key, v)
		case "theme":
			c.Theme = d.theme(key, v)
		case "publishdir":
			c.PublishDir = d.publishDir(key, v)
		case "run":
			c.Run = d.run(key, v)
		case "brokenlinks":
			c.BrokenLinks = d.brokenLinks(key, v)
		case "timeout":
			c.Timeout = d.timeout(key, v)
		case "outputlimit":
			c.OutputLimit = d.size(key, v)
		case "jobs":
			if n, ok := d.int(key, v); ok && n < 0 {
				d.errorf(key, "want 0 (one per CPU) or more, got %d", n)
			} else {
				c.Jobs = n
			}
		case "unsafe":
			c.Unsafe = c.Unsafe || d.bool(key, v)
		case "languagecode":
			if s := d.str(key, v); s != "" {
				c.LanguageCode = s
			}
		case "runners":
			c.Runners = d.runners(key, v)
		case "markup":
			c.Unsafe = d.markup(key, v) || c.Unsafe
		case "redactions":
			c.Redactions = d.redactions(key, v)
		case "bin":
			c.Bin = d.bins(key, v)
		default:
			d.unknown(key)
		}
	})
	return c
}

func (d *decoder) str(key []string, v any) string {
	s, _ := d.string(key, v)
	return s
}

// string is str for values checked further: ok is false when the type
// was already reported.
func (d *decoder) string(key []string, v any) (s string, ok bool) {
	s, ok = v.(string)
	if !ok {
		d.errorf(key, "want a string, got %s", describe(v))
	}
	return s, ok
}

func (d *decoder) bool(key []string, v any) bool {
	b, ok := v.(bool)
	if !ok {
		d.errorf(key, "want true or false, got %s", describe(v))
	}
	return b
}

func (d *decoder) int(key []string, v any) (int, bool) {
	n, ok := v.(int64)
	if !ok {
		d.errorf(key, "want an integer, got %s", describe(v))
	}
	return int(n), ok
}

func (d *decoder) strings(key []string, v any) ([]string, bool) {
	list, ok := v.([]any)
	if !ok {
		d.errorf(key, "want a list of strings, got %s", describe(v))
		return nil, false
	}
	out := make([]string, 0, len(list))
	for i, x := range list {
		s, ok := x.(string)
		if !ok {
			d.errorf(key, "item %d: want a string, got %s", i+1, describe(x))
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

func (d *decoder) tableValue(key []string, v any) (map[string]any, bool) {
	t, ok := v.(map[string]any)
	if !ok {
		d.errorf(key, "want a table, got %s", describe(v))
	}
	return t, ok
}

// baseURL accepts an http(s) URL or a path from the host's root, and makes
// it end in "/" so that pages can be joined to it.
func (d *decoder) baseURL(key []string, v any) string {
	s, ok := v.(string)
	if !ok {
		d.errorf(key, "want a string, got %s", describe(v))
		return "/"
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		d.errorf(key, "invalid URL %q", s)
	case u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(s, "?#"):
		d.errorf(key, "%q must not have a query or a fragment", s)
	case u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/") && !strings.HasPrefix(s, "//"):
	case (u.Scheme == "http" || u.Scheme == "https") && u.Host != "":
	default:
		d.errorf(key, "%q must be an http(s) URL or a path starting with \"/\"", s)
	}
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s
}

func (d *decoder) theme(key []string, v any) string {
	s, ok := d.string(key, v)
	if !ok {
		return Default().Theme
	}
	if s == "" || s == "." || strings.ContainsAny(s, `/\`) || strings.Contains(s, "..") {
		d.errorf(key, "want the name of a folder in themes/, got %q", s)
	}
	return s
}

func (d *decoder) publishDir(key []string, v any) string {
	s, ok := d.string(key, v)
	if !ok {
		return Default().PublishDir
	}
	switch clean := path.Clean(strings.ReplaceAll(s, `\`, "/")); {
	case strings.TrimSpace(s) == "":
		d.errorf(key, "must not be empty")
	case clean == ".":
		// Publishing swaps the whole folder: it would replace the site.
		d.errorf(key, "%q is the site itself; name a folder inside it, such as \"public\"", s)
	case clean == "content" || clean == "themes":
		d.errorf(key, "%q holds the site's sources; name another folder, such as \"public\"", s)
	}
	return s
}

func (d *decoder) run(key []string, v any) string {
	s, ok := d.string(key, v)
	if !ok {
		return RunAuto
	}
	if s != RunAuto && s != RunOptIn && s != RunClaimed {
		d.errorf(key, "want %q, %q or %q, got %q", RunAuto, RunOptIn, RunClaimed, s)
		return RunAuto
	}
	return s
}

func (d *decoder) brokenLinks(key []string, v any) string {
	s, ok := d.string(key, v)
	if ok && s != BrokenLinksError && s != BrokenLinksWarn {
		d.errorf(key, "want %q or %q, got %q", BrokenLinksError, BrokenLinksWarn, s)
		ok = false
	}
	if !ok {
		return BrokenLinksError
	}
	return s
}

func (d *decoder) timeout(key []string, v any) time.Duration {
	s, ok := v.(string)
	if !ok {
		d.errorf(key, "want a duration such as \"10s\", got %s", describe(v))
		return 0
	}
	t, err := time.ParseDuration(s)
	switch {
	case err != nil:
		d.errorf(key, "invalid duration %q", s)
	case t <= 0:
		d.errorf(key, "must be more than zero, got %q", s)
	}
	return t
}

func (d *decoder) size(key []string, v any) int64 {
	var n int64
	switch v := v.(type) {
	case int64:
		n = v
	case string:
		var ok bool
		if n, ok = parseSize(v); !ok {
			d.errorf(key, "invalid size %q: want bytes or a size such as \"512KiB\", \"1MiB\", \"2MB\"", v)
			return 0
		}
	default:
		d.errorf(key, "want a size such as \"1MiB\" or a number of bytes, got %s", describe(v))
		return 0
	}
	if n <= 0 {
		d.errorf(key, "must be more than zero bytes, got %v", v)
	}
	return n
}

// runners decodes [runners.NAME] tables. Command and extension are both
// required: a runner is complete on its own, so what runs never depends on
// which built-in runner it happens to replace.
func (d *decoder) runners(key []string, v any) map[string]Runner {
	t, ok := d.tableValue(key, v)
	if !ok {
		return nil
	}
	out := make(map[string]Runner, len(t))
	for _, name := range slices.Sorted(maps.Keys(t)) {
		rkey := append(slices.Clip(key), name)
		rt, ok := t[name].(map[string]any)
		if !ok {
			d.errorf(rkey, "want a table with command and extension, got %s", describe(t[name]))
			continue
		}
		var r Runner
		d.table(rkey, rt, func(k []string, field string, v any) {
			switch field {
			case "command":
				r.Command = d.command(k, v)
			case "extension":
				r.Extension = d.extension(k, v)
			case "version":
				if list, ok := d.strings(k, v); ok && len(list) == 0 {
					d.errorf(k, "must not be empty; leave it out instead")
				} else {
					r.Version = list
				}
			default:
				d.unknown(k)
			}
		})
		if _, ok := rt["command"]; !ok {
			d.keyErrorf(rkey, "missing command, such as [\"python3\", \"{file}\"]")
		}
		if _, ok := rt["extension"]; !ok {
			d.keyErrorf(rkey, "missing extension, such as \".py\"")
		}
		out[name] = r
	}
	return out
}

func (d *decoder) command(key []string, v any) []string {
	argv, ok := d.strings(key, v)
	switch {
	case !ok:
	case len(argv) == 0:
		d.errorf(key, "must not be empty")
	case !slices.ContainsFunc(argv, func(a string) bool { return strings.Contains(a, "{file}") }):
		d.errorf(key, "must contain \"{file}\", where the snippet's file goes")
	}
	return argv
}

func (d *decoder) extension(key []string, v any) string {
	s, ok := d.string(key, v)
	if ok && (len(s) < 2 || s[0] != '.' || strings.ContainsAny(s[1:], `./\`)) {
		d.errorf(key, "want a file extension such as \".py\", got %q", s)
	}
	return s
}

// menu decodes a list of menu entries ([[menu]], [[menus.main]]), sorted
// by weight as Hugo's menus are.
func (d *decoder) menu(key []string, v any) []MenuEntry {
	list, ok := tables(v)
	if !ok {
		d.errorf(key, "want a list of tables ([[%s]] entries), got %s", strings.Join(key, "."), describe(v))
		return nil
	}
	out := make([]MenuEntry, 0, len(list))
	for i, t := range list {
		var e MenuEntry
		d.table(key, t, func(k []string, field string, v any) {
			switch field {
			case "name":
				e.Name = d.str(k, v)
			case "url":
				e.URL = d.str(k, v)
			case "weight":
				e.Weight, _ = d.int(k, v)
			case "identifier":
				e.Identifier = d.str(k, v)
			case "parent":
				e.Parent = d.str(k, v)
			case "pageref":
				e.PageRef = d.str(k, v)
			case "pre", "post", "title", "params":
				if !d.hugo { // Hugo's, for its templates
					d.unknown(k)
				}
			default:
				d.unknown(k)
			}
		})
		if e.PageRef == "" && (e.Name == "" && e.Identifier == "" || e.URL == "") {
			d.keyErrorf(key, "entry %d: want a name and a url (or a pageRef)", i+1)
		}
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b MenuEntry) int { return a.Weight - b.Weight })
	return out
}

// tables returns v as a list of tables, whether written as [[array]]
// entries or as an inline array of inline tables.
func tables(v any) ([]map[string]any, bool) {
	switch v := v.(type) {
	case []map[string]any:
		return v, true
	case []any:
		out := make([]map[string]any, len(v))
		for i, x := range v {
			t, ok := x.(map[string]any)
			if !ok {
				return nil, false
			}
			out[i] = t
		}
		return out, true
	}
	return nil, false
}

// markup accepts Hugo's markup.goldmark.renderer.unsafe and nothing else
// under markup, so a Hugo config that sets other options is told they have
// no effect here.
func (d *decoder) markup(key []string, v any) (unsafe bool) {
	path := []string{"goldmark", "renderer"}
	var walk func(key []string, v any, depth int)
	walk = func(key []string, v any, depth int) {
		t, ok := d.tableValue(key, v)
		if !ok {
			return
		}
		d.table(key, t, func(k []string, name string, v any) {
			switch {
			case depth < len(path) && name == path[depth]:
				walk(k, v, depth+1)
			case depth == len(path) && name == "unsafe":
				unsafe = d.bool(k, v)
			default:
				d.unknown(k)
			}
		})
	}
	walk(key, v, 0)
	return unsafe
}

// lowerKeys lower-cases the keys of every table in v, as Hugo does for
// params, so templates find .Site.Params.color whatever the spelling.
func lowerKeys(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[strings.ToLower(k)] = lowerKeys(x)
		}
		return out
	case []map[string]any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = lowerKeys(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = lowerKeys(x)
		}
		return out
	}
	return v
}

// describe names the type of a decoded TOML value for error messages.
func describe(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case time.Time:
		return "a date"
	case []any:
		return "a list"
	case []map[string]any:
		return "a list of tables"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a %T", v)
}
