package page

import (
	"cmp"
	"maps"
	"slices"
	"strings"
)

// Build is Hugo's build options of a page (front matter "build", or
// "_build" as Hugo 0.111 spells it), with Hugo's values.
type Build struct {
	Render           string // "always", "never" (no page of its own) or "link" (no page, but a link and a permalink)
	List             string // "always", "never" (in no listing) or "local" (only in its own section's listing)
	PublishResources bool   // copy the bundle's resources to the output
}

// Hugo's values of Build.Render and Build.List.
const (
	BuildAlways = "always"
	BuildNever  = "never"
	BuildLink   = "link"
	BuildLocal  = "local"
)

// DefaultBuild is a page's Build when front matter does not set it.
var DefaultBuild = Build{Render: BuildAlways, List: BuildAlways, PublishResources: true}

// A Cascade is one entry of a section's cascade: front matter values its
// descendants take when they do not set those keys themselves (SPEC §2).
type Cascade struct {
	Values map[string]any    // the keys to hand down, lower-cased, as decoded (normalised)
	Target map[string]string // Hugo's _target (or target): path, kind, lang, environment, as written; nil for every descendant
	At     int               // offset in Src of the cascade key, for messages
}

// A MenuEntry is a page's entry in one menu, from its "menu" (or "menus")
// front matter. Name, Identifier, Parent and URL are "" and Weight 0 when
// not set: the page's title, its path and its own weight are Hugo's
// defaults, which the site fills in.
type MenuEntry struct {
	Menu, Name, Identifier, Parent, URL string
	Weight                              int
}

// build decodes Hugo's build options. Render and list also take Hugo's
// older booleans: true is "always", false "never".
func (d *fields) build(e entry) Build {
	b := DefaultBuild
	t, ok := e.value.(map[string]any)
	if !ok {
		d.errorf(e, "want a table (render, list, publishResources), got %s", describe(e.value))
		return b
	}
	for _, k := range slices.Sorted(maps.Keys(t)) {
		v, sub := t[k], e.child(k, t[k])
		switch k {
		case "render":
			b.Render = d.buildValue(sub, v, BuildAlways, BuildNever, BuildLink)
		case "list":
			b.List = d.buildValue(sub, v, BuildAlways, BuildNever, BuildLocal)
		case "publishresources":
			b.PublishResources = d.bool(sub)
		default:
			d.errorf(sub, "unknown build option; want render, list or publishResources")
		}
	}
	return b
}

func (d *fields) buildValue(e entry, v any, values ...string) string {
	switch v := v.(type) {
	case bool:
		if v {
			return BuildAlways
		}
		return BuildNever
	case string:
		if slices.Contains(values, strings.ToLower(v)) {
			return strings.ToLower(v)
		}
	}
	d.errorf(e, "want %q, %q or %q, got %s", values[0], values[1], values[2], quoteValue(v))
	return BuildAlways
}

// cascades decodes a cascade: one table, or a list of them, each with an
// optional _target (Hugo 0.111) or target (later Hugo). The values are
// decoded once here, as the page's own would be, so that a mistake in them
// is reported where it is written rather than at every descendant.
func (d *fields) cascades(e entry) []Cascade {
	var list []any
	switch v := e.value.(type) {
	case map[string]any:
		list = []any{v}
	case []any:
		list = v
	default:
		d.errorf(e, "want a table or a list of tables, got %s", describe(e.value))
		return nil
	}
	out := make([]Cascade, 0, len(list))
	for i, x := range list {
		t, ok := x.(map[string]any)
		if !ok {
			d.errorf(e, "item %d: want a table, got %s", i+1, describe(x))
			continue
		}
		c := Cascade{Values: make(map[string]any, len(t)), At: e.keyAt}
		for k, v := range t {
			if k != "_target" && k != "target" {
				c.Values[k] = v
				continue
			}
			c.Target = d.target(e.child(k, v))
		}
		var scratch FrontMatter
		sub := fields{src: d.src}
		sub.apply(&scratch, cascadeEntries(c.Values, e, nil))
		d.errs = append(d.errs, sub.errs...)
		out = append(out, c)
	}
	return out
}

func (d *fields) target(e entry) map[string]string {
	t, ok := e.value.(map[string]any)
	if !ok {
		d.errorf(e, "want a table (path, kind, lang, environment), got %s", describe(e.value))
		return nil
	}
	out := make(map[string]string, len(t))
	for k, v := range t {
		s, ok := v.(string)
		if !ok {
			d.errorf(e.child(k, v), "want a string, got %s", describe(v))
			continue
		}
		out[k] = s
	}
	return out
}

// cascadeEntries turns cascade values into entries placed at the cascade
// key, sorted by name, leaving out those own says are set and a nested
// cascade (the ancestor's reaches every descendant already).
func cascadeEntries(values map[string]any, at entry, own map[string]bool) []entry {
	entries := make([]entry, 0, len(values))
	for _, k := range slices.Sorted(maps.Keys(values)) {
		name := cmp.Or(canonical[k], k)
		if name == "cascade" || own[name] {
			continue
		}
		entries = append(entries, entry{key: k, in: at.key + ".", value: values[k], keyAt: at.keyAt, valAt: at.valAt})
	}
	return entries
}

// menus decodes Hugo's three forms of a page's menus: one menu's name,
// a list of names, or a table of menu names to entry settings.
func (d *fields) menus(e entry) []MenuEntry {
	switch v := e.value.(type) {
	case string:
		return []MenuEntry{{Menu: v}}
	case []any:
		names := d.list(e)
		out := make([]MenuEntry, len(names))
		for i, n := range names {
			out[i] = MenuEntry{Menu: n}
		}
		return out
	case map[string]any:
		out := make([]MenuEntry, 0, len(v))
		for _, name := range slices.Sorted(maps.Keys(v)) {
			out = append(out, d.menuEntry(e.child(name, v[name]), name))
		}
		return out
	}
	d.errorf(e, "want a menu name, a list of them or a table of menus, got %s", describe(e.value))
	return nil
}

func (d *fields) menuEntry(e entry, menu string) MenuEntry {
	m := MenuEntry{Menu: menu}
	if e.value == nil { // "menu: {main: }" in YAML
		return m
	}
	t, ok := e.value.(map[string]any)
	if !ok {
		d.errorf(e, "want a table (name, weight, parent, identifier), got %s", describe(e.value))
		return m
	}
	for _, k := range slices.Sorted(maps.Keys(t)) {
		sub := e.child(k, t[k])
		switch k {
		case "name":
			m.Name = d.str(sub)
		case "identifier":
			m.Identifier = d.str(sub)
		case "parent":
			m.Parent = d.str(sub)
		case "url":
			m.URL = d.str(sub)
		case "weight":
			m.Weight = d.int(sub)
		case "pre", "post", "title", "params":
			// Hugo's, for its templates; the built-in theme has no use for them.
		default:
			d.errorf(sub, "unknown menu setting; want name, weight, parent or identifier")
		}
	}
	return m
}

// child is the entry of key k inside e's table, placed at e for messages.
func (e entry) child(k string, v any) entry {
	return entry{key: e.key + "." + k, in: e.in, value: v, keyAt: e.keyAt, valAt: e.valAt}
}
