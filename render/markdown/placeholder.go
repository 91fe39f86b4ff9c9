package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// blockPlaceholders is the extension that turns an HTML block that is
// one comment of letters, `<!--ZQ1Rqqq-->`, into a paragraph of those
// letters, at parse time. render/shortcode masks a shortcode tag alone
// on its line so: a comment, unlike a line of letters, ends the
// paragraph, list or quote above it, as the tag ends the call, and the
// letters then stand alone in the HTML for the call's output to replace
// (unsafe or not).
type blockPlaceholders struct{}

func (e blockPlaceholders) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 90)))
}

func (blockPlaceholders) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	if !bytes.Contains(src, []byte("<!--ZQ")) {
		return
	}
	var found []*ast.HTMLBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.HTMLBlock)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if h.HTMLBlockType == ast.HTMLBlockType2 && h.Lines().Len() == 1 {
			if seg := h.Lines().At(0); isPlaceholderComment(seg.Value(src)) {
				found = append(found, h)
			}
		}
		return ast.WalkSkipChildren, nil
	})
	for _, h := range found {
		seg := h.Lines().At(0)
		v := seg.Value(src)
		start := seg.Start + bytes.Index(v, []byte("<!--")) + 4
		stop := seg.Start + bytes.Index(v, []byte("-->"))
		p := ast.NewParagraph()
		p.Lines().Append(text.NewSegment(start, stop))
		p.AppendChild(p, ast.NewTextSegment(text.NewSegment(start, stop)))
		h.Parent().ReplaceChild(h.Parent(), h, p)
	}
}

// isPlaceholderComment reports whether line is `<!--ZQ` hex digits, a
// kind letter and q's `-->`, spaces around it.
func isPlaceholderComment(line []byte) bool {
	line = bytes.TrimSpace(line)
	if !bytes.HasPrefix(line, []byte("<!--ZQ")) || !bytes.HasSuffix(line, []byte("-->")) {
		return false
	}
	body := line[6 : len(line)-3]
	i := 0
	for i < len(body) && ('0' <= body[i] && body[i] <= '9' || 'a' <= body[i] && body[i] <= 'f') {
		i++
	}
	if i == 0 || i == len(body) || body[i] != 'Q' && body[i] != 'R' {
		return false
	}
	return len(bytes.TrimLeft(body[i+1:], "q")) == 0
}
