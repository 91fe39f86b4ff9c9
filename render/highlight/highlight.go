package highlight

import (
	"fmt"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// A Highlighter turns code into HTML and remembers what it highlighted:
// the HTML depends only on the lexer and the code, and chroma's lexers are
// safe for concurrent use once built, so a Highlighter is safe for
// concurrent use by many goroutines.
type Highlighter struct {
	cache *highlightCache
}

// New returns a Highlighter that keeps up to cacheBytes of highlighted
// HTML; 0 keeps none, so every call lexes (for benchmarks of a cold build).
func New(cacheBytes int) *Highlighter {
	return &Highlighter{cache: newHighlightCache(cacheBytes)}
}

// shared holds the HTML of highlighted code, up to 64 MiB: about 30,000
// typical blocks, more than a 5,000-page site has distinct ones.
var shared = New(64 << 20)

// Shared returns the process-wide Highlighter: one cache serves all pages
// of all sites a process renders (tests, `serve`).
func Shared() *Highlighter { return shared }

// lexerByLang memoises lexer lookup: chroma's registry falls back to a
// scan of every lexer's file patterns for names it does not know.
var lexerByLang sync.Map // string → chroma.Lexer

// toLF turns CR LF and a lone CR into LF, as chroma does to the text its
// lexers see, so that the fast tokenizers (fastTokens) see what chroma's
// lexers would.
var toLF = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// plaintext is the lexer for code in an unknown language: it yields the
// text as one unstyled token, so the code is shown escaped, unhighlighted.
var plaintext = lexers.Get("plaintext")

// lexerFor returns the lexer for an info string's language word, coalesced
// so that runs of same-class tokens become one span.
func lexerFor(lang string) chroma.Lexer {
	if l, ok := lexerByLang.Load(lang); ok {
		return l.(chroma.Lexer)
	}
	l := plaintext
	if lang != "" {
		if found := lexers.Get(lang); found != nil {
			l = found
		}
	}
	l = chroma.Coalesce(l)
	lexerByLang.Store(lang, l)
	return l
}

// HTML returns code in the language named by lang (an info string's
// language word, a chroma lexer name or alias) as chroma's HTML token
// spans, without a wrapper: the <pre> and <code> around them, whose classes
// are the theme's contract, are the caller's. An unknown or empty lang
// gives the code escaped, unhighlighted. The result comes from the cache
// when this lexer has highlighted this code twice before.
func (h *Highlighter) HTML(lang string, code []byte) (string, error) {
	lexer := lexerFor(lang)
	key := highlightKey(lexer.Config().Name, code)
	if html, ok := h.cache.get(key); ok {
		return html, nil
	}
	var it chroma.Iterator
	if tokens, ok := fastTokens(lexer.Config().Name, code); ok {
		it = chroma.Literator(tokens...)
	} else {
		var err error
		if it, err = lexer.Tokenise(nil, string(code)); err != nil {
			return "", fmt.Errorf("highlighting %s: %w", lang, err)
		}
	}
	var b strings.Builder
	b.Grow(len(code) * 4)
	writeTokens(&b, it)
	html := b.String()
	if h.cache.admit(key) {
		// A copy without the builder's spare capacity: a stored entry
		// should weigh what its budget counts.
		h.cache.put(key, strings.Clone(html))
	}
	return html, nil
}

// writeTokens writes tokens as chroma's HTML formatter does with
// WithClasses(true) and PreventSurroundingPre(true), byte for byte
// (TestWriteTokensMatchesChroma), minus its cost: chroma formats every token
// with fmt.Sprintf and copies the token list into lines first, which is
// most of the time left once Go code is lexed by goTokens. The <pre> and
// <code> wrapper is the caller's (its classes are the theme's contract);
// chroma's per-line spans are left out, as PreventSurroundingPre does.
//
// Like the formatter, it ends a span at each line end, so that every line
// of the <pre> is balanced markup on its own.
func writeTokens(b *strings.Builder, it chroma.Iterator) {
	for t := it(); t != chroma.EOF; t = it() {
		class := tokenClass(t.Type)
		for v := t.Value; v != ""; {
			line := v
			if i := strings.IndexByte(v, '\n'); i >= 0 {
				line = v[:i+1]
			}
			v = v[len(line):]
			if class == "" {
				writeEscaped(b, line)
				continue
			}
			b.WriteString(`<span class="`)
			b.WriteString(class)
			b.WriteString(`">`)
			writeEscaped(b, line)
			b.WriteString("</span>")
		}
	}
}

// writeEscaped writes html.EscapeString(s) into b without making the
// escaped string first: a token is mostly bytes that need no escape.
func writeEscaped(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		if e := escapes[s[i]]; e != "" {
			b.WriteString(s[last:i])
			b.WriteString(e)
			last = i + 1
		}
	}
	b.WriteString(s[last:])
}

// escapes are html.EscapeString's replacements.
var escapes = [256]string{'<': "&lt;", '>': "&gt;", '&': "&amp;", '\'': "&#39;", '"': "&#34;"}

// tokenClass is chroma's class for a token type: the type's own short name,
// or its nearest ancestor's, "" for none (as chroma's html formatter has it).
func tokenClass(t chroma.TokenType) string {
	for ; t != 0; t = t.Parent() {
		if cls, ok := chroma.StandardTypes[t]; ok {
			return cls
		}
	}
	return chroma.StandardTypes[t]
}
