// Package markdown renders the body of one article from Markdown to HTML:
// stage 5 of a build, after the snippets have run and been verified.
//
// Input: the body (the file after its front matter), goldmark's AST of it
// from Parse, the article's snippets as render/snippet found them (offsets
// into the whole file), and one snippet.Outcome per snippet. Output: an
// Article, the body as HTML plus its table of contents and a summary.
//
// goldmark is extended its own way: node renderers, registered ahead of
// goldmark's, for fenced code blocks (each snippet becomes a <figure> with
// its highlighted code, its stdin and its output panel) and for headings
// (an anchor link). Per-render data reaches them through the writer
// goldmark hands every node renderer, as Hugo does, so one Renderer is built
// once and shared by every goroutine of a build.
//
// Invariants: the same input gives the same bytes; nothing a program
// printed, no diff and no title can inject markup (output is escaped, its
// ANSI colours become classes, other control sequences are dropped); raw
// HTML in Markdown is left out unless Options.Unsafe. Code is highlighted
// with chroma's token classes only, never inline styles; StyleCSS is the
// stylesheet for them and for the ANSI classes.
//
// Highlighting is most of a build's time, so: Go code, most of a pipedocs
// site, is tokenized by go/scanner into chroma's token types (golex.go,
// ~15x faster than chroma's regexp lexer, same HTML); Python and shell by
// hand-written state machines that replay chroma's own lexers rule by
// rule (pylex.go, shlex.go, 40-70x faster, the same tokens, and chroma
// itself for any block they cannot match exactly); tokens are written
// without chroma's per-token fmt calls (highlight.go, same bytes); and
// highlighted code is cached for the life of the process, keyed by a hash
// of lexer and code, within a fixed memory budget (cache.go).
//
// Between processes, RenderStored keeps whole Articles in a Store the
// caller provides (store.go), keyed by a hash of everything Render reads
// and of the code that renders (articlekey.go): a page that has not
// changed since the last build is neither parsed nor highlighted. And
// ParseBlocks gives the parse stage, which only looks for snippets, the
// block structure without the cost of inline parsing.
package markdown
