package highlight

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// shTokens splits src, with LF line ends, into the tokens chroma's Bash
// lexer (lexers/embedded/bash.xml, also sh, zsh and shell) gives,
// coalesced; ok is false, and no tokens, when it leaves src to chroma.
//
// Like pyTokens, it is chroma's state machine with each regular expression
// written out by hand in the same order, quirks included: a word before =
// is a variable even in [ a = b ], a heredoc runs from << to the first
// later occurrence of its delimiter anywhere (even inside a word, and even
// for $((1<<2))), builtins are builtins only when a blank, ) or ` follows,
// and a number is a number only before a space or a line end. FuzzShTokens
// holds it to chroma on arbitrary input.
//
// It bails out where chroma would emit an Error token: an unterminated
// single-quoted string, a backslash at the very end.
func shTokens(src string) ([]chroma.Token, bool) {
	l := shLexer{stack: []shKind{shRoot}}
	if !l.run(src, l.step) {
		return nil, false
	}
	return l.tokens(), true
}

// shKind is a state of chroma's Bash lexer.
type shKind uint8

const (
	shRoot      shKind = iota
	shString           // in "…" with expansions
	shParen            // in $(…)
	shMath             // in $((…))
	shBackticks        // in `…`
	shCurly            // in ${…}
)

type shLexer struct {
	lexState
	stack []shKind
}

func (l *shLexer) push(k shKind) { l.stack = append(l.stack, k) }
func (l *shLexer) pop()          { l.stack = l.stack[:len(l.stack)-1] }

// step applies the first rule of the current state that matches. The
// nested states end with the rules of root.
func (l *shLexer) step() {
	s, p := l.src, l.pos
	switch l.stack[len(l.stack)-1] {
	case shString:
		switch {
		case s[p] == '"':
			l.emit(chroma.LiteralStringDouble, 1)
			l.pop()
		case l.quotedEnd(p, '"', true) > p:
			l.emitTo(chroma.LiteralStringDouble, l.quotedEnd(p, '"', true))
		case l.interp():
		default:
			panic(bailout{}) // a backslash at the end
		}
		return
	case shParen:
		if s[p] == ')' {
			l.emit(chroma.Keyword, 1)
			l.pop()
			return
		}
	case shMath:
		if l.math() {
			return
		}
	case shBackticks:
		if s[p] == '`' {
			l.emit(chroma.LiteralStringBacktick, 1)
			l.pop()
			return
		}
	case shCurly:
		if l.curly() {
			return
		}
	}
	l.root()
}

func (l *shLexer) root() {
	switch {
	case l.basic():
	case l.src[l.pos] == '`':
		l.emit(chroma.LiteralStringBacktick, 1)
		l.push(shBackticks)
	case l.data():
	case l.interp():
	default:
		panic(bailout{})
	}
}

// basic is chroma's "basic" state: keywords, builtins, comments, escapes,
// assignments, brackets, here-strings and heredocs, && and ||.
func (l *shLexer) basic() bool {
	s, p := l.src, l.pos
	e := l.wordEnd(p)
	w := s[p:e]
	// \bword: the word must start here, not continue one.
	wordStart := e > p && !l.wordBefore(p)
	switch {
	case wordStart && shKeywords[w]:
		// `\b(if|…)(\s*)\b`: the blanks are the keyword's only when a
		// word follows them; they are Text either way.
		l.emitTo(chroma.Keyword, e)
		if j := l.spaceEnd(e); j > e && l.wordAt(j) {
			l.emitTo(chroma.Text, j)
		}
	case wordStart && shBuiltins[w] && l.builtinFollows(e):
		l.emitTo(chroma.NameBuiltin, e)
	case p == 0 && l.has(0, "#!") && l.byteAt(2) != '\n' && l.byteAt(2) != 0 && l.lineEnd(2) < len(s):
		l.emitTo(chroma.CommentPreproc, l.lineEnd(2)+1)
	case s[p] == '#':
		l.emitTo(chroma.CommentSingle, l.lineEnd(p))
	case s[p] == '\\' && p+1 < len(s):
		_, n := l.at(p + 1)
		l.emit(chroma.LiteralStringEscape, 1+n)
	case wordStart && l.assignment(e):
	case strings.IndexByte("[]{}()=", s[p]) >= 0:
		l.emit(chroma.Operator, 1)
	case l.has(p, "<<<"):
		l.emit(chroma.Operator, 3)
	case l.heredoc():
	case l.has(p, "&&") || l.has(p, "||"):
		l.emit(chroma.Operator, 2)
	default:
		return false
	}
	return true
}

