package markdown

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options are the site's Markdown settings.
type Options struct {
	// Unsafe lets raw HTML in Markdown through to the page, as Hugo's
	// markup.goldmark.renderer.unsafe does; otherwise it is left out.
	Unsafe bool
}

// A Renderer parses and renders article bodies. Build one per site with
// New; it is safe for concurrent use by many goroutines.
type Renderer struct {
	md goldmark.Markdown
}

// New returns a Renderer for CommonMark with GitHub's tables,
// strikethrough, autolinks and task lists, footnotes, and automatic heading
// IDs. The typographer is off: a tutorial's quotes and dashes are often
// code-like (`--flag`, "quoted args") and must stay as written.
func New(o Options) *Renderer {
	ropts := []renderer.Option{
		// Lower numbers win in goldmark: 100 puts these ahead of its
		// own renderers (1000) and its extensions' (500).
		renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100)),
	}
	if o.Unsafe {
		ropts = append(ropts, html.WithUnsafe())
	}
	return &Renderer{md: goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(ropts...),
	)}
}

// Parse parses an article body. This is the one parse of the body: the
// snippet finder and Render both use the tree it returns.
func (r *Renderer) Parse(body []byte) ast.Node {
	return r.md.Parser().Parse(text.NewReader(body))
}

// A Heading is an entry of an article's table of contents.
type Heading struct {
	Level int    // 2 or 3
	ID    string // the heading's id attribute, the target of its anchor
	Text  string // the heading as plain text
}

// An Article is a rendered article body.
type Article struct {
	Body template.HTML
	TOC  []Heading // the h2 and h3 headings, in order
	// Summary is the plain text of the first top-level paragraph, for
	// listings when the front matter has no summary.
	Summary string
}

// Render renders doc, which Parse returned for body. body starts at offset
// bodyStart of its file, the origin of the snippets' offsets. outcomes[i]
// is what became of snippets[i]; with no outcomes at all, nothing ran and
// every snippet is shown as skipped.
//
// An error means the arguments do not belong together (a snippet that is not
// in doc, a count of outcomes that is not the count of snippets) or that
// highlighting failed; it is never about the article's content.
func (r *Renderer) Render(body []byte, bodyStart int, doc ast.Node, snippets []snippet.Snippet, outcomes []snippet.Outcome) (Article, error) {
	if len(outcomes) != 0 && len(outcomes) != len(snippets) {
		return Article{}, fmt.Errorf("markdown: %d outcomes for %d snippets", len(outcomes), len(snippets))
	}
	ctx := &renderContext{
		Buffer:   bytes.NewBuffer(make([]byte, 0, 2*len(body))),
		snippets: snippets,
		outcomes: outcomes,
	}
	if err := ctx.matchBlocks(doc, body, bodyStart); err != nil {
		return Article{}, err
	}
	if err := r.md.Renderer().Render(ctx, body, doc); err != nil {
		return Article{}, fmt.Errorf("markdown: %w", err)
	}
	toc, summary := outline(doc, body)
	return Article{Body: template.HTML(ctx.String()), TOC: toc, Summary: summary}, nil
}
