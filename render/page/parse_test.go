package page

import (
	"strings"
	"testing"
)

// Every error Parse reports, each with its exact "path:line:col: msg".
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		rel  string // below content/; "s/a.md" when empty
		src  string
		want []string
	}{
		{"TOML never closed", "", "+++\ntitle = \"T\"\n\nBody\n",
			[]string{`content/s/a.md:1:1: front matter opened with "+++" is never closed`}},
		{"YAML never closed", "", "---\ntitle: T\n",
			[]string{`content/s/a.md:1:1: front matter opened with "---" is never closed`}},
		{"closed by the other delimiter", "", "+++\ntitle = \"T\"\n---\n",
			[]string{`content/s/a.md:1:1: front matter opened with "+++" is never closed`}},
		// title is optional, as in Hugo.
		{"no front matter in an article", "", "# Just Markdown\n", nil},
		{"no title", "", "+++\ndate = 2024-01-01\n+++\n", nil},
		{"empty title", "", "+++\ntitle = \" \"\n+++\n", nil},
		{"YAML title with no value", "", "---\ntitle:\n---\n", nil},
		{"TOML syntax", "", "+++\ntitle = \"T\"\ndraft = = true\n+++\n",
			[]string{`content/s/a.md:3:9: invalid TOML: expected value but found '=' instead`}},
		{"TOML duplicate key", "", "+++\ntitle = \"T\"\ntitle = \"U\"\n+++\n",
			[]string{`content/s/a.md:3:1: invalid TOML: Key 'title' has already been defined.`}},
		{"YAML syntax", "", "---\ntitle: T\ntags: [a\n---\n",
			[]string{`content/s/a.md:3: invalid YAML: did not find expected ',' or ']'`}},
		// yaml names the line where the construct it was reading began.
		{"YAML parser error", "", "---\ntitle: T\nlist:\n  - a\n  b: c\n---\n",
			[]string{`content/s/a.md:4: invalid YAML: did not find expected '-' indicator`}},
		{"YAML scanner error", "", "---\ntitle: T\nx: 1\n\ty: 2\n---\n",
			[]string{`content/s/a.md:3: invalid YAML: found a tab character that violates indentation`}},
		{"YAML scanner error on its own line", "", "---\ntitle: T\nx: 1\ny: @\n---\n",
			[]string{`content/s/a.md:4: invalid YAML: found character that cannot start any token`}},
		{"YAML unknown anchor", "", "---\ntitle: T\n\ntags: [*x]\n---\n",
			[]string{`content/s/a.md:4: invalid YAML: unknown anchor 'x' referenced`}},
		{"YAML syntax on its first line", "", "---\ntitle: a: b\n---\n",
			[]string{`content/s/a.md:2: invalid YAML: mapping values are not allowed in this context`}},
		{"YAML duplicate key", "", "---\ntitle: T\ntitle: U\n---\n",
			[]string{`content/s/a.md:3: invalid YAML: mapping key "title" already defined at line 1`}},
		{"YAML not a mapping", "", "---\n- title\n---\n",
			[]string{`content/s/a.md:2:1: YAML front matter must be a mapping of keys to values`}},
		{"same key twice in another case", "", "---\ntitle: T\nTitle: U\n---\n",
			[]string{`content/s/a.md:3:1: Title: key set twice (also as "title" on line 2)`}},
		{"wrong types, TOML", "", "+++\ntitle = 3\ndraft = \"yes\"\nweight = 1.5\ndescription = []\nsummary = true\n+++\n",
			[]string{
				`content/s/a.md:2:9: title: want a string, got an integer`,
				`content/s/a.md:3:9: draft: want true or false, got a string`,
				`content/s/a.md:4:10: weight: want an integer, got a float`,
				`content/s/a.md:5:15: description: want a string, got a list`,
				`content/s/a.md:6:11: summary: want a string, got a boolean`,
			}},
		{"wrong types, YAML", "", "---\ntitle: 3\ndraft: yes\nweight: {a: 1}\n---\n",
			[]string{
				`content/s/a.md:2:8: title: want a string, got an integer`,
				`content/s/a.md:3:8: draft: want true or false, got a string`,
				`content/s/a.md:4:9: weight: want an integer, got a table`,
			}},
		{"lists", "", "+++\ntitle = \"T\"\ntags = {a = 1}\ncategories = [\"a\", 2, [\"x\"], 1979-05-27]\nauthors = 3\n+++\n",
			[]string{
				`content/s/a.md:3:8: tags: want a term or a list of terms, got a table`,
				`content/s/a.md:4:14: categories: item 3: want a string, number or boolean, got a list`,
				`content/s/a.md:4:14: categories: item 4: want a string, number or boolean, got a date`,
				`content/s/a.md:5:11: authors: want a list of strings, got an integer`,
			}},
		{"bad dates", "", "+++\ntitle = \"T\"\ndate = \"yesterday\"\nlastmod = 07:30:00\n+++\n",
			[]string{
				`content/s/a.md:3:8: warning: date: "yesterday" is in no date layout Hugo reads (such as 2006-01-02, 2006-01-02T15:04:05Z07:00 or 02 Jan 2006); it is left unset, as Hugo leaves it`,
				`content/s/a.md:4:11: lastmod: want a date, got a time of day`,
			}},
		{"date of the wrong type", "", "---\ntitle: T\ndate: [2024]\n---\n",
			[]string{`content/s/a.md:3:7: date: want a date, got a list`}},
		{"slug with a slash", "", "+++\ntitle = \"T\"\nslug = \"a/b\"\n+++\n",
			[]string{`content/s/a.md:3:8: slug: "a/b" must be a single URL segment, without "/" or ".."`}},
		{"slug with dots", "", "---\ntitle: T\nslug: ..\n---\n",
			[]string{`content/s/a.md:3:7: slug: ".." must be a single URL segment, without "/" or ".."`}},
		{"slug with NUL", "", "+++\ntitle = \"T\"\nslug = \"a\\u0000b\"\n+++\n",
			[]string{`content/s/a.md:3:8: slug: "a\x00b" contains a control character`}},
		{"slug with a newline", "", "---\ntitle: T\nslug: \"a\\nb\"\n---\n",
			[]string{`content/s/a.md:3:7: slug: "a\nb" contains a control character`}},
		{"slug of 300 characters", "", "+++\ntitle = \"T\"\nslug = \"" + strings.Repeat("x", 300) + "\"\n+++\n",
			[]string{`content/s/a.md:3:8: slug: "xxxxxxxxxxxxxxxxxxxx"… is 300 bytes long; it names a folder, and a file name has at most 255 bytes`}},
		{"slug that is a dot", "", "---\ntitle: T\nslug: .\n---\n",
			[]string{`content/s/a.md:3:7: slug: "." must be a single URL segment, without "/" or ".."`}},
		{"alias with a NUL and a long segment", "", "+++\ntitle = \"T\"\naliases = [\"/a\\u0000/\", \"/" + strings.Repeat("y", 256) + "/z\"]\n+++\n",
			[]string{
				`content/s/a.md:3:11: aliases: "/a\x00/" contains a control character`,
				`content/s/a.md:3:11: aliases: "/yyyyyyyyyyyyyyyyyyy"… has a part of 256 bytes; it names a folder, and a file name has at most 255 bytes`,
			}},
		{"tag and category too long for a folder", "", "---\ntitle: T\ntags: [ok, " + strings.Repeat("t", 300) + "]\ncategories: " + strings.Repeat("c", 256) + "\n---\n",
			[]string{
				`content/s/a.md:3:7: tags: "tttttttttttttttttttt"… is 300 bytes long; it names a folder, and a file name has at most 255 bytes`,
				`content/s/a.md:4:13: categories: "cccccccccccccccccccc"… is 256 bytes long; it names a folder, and a file name has at most 255 bytes`,
			}},
		{"year 0 is a date, as in Hugo", "", "+++\ntitle = \"T\"\ndate = 0000-01-01\nlastmod = 07:30:00\n+++\n",
			[]string{`content/s/a.md:4:11: lastmod: want a date, got a time of day`}},
		{"TOML not UTF-8", "", "+++\ntitle = \"T\xff\"\n+++\n",
			[]string{`content/s/a.md:2:11: front matter is not valid UTF-8 (byte 0xff)`}},
		{"YAML not UTF-8", "", "---\ntitle: T\ntags: [a, b\xc3]\n---\n",
			[]string{`content/s/a.md:3:12: front matter is not valid UTF-8 (byte 0xc3)`}},
		{"aliases that are not paths", "", "+++\ntitle = \"T\"\naliases = [\"https://x.org/a\", \"/ok/\", \"../up\", \"a?b=1\", \"//host/p\", \"\"]\n+++\n",
			[]string{
				`content/s/a.md:3:11: aliases: "https://x.org/a" is not a path on this site`,
				`content/s/a.md:3:11: aliases: "../up" is not a path on this site`,
				`content/s/a.md:3:11: aliases: "a?b=1" is not a path on this site`,
				`content/s/a.md:3:11: aliases: "//host/p" is not a path on this site`,
				`content/s/a.md:3:11: aliases: "" is not a path on this site`,
			}},
		{"nested _index.md: a section at any depth", "s/t/_index.md", "+++\ntitle = \"T\"\n+++\n", nil},
		{"errors are sorted and all reported", "", "+++\ndraft = 1\ntitle = 2\n+++\n",
			[]string{
				`content/s/a.md:2:9: draft: want true or false, got an integer`,
				`content/s/a.md:3:9: title: want a string, got an integer`,
			}},
		{"CRLF positions", "", "+++\r\ntitle = \"T\"\r\nweight = \"x\"\r\n+++\r\n",
			[]string{`content/s/a.md:3:10: weight: want an integer, got a string`}},
		{"BOM, columns count its bytes", "", "\uFEFF{\"weight\": \"x\"}\n",
			[]string{`content/s/a.md:1:15: weight: want an integer, got a string`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rel := tt.rel
			if rel == "" {
				rel = "s/a.md"
			}
			_, errs := Parse("content/"+rel, rel, []byte(tt.src))
			var got []string
			for _, d := range errs {
				got = append(got, d.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tt.want, "\n     "))
			}
		})
	}
}