// builtinFollows is the lookahead (?=[\s)`]) after a builtin's name.
func (l *shLexer) builtinFollows(i int) bool {
	r, n := l.at(i)
	return n > 0 && (isSpaceRune(r) || r == ')' || r == '`')
}

// assignment matches `(\b\w+)(\s*)(\+?=)` with the word ending at e.
func (l *shLexer) assignment(e int) bool {
	j := l.spaceEnd(e)
	op := 0
	switch {
	case l.has(j, "+="):
		op = 2
	case l.byteAt(j) == '=':
		op = 1
	default:
		return false
	}
	l.emitTo(chroma.NameVariable, e)
	l.emitTo(chroma.Text, j)
	l.emit(chroma.Operator, op)
	return true
}

// heredoc matches `<<-?\s*(\'?)\\?(\w+)[\w\W]+?\2`: from << to the first
// occurrence of the delimiter at least one character after it. When the
// delimiter never recurs, regexp2 backtracks into (\w+) and tries ever
// shorter prefixes of it, and so does heredoc.
func (l *shLexer) heredoc() bool {
	if !l.has(l.pos, "<<") {
		return false
	}
	j := l.pos + 2
	if l.byteAt(j) == '-' {
		j++
	}
	j = l.spaceEnd(j)
	if l.byteAt(j) == '\'' {
		j++
	}
	if l.byteAt(j) == '\\' {
		j++
	}
	start := j
	for end := l.wordEnd(start); end > start; {
		_, n := l.at(end) // the + of [\w\W]+?
		if n > 0 {
			delim := l.src[start:end]
			if k := strings.Index(l.src[end+n:], delim); k >= 0 {
				l.emitTo(chroma.LiteralString, end+n+k+len(delim))
				return true
			}
		}
		_, size := utf8.DecodeLastRuneInString(l.src[start:end])
		end -= size
	}
	return false
}

// data is chroma's "data" state: strings, ; & |, blanks, numbers and
// plain words.
func (l *shLexer) data() bool {
	s, p := l.src, l.pos
	dollar := 0
	if s[p] == '$' {
		dollar = 1
	}
	switch c := s[p]; {
	case l.byteAt(p+dollar) == '"' && l.quotedEnd(p+dollar+1, '"', true) < len(s) && l.byteAt(l.quotedEnd(p+dollar+1, '"', true)) == '"':
		// `\$?"(\\\\|\\[0-7]+|\\.|[^"\\$])*"`: a string without expansions.
		l.emitTo(chroma.LiteralStringDouble, l.quotedEnd(p+dollar+1, '"', true)+1)
	case c == '"':
		l.emit(chroma.LiteralStringDouble, 1)
		l.push(shString)
	case l.has(p, "$'") && l.quotedEnd(p+2, '\'', false) < len(s) && l.byteAt(l.quotedEnd(p+2, '\'', false)) == '\'':
		l.emitTo(chroma.LiteralStringSingle, l.quotedEnd(p+2, '\'', false)+1)
	case c == '\'':
		k := strings.IndexByte(s[p+1:], '\'')
		if k < 0 {
			return false // unterminated: chroma errs
		}
		l.emit(chroma.LiteralStringSingle, k+2)
	case c == ';' || c == '&' || c == '|':
		l.emit(chroma.Punctuation, 1)
	case l.spaceEnd(p) > p:
		l.emitTo(chroma.Text, l.spaceEnd(p))
	case l.numberFollows(l.skip(p, isDigitRune)) && l.skip(p, isDigitRune) > p:
		l.emitTo(chroma.LiteralNumber, l.skip(p, isDigitRune))
	case c == '<':
		l.emit(chroma.Text, 1)
	default:
		end := l.skip(p, func(r rune) bool {
			return !isSpaceRune(r) && (r >= utf8.RuneSelf || strings.IndexByte("=[]{}()$\"'`\\<&|;", byte(r)) < 0)
		})
		if end == p {
			return false
		}
		l.emitTo(chroma.Text, end)
	}
	return true
}

// numberFollows is the lookahead (?= |$) after a number's digits.
func (l *shLexer) numberFollows(i int) bool {
	c := l.byteAt(i)
	return i == len(l.src) || c == ' ' || c == '\n'
}

