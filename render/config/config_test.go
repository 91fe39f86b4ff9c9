package config

import (
	"errors"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/pipedocs/pipedocs/render/diag"
)

func TestDefaults(t *testing.T) {
	want := Config{
		BaseURL: "/", Theme: "default", PublishDir: "public", Run: "auto", BrokenLinks: "error",
		Timeout: 10 * time.Second, OutputLimit: 1 << 20, Jobs: 0, LanguageCode: "en",
		Taxonomies: map[string]string{"category": "categories", "tag": "tags"}, DefaultLanguage: "en",
	}
	if got := Default(); !reflect.DeepEqual(got, want) {
		t.Errorf("Default() = %+v, want %+v", got, want)
	}
	for name, fsys := range map[string]fstest.MapFS{
		"missing file": {},
		"empty file":   {"pipedocs.toml": {Data: nil}},
		"comments":     {"pipedocs.toml": {Data: []byte("# nothing set\n")}},
	} {
		got, err := Load(fsys, "pipedocs.toml")
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Load = %+v, %v; want the defaults", name, got, err)
		}
	}
}

// Each case sets some keys; want changes the defaults accordingly.
func TestKeys(t *testing.T) {
	tests := []struct {
		name string
		toml string
		want func(*Config)
	}{
		{"SPEC example", `
title   = "Go pipes, by example"
baseURL = "https://example.org/docs/"
theme   = "default"
publishDir = "public"
run     = "auto"
timeout = "10s"
outputLimit = "1MiB"
jobs    = 0

[runners.python]
command   = ["python3", "{file}"]
extension = ".py"
`, func(c *Config) {
			c.Title = "Go pipes, by example"
			c.BaseURL = "https://example.org/docs/"
			c.Runners = map[string]Runner{"python": {Command: []string{"python3", "{file}"}, Extension: ".py"}}
		}},
		{"baseURL gets its slash", `baseURL = "https://example.org/docs"`, func(c *Config) { c.BaseURL = "https://example.org/docs/" }},
		{"baseURL of a host", `baseURL = "http://localhost:1313"`, func(c *Config) { c.BaseURL = "http://localhost:1313/" }},
		{"baseURL as a path", `baseURL = "/docs"`, func(c *Config) { c.BaseURL = "/docs/" }},
		{"Hugo spelling of keys", "baseurl = \"/x/\"\npublishdir = \"out\"\nlanguagecode = \"fr\"", func(c *Config) {
			c.BaseURL, c.PublishDir, c.LanguageCode = "/x/", "out", "fr"
		}},
		{"theme and publishDir", "theme = \"mine\"\npublishDir = \"/srv/www\"", func(c *Config) { c.Theme, c.PublishDir = "mine", "/srv/www" }},
		{"opt-in", `run = "opt-in"`, func(c *Config) { c.Run = RunOptIn }},
		{"claimed", `run = "claimed"`, func(c *Config) { c.Run = RunClaimed }},
		{"brokenLinks warn", `brokenLinks = "warn"`, func(c *Config) { c.BrokenLinks = BrokenLinksWarn }},
		{"brokenLinks error", `brokenlinks = "error"`, func(c *Config) { c.BrokenLinks = BrokenLinksError }},
		{"redactions", "[redactions]\nVERSION = 'v\\d+\\.\\d+\\.\\d+'\nPID_2 = '[0-9]+'\n", func(c *Config) {
			c.Redactions = map[string]string{"VERSION": `v\d+\.\d+\.\d+`, "PID_2": "[0-9]+"}
		}},
		{"redactions inline and empty", "redactions = {}\n", func(c *Config) { c.Redactions = map[string]string{} }},
		{"timeout", `timeout = "1m30s"`, func(c *Config) { c.Timeout = 90 * time.Second }},
		{"outputLimit KiB", `outputLimit = "512KiB"`, func(c *Config) { c.OutputLimit = 512 << 10 }},
		{"outputLimit MB", `outputLimit = "2 MB"`, func(c *Config) { c.OutputLimit = 2e6 }},
		{"outputLimit bytes", `outputLimit = 4096`, func(c *Config) { c.OutputLimit = 4096 }},
		{"jobs", `jobs = 3`, func(c *Config) { c.Jobs = 3 }},
		{"unsafe", `unsafe = true`, func(c *Config) { c.Unsafe = true }},
		{"Hugo's unsafe", "[markup.goldmark.renderer]\nunsafe = true", func(c *Config) { c.Unsafe = true }},
		{"params, lower-cased", "[params]\nRepo = \"x\"\n[params.Social]\nMastodon = \"@a\"\n[[params.links]]\nURL = \"/\"", func(c *Config) {
			c.Params = map[string]any{
				"repo":   "x",
				"social": map[string]any{"mastodon": "@a"},
				"links":  []any{map[string]any{"url": "/"}},
			}
		}},
		{"runners", `
[runners.go]
command = ["go", "run", "{file}"]
extension = ".go"
[runners.node]
command = ["node", "--input={file}"]
extension = ".mjs"
version = ["node", "--version"]
`, func(c *Config) {
			c.Runners = map[string]Runner{
				"go":   {Command: []string{"go", "run", "{file}"}, Extension: ".go"},
				"node": {Command: []string{"node", "--input={file}"}, Extension: ".mjs", Version: []string{"node", "--version"}},
			}
		}},
		{"runners inline", `runners = { sh = { command = ["sh", "{file}"], extension = ".sh" } }`, func(c *Config) {
			c.Runners = map[string]Runner{"sh": {Command: []string{"sh", "{file}"}, Extension: ".sh"}}
		}},
		{"menu sorted by weight", `
[[menu]]
name = "Blog"
url = "/blog/"
weight = 2
[[menu]]
name = "Home"
url = "/"
[[menu]]
name = "GitHub"
url = "https://github.com/x"
weight = 2
`, func(c *Config) {
			c.Menu = []MenuEntry{{Name: "Home", URL: "/"}, {Name: "Blog", URL: "/blog/", Weight: 2}, {Name: "GitHub", URL: "https://github.com/x", Weight: 2}}
			c.Menus = map[string][]MenuEntry{"main": c.Menu}
		}},
		{"menu inline", `menu = [{ name = "A", url = "/a/" }]`, func(c *Config) {
			c.Menu = []MenuEntry{{Name: "A", URL: "/a/"}}
			c.Menus = map[string][]MenuEntry{"main": c.Menu}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := Default()
			tt.want(&want)
			got, err := Parse("pipedocs.toml", []byte(tt.toml))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

// Every error, each with its exact "path:line:col: msg".
func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		toml string
		want []string
	}{
		{"TOML syntax", "title = \"x\"\njobs = = 1\n",
			[]string{`pipedocs.toml:2:8: invalid TOML: expected value but found '=' instead`}},
		{"unknown key", "title = \"x\"\ntimout = \"5s\"\n",
			[]string{`pipedocs.toml:2:1: unknown key "timout"`}},
		{"unknown table", "[output]\nlimit = 1\n",
			[]string{`pipedocs.toml:1:2: unknown key "output"`}},
		{"unknown key in a runner", "[runners.py]\ncommand = [\"python3\", \"{file}\"]\nextension = \".py\"\nextention = \".py\"\n",
			[]string{`pipedocs.toml:4:1: unknown key "runners.py.extention"`}},
		{"unknown key under markup", "[markup.goldmark.renderer]\nunsafe = true\nhardWraps = true\n[markup.highlight]\nstyle = \"x\"\n",
			[]string{
				`pipedocs.toml:3:1: unknown key "markup.goldmark.renderer.hardWraps"`,
				`pipedocs.toml:4:2: unknown key "markup.highlight"`,
			}},
		{"unknown key in a menu entry", "[[menu]]\nname = \"a\"\nurl = \"/\"\n[[menu]]\nname = \"b\"\nurl = \"/b/\"\nwieght = 1\n",
			[]string{`pipedocs.toml:7:1: unknown key "menu.wieght"`}},
		{"key set twice", "baseurl = \"/a/\"\nbaseURL = \"/b/\"\n",
			[]string{`pipedocs.toml:2:1: baseURL: set twice (also as "baseurl")`}},
		{"wrong types", "title = 1\ntheme = true\njobs = \"4\"\nunsafe = \"yes\"\nparams = 3\nlanguageCode = []\npublishDir = 1\nrun = false\n[runners.x]\ncommand = [\"{file}\"]\nextension = 1\n",
			[]string{
				`pipedocs.toml:1:9: title: want a string, got an integer`,
				`pipedocs.toml:2:9: theme: want a string, got a boolean`,
				`pipedocs.toml:3:8: jobs: want an integer, got a string`,
				`pipedocs.toml:4:10: unsafe: want true or false, got a string`,
				`pipedocs.toml:5:10: params: want a table, got an integer`,
				`pipedocs.toml:6:16: languageCode: want a string, got a list`,
				`pipedocs.toml:7:14: publishDir: want a string, got an integer`,
				`pipedocs.toml:8:7: run: want a string, got a boolean`,
				`pipedocs.toml:11:13: runners.x.extension: want a string, got an integer`,
			}},
		{"timeout", "title = \"x\"\n\ntimeout = \"ten\"\n",
			[]string{`pipedocs.toml:3:11: timeout: invalid duration "ten"`}},
		{"timeout not positive", "timeout = \"-1s\"\n",
			[]string{`pipedocs.toml:1:11: timeout: must be more than zero, got "-1s"`}},
		{"timeout as a number", "timeout = 10\n",
			[]string{`pipedocs.toml:1:11: timeout: want a duration such as "10s", got an integer`}},
		{"outputLimit", "outputLimit = \"lots\"\n",
			[]string{`pipedocs.toml:1:15: outputLimit: invalid size "lots": want bytes or a size such as "512KiB", "1MiB", "2MB"`}},
		{"outputLimit zero", "outputLimit = 0\n",
			[]string{`pipedocs.toml:1:15: outputLimit: must be more than zero bytes, got 0`}},
		{"outputLimit float", "outputLimit = 1.5\n",
			[]string{`pipedocs.toml:1:15: outputLimit: want a size such as "1MiB" or a number of bytes, got a float`}},
		{"jobs negative", "jobs = -1\n",
			[]string{`pipedocs.toml:1:8: jobs: want 0 (one per CPU) or more, got -1`}},
		{"run", "run = \"always\"\n",
			[]string{`pipedocs.toml:1:7: run: want "auto", "opt-in" or "claimed", got "always"`}},
		{"brokenLinks", "brokenLinks = \"ignore\"\nbrokenlinks = \"warn\"\n",
			[]string{
				`pipedocs.toml:1:15: brokenLinks: want "error" or "warn", got "ignore"`,
				`pipedocs.toml:2:1: brokenlinks: set twice (also as "brokenLinks")`,
			}},
		{"brokenLinks type", "brokenLinks = false\n",
			[]string{`pipedocs.toml:1:15: brokenLinks: want a string, got a boolean`}},
		{"redactions", "title = \"x\"\n[redactions]\nversion = 'v1'\n1X = 'a'\nHOME = '/root'\nEXE = 'x'\nBAD = 'a(b'\nLOOK = '(?=x)'\nN = 3\nE = ''\n\"A B\" = 'x'\n",
			[]string{
				`pipedocs.toml:3:1: redactions.version: want a name of capital letters, digits and "_" that starts with a letter, such as VERSION`,
				`pipedocs.toml:4:1: redactions.1X: want a name of capital letters, digits and "_" that starts with a letter, such as VERSION`,
				`pipedocs.toml:5:1: redactions.HOME: [HOME] is built in; choose another name`,
				`pipedocs.toml:6:1: redactions.EXE: [EXE] is built in; choose another name`,
				"pipedocs.toml:7:7: redactions.BAD: invalid RE2: missing closing ): `a(b`",
				"pipedocs.toml:8:8: redactions.LOOK: invalid RE2: invalid or unsupported Perl syntax: `(?=`",
				`pipedocs.toml:9:5: redactions.N: want a string, got an integer`,
				`pipedocs.toml:10:5: redactions.E: must not be empty`,
				`pipedocs.toml:11:1: redactions.A B: want a name of capital letters, digits and "_" that starts with a letter, such as VERSION`,
			}},
		{"redactions not a table", "redactions = [\"x\"]\n",
			[]string{`pipedocs.toml:1:14: redactions: want a table, got a list`}},
		{"baseURL with another scheme", "baseURL = \"ftp://example.org/\"\n",
			[]string{`pipedocs.toml:1:11: baseURL: "ftp://example.org/" must be an http(s) URL or a path starting with "/"`}},
		{"baseURL relative", "baseURL = \"docs/\"\n",
			[]string{`pipedocs.toml:1:11: baseURL: "docs/" must be an http(s) URL or a path starting with "/"`}},
		{"baseURL with no host", "baseURL = \"https:///docs/\"\n",
			[]string{`pipedocs.toml:1:11: baseURL: "https:///docs/" must be an http(s) URL or a path starting with "/"`}},
		{"baseURL with a query", "baseURL = \"https://x.org/?a=1\"\n",
			[]string{`pipedocs.toml:1:11: baseURL: "https://x.org/?a=1" must not have a query or a fragment`}},
		{"baseURL unparsable", "baseURL = \"http://[::1\"\n",
			[]string{`pipedocs.toml:1:11: baseURL: invalid URL "http://[::1"`}},
		{"theme with a path", "theme = \"../x\"\n",
			[]string{`pipedocs.toml:1:9: theme: want the name of a folder in themes/, got "../x"`}},
		{"publishDir", "publishDir = \"\"\n",
			[]string{`pipedocs.toml:1:14: publishDir: must not be empty`}},
		{"publishDir is the site", "publishDir = \"./\"\n",
			[]string{`pipedocs.toml:1:14: publishDir: "./" is the site itself; name a folder inside it, such as "public"`}},
		{"publishDir is content", "publishDir = \"content\"\n",
			[]string{`pipedocs.toml:1:14: publishDir: "content" holds the site's sources; name another folder, such as "public"`}},
		{"runner without command or extension", "[runners.py]\nversion = [\"python3\", \"-V\"]\n",
			[]string{
				`pipedocs.toml:1:2: runners.py: missing command, such as ["python3", "{file}"]`,
				`pipedocs.toml:1:2: runners.py: missing extension, such as ".py"`,
			}},
		{"runner command", "[runners.a]\ncommand = [\"a\"]\nextension = \"a\"\n[runners.b]\ncommand = []\nextension = \".b\"\n[runners.c]\ncommand = \"c {file}\"\nextension = \".c\"\nversion = []\n[runners.d]\ncommand = [\"d\", 1]\nextension = \"./d\"\n",
			[]string{
				`pipedocs.toml:2:11: runners.a.command: must contain "{file}", where the snippet's file goes`,
				`pipedocs.toml:3:13: runners.a.extension: want a file extension such as ".py", got "a"`,
				`pipedocs.toml:5:11: runners.b.command: must not be empty`,
				`pipedocs.toml:8:11: runners.c.command: want a list of strings, got a string`,
				`pipedocs.toml:10:11: runners.c.version: must not be empty; leave it out instead`,
				`pipedocs.toml:12:11: runners.d.command: item 2: want a string, got an integer`,
				`pipedocs.toml:13:13: runners.d.extension: want a file extension such as ".py", got "./d"`,
			}},
		{"runner not a table", "runners = { go = \"go run\" }\n",
			[]string{`pipedocs.toml:1:18: runners.go: want a table with command and extension, got a string`}},
		{"runners not a table", "runners = [\"go\"]\n",
			[]string{`pipedocs.toml:1:11: runners: want a table, got a list`}},
		{"menu entry incomplete", "[[menu]]\nname = \"a\"\n",
			[]string{`pipedocs.toml:1:3: menu: entry 1: want a name and a url (or a pageRef)`}},
		{"menu not a list", "menu = \"x\"\n",
			[]string{`pipedocs.toml:1:8: menu: want a list of tables ([[menu]] entries) or a table of menus ([[menu.main]]), got a string`}},
		{"CRLF", "title = \"x\"\r\njobs = \"x\"\r\n",
			[]string{`pipedocs.toml:2:8: jobs: want an integer, got a string`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("pipedocs.toml", []byte(tt.toml))
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("err = %v (%T), want a diag.List", err, err)
			}
			got := strings.Split(list.Error(), "\n")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tt.want, "\n     "))
			}
		})
	}
}

