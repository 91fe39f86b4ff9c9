package markdown

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"

	"github.com/pipedocs/pipedocs/render/alert"
	"github.com/pipedocs/pipedocs/render/highlight"
	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
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
	md        goldmark.Markdown
	plain     parser.Parser // md's parser without linkify (parseLinkified)
	refs      parser.Parser // md's parser, skimming paragraphs without links, for ParseRefs
	refsPlain parser.Parser // refs without linkify
	blocks    parser.Parser // md's block parsers alone, for ParseBlocks
	opt       Options       // part of every stored article's key
}

// New returns a Renderer for Markdown as Hugo's goldmark renders it by
// default (SPEC §2): CommonMark with GitHub's tables, strikethrough,
// linkify (www. links get https, Hugo's linkifyProtocol) and task lists,
// footnotes, definition lists, the typographer (quotes and dashes in prose;
// code spans and code blocks stay as written), heading attributes
// (`## Title {#id .class}`, Hugo's parser.attribute.title) and automatic
// heading IDs; block attributes stay off, as Hugo's
// parser.attribute.block is by default. A `<!--more-->` line ends the
// summary and is not shown.
func New(o Options) *Renderer {
	return newRenderer(o, highlight.Shared())
}

// newRenderer is New with code highlighted by hl.
func newRenderer(o Options, hl *highlight.Highlighter) *Renderer {
	unskimmed := parser.WithASTTransformers(util.Prioritized(unskim{}, 0))
	return &Renderer{
		opt:       o,
		md:        newGoldmark(o, hl, blockParsers(), true),
		plain:     newGoldmark(o, hl, blockParsers(), false).Parser(),
		refs:      newGoldmark(o, hl, skimBlockParsers(o), true, unskimmed).Parser(),
		refsPlain: newGoldmark(o, hl, skimBlockParsers(o), false, unskimmed).Parser(),
		// The block parsers and paragraph transformers of md, with the
		// priorities its extensions give them, and no inline parser.
		blocks: parser.NewParser(
			parser.WithBlockParsers(blockParsers()...),
			parser.WithBlockParsers(util.Prioritized(extension.NewFootnoteBlockParser(), 999)),
			parser.WithBlockParsers(definitionListParsers()...),
			parser.WithAttribute(),
			parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
			parser.WithParagraphTransformers(util.Prioritized(extension.NewTableParagraphTransformer(), 200)),
		),
	}
}

// newGoldmark returns the goldmark of a Renderer, its block parsers
// blocks (blockParsers, or skimBlockParsers for ParseRefs), with or
// without linkify, with more parser options.
func newGoldmark(o Options, hl *highlight.Highlighter, blocks []util.PrioritizedValue, linkify bool, more ...parser.Option) goldmark.Markdown {
	var ropts []renderer.Option
	if o.Unsafe {
		ropts = append(ropts, html.WithUnsafe())
	}
	popts := append([]parser.Option{parser.WithAutoHeadingID(), parser.WithAttribute()}, more...)
	return goldmark.New(
		// goldmark's default parser, with lists and blockquotes
		// held to MaxDepth; the extensions add to it.
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(blocks...),
			parser.WithInlineParsers(parser.DefaultInlineParsers()...),
			parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
		)),
		goldmark.WithExtensions(
			hugoGFM{noLinkify: !linkify}, extension.Footnote, definitionLists{},
			extension.Typographer, hugoLinks{unsafe: o.Unsafe}, summaryDivider{}, blockPlaceholders{},
			codeBlocks{hl: hl}, headingAnchors{}, alert.Extension,
		),
		goldmark.WithParserOptions(popts...),
		goldmark.WithRendererOptions(ropts...),
	)
}

// Parse parses an article body, for Render. The errors are the reasons
// the body cannot be rendered, in the order of their offsets; the tree is
// returned all the same, for the parse stage to look for other problems.
func (r *Renderer) Parse(body []byte) (ast.Node, []BodyError) {
	return parseLinkified(r.plain, r.md.Parser(), body)
}

// parseChecked parses body with p and checks its encoding.
func parseChecked(p parser.Parser, body []byte) (ast.Node, []BodyError) {
	var errs []BodyError
	if err := checkUTF8(body); err != nil {
		errs = append(errs, *err)
	}
	doc, err := parse(p, body)
	if err != nil {
		errs = append(errs, *err)
		slices.SortFunc(errs, func(a, b BodyError) int { return a.Offset - b.Offset })
	}
	return doc, errs
}

// ParseBlocks parses the block structure of an article body: every block
// Parse would find is there, fenced code blocks with their positions
// included, but inline content is left as plain text. That is all finding
// snippets needs, at about half Parse's cost, on every page of every
// command. Render needs the whole tree: give it Parse's.
//
// The fenced code blocks are exactly Parse's, because Markdown decides
// block structure before inline content, with one exception: the footnote
// extension drops a footnote definition, code blocks and all, when no
// footnote reference (an inline) points to it. So a body with a footnote
// definition is parsed in full.
//
// The errors are Parse's.
func (r *Renderer) ParseBlocks(body []byte) (ast.Node, []BodyError) {
	doc, errs := parseChecked(r.blocks, body)
	footnotes := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch {
		case !entering || n.Type() == ast.TypeInline:
			return ast.WalkSkipChildren, nil
		case n.Kind() == extast.KindFootnoteList: // where the first definition was
			footnotes = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if footnotes {
		return r.Parse(body)
	}
	return doc, errs
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
	// Summary is the plain text of what comes before a `<!--more-->`
	// line, or else of the first top-level paragraph, for listings when
	// the front matter has no summary.
	Summary string
	// Parts are the article's text by heading, for the search index.
	Parts []Part
}

// Render renders doc, which Parse returned for body. body starts at offset
// bodyStart of its file, the origin of the snippets' offsets. outcomes[i]
// is what became of snippets[i]; with no outcomes at all, nothing ran and
// every snippet is shown as skipped.
//
// An error means the arguments do not belong together (a snippet that is not
// in doc, a count of outcomes that is not the count of snippets), that
// highlighting failed, or that body is one Parse refused (not UTF-8): the
// parse stage reports the article's problems, Render only stands guard.
func (r *Renderer) Render(body []byte, bodyStart int, doc ast.Node, snippets []snippet.Snippet, outcomes []snippet.Outcome) (Article, error) {
	if len(outcomes) != 0 && len(outcomes) != len(snippets) {
		return Article{}, fmt.Errorf("markdown: %d outcomes for %d snippets", len(outcomes), len(snippets))
	}
	if err := checkUTF8(body); err != nil {
		return Article{}, fmt.Errorf("markdown: %w", err)
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
	parts := ctx.textParts(doc, body, r.opt.Unsafe)
	return Article{Body: template.HTML(ctx.String()), TOC: toc, Summary: summary, Parts: parts}, nil
}
