package page

import (
	"reflect"
	"testing"
	"time"
)

// Each case is written in both formats, which must decode alike.
func TestFrontMatterKeys(t *testing.T) {
	day := time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		toml, yaml string
		want       FrontMatter
	}{
		{
			name: "strings",
			toml: "title = \"Pipes\"\ndescription = \"How <b>pipes</b> work\"\nsummary = 'Short'\n",
			yaml: "title: Pipes\ndescription: \"How <b>pipes</b> work\"\nsummary: Short\n",
			want: FrontMatter{Title: "Pipes", Description: "How <b>pipes</b> work", Summary: "Short"},
		},
		{
			name: "native dates",
			toml: "title = \"T\"\ndate = 2024-03-05\nlastmod = 2024-03-06T10:30:00+02:00\n",
			yaml: "title: T\ndate: 2024-03-05\nlastmod: 2024-03-06T10:30:00+02:00\n",
			want: FrontMatter{Title: "T", Date: day, Lastmod: time.Date(2024, 3, 6, 10, 30, 0, 0, time.FixedZone("", 2*3600))},
		},
		{
			name: "dates as strings",
			toml: "title = \"T\"\ndate = \"2024-03-05\"\nlastmod = \"2024-03-06T08:30:00Z\"\n",
			yaml: "title: T\ndate: \"2024-03-05\"\nlastmod: \"2024-03-06T08:30:00Z\"\n",
			want: FrontMatter{Title: "T", Date: day, Lastmod: time.Date(2024, 3, 6, 8, 30, 0, 0, time.UTC)},
		},
		{
			name: "local date-time is UTC",
			toml: "title = \"T\"\ndate = 2024-03-05T07:00:00\n",
			yaml: "title: T\ndate: 2024-03-05T07:00:00\n",
			want: FrontMatter{Title: "T", Date: day.Add(7 * time.Hour)},
		},
		{
			name: "draft and weight",
			toml: "title = \"T\"\ndraft = true\nweight = -3\n",
			yaml: "title: T\ndraft: true\nweight: -3\n",
			want: FrontMatter{Title: "T", Draft: true, Weight: -3},
		},
		{
			name: "lists",
			toml: "title = \"T\"\ncategories = [\"Go\"]\ntags = [\"pipes\", \"os\"]\nauthors = []\n",
			yaml: "title: T\ncategories: [Go]\ntags:\n  - pipes\n  - os\nauthors: []\n",
			want: FrontMatter{Title: "T", Categories: []string{"Go"}, Tags: []string{"pipes", "os"}, Authors: []string{}},
		},
		{
			name: "a single string is a list of one",
			toml: "title = \"T\"\ntags = \"pipes\"\nauthors = \"Ann\"\n",
			yaml: "title: T\ntags: pipes\nauthors: Ann\n",
			want: FrontMatter{Title: "T", Tags: []string{"pipes"}, Authors: []string{"Ann"}},
		},
		{
			name: "terms as Hugo casts them: numbers, booleans; blank strings dropped",
			toml: "title = \"T\"\ntags = [2023, 1.5, true, \"\", \" \", \"go\"]\ncategories = 7\n",
			yaml: "title: T\ntags: [2023, 1.5, true, \"\", \" \", go]\ncategories: 7\n",
			want: FrontMatter{Title: "T", Categories: []string{"7"}, Tags: []string{"2023", "1.5", "true", "go"}},
		},
		{
			name: "slug and aliases",
			toml: "title = \"T\"\nslug = \"simple-pipe\"\naliases = [\"/old/pipe/\", \"pipe.html\"]\n",
			yaml: "title: T\nslug: simple-pipe\naliases: [/old/pipe/, pipe.html]\n",
			want: FrontMatter{Title: "T", Slug: "simple-pipe", Aliases: []string{"/old/pipe/", "pipe.html"}},
		},
		{
			name: "keys are case-insensitive",
			toml: "Title = \"T\"\nDRAFT = true\n",
			yaml: "Title: T\nDRAFT: true\n",
			want: FrontMatter{Title: "T", Draft: true},
		},
		{
			name: "unknown keys go to Params, lower-cased",
			toml: "title = \"T\"\nSeries = \"pipes\"\nlevel = 2\nratio = 0.5\ntoc = false\n[Extra]\nNested = [1, \"a\"]\n",
			yaml: "title: T\nSeries: pipes\nlevel: 2\nratio: 0.5\ntoc: false\nExtra:\n  Nested: [1, a]\n",
			want: FrontMatter{Title: "T", Params: map[string]any{
				"series": "pipes", "level": int64(2), "ratio": 0.5, "toc": false,
				"extra": map[string]any{"nested": []any{int64(1), "a"}},
			}},
		},
		{
			name: "a params table is merged into Params",
			toml: "title = \"T\"\nicon = \"x\"\n[params]\nColor = \"red\"\n",
			yaml: "title: T\nicon: x\nparams:\n  Color: red\n",
			want: FrontMatter{Title: "T", Params: map[string]any{"icon": "x", "color": "red"}},
		},
	}
	for _, tt := range tests {
		for _, f := range []struct{ name, delim, text string }{{"toml", "+++", tt.toml}, {"yaml", "---", tt.yaml}} {
			t.Run(tt.name+"/"+f.name, func(t *testing.T) {
				src := f.delim + "\n" + f.text + f.delim + "\nBody\n"
				p, errs := Parse("content/s/a.md", "s/a.md", []byte(src))
				if len(errs) > 0 {
					t.Fatalf("unexpected diagnostics:\n%v", errs)
				}
				if tt.want.Build == (Build{}) {
					tt.want.Build = DefaultBuild
				}
				p.Meta.own = nil
				if !reflect.DeepEqual(p.Meta, tt.want) {
					t.Errorf("front matter:\n got %#v\nwant %#v", p.Meta, tt.want)
				}
				if got := string(p.Body()); got != "Body\n" {
					t.Errorf("body = %q, want %q", got, "Body\n")
				}
			})
		}
	}
}

func TestYAMLAnchorsAndMerge(t *testing.T) {
	src := "---\nbase: &b {author: Ann}\n<<: *b\ntitle: T\ntags: [*x]\n---\n"
	_, errs := Parse("content/a.md", "a.md", []byte(src))
	if want := "content/a.md:5: invalid YAML: unknown anchor 'x' referenced"; len(errs) != 1 || errs[0].Error() != want {
		t.Fatalf("diagnostics = %v, want %s", errs, want)
	}

	src = "---\nbase: &b {author: Ann}\n<<: *b\ntitle: T\n---\n"
	p, errs := Parse("content/a.md", "a.md", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := map[string]any{"base": map[string]any{"author": "Ann"}, "author": "Ann"}
	if !reflect.DeepEqual(p.Meta.Params, want) {
		t.Errorf("Params = %#v, want %#v", p.Meta.Params, want)
	}
}
