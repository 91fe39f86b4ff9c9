package markdown

import (
	"slices"
	"strings"
	"testing"

	"github.com/pipedocs/pipedocs/render/snippet"
)

func TestRefs(t *testing.T) {
	type link struct {
		dest, href, at string // at: the body from the link's offset, cut to len(at)
		image          bool
	}
	tests := []struct {
		name   string
		unsafe bool
		body   string
		links  []link
		ids    []string
	}{
		{name: "link and image",
			body:  "See [the *other* page](other.md#part) and ![a pic](img/p.png \"t\").\n",
			links: []link{{"other.md#part", "other.md#part", "[the", false}, {"img/p.png", "img/p.png", "![a", true}}},
		{name: "emphasis first",
			body:  "x [**bold** text](/python/)\n",
			links: []link{{"/python/", "/python/", "[**bold", false}}},
		{name: "reference link",
			body:  "A [ref][r] here.\n\n[r]: a%20b.md \"T\"\n",
			links: []link{{"a%20b.md", "a%20b.md", "[ref]", false}}},
		{name: "escaped in the page",
			body:  "[q](a&b.md?x=\"1\")\n",
			links: []link{{`a&b.md?x="1"`, "a&amp;b.md?x=%221%22", "[q]", false}}},
		{name: "empty text",
			body:  "para\n\n[](x.md)\n",
			links: []link{{"x.md", "x.md", "[](x.md)", false}}},
		{name: "code is not a link",
			body: "`[x](nope.md)`\n\n```md\n[y](nope.md)\n```\n\n    [z](nope.md)\n"},
		{name: "autolinks are external",
			body: "<https://go.dev/> www.example.org\n"},
		{name: "heading ids",
			body: "# Top\n\n## Part one\n\n### Custom {#mine}\n\n## Part one\n",
			ids:  []string{"top", "part-one", "mine", "part-one-1"}},
		{name: "footnotes",
			body:  "Text[^1].\n\n[^1]: Note.\n",
			links: nil, ids: []string{"fnref:1", "fn:1"}},
		{name: "raw HTML ids, unsafe", unsafe: true,
			body: "<div id=\"box\" data-id=\"no\">\n\nx <span id='s'>y</span>\n</div>\n",
			ids:  []string{"box", "s"}},
		{name: "raw HTML ids, safe",
			body: "<div id=\"box\">\n</div>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New(Options{Unsafe: tt.unsafe})
			body := []byte(tt.body)
			links, ids := r.Refs(mustParse(t, r, body), body)
			var got []link
			for _, l := range links {
				at := tt.body[l.Offset:]
				got = append(got, link{l.Dest, l.Href, at, l.Image})
			}
			if len(got) != len(tt.links) {
				t.Fatalf("links %+v, want %+v", got, tt.links)
			}
			for i, w := range tt.links {
				g := got[i]
				if g.dest != w.dest || g.href != w.href || g.image != w.image || !strings.HasPrefix(g.at, w.at) {
					t.Errorf("link %d: %+v, want %+v", i, g, w)
				}
			}
			if !slices.Equal(ids, tt.ids) {
				t.Errorf("ids %q, want %q", ids, tt.ids)
			}
		})
	}
}

func TestTextParts(t *testing.T) {
	src := []byte("+++\ntitle = \"t\"\n+++\nMake a *pipe* with `unix.Pipe2` &amp; flags.\n![alt words](x.png)\n\n" +
		"## Closing the *write* end\n\n```go title=main.go\nw.Close()\n```\n\n```output\nprintedword\n```\n\n" +
		"Then reads see EOF[^1].\n\n[^1]: A note.\n\n#### Minor\n\n### Last\n\ntail <b>raw</b>\n")
	body, start, snippets := src[bodyStart(src):], bodyStart(src), []snippet.Snippet(nil)
	r := New(Options{})
	snippets, diags := snippet.Find("t.md", src, start, mustParse(t, r, body))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	a, err := r.Render(body, start, mustParse(t, r, body), snippets, nil)
	if err != nil {
		t.Fatal(err)
	}
	type part struct{ id, heading, text, code string }
	var got []part
	for _, p := range a.Parts {
		got = append(got, part{p.ID, p.Heading, strings.Join(strings.Fields(p.Text), " "), strings.Join(strings.Fields(p.Code), " ")})
	}
	want := []part{
		{"", "", "Make a pipe with & flags.", "unix.Pipe2"},
		{"closing-the-write-end", "Closing the write end", "main.go Then reads see EOF. Minor", "w.Close()"},
		{"last", "Last", "tail raw A note.", ""}, // the footnotes come last, as on the page
	}
	if !slices.Equal(got, want) {
		t.Errorf("parts:\n got %q\nwant %q", got, want)
	}
}
