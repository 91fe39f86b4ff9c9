package markdown

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer replaces goldmark's renderers for fenced code blocks and
// headings. It holds nothing: what one render needs comes through its
// writer, a *renderContext.
type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, renderFencedCode)
	reg.Register(ast.KindHeading, renderHeading)
}

// renderFencedCode writes a snippet as a figure with its stdin and output
// panel, and any other fenced block as highlighted code. A snippet's stdin
// and output blocks write nothing where they stand: they are already in
// the figure, and only blank lines separate them from it.
func renderFencedCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	if ctx, ok := w.(*renderContext); ok {
		if role, ok := ctx.blocks[n]; ok {
			if role.part != partCode {
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkSkipChildren, ctx.writeSnippet(role.index, src)
		}
	}
	var lang []byte
	if n.Info != nil {
		lang = n.Language(src)
	}
	return ast.WalkSkipChildren, writeCode(w, string(lang), n.Lines().Value(src))
}

// writeCode writes code highlighted for lang; an unknown or empty lang
// gives escaped plain text in the same wrapper.
func writeCode(w util.BufWriter, lang string, code []byte) error {
	html, err := highlight(lang, code)
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
func (c *renderContext) writeSnippet(i int, src []byte) error {
	s, nodes := &c.snippets[i], c.nodes[i]
	c.WriteString(`<figure class="snippet" id="snippet-`)
	c.WriteString(strconv.Itoa(s.Index + 1))
	c.WriteString("\">\n")
	if s.Attrs.Title != "" {
		// A run snippet without a title runs as main.<ext>, but which
		// extension is the runner's business: no caption rather than a
		// guess.
		c.WriteString(`<figcaption class="snippet-title">`)
		writeText(c.Buffer, []byte(s.Attrs.Title))
		c.WriteString("</figcaption>\n")
	}
	if err := writeCode(c, s.Lang, nodes.code.Lines().Value(src)); err != nil {
		return err
	}
	if nodes.stdin != nil {
		c.WriteString(`<div class="snippet-stdin"><div class="panel-label">stdin</div>`)
		writePre(c.Buffer, "", nodes.stdin.Lines().Value(src), writeText)
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
