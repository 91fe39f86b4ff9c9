package markdown

import (
	stdhtml "html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// headingAnchors is the extension that gives headings a link to
// themselves; the IDs are goldmark's (parser.WithAutoHeadingID).
type headingAnchors struct{}

func (e headingAnchors) Extend(m goldmark.Markdown) {
	// Ahead of goldmark's own heading renderer, as codeBlocks is.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

func (headingAnchors) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
}

// renderHeading writes a heading as goldmark does, plus, for h2 to h4, a
// link to itself before the closing tag:
//
//	<h2 id="pipes">Pipes <a class="anchor" href="#pipes">#</a></h2>
//
// h1 is the article's title and h5/h6 are too minor to link to.
func renderHeading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	if entering {
		_, _ = w.WriteString("<h")
		_ = w.WriteByte('0' + byte(n.Level))
		if n.Attributes() != nil {
			html.RenderAttributes(w, n, html.HeadingAttributeFilter)
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id, ok := headingID(n); ok && n.Level >= 2 && n.Level <= 4 {
		_, _ = w.WriteString(` <a class="anchor" href="#`)
		_, _ = w.Write(util.EscapeHTML(id))
		_, _ = w.WriteString(`">#</a>`)
	}
	_, _ = w.WriteString("</h")
	_ = w.WriteByte('0' + byte(n.Level))
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}

// headingID returns the id goldmark's parser gave n.
func headingID(n *ast.Heading) ([]byte, bool) {
	v, ok := n.AttributeString("id")
	if !ok {
		return nil, false
	}
	id, ok := v.([]byte)
	return id, ok && len(id) > 0
}

// outline returns the table of contents of doc (its h2 and h3 headings)
// and its summary: the text of the blocks before a `<!--more-->` line,
// or else of its first top-level paragraph.
func outline(doc ast.Node, src []byte) (toc []Heading, summary string) {
	summary = summaryText(doc, src)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		h, ok := n.(*ast.Heading)
		if !ok {
			return ast.WalkContinue, nil
		}
		if id, ok := headingID(h); ok && (h.Level == 2 || h.Level == 3) {
			toc = append(toc, Heading{Level: h.Level, ID: string(id), Text: plainText(h, src)})
		}
		return ast.WalkSkipChildren, nil
	})
	return toc, summary
}

// summaryText returns the summary of outline.
func summaryText(doc ast.Node, src []byte) string {
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() != kindDivider {
			continue
		}
		var before []string
		for b := doc.FirstChild(); b != c; b = b.NextSibling() {
			if t := plainText(b, src); t != "" {
				before = append(before, t)
			}
		}
		return strings.Join(before, " ")
	}
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if p, ok := c.(*ast.Paragraph); ok {
			return plainText(p, src)
		}
	}
	return ""
}

// plainText returns the text of n's inline content as a reader sees it:
// markup gone, code spans and link labels kept, line breaks as spaces, raw
// HTML left out.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() { // the typographer's entities, written as they are
				b.WriteString(stdhtml.UnescapeString(string(c.Value)))
			} else {
				b.Write(c.Value)
			}
		case *ast.AutoLink:
			b.Write(c.Label(src))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
