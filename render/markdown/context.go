package markdown

import (
	"bytes"
	"fmt"

	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/yuin/goldmark/ast"
)

// A renderContext is the writer of one Render call. goldmark passes the
// writer it was given to every node renderer, and node renderers are
// registered once per Renderer, so the writer is where per-render data can
// travel without shared mutable state: the node renderers for code blocks
// find the article's snippets and outcomes by asserting its type (Hugo
// carries its render context the same way).
type renderContext struct {
	*bytes.Buffer // Available, Write* come from here

	snippets []snippet.Snippet
	outcomes []snippet.Outcome // empty: nothing ran
	blocks   map[*ast.FencedCodeBlock]blockRole
	nodes    []snippetNodes // by snippet index
	ordinals []int          // by snippet index: its place among the fenced code blocks, from 0
}

// Buffered and Flush complete goldmark's util.BufWriter: the buffer is the
// destination, so nothing is ever pending.
func (c *renderContext) Buffered() int { return c.Len() }
func (c *renderContext) Flush() error  { return nil }

// outcome returns what became of snippet i; the zero Outcome is Skipped.
func (c *renderContext) outcome(i int) snippet.Outcome {
	if len(c.outcomes) == 0 {
		return snippet.Outcome{Status: snippet.Skipped}
	}
	return c.outcomes[i]
}

// A blockPart says which part of a snippet a fenced code block is.
type blockPart int

const (
	partCode blockPart = iota
	partStdin
	partOutput
)

type blockRole struct {
	index int // of the snippet
	part  blockPart
}

// snippetNodes are the AST nodes of one snippet's blocks; stdin and output
// are nil when the snippet has none.
type snippetNodes struct {
	code, stdin, output *ast.FencedCodeBlock
}

// matchBlocks ties the fenced code blocks of doc to the snippets they are
// part of. A block is identified by where its opening fence line starts,
// the offset that both render/snippet and this package compute with
// snippet.Locate, so the two can never disagree about which block is which.
func (c *renderContext) matchBlocks(doc ast.Node, body []byte, bodyStart int) error {
	if len(c.snippets) == 0 {
		return nil // spare Locate's work on articles without snippets
	}
	byStart := make(map[int]blockRole, 3*len(c.snippets))
	for i, s := range c.snippets {
		byStart[s.Code.Start] = blockRole{i, partCode}
		if s.Stdin != nil {
			byStart[s.Stdin.Start] = blockRole{i, partStdin}
		}
		if s.Output != nil {
			byStart[s.Output.Start] = blockRole{i, partOutput}
		}
	}
	c.blocks = make(map[*ast.FencedCodeBlock]blockRole, len(byStart))
	c.nodes = make([]snippetNodes, len(c.snippets))
	c.ordinals = make([]int, len(c.snippets))
	fences := 0
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		fc, ok := n.(*ast.FencedCodeBlock)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		fences++
		if fc.Info == nil {
			// Every part of a snippet has an info string
			// (a language, stdin or output); this block is none.
			return ast.WalkSkipChildren, nil
		}
		role, ok := byStart[snippet.Locate(fc, body).Start+bodyStart]
		if !ok {
			return ast.WalkSkipChildren, nil
		}
		c.blocks[fc] = role
		nodes := &c.nodes[role.index]
		switch role.part {
		case partCode:
			nodes.code = fc
			c.ordinals[role.index] = fences - 1
		case partStdin:
			nodes.stdin = fc
		case partOutput:
			nodes.output = fc
		}
		return ast.WalkSkipChildren, nil
	})
	if err != nil {
		return err
	}
	for i, s := range c.snippets {
		n := c.nodes[i]
		if n.code == nil || (s.Stdin != nil) != (n.stdin != nil) || (s.Output != nil) != (n.output != nil) {
			return fmt.Errorf("markdown: snippet %d (line %d) does not match the document's code blocks", i+1, s.Code.Line)
		}
	}
	return nil
}
