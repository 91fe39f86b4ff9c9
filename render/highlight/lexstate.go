package highlight

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// fastTokens tokenizes code with a hand-written lexer when the language has
// one and the lexer vouches for the result: the same tokens, after
// coalescing, as chroma's own lexer would give. ok is false when chroma
// must lex the code itself (no fast lexer, or a construct the fast one does
// not reproduce exactly).
func fastTokens(lexer string, code []byte) (tokens []chroma.Token, ok bool) {
	fast := fastLexers[lexer]
	if fast == nil {
		return nil, false
	}
	return fast(toLF.Replace(string(code)))
}

// fastLexers are the hand-written lexers, by the name of the chroma lexer
// each stands in for. They take code with LF line ends, as chroma's lexers
// see it.
//
// Chroma's Python and Bash lexers are lists of regular expressions
// (dlclark/regexp2) tried in turn at every position, state by state, and
// they are most of a cold build's time once Go is lexed by goTokens: about
// 3 ms for a 30-line Python block. pyTokens and shTokens run the same state
// machines with each regular expression written out as Go code, quirks and
// all, 40 to 70 times faster (BenchmarkFastLexers).
var fastLexers = map[string]func(src string) ([]chroma.Token, bool){
	"Go":     func(src string) ([]chroma.Token, bool) { return goTokens(src), true },
	"Python": pyTokens,
	"Bash":   shTokens,
}

// bailout is panicked by a fast lexer that meets input it does not
// reproduce exactly (where chroma would emit an Error token, say), and
// recovered at its entry point, which then hands the code to chroma: as
// go/parser bails out of deeply nested code, without threading a failure
// through every rule.
type bailout struct{}

// span is a token as an extent of the source: tokens tile the source, so a
// value never needs copying until the end.
type span struct {
	typ        chroma.TokenType
	start, end int
}

// lexState is what the fast lexers share: the source, the position, and
// the tokens so far.
type lexState struct {
	src   string
	pos   int
	spans []span
}

// emit adds the token of type t running from the position n bytes on,
// and advances past it. It coalesces as chroma.Coalesce does: a token
// joins the previous one when they have the same type and the previous is
// shorter than 8 KiB.
func (l *lexState) emit(t chroma.TokenType, n int) {
	if n == 0 {
		return
	}
	end := l.pos + n
	if k := len(l.spans) - 1; k >= 0 && l.spans[k].typ == t && l.spans[k].end-l.spans[k].start < 8192 {
		l.spans[k].end = end
	} else {
		l.spans = append(l.spans, span{t, l.pos, end})
	}
	l.pos = end
}

// emitTo is emit up to the offset end.
func (l *lexState) emitTo(t chroma.TokenType, end int) { l.emit(t, end-l.pos) }

// tokens returns the tokens emitted, their values slices of the source.
func (l *lexState) tokens() []chroma.Token {
	out := make([]chroma.Token, len(l.spans))
	for i, s := range l.spans {
		out[i] = chroma.Token{Type: s.typ, Value: l.src[s.start:s.end]}
	}
	return out
}

// run lexes src with step, called until the source is consumed, and
// reports false if step bailed out. Chroma lexes runes, and turns invalid
// UTF-8 into U+FFFD, so such code is left to it.
func (l *lexState) run(src string, step func()) (ok bool) {
	if !utf8.ValidString(src) {
		return false
	}
	l.src = src
	l.spans = make([]span, 0, len(src)/3+1) // code has about a token per three bytes
	defer func() {
		if r := recover(); r != nil {
			if _, isBailout := r.(bailout); !isBailout {
				panic(r)
			}
			ok = false
		}
	}()
	for l.pos < len(l.src) {
		step()
	}
	return true
}

// at returns the rune at byte offset i and its size; 0, 0 at the end.
func (l *lexState) at(i int) (rune, int) {
	if i >= len(l.src) {
		return 0, 0
	}
	if c := l.src[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(l.src[i:])
}

// has reports whether the source has prefix at offset i.
func (l *lexState) has(i int, prefix string) bool {
	return i <= len(l.src) && len(l.src)-i >= len(prefix) && l.src[i:i+len(prefix)] == prefix
}

// byteAt returns the byte at offset i, 0 at the end.
func (l *lexState) byteAt(i int) byte {
	if i >= len(l.src) {
		return 0
	}
	return l.src[i]
}

// skip returns the offset after the run of runes in class in at i.
func (l *lexState) skip(i int, in func(rune) bool) int {
	for i < len(l.src) {
		r, n := l.at(i)
		if !in(r) {
			break
		}
		i += n
	}
	return i
}

// wordEnd returns the end of the \w run at i.
func (l *lexState) wordEnd(i int) int { return l.skip(i, isWordRune) }

// spaceEnd returns the end of the \s run at i.
func (l *lexState) spaceEnd(i int) int { return l.skip(i, isSpaceRune) }

// wordBefore reports whether the rune before offset i is a word rune: half
// of regexp2's \b.
func (l *lexState) wordBefore(i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(l.src[:i])
	return isWordRune(r)
}

// wordAt reports whether a word rune is at i: the other half of \b.
func (l *lexState) wordAt(i int) bool { r, n := l.at(i); return n > 0 && isWordRune(r) }

// lineEnd is the offset of the line end at or after i, for `.*$`.
func (l *lexState) lineEnd(i int) int {
	if k := strings.IndexByte(l.src[i:], '\n'); k >= 0 {
		return i + k
	}
	return len(l.src)
}

// The character classes of regexp2, the engine of chroma's lexers, which
// are Unicode-aware: \w, \s, \d, and the \p{L} and \p{N} of Python names.
// The fast lexers must agree with them on every rune, not only on ASCII.

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return unicode.In(r, unicode.L, unicode.Mn, unicode.Nd, unicode.Pc) || r == '\u200D' || r == '\u200C'
}

func isSpaceRune(r rune) bool { return unicode.IsSpace(r) }

func isDigitRune(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.Is(unicode.Nd, r)
}

// isNameStart and isNameRune are Python's [_\p{L}] and [_\p{L}\p{N}].
func isNameStart(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r == '_'
	}
	return unicode.IsLetter(r)
}

func isNameRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isNameStart(r) || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}
