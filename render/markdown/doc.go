// Package markdown renders the body of one article from Markdown to HTML:
// stage 5 of a build, after the snippets have run and been verified.
//
// Input: the body (the file after its front matter), goldmark's AST of it
// from Parse, the article's snippets as render/snippet found them (offsets
// into the whole file), and one snippet.Outcome per snippet. Output: an
// Article, the body as HTML plus its table of contents and a summary.
//
// goldmark is extended its own way, one goldmark.Extender per feature,
// each registering its node renderer ahead of goldmark's: codeBlocks
// (codeblock.go, panel.go) renders fenced code blocks, each snippet as a
// <figure> with its highlighted code, its stdin and its output panel;
// headingAnchors (heading.go) gives h2 to h4 a link to themselves;
// hugoLinks and summaryDivider (hugo.go) are Hugo's linkify protocol and
// `<!--more-->`; hugoIDs (headingid.go) are Hugo's "github" heading IDs.
// A fence with Hugo's attributes (line numbers, hl_lines, {.class #id},
// data attributes) is written by lines.go in Hugo's markup, from the same
// highlighted HTML as any other fence; hugo_test.go compares all of these
// with what hugo renders. A new
// feature (a transcript, a shortcode) comes as an extender of its own,
// added to the list in New. Per-render data reaches the node renderers
// through the writer goldmark hands every one of them (context.go), as
// Hugo does, so one Renderer is built once and shared by every goroutine
// of a build.
//
// Code is highlighted by render/highlight and terminal output turned into
// HTML by render/ansi; StyleCSS is the stylesheet for the classes of both.
//
// Invariants: the same input gives the same bytes; nothing a program
// printed, no diff and no title can inject markup (output is escaped, its
// ANSI colours become classes, other control sequences are dropped); raw
// HTML in Markdown is left out unless Options.Unsafe. Parse and
// ParseBlocks refuse a body that is not UTF-8 (body.go) or whose lists and
// blockquotes nest deeper than MaxDepth (depth.go), with the offset where
// it goes wrong, so no input reaches the HTML as raw bytes and none makes
// the parse stage slow; Render refuses such a body too.
//
// Between processes, RenderStored keeps whole Articles in a Store the
// caller provides (store.go), keyed by a hash of everything Render reads
// and of the code that renders (articlekey.go): a page that has not
// changed since the last build is neither parsed nor highlighted. The
// store stays in this package because its key is a description of this
// package's Render. And ParseBlocks gives the parse stage, which only
// looks for snippets, the block structure without the cost of inline
// parsing; ParseRefs gives it, for a site page whose links are checked,
// the inline content of only the paragraphs that may hold a link
// (skim.go).
//
// goldmark calls linkify at every space of the prose: Parse and ParseRefs
// parse without it first, and again with it only where it may find a
// link or an address (linkify.go); linkify itself turns away cheaply the
// places where it would find nothing. Both give the trees goldmark's own
// linkify gives, up to how a line's text is cut into ast.Text nodes, which
// renders the same (FuzzLinkify, FuzzParseLinkified, FuzzParseRefs).
package markdown
