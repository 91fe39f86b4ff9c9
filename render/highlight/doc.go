// Package highlight turns code into HTML: chroma's token classes in
// spans, never inline styles, and the stylesheet for them (WriteCSS).
// render/markdown calls it for every fenced code block of an article.
//
// Input: an info string's language word and the code. Output: the code as
// HTML text, escaped, each token of a highlighted language in
// <span class="CLASS">, every line balanced markup on its own; the
// wrapper around it is the caller's.
//
// Invariants: the bytes are chroma's own, as its HTML formatter writes
// them with WithClasses(true) and PreventSurroundingPre(true), for the
// tokens its lexer for the language gives (the tests hold every fast path
// to chroma token by token); the same input always gives the same bytes.
//
// Highlighting is most of a build's time, so: Go code, most of a pipedocs
// site, is tokenized by go/scanner into chroma's token types (golex.go,
// ~15x faster than chroma's regexp lexer, same HTML); Python and shell by
// hand-written state machines that replay chroma's own lexers rule by
// rule (pylex.go, shlex.go on lexstate.go, 40-70x faster, the same tokens,
// and chroma itself for any block they cannot match exactly); tokens are
// written without chroma's per-token fmt calls (highlight.go, same bytes);
// and a Highlighter caches highlighted code, keyed by a hash of lexer and
// code, within a fixed memory budget (cache.go). Shared is the one
// Highlighter of the process.
package highlight
