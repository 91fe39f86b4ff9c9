package page

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// decodeMeta parses src as content/s/a.md and returns its front matter,
// failing the test on any diagnostic.
func decodeMeta(t *testing.T, src string) FrontMatter {
	t.Helper()
	p, errs := Parse("content/s/a.md", "s/a.md", []byte(src))
	if len(errs) > 0 {
		t.Fatalf("unexpected diagnostics:\n%v", errs)
	}
	fm := p.Meta
	fm.own = nil
	return fm
}

// Each case is written in the three formats, which must decode alike.
func TestHugoKeys(t *testing.T) {
	day := time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC)
	def := DefaultBuild
	tests := []struct {
		name             string
		toml, yaml, json string
		want             FrontMatter
	}{
		{
			name: "no title, linkTitle and url",
			toml: "linkTitle = \"Short\"\nurl = \"/a/b/\"\n",
			yaml: "linkTitle: Short\nurl: /a/b/\n",
			json: `{"linkTitle": "Short", "url": "/a/b/"}`,
			want: FrontMatter{LinkTitle: "Short", URL: "/a/b/", Build: def},
		},
		{
			name: "publishDate and expiryDate",
			toml: "publishDate = 2030-01-02\nexpiryDate = \"2030-01-02\"\n",
			yaml: "publishDate: 2030-01-02\nexpiryDate: \"2030-01-02\"\n",
			json: `{"publishDate": "2030-01-02", "expiryDate": "2030-01-02"}`,
			want: FrontMatter{PublishDate: day, ExpiryDate: day, Build: def},
		},
		{
			name: "Hugo's other names of the dates",
			toml: "pubdate = 2030-01-02\nunpublishdate = 2030-01-02\nmodified = 2030-01-02\n",
			yaml: "published: 2030-01-02\nunpublishDate: 2030-01-02\nmodified: 2030-01-02\n",
			json: `{"pubdate": "2030-01-02", "unpublishdate": "2030-01-02", "modified": "2030-01-02"}`,
			want: FrontMatter{PublishDate: day, ExpiryDate: day, Lastmod: day, Build: def},
		},
		{
			name: "headless and build",
			toml: "headless = true\n[build]\nrender = \"never\"\nlist = \"local\"\npublishResources = false\n",
			yaml: "headless: true\nbuild:\n  render: never\n  list: local\n  publishResources: false\n",
			json: `{"headless": true, "build": {"render": "never", "list": "local", "publishResources": false}}`,
			want: FrontMatter{Headless: true, Build: Build{Render: "never", List: "local", PublishResources: false}},
		},
		{
			name: "Hugo 0.111's _build, with booleans",
			toml: "[_build]\nrender = false\nlist = true\n",
			yaml: "_build: {render: false, list: true}\n",
			json: `{"_build": {"render": false, "list": true}}`,
			want: FrontMatter{Build: Build{Render: "never", List: "always", PublishResources: true}},
		},
		{
			name: "build link",
			toml: "build = {render = \"link\"}\n",
			yaml: "build: {render: link}\n",
			json: `{"build": {"render": "link"}}`,
			want: FrontMatter{Build: Build{Render: "link", List: "always", PublishResources: true}},
		},
		{
			name: "menu by name",
			toml: "menu = \"main\"\n",
			yaml: "menu: main\n",
			json: `{"menu": "main"}`,
			want: FrontMatter{Menus: []MenuEntry{{Menu: "main"}}, Build: def},
		},
		{
			name: "menus as a list",
			toml: "menus = [\"main\", \"footer\"]\n",
			yaml: "menus: [main, footer]\n",
			json: `{"menus": ["main", "footer"]}`,
			want: FrontMatter{Menus: []MenuEntry{{Menu: "main"}, {Menu: "footer"}}, Build: def},
		},
		{
			name: "menu as a table",
			toml: "[menu.main]\nweight = 2\nparent = \"x\"\nname = \"N\"\nidentifier = \"id\"\npre = \"<i>\"\n[menu.footer]\n",
			yaml: "menu:\n  main: {weight: 2, parent: x, name: N, identifier: id, pre: <i>}\n  footer:\n",
			json: `{"menu": {"main": {"weight": 2, "parent": "x", "name": "N", "identifier": "id", "pre": "<i>"}, "footer": {}}}`,
			want: FrontMatter{Menus: []MenuEntry{{Menu: "footer"}, {Menu: "main", Name: "N", Identifier: "id", Parent: "x", Weight: 2}}, Build: def},
		},
		{
			name: "JSON numbers and lists",
			toml: "weight = 3\ntags = [\"a\"]\nratio = 0.5\n",
			yaml: "weight: 3\ntags: [a]\nratio: 0.5\n",
			json: `{"weight": 3, "tags": ["a"], "ratio": 0.5}`,
			want: FrontMatter{Weight: 3, Tags: []string{"a"}, Params: map[string]any{"ratio": 0.5}, Build: def},
		},
	}
	for _, tt := range tests {
		for _, f := range []struct{ name, src string }{
			{"toml", "+++\n" + tt.toml + "+++\nBody\n"},
			{"yaml", "---\n" + tt.yaml + "---\nBody\n"},
			{"json", tt.json + "\nBody\n"},
		} {
			t.Run(tt.name+"/"+f.name, func(t *testing.T) {
				got := decodeMeta(t, f.src)
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("front matter:\n got %+v\nwant %+v", got, tt.want)
				}
			})
		}
	}
}

