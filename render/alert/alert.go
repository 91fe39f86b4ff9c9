package alert

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Kinds are the alert kinds GitHub knows, lower case, in GitHub's order.
var Kinds = [...]string{"note", "tip", "important", "warning", "caution"}

// KindAlert is the goldmark node kind of an Alert.
var KindAlert = ast.NewNodeKind("Alert")

// An Alert is a blockquote that GitHub shows as a callout. Its children
// are the blockquote's, minus the marker line.
type Alert struct {
	ast.BaseBlock
	// AlertType is one of Kinds, as in Hugo's render hooks.
	AlertType string
	// Title is the text after the marker, trimmed; empty when the
	// marker stands alone and the kind is the heading.
	Title string
}

// Kind implements ast.Node.
func (*Alert) Kind() ast.NodeKind { return KindAlert }

// Dump implements ast.Node.
func (a *Alert) Dump(src []byte, level int) {
	ast.DumpHelper(a, src, level, map[string]string{"AlertType": a.AlertType, "Title": a.Title}, nil)
}

// Heading is what the alert is headed by: its title, else its kind with
// a capital letter.
func (a *Alert) Heading() string {
	if a.Title != "" {
		return a.Title
	}
	return strings.ToUpper(a.AlertType[:1]) + a.AlertType[1:]
}

// Extension turns GitHub alerts into Alert nodes and renders them.
var Extension goldmark.Extender = extender{}

type extender struct{}

func (extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 500)))
}

// transformer replaces alert blockquotes by Alert nodes.
type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	// Replace after the walk, which must not see its tree change; a
	// blockquote inside another is found, and replaced, in either case.
	for _, q := range quotes {
		if a := fromBlockquote(q, src); a != nil {
			q.Parent().ReplaceChild(q.Parent(), q, a)
		}
	}
}

// fromBlockquote returns the Alert that q is, with q's children moved
// into it, or nil when q is a plain blockquote.
func fromBlockquote(q *ast.Blockquote, src []byte) *Alert {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return nil
	}
	first := p.Lines().At(0)
	kind, title, ok := parseMarker(first.Value(src))
	if !ok {
		return nil
	}
	dropFirstLine(p, first.Stop)
	a := &Alert{AlertType: kind, Title: title}
	a.SetBlankPreviousLines(q.HasBlankPreviousLines())
	for c := q.FirstChild(); c != nil; {
		next := c.NextSibling()
		a.AppendChild(a, c) // takes c out of q
		c = next
	}
	return a
}

// parseMarker parses the first line of a blockquote's paragraph as
// "[!KIND]", an optional '+' or '-', and an optional title.
func parseMarker(line []byte) (kind, title string, ok bool) {
	rest, found := bytes.CutPrefix(bytes.TrimLeft(line, " \t"), []byte("[!"))
	if !found {
		return "", "", false
	}
	word, rest, found := bytes.Cut(rest, []byte("]"))
	if !found {
		return "", "", false
	}
	kind = strings.ToLower(string(word))
	known := false
	for _, k := range Kinds {
		known = known || k == kind
	}
	if !known {
		return "", "", false
	}
	if len(rest) > 0 && (rest[0] == '+' || rest[0] == '-') {
		rest = rest[1:]
	}
	if len(rest) > 0 && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\n' && rest[0] != '\r' {
		return "", "", false // "[!NOTE]s" is text, not a marker
	}
	return kind, string(bytes.TrimSpace(rest)), true
}

// dropFirstLine removes from p the inline nodes of its first line, which
// ends at stop, and the line itself; a paragraph left empty goes. The line
// ends with the first text that breaks it, or before the first node whose
// text starts past stop; a node with no text of its own (raw HTML, say)
// belongs to the line it is on.
func dropFirstLine(p *ast.Paragraph, stop int) {
	for c := p.FirstChild(); c != nil; {
		if start, found := textStart(c); found && start >= stop {
			break
		}
		next := c.NextSibling()
		p.RemoveChild(p, c)
		if t, ok := c.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			break
		}
		c = next
	}
	lines := p.Lines()
	rest := text.NewSegments()
	rest.AppendAll(lines.Sliced(1, lines.Len()))
	p.SetLines(rest)
	if p.ChildCount() == 0 {
		p.Parent().RemoveChild(p.Parent(), p)
	}
}

// textStart is where the first text inside n starts in the source.
func textStart(n ast.Node) (int, bool) {
	switch n := n.(type) {
	case *ast.Text:
		return n.Segment.Start, true
	case *ast.RawHTML:
		if n.Segments.Len() > 0 {
			return n.Segments.At(0).Start, true
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if s, ok := textStart(c); ok {
			return s, true
		}
	}
	return 0, false
}

// nodeRenderer writes Alert nodes.
type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAlert, render)
}

func render(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	a := node.(*Alert)
	if !entering {
		_, _ = w.WriteString("</blockquote>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<blockquote class="alert alert-` + a.AlertType + "\">\n")
	_, _ = w.WriteString(`<p class="alert-heading"><strong>`)
	_, _ = w.Write(util.EscapeHTML([]byte(a.Heading())))
	_, _ = w.WriteString("</strong></p>\n")
	return ast.WalkContinue, nil
}
