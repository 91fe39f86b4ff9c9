package config

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func files(kv ...string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for i := 0; i+1 < len(kv); i += 2 {
		fsys[kv[i]] = &fstest.MapFile{Data: []byte(kv[i+1])}
	}
	return fsys
}

func loadSite(t *testing.T, fsys fstest.MapFS) (Config, string) {
	t.Helper()
	c, warnings, err := LoadSite(fsys, func(rel string) string { return "site/" + rel })
	if err != nil {
		t.Fatalf("LoadSite: %v", err)
	}
	if len(warnings) > 1 {
		t.Fatalf("want at most one warning, got %v", warnings)
	}
	return c, warnings.Error()
}

// hugoSite is the same Hugo config in the three formats.
var hugoSite = map[string]string{
	"hugo.toml": `baseURL = "https://example.org/docs/"
title = "Hugo Site"
languageCode = "en-us"
defaultContentLanguage = "fr"
disablePathToLower = true
theme = "ananke"
disableKinds = ["RSS", "term"]
[params]
Color = "red"
[taxonomies]
series = "series"
tag = "tags"
[permalinks]
posts = "/:year/:month/:slug/"
[[menus.main]]
name = "Docs"
pageRef = "/docs"
weight = 2
[[menus.main]]
name = "Home"
url = "/"
weight = 1
identifier = "home"
[[menus.footer]]
name = "Legal"
url = "/legal/"
parent = "home"
[markup.goldmark.renderer]
unsafe = true
[markup.highlight]
style = "monokai"
`,
	"hugo.yaml": `baseURL: https://example.org/docs/
title: Hugo Site
languageCode: en-us
defaultContentLanguage: fr
disablePathToLower: true
theme: ananke
disableKinds: [RSS, term]
params:
  Color: red
taxonomies:
  series: series
  tag: tags
permalinks:
  posts: /:year/:month/:slug/
menus:
  main:
  - {name: Docs, pageRef: /docs, weight: 2}
  - {name: Home, url: /, weight: 1, identifier: home}
  footer:
  - {name: Legal, url: /legal/, parent: home}
markup:
  goldmark: {renderer: {unsafe: true}}
  highlight: {style: monokai}
`,
	"hugo.json": `{
  "baseURL": "https://example.org/docs/",
  "title": "Hugo Site",
  "languageCode": "en-us",
  "defaultContentLanguage": "fr",
  "disablePathToLower": true,
  "theme": "ananke",
  "disableKinds": ["RSS", "term"],
  "params": {"Color": "red"},
  "taxonomies": {"series": "series", "tag": "tags"},
  "permalinks": {"posts": "/:year/:month/:slug/"},
  "menus": {
    "main": [{"name": "Docs", "pageRef": "/docs", "weight": 2}, {"name": "Home", "url": "/", "weight": 1, "identifier": "home"}],
    "footer": [{"name": "Legal", "url": "/legal/", "parent": "home"}]
  },
  "markup": {"goldmark": {"renderer": {"unsafe": true}}, "highlight": {"style": "monokai"}}
}
`,
}

func hugoSiteWant() Config {
	c := Default()
	c.BaseURL = "https://example.org/docs/"
	c.Title = "Hugo Site"
	c.LanguageCode = "en-us"
	c.DefaultLanguage = "fr"
	c.DisablePathToLower = true
	c.DisableKinds = []string{"rss", "term"}
	c.Params = map[string]any{"color": "red"}
	c.Taxonomies = map[string]string{"series": "series", "tag": "tags"}
	c.Permalinks = map[string]string{"posts": "/:year/:month/:slug/"}
	c.Menus = map[string][]MenuEntry{
		"main":   {{Name: "Home", URL: "/", Weight: 1, Identifier: "home"}, {Name: "Docs", PageRef: "/docs", Weight: 2}},
		"footer": {{Name: "Legal", URL: "/legal/", Parent: "home"}},
	}
	c.Menu = []MenuEntry{{Name: "Home", URL: "/", Weight: 1, Identifier: "home"}, {Name: "Docs", URL: "/docs/", PageRef: "/docs", Weight: 2}}
	c.Unsafe = true
	return c
}

