package markdown

import (
	"bytes"
	"strconv"

	"github.com/pipedocs/pipedocs/render/ansi"
	"github.com/pipedocs/pipedocs/render/highlight"
	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeBlocks is the extension that renders fenced code blocks: a snippet
// as a figure with its code, stdin and output panel, an output block that
// follows no snippet as a plain output panel, any other block as
// highlighted code. It holds only its Highlighter: what one render needs
// (the article's snippets and outcomes) comes through the writer, a
// *renderContext.
//
// Snippets keep goldmark's node kind: render/snippet finds them in
// ParseBlocks' tree and this package in Parse's, by the offsets of their
// fences, so both trees must hold the same *ast.FencedCodeBlock nodes, and
// Render must not rewrite the tree it is given.
type codeBlocks struct {
	hl *highlight.Highlighter
}

func (e codeBlocks) Extend(m goldmark.Markdown) {
	// Lower numbers win in goldmark: 100 puts this ahead of its own
	// renderers (1000) and its extensions' (500).
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

func (e codeBlocks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, e.render)
}

// render writes a fenced code block. A snippet's stdin and output blocks
// write nothing where they stand: they are already in the figure, and only
// blank lines separate them from it.
func (e codeBlocks) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	if ctx, ok := w.(*renderContext); ok {
		if role, ok := ctx.blocks[n]; ok {
			if role.part != partCode {
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkSkipChildren, ctx.writeSnippet(e.hl, role.index, src)
		}
	}
	var lang []byte
	if n.Info != nil {
		lang = n.Language(src)
	}
	if string(lang) == snippet.LangOutput {
		// An output block that follows no snippet (render/snippet warns
		// about it): shown as what the article says, with no verdict.
		var b bytes.Buffer
		writeStaticOutput(&b, n.Lines().Value(src))
		_, _ = w.Write(b.Bytes())
		return ast.WalkSkipChildren, nil
	}
	return ast.WalkSkipChildren, writeCode(w, e.hl, string(lang), n.Lines().Value(src))
}

// writeCode writes code highlighted for lang; an unknown or empty lang
// gives escaped plain text in the same wrapper.
func writeCode(w util.BufWriter, hl *highlight.Highlighter, lang string, code []byte) error {
	html, err := hl.HTML(lang, code)
	if err != nil {
		return err
	}
	_, _ = w.WriteString(`<div class="highlight"><pre class="chroma"><code>`)
	_, _ = w.WriteString(html)
	_, _ = w.WriteString("</code></pre></div>\n")
	return nil
}

// writeSnippet writes snippet i as
//
//	<figure class="snippet" id="snippet-N">   N = index + 1
//	<figcaption class="snippet-title">TITLE</figcaption>   when titled
//	<div class="highlight">…</div>
//	<div class="snippet-stdin">…</div>   when it has stdin
//	<div class="output output-STATUS">…</div>   see writeOutput
//	</figure>
func (c *renderContext) writeSnippet(hl *highlight.Highlighter, i int, src []byte) error {
	s, nodes := &c.snippets[i], c.nodes[i]
	c.WriteString(`<figure class="snippet" id="snippet-`)
	c.WriteString(strconv.Itoa(s.Index + 1))
	c.WriteString("\">\n")
	if s.Attrs.Title != "" {
		// A run snippet without a title runs as main.<ext>, but which
		// extension is the runner's business: no caption rather than a
		// guess.
		c.WriteString(`<figcaption class="snippet-title">`)
		ansi.WriteText(c.Buffer, []byte(s.Attrs.Title))
		c.WriteString("</figcaption>\n")
	}
	code := nodes.code.Lines().Value(src)
	if shown := c.outcome(i).Code; shown != nil {
		code = shown
	}
	if hasHugoAttrs(&s.Attrs) {
		if err := writeFence(c.Buffer, hl, s.Lang, &s.Attrs, code, c.ordinals[i]); err != nil {
			return err
		}
	} else if err := writeCode(c, hl, s.Lang, code); err != nil {
		return err
	}
	if nodes.stdin != nil {
		c.WriteString(`<div class="snippet-stdin"><div class="panel-label">stdin</div>`)
		writePre(c.Buffer, "", nodes.stdin.Lines().Value(src), ansi.WriteText)
		c.WriteString("</div>\n")
	}
	var static []byte
	if nodes.output != nil {
		static = nodes.output.Lines().Value(src)
	}
	writeOutput(c.Buffer, c.outcome(i), static, nodes.output != nil)
	c.WriteString("</figure>\n")
	return nil
}

// writePre writes <pre class="class">, text converted by write, </pre>.
// An HTML parser drops a newline right after <pre>, so when the text
// starts with one, a newline of our own goes first to be dropped instead.
func writePre(w *bytes.Buffer, class string, text []byte, write func(*bytes.Buffer, []byte)) {
	var body bytes.Buffer
	write(&body, text)
	w.WriteString("<pre")
	if class != "" {
		w.WriteString(` class="`)
		w.WriteString(class)
		w.WriteByte('"')
	}
	w.WriteByte('>')
	if bytes.HasPrefix(body.Bytes(), []byte{'\n'}) {
		w.WriteByte('\n')
	}
	w.Write(body.Bytes())
	w.WriteString("</pre>")
}
