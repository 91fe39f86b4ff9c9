package markdown

import (
	"bytes"
	stdhtml "html"
	"strings"

	"github.com/pipedocs/pipedocs/render/alert"
	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// A Part is a stretch of an article's text under one heading, for the
// search index (render/search): the first, with no heading, is the
// article's opening; each h2 and h3 with an id (the entries of the table
// of contents) starts another. Text is the prose, Code the code spans
// and code blocks, snippets' code included; a snippet's stdin and output
// are left out (they are what a program read and printed, not what the
// page is about), and so are images' alt text and raw HTML unless raw
// HTML is let through. Words are separated by spaces; nothing is
// escaped.
type Part struct {
	ID, Heading string
	Text, Code  string
}

// textParts walks doc, rendered with c, for its Parts. It is the AST
// twin of reading the rendered HTML back, at a fraction of the cost.
func (c *renderContext) textParts(doc ast.Node, src []byte, unsafe bool) []Part {
	w := partWriter{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock {
				w.text.WriteByte(' ')
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if id, ok := headingID(n); ok && (n.Level == 2 || n.Level == 3) {
				w.next(string(id), plainText(n, src))
				return ast.WalkSkipChildren, nil
			}
		case *ast.Text:
			writeSource(&w.text, n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				w.text.WriteByte(' ')
			}
		case *ast.String:
			w.text.WriteString(stdhtml.UnescapeString(string(n.Value)))
		case *ast.CodeSpan:
			for t := n.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					w.code.Write(t.Segment.Value(src))
				}
			}
			w.code.WriteByte(' ')
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			w.text.Write(n.Label(src))
			return ast.WalkSkipChildren, nil
		case *ast.Image:
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock:
			c.blockText(&w, n, src)
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock:
			w.code.Write(n.Lines().Value(src))
			w.code.WriteByte(' ')
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			if unsafe {
				writeTags(&w.text, n.Lines().Value(src))
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			if unsafe {
				writeTags(&w.text, n.Segments.Value(src))
			}
			return ast.WalkSkipChildren, nil
		case *extast.FootnoteBacklink:
			return ast.WalkSkipChildren, nil
		case *alert.Alert:
			w.text.WriteString(n.Heading())
			w.text.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
	return w.done()
}

// blockText writes a fenced code block's text: a snippet's code and
// title, nothing of its stdin and output or of an output block that
// follows no snippet.
func (c *renderContext) blockText(w *partWriter, n *ast.FencedCodeBlock, src []byte) {
	if role, ok := c.blocks[n]; ok {
		if role.part != partCode {
			return
		}
		if t := c.snippets[role.index].Attrs.Title; t != "" {
			w.text.WriteString(t)
			w.text.WriteByte(' ')
		}
	} else if n.Info != nil && string(n.Language(src)) == snippet.LangOutput {
		return
	}
	w.code.Write(n.Lines().Value(src))
	w.code.WriteByte(' ')
}

// A partWriter collects the Parts of one article.
type partWriter struct {
	parts      []Part
	id, head   string
	text, code strings.Builder
}

// next ends the current part and starts the one under a heading.
func (w *partWriter) next(id, heading string) {
	w.flush()
	w.id, w.head = id, heading
}

func (w *partWriter) flush() {
	w.parts = append(w.parts, Part{ID: w.id, Heading: w.head, Text: w.text.String(), Code: w.code.String()})
	w.text, w.code = strings.Builder{}, strings.Builder{}
}

func (w *partWriter) done() []Part {
	w.flush()
	return w.parts
}

// writeSource writes Markdown text as a reader sees it: an entity or
// character reference ("&amp;", "&#42;") as its character.
func writeSource(b *strings.Builder, s []byte) {
	if bytes.IndexByte(s, '&') < 0 {
		b.Write(s)
		return
	}
	b.WriteString(stdhtml.UnescapeString(string(s)))
}

// writeTags writes the text of raw HTML without its tags.
func writeTags(b *strings.Builder, s []byte) {
	for len(s) > 0 {
		lt := bytes.IndexByte(s, '<')
		if lt < 0 {
			lt = len(s)
		}
		writeSource(b, s[:lt])
		s = s[lt:]
		if gt := bytes.IndexByte(s, '>'); gt >= 0 {
			s = s[gt+1:]
		} else {
			s = nil
		}
	}
	b.WriteByte(' ')
}
