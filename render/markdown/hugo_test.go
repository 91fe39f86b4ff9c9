package markdown

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pipedocs/pipedocs/render/snippet"
)

// hugoCases are Markdown that pipedocs must render as Hugo's goldmark
// does by default (SPEC §2, §2.2), one page each.
var hugoCases = map[string]string{
	"deflist":     "Term\n: Definition one\n\nSecond term\n: Definition *two*\n: Definition three\n",
	"typographer": "Intro \"quoted\" -- dash --- em... it's 'single' <<angle>>, `\"code\" -- kept`.\n",
	"headings":    "## My heading {#custom-id .cls}\n\n## Other Heading: with_under-score & stuff\n\n## Café déjà vu\n\n## My heading\n",
	"linkify":     "Visit www.example.com, https://go.dev/doc and <https://example.org> now.\n",
	"more":        "Before the divider.\n\n<!--more-->\n\nAfter it.\n",
	"footnote":    "Text with a note.[^1]\n\n[^1]: The note.\n",
	"table":       "```go {linenos=table,hl_lines=[2]}\npackage main\nfunc main() {}\n```\n",
	"inline": "```sh {linenos=inline, hl_lines=[1,\"3-4\"], linenostart=9, anchorlinenos=true}\n" +
		"a\nb\nc\nd\n```\n",
	"anchors": "```python {linenos=table,anchorlinenos=true}\nprint(1)\n```\n\n" +
		"```go {hl_lines=[1] lineanchors=x linenos=true anchorlinenos=true}\npackage main\n```\n",
}

// TestMatchesHugo renders hugoCases with the hugo on PATH (Debian's
// 0.111 in CI) on testdata/hugo, a site whose layout is {{ .Content }},
// and with pipedocs, and compares the two fragments' structure: element
// names, ids, link targets, the classes that matter and the text. What
// pipedocs adds on purpose is left out of the comparison: the snippet
// <figure> around a fence, the heading's self-link. Token classes are
// left out too, as they depend on the chroma version (Hugo 0.111's has no
// whitespace class).
func TestMatchesHugo(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not installed: not comparing pipedocs' Markdown with Hugo's")
	}
	site := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS("testdata/hugo")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, md := range hugoCases {
		page := "+++\ntitle = \"" + name + "\"\n+++\n" + md
		if err := os.WriteFile(filepath.Join(site, "content", name+".md"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out := filepath.Join(site, "public")
	cmd := exec.CommandContext(ctx, hugo, "--quiet", "--source", site, "--destination", out,
		"--cacheDir", filepath.Join(site, "cache"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, b)
	}
	r := New(Options{})
	for name, md := range hugoCases {
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(out, name, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			got := renderBody(t, r, []byte(md))
			if g, w := structure(t, got), structure(t, string(want)); g != w {
				t.Errorf("pipedocs and hugo differ\n--- pipedocs\n%s\n--- hugo\n%s\n--- pipedocs HTML\n%s\n--- hugo HTML\n%s", g, w, got, want)
			}
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

// structuralClasses are the classes of a <span> that are markup rather
// than a token's colour.
var structuralClasses = map[string]bool{"line": true, "hl": true, "cl": true, "ln": true, "lnt": true}

// structure is an HTML fragment as one line per element and text run:
// "<name .class #id href>", "text", "</name>". Whitespace runs are one
// space, and text is trimmed; <figure>, <figcaption> and a span with
// only token classes are unwrapped, and a heading's <a class="anchor">
// is left out.
func structure(t *testing.T, fragment string) string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader("<root>" + fragment + "</root>"))
	d.Strict, d.AutoClose, d.Entity = false, xml.HTMLAutoClose, xml.HTMLEntity
	var b, text strings.Builder
	flush := func() {
		if s := strings.Join(strings.Fields(text.String()), " "); s != "" {
			b.WriteString(s + "\n")
		}
		text.Reset()
	}
	var open []bool // per open element: written
	skip := 0       // depth inside a left-out element
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%v in\n%s", err, fragment)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if skip > 0 || tok.Name.Local == "a" && attr(tok, "class") == "anchor" {
				skip++
				continue
			}
			tag, keep := element(tok)
			open = append(open, keep)
			if keep {
				flush()
				b.WriteString(tag + "\n")
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			keep := open[len(open)-1]
			open = open[:len(open)-1]
			if keep {
				flush()
				b.WriteString("</" + tok.Name.Local + ">\n")
			}
		case xml.CharData:
			if skip == 0 {
				text.Write(tok)
			}
		}
	}
	flush()
	return b.String()
}

// element is the line of structure for a start tag, and whether it is
// kept at all.
func element(tok xml.StartElement) (string, bool) {
	name := tok.Name.Local
	switch name {
	case "root", "figure", "figcaption":
		return "", false
	}
	var b bytes.Buffer
	b.WriteString("<" + name)
	kept := 0
	for _, c := range strings.Fields(attr(tok, "class")) {
		if name != "span" || structuralClasses[c] {
			b.WriteString(" ." + c)
			kept++
		}
	}
	if name == "span" && kept == 0 && attr(tok, "id") == "" {
		return "", false
	}
	if id := attr(tok, "id"); id != "" {
		b.WriteString(" #" + id)
	}
	if href := attr(tok, "href"); href != "" {
		b.WriteString(" href=" + href)
	}
	b.WriteString(">")
	return b.String(), true
}

func attr(tok xml.StartElement, name string) string {
	for _, a := range tok.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