func TestParseBody(t *testing.T) {
	tests := []struct {
		name, src, body string
		title           string
	}{
		{"TOML", "+++\ntitle = \"T\"\n+++\n\n# Body\n", "\n# Body\n", "T"},
		{"YAML", "---\ntitle: T\n---\nBody", "Body", "T"},
		{"CRLF", "+++\r\ntitle = \"T\"\r\n+++\r\nBody\r\n", "Body\r\n", "T"},
		{"YAML CRLF", "---\r\ntitle: T\r\n---\r\nBody\r\n", "Body\r\n", "T"},
		{"BOM", "\uFEFF+++\ntitle = \"T\"\n+++\nBody\n", "Body\n", "T"},
		{"trailing blanks on delimiters", "+++  \ntitle = \"T\"\n+++\t\nBody\n", "Body\n", "T"},
		{"closing line at the end of the file", "+++\ntitle = \"T\"\n+++", "", "T"},
		{"delimiter-like line inside the body", "---\ntitle: T\n---\ntext\n---\nmore\n", "text\n---\nmore\n", "T"},
		{"empty front matter", "---\n---\nBody\n", "Body\n", ""},
		{"no front matter", "\uFEFFJust text\n", "Just text\n", ""},
		{"not front matter: indented", " +++\ntitle = \"T\"\n+++\n", " +++\ntitle = \"T\"\n+++\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _ := Parse("content/_index.md", "_index.md", []byte(tt.src))
			if got := string(p.Body()); got != tt.body {
				t.Errorf("body = %q, want %q", got, tt.body)
			}
			if p.Meta.Title != tt.title {
				t.Errorf("title = %q, want %q", p.Meta.Title, tt.title)
			}
		})
	}
}

