package markdown

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// A Link is a Markdown link or image of an article body: what render/site
// checks and, for a link to a Markdown file, rewrites (SPEC §2.1). Links
// in code are not links: goldmark never parses them as such, and raw
// HTML is not looked into.
type Link struct {
	Dest   string // the destination as written, after reference resolution
	Href   string // the attribute value the page holds: Dest URL-escaped, then HTML-escaped
	Offset int    // of the link's '[' (an image's '!') in the body
	Image  bool
}

// Refs returns the links and images of doc, the tree Parse returned for
// body, in document order, and the ids the rendered body holds for a
// #fragment to point at: the headings' (automatic or written
// `{#id}`), the footnotes' (fn:N, fnref:N) and, when raw HTML is let
// through (Options.Unsafe), the id attributes of raw HTML. The ids of a
// snippet's figure are the snippet's business (render/site adds them).
func (r *Renderer) Refs(doc ast.Node, body []byte) (links []Link, ids []string) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			links = append(links, newLink(n.Destination, linkStart(n, body, false), false))
		case *ast.Image:
			links = append(links, newLink(n.Destination, linkStart(n, body, true), true))
		case *ast.Heading:
			if id, ok := headingID(n); ok {
				ids = append(ids, string(id))
			}
		case *extast.Footnote:
			ids = append(ids, "fn:"+strconv.Itoa(n.Index))
		case *extast.FootnoteLink:
			ids = append(ids, "fnref:"+strconv.Itoa(n.Index))
		case *ast.HTMLBlock:
			if r.opt.Unsafe {
				for i := range n.Lines().Len() {
					seg := n.Lines().At(i)
					ids = htmlIDs(ids, seg.Value(body))
				}
			}
		case *ast.RawHTML:
			if r.opt.Unsafe {
				for i := range n.Segments.Len() {
					seg := n.Segments.At(i)
					ids = htmlIDs(ids, seg.Value(body))
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return links, ids
}

func newLink(dest []byte, off int, image bool) Link {
	return Link{Dest: string(dest), Href: string(util.EscapeHTML(util.URLEscape(dest, true))), Offset: off, Image: image}
}

// linkStart returns the offset of n's opening '[' (or "![" for an
// image): goldmark keeps no position for inline nodes, so it is found
// from the first text inside the link, looking back on its line; a link
// without text is placed at the start of its block's line.
func linkStart(n ast.Node, body []byte, image bool) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off < 0 {
		return blockStart(n)
	}
	line := bytes.LastIndexByte(body[:off], '\n') + 1
	if i := bytes.LastIndexByte(body[line:off], '['); i >= 0 {
		off = line + i
		if image && off > 0 && body[off-1] == '!' {
			off--
		}
	}
	return off
}

// blockStart returns where the block holding n starts, or 0.
func blockStart(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return 0
}

// htmlIDs appends the values of the id attributes in raw HTML.
func htmlIDs(ids []string, b []byte) []string {
	for {
		i := bytes.Index(b, []byte("id="))
		if i < 0 || i+3 >= len(b) {
			return ids
		}
		before := i == 0 || b[i-1] == ' ' || b[i-1] == '\t' || b[i-1] == '\n'
		b = b[i+3:]
		if q := b[0]; before && (q == '"' || q == '\'') {
			if end := bytes.IndexByte(b[1:], q); end >= 0 {
				ids = append(ids, string(b[1:1+end]))
				b = b[1+end:]
			}
		}
	}
}
