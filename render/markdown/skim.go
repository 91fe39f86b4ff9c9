package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// ParseRefs parses an article body for the parse stage of a site page,
// which needs its snippets and its Refs but not its rendering. The tree
// is Parse's, every block and every node Refs reads included, except that
// a paragraph that cannot hold a link, an image or a footnote reference
// (it has no '['), nor, with Options.Unsafe, raw HTML (no '<'), keeps its
// lines but has no inline content: inline parsing is most of a parse, and
// most paragraphs of prose hold no link. Render needs the whole tree:
// give it Parse's.
//
// The errors are Parse's.
func (r *Renderer) ParseRefs(body []byte) (ast.Node, []BodyError) {
	return parseLinkified(r.refsPlain, r.refs, body)
}

// skimBlockParsers are blockParsers with the paragraph parser skimming
// (skimParagraphs).
func skimBlockParsers(o Options) []util.PrioritizedValue {
	ps := blockParsers()
	for i, p := range ps {
		if p.Value == parser.NewParagraphParser() {
			ps[i].Value = skimParagraphs{BlockParser: parser.NewParagraphParser(), unsafe: o.Unsafe}
		}
	}
	return ps
}

// skimmedKey holds, in a parse's context, the *[]skimmed of the
// paragraphs skimParagraphs emptied.
var skimmedKey = parser.NewContextKey()

// skimmed is a paragraph's lines, emptied until unskim puts them back.
type skimmed struct {
	lines *text.Segments
	saved text.Segments
}

// skimParagraphs is goldmark's paragraph parser, but a paragraph that
// can hold nothing Refs looks for is closed with no lines, so goldmark
// parses no inline content in it; unskim puts the lines back once inline
// parsing is over.
//
// A paragraph that another block may still take the lines of is left
// alone: one in a list item or a definition's description (a tight list
// makes it a text block, with a copy of its lines), a setext heading's
// text (the next line a "===" or "---" underline) and a definition list's
// terms (the next line, or the next after blank lines, starting with
// ':'). For the last two, looking at the next lines in the source,
// through any container's markers, is all it takes to rule it out.
type skimParagraphs struct {
	parser.BlockParser
	unsafe bool
}

func (p skimParagraphs) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	lines := node.Lines()
	if node.Parent() == nil || lines.Len() == 0 || mayBecomeText(node.Parent()) ||
		p.mayHoldRefs(lines, reader.Source()) || mayBeTaken(reader.Source(), lines.At(lines.Len()-1).Stop) {
		return
	}
	list, _ := pc.Get(skimmedKey).(*[]skimmed)
	if list == nil {
		list = new([]skimmed)
		pc.Set(skimmedKey, list)
	}
	*list = append(*list, skimmed{lines: lines, saved: *lines})
	*lines = text.Segments{}
}

// mayHoldRefs reports whether the paragraph of lines may hold a link, an
// image, a footnote reference or, when raw HTML is let through, raw HTML.
func (p skimParagraphs) mayHoldRefs(lines *text.Segments, src []byte) bool {
	for i := range lines.Len() {
		seg := lines.At(i)
		v := seg.Value(src)
		if bytes.IndexByte(v, '[') >= 0 || p.unsafe && bytes.IndexByte(v, '<') >= 0 {
			return true
		}
	}
	return false
}

// mayBecomeText reports whether a paragraph in parent may be made a text
// block when parent closes.
func mayBecomeText(parent ast.Node) bool {
	k := parent.Kind()
	return k == ast.KindListItem || k == extast.KindDefinitionDescription
}

// mayBeTaken reports whether a paragraph ending at offset end of src may
// become a setext heading or a definition list's terms: the next line
// starts with '=', '-' or ':', or the next line that is not blank starts
// with ':', counting neither indentation nor blockquote markers.
func mayBeTaken(src []byte, end int) bool {
	first := true
	for {
		nl := bytes.IndexByte(src[end:], '\n')
		if nl < 0 {
			return false
		}
		end += nl + 1
		line := src[end:]
		if nl := bytes.IndexByte(line, '\n'); nl >= 0 {
			line = line[:nl]
		}
		line = bytes.TrimLeft(line, " \t>")
		if len(bytes.TrimSpace(line)) == 0 {
			first = false
			continue
		}
		return line[0] == ':' || first && (line[0] == '=' || line[0] == '-')
	}
}

// unskim puts back the lines of the paragraphs skimParagraphs emptied,
// before any other AST transformer runs.
type unskim struct{}

func (unskim) Transform(_ *ast.Document, _ text.Reader, pc parser.Context) {
	list, _ := pc.Get(skimmedKey).(*[]skimmed)
	if list == nil {
		return
	}
	for _, s := range *list {
		*s.lines = s.saved
	}
}