func TestHugoConfig(t *testing.T) {
	for name, src := range hugoSite {
		t.Run(name, func(t *testing.T) {
			got, warning := loadSite(t, files(name, src))
			if want := hugoSiteWant(); !reflect.DeepEqual(got, want) {
				t.Errorf("config:\n got %+v\nwant %+v", got, want)
			}
			line := map[string]string{"hugo.toml": "6:1", "hugo.yaml": "6:1", "hugo.json": "7:3"}[name]
			want := "site/" + name + ":" + line + ": warning: Hugo config: 2 keys that pipedocs does not use, ignored: theme, markup.highlight"
			if warning != want {
				t.Errorf("warning:\n got %s\nwant %s", warning, want)
			}
		})
	}
}

func TestHugoConfigPrecedence(t *testing.T) {
	tests := []struct {
		name  string
		fsys  fstest.MapFS
		check func(c Config) bool
	}{
		{"pipedocs.toml wins, key by key",
			files("hugo.toml", "title = \"Hugo\"\nbaseURL = \"/h/\"\n[params]\na = 1\nb = 1\n", "pipedocs.toml", "title = \"Mine\"\nrun = \"opt-in\"\n[params]\nb = 2\n"),
			func(c Config) bool {
				return c.Title == "Mine" && c.BaseURL == "/h/" && c.Run == RunOptIn && reflect.DeepEqual(c.Params, map[string]any{"a": int64(1), "b": int64(2)})
			}},
		{"pipedocs' [[menu]] is the main menu",
			files("hugo.toml", "[[menus.main]]\nname = \"H\"\nurl = \"/h/\"\n[[menus.footer]]\nname = \"F\"\nurl = \"/f/\"\n", "pipedocs.toml", "[[menu]]\nname = \"P\"\nurl = \"/p/\"\n"),
			func(c Config) bool {
				return len(c.Menu) == 1 && c.Menu[0].Name == "P" && c.Menus["footer"][0].Name == "F" && c.Menus["main"][0].Name == "P"
			}},
		{"hugo.toml before config.toml",
			files("hugo.toml", "title = \"hugo\"\n", "config.toml", "title = \"config\"\n", "config.yaml", "title: yaml\n"),
			func(c Config) bool { return c.Title == "hugo" }},
		{"config.toml before config.yaml",
			files("config.toml", "title = \"config\"\n", "config.yaml", "title: yaml\n"),
			func(c Config) bool { return c.Title == "config" }},
		{"hugo.yaml before config.toml",
			files("hugo.yaml", "title: yaml\n", "config.toml", "title = \"config\"\n"),
			func(c Config) bool { return c.Title == "yaml" }},
		{"config/_default over the root file, as in Hugo 0.111",
			files("config/_default/hugo.toml", "title = \"dir\"\n", "config/_default/params.yaml", "color: red\n",
				"config/_default/menus.toml", "[[main]]\nname = \"M\"\nurl = \"/m/\"\n", "hugo.toml", "title = \"root\"\nbaseURL = \"/root/\"\n[params]\ncolor = \"blue\"\nsize = 2\n"),
			func(c Config) bool {
				return c.Title == "dir" && c.BaseURL == "/root/" && reflect.DeepEqual(c.Params, map[string]any{"color": "red", "size": int64(2)}) && c.Menu[0].Name == "M"
			}},
		{"no Hugo config", files("pipedocs.toml", "title = \"P\"\n"),
			func(c Config) bool { return c.Title == "P" && reflect.DeepEqual(c.Taxonomies, Default().Taxonomies) }},
		{"an empty baseURL is Hugo's default", files("hugo.toml", "baseURL = \"\"\n"),
			func(c Config) bool { return c.BaseURL == "/" }},
		{"permalinks.page", files("hugo.toml", "[permalinks.page]\nposts = \"/:slug/\"\n"),
			func(c Config) bool { return reflect.DeepEqual(c.Permalinks, map[string]string{"posts": "/:slug/"}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := loadSite(t, tt.fsys)
			if !tt.check(c) {
				t.Errorf("config: %+v", c)
			}
		})
	}
	if got := Default().Taxonomies; !reflect.DeepEqual(got, map[string]string{"category": "categories", "tag": "tags"}) {
		t.Errorf("merging changed the defaults: %v", got)
	}
}

func TestHugoIgnoredKeys(t *testing.T) {
	_, warning := loadSite(t, files(
		"hugo.toml", "title = \"T\"\nrun = \"opt-in\"\n[outputs]\nhome = [\"HTML\"]\n[[menus.main]]\nname = \"A\"\nurl = \"/\"\npre = \"<i>\"\nfoo = 1\n",
		"config/_default/languages.toml", "[fr]\nweight = 1\n",
		"config/_default/params.fr.toml", "x = 1\n",
	))
	want := "site/hugo.toml:2:1: warning: Hugo config: 5 keys that pipedocs does not use, ignored: run, outputs, menus.main.foo, " +
		"languages (site/config/_default/languages.toml), params.fr (site/config/_default/params.fr.toml)"
	if warning != want {
		t.Errorf("warning:\n got %s\nwant %s", warning, want)
	}
	if _, w := loadSite(t, files("hugo.toml", "title = \"T\"\n")); w != "" {
		t.Errorf("a config of known keys warns: %s", w)
	}
}

func TestHugoConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"TOML type", files("hugo.toml", "title = \"T\"\ndisablePathToLower = \"yes\"\n"),
			`site/hugo.toml:2:22: disablePathToLower: want true or false, got a string`},
		{"YAML type", files("hugo.yaml", "title: T\nmenus:\n  main:\n  - name: A\n    weight: heavy\n    url: /\n"),
			`site/hugo.yaml:5:13: menus.main.weight: want an integer, got a string`},
		{"JSON type", files("hugo.json", "{\n  \"taxonomies\": {\"tag\": 1}\n}\n"),
			`site/hugo.json:2:25: taxonomies.tag: want a string, got an integer`},
		{"JSON syntax", files("hugo.json", "{\n  \"title\": \"T\",\n}\n"),
			`site/hugo.json:3:1: invalid JSON: invalid character '}' looking for beginning of object key string`},
		{"YAML syntax", files("hugo.yaml", "title: [T\n"),
			`site/hugo.yaml: invalid YAML: line 1: did not find expected ',' or ']'`},
		{"pipedocs.toml stays strict", files("hugo.toml", "theme = \"x\"\n", "pipedocs.toml", "outputs = 1\n"),
			`site/pipedocs.toml:1:1: unknown key "outputs"`},
		{"a bad baseURL", files("config.toml", "baseURL = \"ftp://x/\"\n"),
			`site/config.toml:1:11: baseURL: "ftp://x/" must be an http(s) URL or a path starting with "/"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := LoadSite(tt.fsys, func(rel string) string { return "site/" + rel })
			if err == nil || err.Error() != tt.want {
				t.Errorf("error:\n got %v\nwant %s", err, tt.want)
			}
		})
	}
}

func TestHugoKeysInPipedocsTOML(t *testing.T) {
	c, err := Parse("pipedocs.toml", []byte("disablePathToLower = true\ndefaultContentLanguage = \"de\"\n[taxonomies]\n[permalinks]\nblog = \":slug\"\n[[menus.main]]\nname = \"A\"\nurl = \"/a/\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !c.DisablePathToLower || c.DefaultLanguage != "de" || len(c.Taxonomies) != 0 || c.Permalinks["blog"] != ":slug" || c.Menu[0].Name != "A" {
		t.Errorf("config: %+v", c)
	}
	if !strings.Contains(pageRefURL("/Docs/_index.md"), "/docs/") || pageRefURL("/") != "/" || pageRefURL("about.md") != "/about/" {
		t.Errorf("pageRefURL: %q %q %q", pageRefURL("/Docs/_index.md"), pageRefURL("/"), pageRefURL("about.md"))
	}
}
