package markdown

import (
	"bufio"
	"bytes"
	stdhtml "html"

	"github.com/pipedocs/pipedocs/render/highlight"
	"github.com/pipedocs/pipedocs/render/snippet"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// hugoLinks renders autolinks as Hugo does: a linkified `www.` address
// links to https, Hugo's default markup.goldmark.extensions.linkifyProtocol,
// where goldmark alone would use http.
type hugoLinks struct{ unsafe bool }

func (e hugoLinks) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

func (e hugoLinks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindAutoLink, e.render)
}

// render is goldmark's autolink renderer with the https protocol.
func (e hugoLinks) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	raw := n.URL(src)
	if bytes.Equal(n.Protocol, []byte("http")) { // linkify sets it on www. addresses alone
		raw = append([]byte("https://"), n.Label(src)...)
	}
	_, _ = w.WriteString(`<a href="`)
	url := util.URLEscape(raw, false)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		_, _ = w.WriteString("mailto:")
	}
	if e.unsafe || !html.IsDangerousURL(url) {
		_, _ = w.Write(util.EscapeHTML(url))
	}
	_, _ = w.WriteString(`">`)
	_, _ = w.Write(util.EscapeHTML(n.Label(src)))
	_, _ = w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}

// kindDivider is the kind of a divider node.
var kindDivider = ast.NewNodeKind("SummaryDivider")

// A divider is a `<!--more-->` line (SPEC §2): what comes before it is
// the article's summary. It renders as nothing, as in Hugo.
type divider struct{ ast.BaseBlock }

func (n *divider) Kind() ast.NodeKind { return kindDivider }

func (n *divider) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// summaryDivider is the extension that turns a top-level HTML block that
// is exactly `<!--more-->` into a divider, at parse time, so
// Render never changes the tree it is given.
type summaryDivider struct{}

func (e summaryDivider) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

var moreComment = []byte("<!--more-->")

func (summaryDivider) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		h, ok := c.(*ast.HTMLBlock)
		if !ok || h.HTMLBlockType != ast.HTMLBlockType2 || h.Lines().Len() != 1 {
			continue
		}
		line := h.Lines().At(0)
		if !bytes.Equal(bytes.TrimSpace(line.Value(src)), moreComment) {
			continue
		}
		d := &divider{}
		d.Lines().Append(line)
		doc.ReplaceChild(doc, h, d)
		return // the first one counts, as in Hugo
	}
}

func (summaryDivider) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindDivider, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	})
}

// hugoGFM is goldmark's GFM extension as Hugo 0.111's goldmark had it:
// strikethrough takes two tildes, `~~x~~`; a single `~x~` is text.
// Without linkify it is the parser of a first try (parseLinkified).
type hugoGFM struct{ noLinkify bool }

func (e hugoGFM) Extend(m goldmark.Markdown) {
	if !e.noLinkify {
		m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(newLinkify(), 999))) // extension.Linkify's, with its check
	}
	extension.Table.Extend(m)
	extension.TaskList.Extend(m)
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(strikethroughParser{}, 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500)))
}

// strikethroughParser is goldmark's, for runs of exactly two tildes.
type strikethroughParser struct{}

func (strikethroughParser) Trigger() []byte { return []byte{'~'} }

func (strikethroughParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	node := parser.ScanDelimiter(line, before, 2, tildes{})
	if node == nil || node.OriginalLength != 2 || before == '~' {
		return nil
	}
	node.Segment = segment.WithStop(segment.Start + node.OriginalLength)
	block.Advance(node.OriginalLength)
	pc.PushDelimiter(node)
	return node
}

func (strikethroughParser) CloseBlock(ast.Node, parser.Context) {}

// tildes is the delimiter processor of strikethroughParser.
type tildes struct{}

func (tildes) IsDelimiter(b byte) bool                             { return b == '~' }
func (tildes) CanOpenCloser(opener, closer *parser.Delimiter) bool { return opener.Char == closer.Char }
func (tildes) OnMatch(int) ast.Node                                { return extast.NewStrikethrough() }

// Code renders code as a fence with the info string info that does not
// run: highlighted, with Hugo's line options, classes and id (SPEC
// §2.2); inline, as Hugo's hl_inline, a <code class="code-inline">. It is
// Hugo's highlight shortcode.
func Code(info string, code []byte, inline bool) (string, error) {
	lang, a, err := snippet.ParseInfo(info)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if inline {
		h, err := highlight.Shared().HTML(lang, bytes.TrimSuffix(code, []byte("\n")))
		b.WriteString(`<code class="code-inline`)
		if lang != "" {
			b.WriteString(" language-" + stdhtml.EscapeString(lang))
		}
		b.WriteString(`">` + h + "</code>")
		return b.String(), err
	}
	if hasHugoAttrs(&a) {
		err = writeFence(&b, highlight.Shared(), lang, &a, code, 0)
	} else {
		w := bufio.NewWriter(&b)
		err = writeCode(w, highlight.Shared(), lang, code)
		_ = w.Flush()
	}
	return b.String(), err
}
