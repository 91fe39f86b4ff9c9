package markdown

import (
	"fmt"
	"github.com/pipedocs/pipedocs/render/snippet"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkifySeeds are bodies where goldmark's linkify finds something, or
// nearly does: every trigger, every prefix, addresses, and the characters
// that end or spoil a match.
var linkifySeeds = []string{
	"See www.example.com and https://go.dev/doc/ or http://x.y/z?a=1.\n",
	"Mail me@example.com, not me@localhost, nor a@b.c- or a@b.c_x.\n",
	"*https://a.b/c* _www.x.org_ ~ftp://f.g/h~ (http://p.q/r) (www.s.t).\n",
	"\twww.tab.org\n  https://indented.example/ after\n",
	"[a link www.in.label](https://dest.example/) and ![img](http://i.example/x.png)\n",
	"`www.code.span` and <https://auto.link/> and <me@auto.link>\n",
	"hello@ world @ at x@y w h f www. http: https:// ftp:x\n",
	"Email first.last+tag@sub.example.co.uk; then (mail@x.io).\n",
	"wwwx.com hwww.com fwww.com http2://x.y whatever@\n",
	"- item www.list.example\n- me@list.example\n\n> quote https://q.example/\n",
	"| a | b |\n| - | - |\n| www.cell.example | c@d.ef |\n",
	"Ünïcödé wörds www.ü.example and ä@ö.example\n",
	"line one\nwww.second-line.example\n*emph*www.after.example\n",
}

// FuzzLinkify checks linkify against goldmark's own parser: the same tree
// for any body.
func FuzzLinkify(f *testing.F) {
	for _, s := range linkifySeeds {
		f.Add([]byte(s))
	}
	theirs := goldmark.New(goldmark.WithExtensions(extension.Linkify)).Parser()
	ours := parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		parser.WithInlineParsers(util.Prioritized(newLinkify(), 999)),
	)
	f.Fuzz(func(t *testing.T, body []byte) {
		want := treeString(theirs.Parse(text.NewReader(body)), body)
		got := treeString(ours.Parse(text.NewReader(body)), body)
		if got != want {
			t.Fatalf("body %q:\nlinkify made\n%s\ngoldmark's made\n%s", body, got, want)
		}
	})
}

// TestLinkifyFindsLinks guards the test above against a linkify that
// finds nothing: the seeds hold links and addresses it must find.
func TestLinkifyFindsLinks(t *testing.T) {
	body := []byte(strings.Join(linkifySeeds, "\n"))
	doc := mustParse(t, New(Options{}), body)
	n := 0
	_ = ast.Walk(doc, func(n2 ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n2.(*ast.AutoLink); ok && entering {
			n++
		}
		return ast.WalkContinue, nil
	})
	if n < 21 {
		t.Errorf("linkify found %d links and addresses in the seeds, want at least 21 (19 of linkify, 2 <autolinks>)", n)
	}
}

// treeString writes out every node of doc with its kind, position and,
// for text and links, what it covers.
func treeString(doc ast.Node, src []byte) string {
	var b strings.Builder
	depth := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&b, "%s%s@%d", strings.Repeat(" ", depth), n.Kind(), n.Pos())
		switch n := n.(type) {
		case *ast.Text:
			fmt.Fprintf(&b, " %q soft=%t hard=%t", n.Segment.Value(src), n.SoftLineBreak(), n.HardLineBreak())
		case *ast.AutoLink:
			fmt.Fprintf(&b, " %d %q %q", n.AutoLinkType, n.URL(src), n.Protocol)
		case *ast.Link:
			fmt.Fprintf(&b, " %q", n.Destination)
		}
		b.WriteByte('\n')
		depth++
		return ast.WalkContinue, nil
	})
	return b.String()
}

// FuzzParseLinkified checks Parse, which parses without linkify where it
// can (parseLinkified), against a parse with linkify: the same article
// rendered, the same links and ids, for ParseRefs too.
func FuzzParseLinkified(f *testing.F) {
	seeds := append(append(append([]string{
		"A (www.paren.example) and *www.emph.example*, ~www.tilde.example~.\n",
		"Ellipsis www...example and www.\n\n`a`b@c.example and a`b@c.example`\n",
		"[www.in.label](x) [x](https://in.dest) ![i](www.img.example)\n",
	}, linkifySeeds...), parseRefsSeeds...), parseBlocksSeeds...)
	for _, s := range seeds {
		f.Add([]byte(s), false)
	}
	safe, unsafe := New(Options{}), New(Options{Unsafe: true})
	f.Fuzz(func(t *testing.T, body []byte, raw bool) {
		r := safe
		if raw {
			r = unsafe
		}
		got, gotErrs := r.Parse(body)
		want, wantErrs := parseChecked(r.md.Parser(), body)
		if !reflect.DeepEqual(gotErrs, wantErrs) {
			t.Fatalf("Parse found errors %v, with linkify %v", gotErrs, wantErrs)
		}
		if len(gotErrs) > 0 {
			return
		}
		if g, w := renderTree(t, r, got, body), renderTree(t, r, want, body); !reflect.DeepEqual(g, w) {
			t.Fatalf("body %q: Parse rendered\n%+v\nwith linkify\n%+v", body, g, w)
		}
		skim, _ := r.ParseRefs(body)
		skimLinkify, _ := parseChecked(r.refs, body)
		gotL, gotI := r.Refs(skim, body)
		wantL, wantI := r.Refs(skimLinkify, body)
		if !reflect.DeepEqual(gotL, wantL) || !reflect.DeepEqual(gotI, wantI) {
			t.Fatalf("Refs of ParseRefs\n%+v %q\nwith linkify\n%+v %q", gotL, gotI, wantL, wantI)
		}
	})
}

// renderTree renders doc, body's tree, with the snippets found in it.
func renderTree(t *testing.T, r *Renderer, doc ast.Node, body []byte) any {
	t.Helper()
	snippets, diags := snippet.Find("a.md", body, 0, doc)
	a, err := r.Render(body, 0, doc, snippets, nil)
	links, ids := r.Refs(doc, body)
	return []any{a, err, snippets, diags, links, ids}
}

// TestParseSkipsLinkify guards FuzzParseLinkified against a Parse that
// always uses linkify: a body with links only in link destinations and
// code is parsed once, without linkify, and one with an address in its
// prose gets its address linked.
func TestParseSkipsLinkify(t *testing.T) {
	plain := []byte("A [link](https://go.dev/) and `www.code.example` and\n\n```sh\ncurl https://x.example @a\n```\n")
	if doc, _ := parseChecked(New(Options{}).plain, plain); mayLinkify(doc, plain) {
		t.Errorf("mayLinkify(%q) = true, want false", plain)
	}
	for _, body := range []string{"see https://go.dev/ now\n", "https://start.example\n", "x ftp://f.example:21\n", "a:http://x.example\n", "mail a@b.example\n", "(www.x.example)\n", "`a`b@c.example\n", "spaces end \t\nthis line\n", "four    \nspaces\n"} {
		doc, _ := parseChecked(New(Options{}).plain, []byte(body))
		if !mayLinkify(doc, []byte(body)) {
			t.Errorf("mayLinkify(%q) = false, want true", body)
		}
	}
}
