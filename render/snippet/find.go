package snippet

import (
	"bytes"
	"errors"
	"slices"

	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/yuin/goldmark/ast"
)

// Find returns the snippets of the article at path, in source order, with
// the stdin and output blocks that follow them.
//
// src is the whole file; doc is goldmark's AST of src[bodyStart:], the body
// after the front matter. Every fenced code block whose info string starts
// with a language word other than stdin or output is a snippet, whether or
// not it will run: the caller knows the runners. A stdin block, then an
// output block, each optional, belong to the snippet before them when
// only blank lines and paragraphs of prose ("Running it prints:")
// separate them (SPEC §3.1): no heading, thematic break, list, quote,
// table, HTML or other code block.
//
// Blocks are located by absolute offsets into src, and so are the
// offsets of Attrs.Extra: an unknown attribute is the caller's error when
// the snippet runs (Attrs.Unknown). Problems (a bad attribute, a stray or
// misplaced stdin or output block) are returned as diagnostics; a snippet with a bad attribute is still returned, so that
// indexes and positions stay meaningful, but must not run. An output
// block that follows no snippet is only a warning: the page shows it as
// plain output.
func Find(path string, src []byte, bodyStart int, doc ast.Node) ([]Snippet, diag.List) {
	f := finder{path: path, src: src, body: src[bodyStart:], base: bodyStart, lines: diag.NewLineIndex(src)}
	var blocks []located
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if fc, ok := n.(*ast.FencedCodeBlock); ok {
			blocks = append(blocks, located{fc, Locate(fc, f.body)})
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	// Source order, which is not the tree's: the footnote extension moves
	// footnote definitions, blocks and all, to the end of the document.
	slices.SortFunc(blocks, func(a, b located) int { return a.block.Start - b.block.Start })
	for _, l := range blocks {
		f.block(l.node, l.block)
	}
	return f.snippets, f.diags
}

// A located block is a fenced code block with its position in the body.
type located struct {
	node  *ast.FencedCodeBlock
	block Block
}

type finder struct {
	path     string
	src      []byte
	body     []byte
	base     int // offset of body within src
	lines    *diag.LineIndex
	snippets []Snippet
	diags    diag.List

	// prevEnd is the end of the last block that a stdin or output block
	// may follow: the last snippet's, its stdin's or its output's. It is
	// -1 when any other fenced block came since. prev is that block.
	prevEnd int
	prev    ast.Node
}

func (f *finder) block(n *ast.FencedCodeBlock, b Block) {
	b.Start += f.base
	b.End += f.base
	b.ContentStart += f.base
	b.ContentEnd += f.base
	b.Line = f.lines.Line(b.Start)
	fence := fenceOffset(f.src, b)

	var info string
	infoOff := fence
	if n.Info != nil {
		info = string(n.Info.Segment.Value(f.body))
		infoOff = n.Info.Segment.Start + f.base
	}
	lang, attrs, err := ParseInfo(info)
	for i := range attrs.Extra {
		attrs.Extra[i].Offset += infoOff
	}
	if err != nil {
		var ie *InfoError
		if errors.As(err, &ie) {
			f.diags = append(f.diags, f.lines.At(f.path, infoOff+ie.Offset, "%s", ie.Msg))
		} else {
			f.diags = append(f.diags, f.lines.At(f.path, infoOff, "%v", err))
		}
	}

	switch lang {
	case "":
		f.prevEnd = -1
	case LangStdin, LangOutput:
		f.attach(n, lang, attrs, b, fence)
	default:
		f.snippets = append(f.snippets, Snippet{Index: len(f.snippets), Lang: lang, Attrs: attrs, Code: b})
		f.prevEnd, f.prev = b.End, n
	}
}

// attach ties a stdin or output block to the snippet before it.
func (f *finder) attach(n ast.Node, lang string, attrs Attrs, b Block, fence int) {
	if !f.follows(n, lang, b) {
		if lang == LangOutput {
			f.diags = append(f.diags, f.lines.Warn(f.path, fence, "output block follows no snippet; shown as plain output"))
		} else {
			f.diags = append(f.diags, f.lines.At(f.path, fence, "%s block follows no snippet", lang))
		}
		f.prevEnd = -1
		return
	}
	s := &f.snippets[len(f.snippets)-1]
	switch {
	case lang == LangStdin && s.Output != nil:
		f.diags = append(f.diags, f.lines.At(f.path, fence, "stdin block after the output block of snippet at line %d; stdin comes first", s.Code.Line))
	case lang == LangStdin && s.Stdin != nil:
		f.diags = append(f.diags, f.lines.At(f.path, fence, "second stdin block for snippet at line %d", s.Code.Line))
	case lang == LangOutput && s.Output != nil:
		f.diags = append(f.diags, f.lines.At(f.path, fence, "second output block for snippet at line %d", s.Code.Line))
	case lang == LangStdin:
		s.Stdin = &b
	default:
		s.Output = &b
		s.Unordered = attrs.Unordered
	}
	f.prevEnd, f.prev = b.End, n
}

// follows reports whether the stdin or output block n, at b, belongs to
// the last snippet. Right after it (blank lines between, a misplaced or
// second block included, which is then an error) it does; after prose it
// does only if the snippet still lacks a block of its kind, so that an
// output block shown later in the text, for another run, stays plain.
func (f *finder) follows(n ast.Node, lang string, b Block) bool {
	if len(f.snippets) == 0 || f.prevEnd < 0 {
		return false
	}
	if onlyBlankLines(f.src[f.prevEnd:b.Start]) {
		return true
	}
	s := &f.snippets[len(f.snippets)-1]
	if s.Output != nil || lang == LangStdin && s.Stdin != nil {
		return false
	}
	return afterProse(n, f.prev)
}

// afterProse reports whether n comes after prev in the same container
// with only paragraphs between them.
func afterProse(n, prev ast.Node) bool {
	for m := n.PreviousSibling(); m != nil; m = m.PreviousSibling() {
		if m == prev {
			return true
		}
		if m.Kind() != ast.KindParagraph {
			return false
		}
	}
	return false
}

// fenceOffset returns the offset in src of b's opening fence.
func fenceOffset(src []byte, b Block) int {
	return b.Start + max(bytes.Index(src[b.Start:b.ContentStart], []byte(b.Fence)), 0)
}

// onlyBlankLines reports whether b, the lines between two blocks, holds
// nothing but blank lines, counting a line of bare blockquote markers as
// blank: it is how a blank line is written inside a blockquote.
func onlyBlankLines(b []byte) bool {
	return len(bytes.TrimLeft(b, " \t\r\n>")) == 0
}