func TestLoadDisplayPath(t *testing.T) {
	fsys := fstest.MapFS{"pipedocs.toml": {Data: []byte("jobs = -2\n")}}
	_, err := Load(fsys, "site/pipedocs.toml")
	if want := "site/pipedocs.toml:1:8: jobs: want 0 (one per CPU) or more, got -2"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}

type brokenFS struct{}

func (brokenFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
}

func TestLoadReadError(t *testing.T) {
	_, err := Load(brokenFS{}, "pipedocs.toml")
	var list diag.List
	if !errors.Is(err, fs.ErrPermission) || errors.As(err, &list) {
		t.Errorf("err = %v, want the file system's permission error", err)
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1MiB", 1 << 20, true},
		{"512KiB", 512 << 10, true},
		{"512 kib", 512 << 10, true},
		{"2MB", 2e6, true},
		{"3GB", 3e9, true},
		{"1GiB", 1 << 30, true},
		{"1kb", 1000, true},
		{"100B", 100, true},
		{"4096", 4096, true},
		{"0", 0, true},
		{"", 0, false},
		{"MiB", 0, false},
		{"1.5MiB", 0, false},
		{"-1KiB", 0, false},
		{"1TiB", 0, false},
		{"9223372036854775807GiB", 0, false},
		{"lots", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseSize(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseSize(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// A key the file leaves out keeps the default it was parsed over: plain
// Markdown runs in claimed mode unless its pipedocs.toml names a mode.
func TestParseOverPlain(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"", RunClaimed},
		{"title = \"x\"\n", RunClaimed},
		{"run = \"auto\"\n", RunAuto},
		{"run = \"opt-in\"\n", RunOptIn},
	} {
		c, err := ParseOver("pipedocs.toml", []byte(tc.src), Plain())
		if err != nil {
			t.Fatalf("%q: %v", tc.src, err)
		}
		if c.Run != tc.want {
			t.Errorf("%q: Run = %q, want %q", tc.src, c.Run, tc.want)
		}
	}
	if c, _ := Parse("pipedocs.toml", nil); c.Run != RunAuto {
		t.Errorf("Parse of an empty file: Run = %q, want %q", c.Run, RunAuto)
	}
}
