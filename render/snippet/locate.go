package snippet

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// Locate returns the position of the fenced code block n within body, the
// source goldmark parsed. Offsets are relative to body, and Line is left 0:
// Find makes both absolute. The HTML renderer calls Locate to learn which
// snippet an AST node is, by comparing Block.Start.
//
// goldmark keeps the content lines and the info string of a fenced block
// but neither of its fences, so Locate finds them again: the opening fence
// at the node's position (or, failing that, on the line of its info string
// or the line before its content), the closing fence on the line after the
// last content line, if that line is one and goldmark did not start another
// block there instead (an unclosed block ends with its container).
func Locate(n *ast.FencedCodeBlock, body []byte) Block {
	fence := fencePos(n, body)
	start := lineStart(body, fence)
	char := body[fence]
	flen := runLen(body[fence:], char)
	openEnd := lineEnd(body, fence)
	b := Block{
		Start:        start,
		Fence:        string(body[fence : fence+flen]),
		Indent:       columns(body[start:fence]),
		ContentStart: openEnd,
		ContentEnd:   openEnd,
		End:          openEnd,
	}
	if lines := n.Lines(); lines.Len() > 0 {
		last := lines.At(lines.Len() - 1)
		b.ContentEnd = lineEnd(body, last.Start)
		b.End = b.ContentEnd
		b.Content = content(lines, body)
	}
	if b.ContentEnd < len(body) {
		next := lineEnd(body, b.ContentEnd)
		if isClosingFence(body[b.ContentEnd:next], char, flen) && !blockStartsIn(n, b.ContentEnd, next) {
			b.Closed = true
			b.End = next
		}
	}
	return b
}

// fencePos returns the offset of the opening fence's first character.
func fencePos(n *ast.FencedCodeBlock, body []byte) int {
	off := n.Pos()
	if off < 0 || off >= len(body) {
		switch {
		case n.Info != nil:
			off = n.Info.Segment.Start
		case n.Lines().Len() > 0:
			off = max(lineStart(body, n.Lines().At(0).Start)-1, 0)
		default:
			off = 0
		}
	}
	// From the line's start: with a tab in the container prefix, goldmark's
	// position may fall inside the fence ("*\t>\t```").
	off = lineStart(body, off)
	end := lineEnd(body, off)
	for i := off; i < end; i++ {
		if c := body[i]; (c == '`' || c == '~') && runLen(body[i:end], c) >= 3 {
			return i
		}
	}
	return off // not reached for a node goldmark parsed from body
}

// isClosingFence reports whether line, stripped of the container prefix
// (blanks and blockquote markers), is a run of at least n fence characters
// c followed by nothing but blanks.
func isClosingFence(line []byte, c byte, n int) bool {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '>') {
		i++
	}
	run := runLen(line[i:], c)
	return run >= n && isBlank(line[i+run:])
}

// blockStartsIn reports whether a block other than n, anywhere in n's
// document, starts within body[lo:hi]. A fence-like line right after n's
// content that starts a block of its own (because n's list item or
// blockquote ended before it) is not n's closing fence.
//
// Such a block is the next one in document order, which is cheap to
// find. But the footnote extension moves definitions to the end of the
// document, so inside one the next block in the text may sit anywhere in
// the tree: then, rarely, the whole tree is searched.
func blockStartsIn(n ast.Node, lo, hi int) bool {
	root, footnote := n, false
	for root.Parent() != nil {
		root = root.Parent()
		footnote = footnote || root.Kind() == east.KindFootnote
	}
	if !footnote {
		for m := n; m.Parent() != nil; m = m.Parent() {
			if next := m.NextSibling(); next != nil {
				if p := next.Pos(); p >= 0 {
					return lo <= p && p < hi
				}
				break // a node goldmark did not place: search them all
			}
		}
	}
	found := false
	ast.Walk(root, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || m.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		if m != n && m != root && lo <= m.Pos() && m.Pos() < hi {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

func runLen(b []byte, c byte) int {
	i := 0
	for i < len(b) && b[i] == c {
		i++
	}
	return i
}

func isBlank(b []byte) bool {
	return len(bytes.TrimLeft(b, " \t\r\n")) == 0
}

// lineStart returns the offset of the first byte of the line holding off.
func lineStart(b []byte, off int) int {
	return bytes.LastIndexByte(b[:off], '\n') + 1
}

// lineEnd returns the offset just past the line ending of the line
// holding off, or len(b) on a last line without one.
func lineEnd(b []byte, off int) int {
	if i := bytes.IndexByte(b[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(b)
}

// columns returns the width of b, a line's leading bytes, with tabs
// advancing to the next multiple of 4 as CommonMark has it.
func columns(b []byte) int {
	col := 0
	for _, c := range b {
		if c == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
	}
	return col
}

// content returns what lines.Value(body) returns, without its copy when
// the lines are one run of body's bytes as they stand (no indentation
// taken off, no newline added): a slice of body capped at its length, so
// an append to it never writes into body. A site keeps every block's
// content from the parse to the render; shared, it costs no memory beyond
// the page source, which is kept anyway.
func content(lines *text.Segments, body []byte) []byte {
	first := lines.At(0)
	stop := first.Start
	for i := range lines.Len() {
		s := lines.At(i)
		if s.Padding != 0 || s.Start != stop || s.Start > s.Stop || s.Stop > len(body) {
			return lines.Value(body)
		}
		stop = s.Stop
	}
	if stop == first.Start || body[stop-1] != '\n' {
		return lines.Value(body) // empty, or a newline to add (ForceNewline)
	}
	return body[first.Start:stop:stop]
}
