package config

import (
	"cmp"
	"maps"
	"slices"
	"strings"
)

// hugoKeys are the keys of a Hugo config that pipedocs takes (SPEC §1.1);
// the others are listed once as ignored. Hugo's theme is not among them:
// a Hugo theme is no pipedocs theme.
var hugoKeys = map[string]bool{
	"title": true, "baseurl": true, "publishdir": true, "languagecode": true,
	"params": true, "taxonomies": true, "permalinks": true, "menu": true,
	"menus": true, "disablepathtolower": true, "defaultcontentlanguage": true,
	"markup": true, "disablekinds": true,
}

// hugoKey decodes the keys pipedocs.toml shares with a Hugo config that
// merge into what is already there, reporting false for the others.
func (d *decoder) hugoKey(c *Config, key []string, name string, v any) bool {
	switch name {
	case "params":
		if t, ok := d.tableValue(key, v); ok {
			c.Params = merge(c.Params, lowerKeys(t).(map[string]any))
		}
	case "taxonomies":
		c.Taxonomies = d.taxonomies(key, v)
	case "permalinks":
		if p := d.permalinks(key, v); p != nil {
			c.Permalinks = merge(c.Permalinks, p)
		}
	case "menu", "menus":
		if _, list := tables(v); list && name == "menu" { // pipedocs' [[menu]]
			c.Menus = merge(c.Menus, map[string][]MenuEntry{"main": d.menu(key, v)})
		} else if t, ok := v.(map[string]any); ok {
			c.Menus = merge(c.Menus, d.menus(key, t))
		} else {
			d.errorf(key, "want a list of tables ([[%s]] entries) or a table of menus ([[%s.main]]), got %s", key[0], key[0], describe(v))
		}
		c.Menu = themeMenu(c.Menus["main"])
	case "disablekinds":
		if kinds, ok := d.strings(key, v); ok {
			c.DisableKinds = make([]string, len(kinds))
			for i, k := range kinds {
				c.DisableKinds[i] = strings.ToLower(k)
			}
		}
	case "disablepathtolower":
		c.DisablePathToLower = d.bool(key, v)
	case "defaultcontentlanguage":
		if s := d.str(key, v); s != "" {
			c.DefaultLanguage = s
		}
	default:
		return false
	}
	return true
}

// merge returns base with over's keys set, without changing base (it may
// be the defaults' map).
func merge[V any](base, over map[string]V) map[string]V {
	out := maps.Clone(base)
	if out == nil {
		out = make(map[string]V, len(over))
	}
	maps.Copy(out, over)
	return out
}

func (d *decoder) taxonomies(key []string, v any) map[string]string {
	t, ok := d.tableValue(key, v)
	if !ok {
		return Default().Taxonomies
	}
	out := make(map[string]string, len(t))
	d.table(key, t, func(k []string, singular string, v any) {
		if plural, ok := d.string(k, v); ok && plural != "" {
			out[singular] = plural
		} else if ok {
			d.errorf(k, "want the plural name, such as \"categories\"")
		}
	})
	return out
}

// permalinks takes section = "pattern", and Hugo's newer per-kind tables
// ([permalinks.page], whose keys are sections, and [permalinks.term] and
// [permalinks.section], listed as ignored in a Hugo config).
func (d *decoder) permalinks(key []string, v any) map[string]string {
	t, ok := d.tableValue(key, v)
	if !ok {
		return nil
	}
	out := make(map[string]string, len(t))
	d.table(key, t, func(k []string, section string, v any) {
		if sub, ok := v.(map[string]any); ok && section == "page" {
			maps.Copy(out, d.permalinks(k, sub))
			return
		}
		if _, ok := v.(map[string]any); ok {
			d.unknown(k)
			return
		}
		if s, ok := d.string(k, v); ok {
			out[strings.Trim(section, "/")] = s
		}
	})
	return out
}

// menus decodes Hugo's table of menus: [[menus.main]] entries by menu name.
func (d *decoder) menus(key []string, t map[string]any) map[string][]MenuEntry {
	out := make(map[string][]MenuEntry, len(t))
	d.table(key, t, func(k []string, name string, v any) {
		out[k[len(k)-1]] = d.menu(k, v)
	})
	return out
}

// themeMenu is the main menu as the theme shows it: an entry with a pageRef
// and no url links to the page's path URL ("/about" for "about.md"), which
// is where the page is unless its front matter moves it.
func themeMenu(entries []MenuEntry) []MenuEntry {
	if entries == nil {
		return nil
	}
	out := slices.Clone(entries)
	for i, e := range out {
		if e.URL == "" && e.PageRef != "" {
			out[i].URL = pageRefURL(e.PageRef)
		}
		out[i].Name = cmp.Or(e.Name, e.Identifier)
	}
	return out
}

func pageRefURL(ref string) string {
	p := strings.TrimSuffix(strings.TrimPrefix(ref, "/"), ".md")
	p = strings.TrimSuffix(strings.TrimSuffix(p, "_index"), "index")
	p = strings.Trim(strings.ToLower(p), "/")
	if p == "" {
		return "/"
	}
	return "/" + p + "/"
}