func TestParsePlace(t *testing.T) {
	tests := []struct {
		rel, src string
		kind     Kind
		section  string
		slug     string
	}{
		{"pipes/basics.md", "+++\ntitle = \"T\"\n+++\n", Article, "pipes", "basics"},
		{"pipes/basics.md", "+++\ntitle = \"T\"\nslug = \"first-pipe\"\n+++\n", Article, "pipes", "first-pipe"},
		{"pipes/deeper/x.md", "+++\ntitle = \"T\"\n+++\n", Article, "pipes", "x"},
		{"about.md", "+++\ntitle = \"T\"\n+++\n", Article, "", "about"},
		{"pipes/_index.md", "", Section, "pipes", ""},
		{"pipes/_index.md", "+++\ntitle = \"Pipes\"\nslug = \"ignored\"\n+++\n", Section, "pipes", ""},
		{"_index.md", "Welcome\n", Home, "", ""},
	}
	for _, tt := range tests {
		p, errs := Parse("content/"+tt.rel, tt.rel, []byte(tt.src))
		if len(errs) > 0 {
			t.Errorf("%s: %v", tt.rel, errs)
			continue
		}
		if p.Kind != tt.kind || p.Section != tt.section || p.Slug != tt.slug {
			t.Errorf("%s: got %v section %q slug %q; want %v %q %q",
				tt.rel, p.Kind, p.Section, p.Slug, tt.kind, tt.section, tt.slug)
		}
		if p.Path != "content/"+tt.rel || string(p.Src) != tt.src || p.Lines == nil {
			t.Errorf("%s: Path %q, Src or Lines not kept", tt.rel, p.Path)
		}
	}
}

// Parse must not panic on any input, and its offsets and positions must
// stay inside the file.
func FuzzParse(f *testing.F) {
	f.Add("+++\ntitle = \"T\"\ntags = [\"a\"]\n+++\nBody\n")
	f.Add("---\ntitle: T\ndate: 2024-01-02\n<<: {a: 1}\n---\n")
	f.Add("\uFEFF---\r\ntitle: [\r\n---\r\n")
	f.Fuzz(func(t *testing.T, src string) {
		p, errs := Parse("content/s/a.md", "s/a.md", []byte(src))
		if p.BodyStart < 0 || p.BodyStart > len(src) {
			t.Fatalf("BodyStart %d out of range for %d bytes", p.BodyStart, len(src))
		}
		lines := strings.Count(src, "\n") + 1
		for _, d := range errs {
			if d.Line < 1 || d.Line > lines {
				t.Errorf("diagnostic on line %d of a %d-line file: %v", d.Line, lines, d)
			}
		}
	})
}