func TestCascadeForms(t *testing.T) {
	tests := []struct {
		name, src string
		want      []Cascade
	}{
		{"a table", "+++\n[cascade]\nDraft = true\n[cascade.params]\nx = 1\n+++\n",
			[]Cascade{{Values: map[string]any{"draft": true, "params": map[string]any{"x": int64(1)}}, At: 5}}}, // the table's name
		{"a list with _target", "---\ncascade:\n- _target: {path: /blog/**, Kind: page}\n  build: {list: never}\n- {headless: true, target: {path: /x}}\n---\n",
			[]Cascade{
				{Values: map[string]any{"build": map[string]any{"list": "never"}}, Target: map[string]string{"path": "/blog/**", "kind": "page"}, At: 4},
				{Values: map[string]any{"headless": true}, Target: map[string]string{"path": "/x"}, At: 4},
			}},
		{"JSON", `{"cascade": [{"weight": 2}]}`,
			[]Cascade{{Values: map[string]any{"weight": int64(2)}, At: 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := decodeMeta(t, tt.src)
			if !reflect.DeepEqual(got.Cascade, tt.want) {
				t.Errorf("Cascade:\n got %#v\nwant %#v", got.Cascade, tt.want)
			}
		})
	}
}

func TestApplyCascade(t *testing.T) {
	section := decodeMeta(t, "+++\n[[cascade]]\ndraft = true\nweight = 5\nbanner = \"b.png\"\n[cascade.params]\ncolor = \"red\"\nicon = \"i\"\n[cascade._build]\nlist = \"never\"\n[[cascade]]\nweight = 9\nlinkTitle = \"far\"\npubdate = 2030-01-02\n+++\n")
	p, errs := Parse("content/s/a.md", "s/a.md", []byte("---\ntitle: T\ndraft: false\nbanner: mine.png\nparams: {color: blue}\nbuild: {render: never}\n---\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	page := p.Meta
	for _, c := range section.Cascade { // nearest first: the first entry wins over the second
		if err := page.ApplyCascade(c.Values); err != nil {
			t.Fatal(err)
		}
	}
	page.own = nil
	want := FrontMatter{
		Title:       "T",
		LinkTitle:   "far",
		Draft:       false, // set by the page itself, even to the zero value
		Weight:      5,
		PublishDate: time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC),
		Build:       Build{Render: "never", List: "always", PublishResources: true}, // the page's own build, whole
		Params:      map[string]any{"banner": "mine.png", "color": "blue", "icon": "i"},
	}
	if !reflect.DeepEqual(page, want) {
		t.Errorf("after the cascade:\n got %+v\nwant %+v", page, want)
	}

	var bare FrontMatter
	bare.Build = DefaultBuild
	err := bare.ApplyCascade(map[string]any{"weight": "x", "draft": true, "Title": "ok"})
	if err == nil || err.Error() != `cascade.weight: want an integer, got a string` {
		t.Errorf("ApplyCascade error = %v", err)
	}
	if !bare.Draft || bare.Title != "ok" {
		t.Errorf("the values that decode are applied: %+v", bare)
	}
	if err := bare.ApplyCascade(nil); err != nil {
		t.Errorf("ApplyCascade(nil) = %v", err)
	}
}

func TestHugoKeyErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"build not a table", "+++\nbuild = \"never\"\n+++\n",
			`content/s/a.md:2:9: build: want a table (render, list, publishResources), got a string`},
		{"build value", "---\n_build: {render: sometimes}\n---\n",
			`content/s/a.md:2:9: _build.render: want "always", "never" or "link", got "sometimes"`},
		{"build option", "---\nbuild: {lists: never}\n---\n",
			`content/s/a.md:2:8: build.lists: unknown build option; want render, list or publishResources`},
		{"cascade value, at the cascade", "+++\ntitle = \"S\"\n[cascade]\nweight = \"heavy\"\n+++\n",
			`content/s/a.md:3:2: cascade.weight: want an integer, got a string`},
		{"cascade not a table", "---\ncascade: [1]\n---\n",
			`content/s/a.md:2:10: cascade: item 1: want a table, got an integer`},
		{"menu entry", "---\nmenu: {main: {weight: x}}\n---\n",
			`content/s/a.md:2:7: menu.main.weight: want an integer, got a string`},
		{"menu setting", "---\nmenu: {main: {wieght: 1}}\n---\n",
			`content/s/a.md:2:7: menu.main.wieght: unknown menu setting; want name, weight, parent or identifier`},
		{"pubdate and publishDate", "---\npublishDate: 2020-01-01\npubdate: 2020-01-01\n---\n",
			`content/s/a.md:3:1: pubdate: key set twice (also as "publishDate" on line 2)`},
		{"JSON syntax", "{\n  \"title\": \"T\",\n  \"tags\": [\"a\",]\n}\nBody\n",
			`content/s/a.md:3:16: invalid JSON: invalid character ']' looking for beginning of value`},
		{"JSON trailing comma", "{\n  \"title\": \"T\",\n}\n",
			`content/s/a.md:3:1: invalid JSON: invalid character '}' looking for beginning of object key string`},
		{"JSON type", "{\"title\": \"T\",\n \"draft\": \"yes\"}\n",
			`content/s/a.md:2:11: draft: want true or false, got a string`},
		{"JSON never closed", "{\"title\": \"T\"\n\nBody\n",
			`content/s/a.md:1:1: JSON front matter opened with "{" is never closed`},
		{"JSON key twice", "{\"title\": \"T\", \"Title\": \"U\"}\n",
			`content/s/a.md:1:16: Title: key set twice (also as "title" on line 1)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := Parse("content/s/a.md", "s/a.md", []byte(tt.src))
			if errs.Error() != tt.want {
				t.Errorf("diagnostics:\n got %v\nwant %s", errs, tt.want)
			}
		})
	}
}

func TestJSONSplit(t *testing.T) {
	tests := []struct{ name, src, title, body string }{
		{"body on the next line", "{\"title\": \"T\"}\nBody\n", "T", "Body\n"},
		{"CRLF", "{\"title\": \"T\"}\r\nBody\r\n", "T", "Body\r\n"},
		{"braces in strings", "{\"title\": \"a } {\\\" }\"}\nB\n", "a } {\" }", "B\n"},
		{"nested objects", "{\"params\": {\"a\": {}}, \"title\": \"T\"}\nB\n", "T", "B\n"},
		{"white space before it, as Hugo allows", "\n  {\"title\": \"T\"}\nB\n", "T", "B\n"},
		{"body on the same line", "{\"title\": \"T\"}B\n", "T", "B\n"},
		{"a shortcode is no JSON", "{{< note >}}\nB\n", "", "{{< note >}}\nB\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, errs := Parse("content/s/a.md", "s/a.md", []byte(tt.src))
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if p.Meta.Title != tt.title || string(p.Body()) != tt.body {
				t.Errorf("title %q, body %q; want %q, %q", p.Meta.Title, p.Body(), tt.title, tt.body)
			}
		})
	}
}

func TestVisible(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	past, future := now.Add(-time.Hour), now.Add(time.Hour)
	tests := []struct {
		name string
		fm   FrontMatter
		need Filter // the flags the page needs to be built
	}{
		{"plain", FrontMatter{}, Filter{}},
		{"draft", FrontMatter{Draft: true}, Filter{Drafts: true}},
		{"future publishDate", FrontMatter{PublishDate: future}, Filter{Future: true}},
		{"future date, no publishDate", FrontMatter{Date: future}, Filter{Future: true}},
		{"past publishDate wins over a future date", FrontMatter{Date: future, PublishDate: past}, Filter{}},
		{"future lastmod", FrontMatter{Lastmod: future}, Filter{}},
		{"expired", FrontMatter{ExpiryDate: past}, Filter{Expired: true}},
		{"expires later", FrontMatter{ExpiryDate: future}, Filter{}},
		{"expiring now is not expired", FrontMatter{ExpiryDate: now}, Filter{}},
		{"future and expired draft", FrontMatter{Draft: true, PublishDate: future, ExpiryDate: past}, Filter{Drafts: true, Future: true, Expired: true}},
	}
	for _, tt := range tests {
		for mask := range 8 {
			f := Filter{Drafts: mask&1 != 0, Future: mask&2 != 0, Expired: mask&4 != 0, Now: now}
			want := (!tt.need.Drafts || f.Drafts) && (!tt.need.Future || f.Future) && (!tt.need.Expired || f.Expired)
			if got := Visible(&tt.fm, f); got != want {
				t.Errorf("%s: Visible(%+v) = %v, want %v", tt.name, f, got, want)
			}
		}
	}
	if !Visible(&FrontMatter{PublishDate: time.Now().Add(-time.Minute)}, Filter{}) {
		t.Error("the zero Now is the time of the call")
	}
	if Visible(&FrontMatter{PublishDate: time.Now().Add(time.Hour)}, Filter{}) {
		t.Error("the zero Now is the time of the call")
	}
}

func TestDateLayouts(t *testing.T) {
	plus2 := time.FixedZone("", 2*3600)
	at := func(loc *time.Location) time.Time { return time.Date(2024, 3, 5, 10, 30, 0, 0, loc) }
	day := time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2024-03-05", day},
		{"2024-03-05T10:30:00Z", at(time.UTC)},
		{"2024-03-05T10:30:00+02:00", at(plus2)},
		{"2024-03-05T10:30:00.123456789Z", at(time.UTC).Add(123456789)},
		{"2024-03-05T10:30:00", at(time.UTC)},
		{"Tue, 05 Mar 2024 10:30:00 +0200", at(plus2)},
		{"Tue, 05 Mar 2024 10:30:00 CET", at(time.UTC)}, // a zone name without an offset: UTC, as in Hugo
		{"05 Mar 24 10:30 +0200", at(plus2)},
		{"05 Mar 24 10:30 CET", at(time.UTC)},
		{"Tuesday, 05-Mar-24 10:30:00 CET", at(time.UTC)},
		{"2024-03-05 10:30:00.5 +0200 CET", at(plus2).Add(time.Second / 2)},
		{"2024-03-05T10:30:00+0200", at(plus2)},
		{"2024-03-05 10:30:00+0200", at(plus2)},
		{"2024-03-05 10:30:00", at(time.UTC)},
		{"Tue Mar  5 10:30:00 2024", at(time.UTC)},
		{"Tue Mar  5 10:30:00 CET 2024", at(time.UTC)},
		{"Tue Mar 05 10:30:00 +0200 2024", at(plus2)},
		{"2024-03-05 10:30:00+02:00", at(plus2)},
		{"05 Mar 2024", day},
		{"2024-03-05 10:30:00 +02:00", at(plus2)},
		{"2024-03-05 10:30:00 -0700", at(time.FixedZone("", -7*3600))},
		{"3:04PM", time.Date(0, 1, 1, 15, 4, 0, 0, time.UTC)},
		{"Mar  5 10:30:00", time.Date(0, 3, 5, 10, 30, 0, 0, time.UTC)},
		{"Mar  5 10:30:00.000", time.Date(0, 3, 5, 10, 30, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		if !ok || !got.Equal(tt.want) || got.Format(time.RFC3339Nano) != tt.want.Format(time.RFC3339Nano) {
			t.Errorf("parseDate(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
	// Hugo 0.111 leaves these unset; pipedocs warns.
	for _, in := range []string{"Jan 2, 2006", "2024/03/05", "March 5, 2024", "yesterday", ""} {
		if got, ok := parseDate(in); ok {
			t.Errorf("parseDate(%q) = %v, want no date", in, got)
		}
	}
	_, errs := Parse("content/s/a.md", "s/a.md", []byte("---\ndate: March 5, 2024\n---\n"))
	if len(errs.Errors()) != 0 || len(errs.Warnings()) != 1 || !strings.HasPrefix(errs[0].Error(), "content/s/a.md:2:7: warning: date:") {
		t.Errorf("an unknown layout: %v, want one warning at 2:7", errs)
	}
}