// quotedEnd scans the body of a quoted string from i, a backslash taking
// the character after it, up to the closing quote or, when expansions
// stop it, a $; it returns the offset it stopped at. A backslash with
// nothing after it stops the scan short of the end.
func (l *shLexer) quotedEnd(i int, quote byte, expansions bool) int {
	for i < len(l.src) {
		switch c := l.src[i]; {
		case c == quote || expansions && c == '$':
			return i
		case c == '\\':
			_, n := l.at(i + 1)
			if n == 0 {
				return i
			}
			i += 1 + n
		default:
			_, n := l.at(i)
			i += n
		}
	}
	return i
}

// interp is chroma's "interp" state: $((…)), $(…), ${…} and $variables.
func (l *shLexer) interp() bool {
	p := l.pos
	if l.src[p] != '$' {
		return false
	}
	switch c := l.byteAt(p + 1); {
	case l.has(p, "$(("):
		l.emit(chroma.Keyword, 3)
		l.push(shMath)
	case c == '(':
		l.emit(chroma.Keyword, 2)
		l.push(shParen)
	case c == '{':
		if l.byteAt(p+2) == '#' {
			l.emit(chroma.LiteralStringInterpol, 3)
		} else {
			l.emit(chroma.LiteralStringInterpol, 2)
		}
		l.push(shCurly)
	case c == '_' || 'a' <= c|0x20 && c|0x20 <= 'z':
		l.emitTo(chroma.NameVariable, l.wordEnd(p+2))
	case l.skip(p+1, isDigitRune) > p+1:
		l.emitTo(chroma.NameVariable, l.skip(p+1, isDigitRune))
	case c != 0 && strings.IndexByte("#$?!*@-", c) >= 0:
		l.emit(chroma.NameVariable, 2)
	default:
		l.emit(chroma.Text, 1)
	}
	return true
}

// math applies the rules of $((…)) before those of root.
func (l *shLexer) math() bool {
	p := l.pos
	digits := l.skip(p, isDigitRune)
	switch {
	case l.has(p, "))"):
		l.emit(chroma.Keyword, 2)
		l.pop()
	case strings.IndexByte("-+*/%^|&", l.src[p]) >= 0:
		l.emit(chroma.Operator, 1)
	case digits > p && l.byteAt(digits) == '#' && l.skip(digits+1, isDigitRune) > digits+1:
		l.emitTo(chroma.LiteralNumber, l.skip(digits+1, isDigitRune)) // base#digits
	case digits > p && l.byteAt(digits) == '#' && l.byteAt(digits+1) != ' ':
		l.emitTo(chroma.LiteralNumber, digits+1)
	case digits > p:
		l.emitTo(chroma.LiteralNumber, digits)
	default:
		return false
	}
	return true
}

// curly applies the rules of ${…} before those of root.
func (l *shLexer) curly() bool {
	p := l.pos
	switch c := l.src[p]; {
	case c == '}':
		l.emit(chroma.LiteralStringInterpol, 1)
		l.pop()
	case l.has(p, ":-"):
		l.emit(chroma.Keyword, 2)
	case l.wordEnd(p) > p:
		l.emitTo(chroma.NameVariable, l.wordEnd(p))
	case c == ':':
		l.emit(chroma.Punctuation, 1)
	case strings.IndexByte("\"'`$\\", c) < 0:
		// [^}:"\'`$\\]+, word characters included once it has started.
		end := p + 1
		for end < len(l.src) && strings.IndexByte("}:\"'`$\\", l.src[end]) < 0 {
			end++
		}
		l.emitTo(chroma.Punctuation, end)
	default:
		return false
	}
	return true
}

// The word lists of chroma's Bash lexer.
var (
	shKeywords = set("if", "fi", "else", "while", "do", "done", "for", "then", "return", "function", "case",
		"select", "continue", "until", "esac", "elif")
	shBuiltins = set("alias", "bg", "bind", "break", "builtin", "caller", "cd", "command", "compgen",
		"complete", "declare", "dirs", "disown", "echo", "enable", "eval", "exec", "exit", "export", "false",
		"fc", "fg", "getopts", "hash", "help", "history", "jobs", "kill", "let", "local", "logout", "popd",
		"printf", "pushd", "pwd", "read", "readonly", "set", "shift", "shopt", "source", "suspend", "test",
		"time", "times", "trap", "true", "type", "typeset", "ulimit", "umask", "unalias", "unset", "wait")
)
