package markdown

import (
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pipedocs/pipedocs/render/internal/hugotest"
	"github.com/pipedocs/pipedocs/render/snippet"
)

// hugoCases are Markdown that pipedocs must render as Hugo's goldmark
// does by default (SPEC §2, §2.2), one page each: one per Markdown
// extension, one or more per fence attribute.
var hugoCases = map[string]string{
	// Extensions.
	"deflist":           "Term\n: Definition one\n\nSecond term\n: Definition *two*\n: Definition three\n",
	"typographer":       "Intro \"quoted\" -- dash --- em... it's 'single' <<angle>>, `\"code\" -- kept`.\n",
	"headings":          "## My heading {#custom-id .cls}\n\n## Other Heading: with_under-score & stuff\n\n## Café déjà vu\n\n## My heading\n",
	"linkify":           "Visit www.example.com, https://go.dev/doc and <https://example.org> now.\n",
	"more":              "Before the divider.\n\n<!--more-->\n\nAfter it.\n",
	"footnote":          "Text with a note.[^1]\n\n[^1]: The note.\n",
	"strikethrough":     "~~strike~~ and ~one~ tilde.\n",
	"gfm-table":         "| a | b | c |\n|---|:-:|--:|\n| 1 | 2 | 3 |\n",
	"tasklist":          "- [x] done\n- [ ] todo\n",
	"block-attrs":       "A paragraph\n{.cls}\n\n> quote\n{#q}\n", // off in Hugo: text
	"no-emoji":          "Line one  \nhard break :smile: and no\nsoft one.\n",
	"deflist-loose":     "Term\n\n: Loose definition\n\n    with a second paragraph.\n\nTerm two\n: - a list\n  - in it\n\nA paragraph\nNot a term\n: but a definition\n",
	"heading-quotes":    "## It's \"quoted\" -- here\n\n## Title {.cls #the-id}\n\n## Trailing {#x}  \n\n# Top level {#top}\n",
	"typographer-links": "[It's \"a\" link](https://go.dev) and **bold 'single'** ... ok\n",
	// Fence attributes.
	"linenos-table": "```go {linenos=table,hl_lines=[2]}\npackage main\nfunc main() {}\n```\n",
	"linenos-inline": "```sh {linenos=inline, hl_lines=[1,\"3-4\"], linenostart=9, anchorlinenos=true}\n" +
		"a\nb\nc\nd\n```\n",
	"linenos-true":  "```go {linenos=true,linenostart=5}\na\nb\n```\n",
	"linenos-false": "```toml {linenos=false}\na = 1\n```\n",
	"anchors": "```python {linenos=table,anchorlinenos=true}\nprint(1)\n```\n\n" +
		"```go {hl_lines=[1] lineanchors=x linenos=true anchorlinenos=true}\npackage main\n```\n",
	"hl-lines": "```text {hl_lines=\"2-3\"}\na\nb\nc\nd\n```\n",
	// The issue's own example: a range past the first line, from line 199.
	"linenos-ranges": "```go {linenos=table,hl_lines=[8,\"15-17\"],linenostart=199}\n" +
		strings.Repeat("x := 1\n", 18) + "```\n",
	"class-id":     "```toml {.myclass #myid}\na = 1\n```\n",
	"unknown-attr": "```go {file=\"x.go\" hl_lines=[1]}\npackage main\n```\n",
	"no-lang":      "```\nno lang\n```\n\n```text\nplain\n```\n",
}

// hugoDiffers are the cases pipedocs renders otherwise than Hugo, with
// why: their pipedocs shape is kept in NAME.pipedocs.shape beside
// Hugo's, so that a change to either is seen.
var hugoDiffers = map[string]string{
	// Not on purpose, left for render/markdown's code blocks: a fence
	// without Hugo attributes is highlighted without Hugo's
	// language-NAME class and per-line spans.
	"class-id":      "a fence without line attributes has no language class and no per-line spans",
	"linenos-false": "a fence without line attributes has no language class and no per-line spans",
	"unknown-attr":  "an attribute pipedocs does not know is written data-NAME=, where Hugo writes NAME=, which is not valid HTML",
	"no-lang":       "a fence with no language is highlighted as text in <div class=highlight>, where Hugo writes a bare <pre>",
}

// TestMatchesHugo compares the structure of what pipedocs renders for
// hugoCases (hugotest.Shape) with what Hugo 0.111 rendered, kept in
// testdata/hugo/shapes (-update refreshes them from the hugo on PATH;
// where it is installed, the test checks they are still what it renders).
// What pipedocs adds on purpose is left out of the comparison: the
// snippet <figure> around a fence, the heading's self-link. Token
// classes are left out too, as they depend on the chroma version (Hugo
// 0.111's has no whitespace class). The cases in hugoDiffers are
// compared with pipedocs' own kept shape instead, and say why.
func TestMatchesHugo(t *testing.T) {
	names := slices.Sorted(maps.Keys(hugoCases))
	shapes := filepath.Join("testdata", "hugo", "shapes")
	if hugo, why := hugotest.Hugo(); hugo != "" {
		pages := map[string]string{}
		for _, name := range names {
			pages[name+".md"] = "+++\ntitle = \"" + name + "\"\n+++\n" + hugoCases[name]
		}
		html := hugotest.Run(t, hugo, filepath.Join("testdata", "hugo", "site"), pages)
		for _, name := range names {
			hugotest.Golden(t, filepath.Join(shapes, name+".shape"), shape(t, html[name+".md"]), *update)
		}
	} else {
		if *update {
			t.Fatal("-update needs Hugo 0.111 on PATH: " + why)
		}
		t.Log(why + ": comparing with the shapes Hugo 0.111 rendered, kept in " + shapes)
	}
	r := New(Options{})
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			got := shape(t, renderBody(t, r, []byte(hugoCases[name])))
			if why, ok := hugoDiffers[name]; ok {
				t.Logf("differs from Hugo: %s", why)
				hugotest.Golden(t, filepath.Join(shapes, name+".pipedocs.shape"), got, *update)
				return
			}
			hugotest.Golden(t, filepath.Join(shapes, name+".shape"), got, false)
		})
	}
}

// renderBody renders body, a whole article without front matter, with
// nothing run.
func renderBody(t *testing.T, r *Renderer, body []byte) string {
	t.Helper()
	doc := mustParse(t, r, body)
	snippets, diags := snippet.Find("a.md", body, 0, doc)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	a, err := r.Render(body, 0, doc, snippets, nil)
	if err != nil {
		t.Fatal(err)
	}
	return string(a.Body)
}

// shapeOptions keep what a reader sees of Markdown, leaving out what
// pipedocs adds around a fence and a heading.
var shapeOptions = hugotest.ShapeOptions{
	Unwrap:      []string{"figure", "figcaption"},
	Skip:        func(name string, attr func(string) string) bool { return name == "a" && attr("class") == "anchor" },
	SpanClasses: []string{"line", "hl", "cl", "ln", "lnt"},
	Attrs:       []string{"href", "src", "type", "checked", "disabled", "file", "data-file"},
}

func shape(t *testing.T, fragment string) string {
	t.Helper()
	s, err := hugotest.Shape(fragment, shapeOptions)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
