package markdown

import (
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MaxDepth is how deep lists and blockquotes may nest, counted together:
// a list in a blockquote in a list is three levels. goldmark checks every
// open container on every line, so its cost grows with the nesting times
// the length of the lines: a list indented two spaces a level took it
// 10 s at 1,000 levels and minutes and gigabytes at 10,000. Real documents
// never come near the limit: prose nests lists three or four deep, the
// deepest generated ones (outlines, changelogs) a dozen. 100 is the limit
// of markdown-it's default preset (maxNesting), for the same reason.
// Parsing stops where a body crosses it, so a 2,000-level list is refused
// in milliseconds; below it a parse costs at most about MaxDepth times
// a flat body of the same size.
const MaxDepth = 100

// tooDeep is panicked by depthLimited to end the parse where the body
// nests deeper than MaxDepth, and recovered by parse: goldmark's block
// parsers have no way to stop a parse, and what follows the marker (a
// 10,000-level list goes on for 100 MB) is what costs.
type tooDeep struct {
	offset int // in the body, of the marker that opens level MaxDepth+1
}

// blockParsers are goldmark's default block parsers with the list and
// blockquote parsers held to MaxDepth.
func blockParsers() []util.PrioritizedValue {
	ps := parser.DefaultBlockParsers()
	for i, p := range ps {
		switch bp := p.Value.(parser.BlockParser); bp {
		case parser.NewListParser(), parser.NewBlockquoteParser():
			ps[i].Value = depthLimited{bp}
		}
	}
	return ps
}

// definitionListParsers are goldmark's definition list parsers with the
// priorities extension.DefinitionList gives them, a definition list held
// to MaxDepth as lists are: a description holds blocks, another
// definition list included.
func definitionListParsers() []util.PrioritizedValue {
	return []util.PrioritizedValue{
		util.Prioritized(depthLimited{extension.NewDefinitionListParser()}, 101),
		util.Prioritized(extension.NewDefinitionDescriptionParser(), 102), // in its list, as a list item is
	}
}

// definitionLists is extension.DefinitionList with its parsers held to
// MaxDepth.
type definitionLists struct{}

func (definitionLists) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(definitionListParsers()...))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(extension.NewDefinitionListHTMLRenderer(), 500),
	))
}

// depthLimited is a block parser for a container (a list or a blockquote)
// that stops the parse rather than open one more level beyond MaxDepth. It
// asks the parser it wraps first, so it counts only where a container
// really opens: a `>` or `-` in a code block or a paragraph costs nothing.
type depthLimited struct {
	parser.BlockParser
}

func (d depthLimited) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	_, seg := reader.PeekLine()
	start := seg.Start + max(pc.BlockOffset(), 0)
	node, state := d.BlockParser.Open(parent, reader, pc)
	if node != nil && depth(parent) >= MaxDepth {
		panic(tooDeep{start})
	}
	return node, state
}

// depth is the number of lists and blockquotes n is in, n included.
func depth(n ast.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		switch n.Kind() {
		case ast.KindList, ast.KindBlockquote, extast.KindDefinitionList:
			d++
		}
	}
	return d
}

// parse parses body with p; the BodyError, if any, is a nesting deeper
// than MaxDepth, and the tree then an empty document: the parse stopped
// there, and a tree cut short would show the rest of the parse stage
// blocks that are not there (an unclosed fence, a snippet with no output).
func parse(p parser.Parser, body []byte) (doc ast.Node, err *BodyError) {
	defer func() {
		if v := recover(); v != nil {
			deep, ok := v.(tooDeep)
			if !ok {
				panic(v)
			}
			doc = ast.NewDocument()
			err = &BodyError{Offset: deep.offset, Msg: fmt.Sprintf("lists and blockquotes nested deeper than %d levels", MaxDepth)}
		}
	}()
	return p.Parse(text.NewReader(body), parseContext()), nil
}
