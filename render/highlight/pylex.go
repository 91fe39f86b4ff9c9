package highlight

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// pyTokens splits src, with LF line ends, into the tokens chroma's Python
// lexer (lexers/embedded/python.xml) gives, coalesced; ok is false, and no
// tokens, when it leaves src to chroma.
//
// It is that lexer's state machine with each rule's regular expression
// written out by hand, in the same order, so that it agrees with chroma on
// every input it accepts, quirks included: `match` and `case` are keywords
// wherever they appear (re.match too), `print` after a dot is a plain
// name, a docstring is a plain string (the Doc rule's `{,2}` is no
// quantifier to regexp2, so it needs a literal "r{,2}" prefix), and a
// format spec after `:` in an f-string is string text. FuzzPyTokens holds
// it to chroma on arbitrary input.
//
// It bails out where chroma would emit an Error token (an unterminated
// one-line string, a `!` or `$` outside a string): chroma then resets or
// skips, and reproducing its recovery is not worth the code.
func pyTokens(src string) ([]chroma.Token, bool) {
	l := pyLexer{stack: []pyState{{kind: pyRoot}}}
	if !l.run(src, l.step) {
		return nil, false
	}
	return l.tokens(), true
}

// pyKind is a state of chroma's Python lexer.
type pyKind uint8

const (
	pyRoot       pyKind = iota
	pyFuncname          // after "def "
	pyClassname         // after "class "
	pyFromImport        // after "from "
	pyImport            // after "import "
	pyFExpr             // in an f-string's {…}
	pyFExprInner        // in brackets within an f-string's {…}
	pyString            // in a string literal
)

// pyStrKind is how a string literal treats backslashes and braces, after
// its prefix: chroma's states for each combine a string state with one of
// its escape states.
type pyStrKind uint8

const (
	strPlain pyStrKind = iota // "…", b"…", u"…": backslash escapes, {} formats
	strRaw                    // r"…", rb"…": neither
	strF                      // f"…": escapes, {{ }}, {expr}
	strRF                     // rf"…": {{ }}, {expr}
)

type pyState struct {
	kind   pyKind
	str    pyStrKind
	quote  byte // ' or "
	triple bool
}

type pyLexer struct {
	lexState
	stack []pyState
}

func (l *pyLexer) push(s pyState) { l.stack = append(l.stack, s) }
func (l *pyLexer) pop()           { l.stack = l.stack[:len(l.stack)-1] }

// step applies the first rule of the current state that matches.
func (l *pyLexer) step() {
	st := l.stack[len(l.stack)-1]
	switch st.kind {
	case pyRoot:
		l.root()
	case pyFuncname:
		l.funcname()
	case pyClassname:
		if !l.isName(l.pos) {
			panic(bailout{})
		}
		l.emitTo(chroma.NameClass, l.nameEnd(l.pos))
		l.pop()
	case pyFromImport:
		l.fromImport()
	case pyImport:
		l.imports()
	case pyFExpr, pyFExprInner:
		l.fexpr(st.kind)
	case pyString:
		l.str(st)
	}
}

func (l *pyLexer) root() {
	s, p := l.src, l.pos
	switch {
	case s[p] == '\n':
		l.emit(chroma.Text, 1)
	case l.docstring():
	case p == 0 && l.has(0, "#!") && len(s) > 2 && s[2] != '\n':
		l.emitTo(chroma.CommentHashbang, l.lineEnd(p))
	case s[p] == '#':
		l.emitTo(chroma.CommentSingle, l.lineEnd(p))
	case l.has(p, "\\\n"):
		l.emit(chroma.Text, 2)
	case s[p] == '\\':
		l.emit(chroma.Text, 1)
	case l.keyword():
	case l.declaration("def", chroma.Keyword, pyFuncname):
	case l.declaration("class", chroma.Keyword, pyClassname):
	case l.declaration("from", chroma.KeywordNamespace, pyFromImport):
	case l.declaration("import", chroma.KeywordNamespace, pyImport):
	case l.expr():
	default:
		panic(bailout{})
	}
}

// docstring matches chroma's Doc rule, `^(\s*)([rRuUbB]{,2})("""(?:.|\n)*?""")`
// and its single-quoted twin, where regexp2 reads `{,2}` as text.
func (l *pyLexer) docstring() bool {
	p := l.pos
	if p > 0 && l.src[p-1] != '\n' {
		return false
	}
	j := l.spaceEnd(p)
	if j+8 > len(l.src) || !strings.ContainsRune("rRuUbB", rune(l.src[j])) || !l.has(j+1, "{,2}") {
		return false
	}
	q := l.src[j+5 : j+8]
	if q != `"""` && q != `'''` {
		return false
	}
	k := strings.Index(l.src[j+8:], q)
	if k < 0 {
		return false
	}
	l.emitTo(chroma.Text, j)
	l.emit(chroma.LiteralStringAffix, 5)
	l.emitTo(chroma.LiteralStringDoc, j+8+k+3)
	return true
}

// keyword matches chroma's "keywords" rules, `(yield from|nonlocal|…)\b`
// and `(False|True|None)\b`.
func (l *pyLexer) keyword() bool {
	e := l.wordEnd(l.pos)
	switch w := l.src[l.pos:e]; {
	case w == "yield" && l.has(e, " from") && !l.wordAt(e+5):
		l.emitTo(chroma.Keyword, e+5)
	case pyKeywords[w]:
		l.emitTo(chroma.Keyword, e)
	case w == "False" || w == "True" || w == "None":
		l.emitTo(chroma.KeywordConstant, e)
	default:
		return false
	}
	return true
}

// declaration matches `(word)((?:\s|\\\s)+)`, and enters state next.
func (l *pyLexer) declaration(word string, t chroma.TokenType, next pyKind) bool {
	if !l.has(l.pos, word) {
		return false
	}
	j := l.pos + len(word)
	for {
		if r, n := l.at(j); n > 0 && isSpaceRune(r) {
			j += n
		} else if r, n := l.at(j + 1); l.byteAt(j) == '\\' && n > 0 && isSpaceRune(r) {
			j += 1 + n
		} else {
			break
		}
	}
	if j == l.pos+len(word) {
		return false
	}
	l.emit(t, len(word))
	l.emitTo(chroma.Text, j)
	l.push(pyState{kind: next})
	return true
}

// expr is chroma's "expr" state: what may appear in an expression, both in
// code and within an f-string's braces.
func (l *pyLexer) expr() bool {
	s, p := l.src, l.pos
	if l.stringStart() || l.number() {
		return true
	}
	if r, _ := l.at(p); r != '\n' && isSpaceRune(r) {
		l.emitTo(chroma.Text, l.skip(p, func(r rune) bool { return r != '\n' && isSpaceRune(r) }))
		return true
	}
	switch c := s[p]; {
	case l.has(p, "!=") || l.has(p, "==") || l.has(p, "<<") || l.has(p, ">>") || l.has(p, ":="):
		// Whole, not as two one-character operators: in an f-string, the
		// second = of a == could otherwise end the expression as in {x=}.
		l.emit(chroma.Operator, 2)
	case strings.IndexByte("-~+/*%=<>&^|.", c) >= 0:
		l.emit(chroma.Operator, 1)
	case strings.IndexByte("[]{}:(),;", c) >= 0:
		l.emit(chroma.Punctuation, 1)
	case c == '@':
		l.decorator()
	case l.word():
	case l.isName(p):
		l.emitTo(chroma.Name, l.nameEnd(p))
	default:
		return false
	}
	return true
}

// word matches the rules for words in an expression, in chroma's order:
// operator words, keywords, builtins (not after a dot), magic names.
func (l *pyLexer) word() bool {
	p := l.pos
	e := l.wordEnd(p)
	switch t, ok := pyExprWords[l.src[p:e]]; {
	case l.has(p, "async for") && !l.wordAt(p+9):
		l.emitTo(chroma.Keyword, p+9)
	case l.has(p, "yield from") && !l.wordAt(p+10):
		l.emitTo(chroma.Keyword, p+10)
	case !ok:
		return false
	case t.InSubCategory(chroma.NameBuiltin) || t == chroma.NameException:
		// (?<!\.)builtin: x.print is a plain name.
		if p > 0 && l.src[p-1] == '.' {
			return false
		}
		fallthrough
	default:
		l.emitTo(t, e)
	}
	return true
}

// decorator matches `@name(\s*\.\s*name)*`, or `@` alone as an operator.
func (l *pyLexer) decorator() {
	j := l.pos + 1
	if !l.isName(j) {
		l.emit(chroma.Operator, 1)
		return
	}
	j = l.nameEnd(j)
	for {
		k := l.spaceEnd(j)
		if l.byteAt(k) != '.' {
			break
		}
		if k = l.spaceEnd(k + 1); !l.isName(k) {
			break
		}
		j = l.nameEnd(k)
	}
	l.emitTo(chroma.NameDecorator, j)
}

// number matches chroma's number rules, in order: floats, floats with an
// exponent and maybe a j, octal, binary, hex, decimal integers. None of
// them needs a word boundary: 1if is 1 and if.
func (l *pyLexer) number() bool {
	p := l.pos
	digits := l.digitsEnd(p)
	end := -1
	switch {
	case digits >= 0 && l.byteAt(digits) == '.':
		end = digits + 1
		if f := l.digitsEnd(end); f >= 0 {
			end = f
		}
	case digits < 0 && l.byteAt(p) == '.':
		end = l.digitsEnd(p + 1)
	}
	if end >= 0 {
		l.emitTo(chroma.LiteralNumberFloat, l.exponentEnd(end))
		return true
	}
	if digits < 0 {
		return false
	}
	if x := l.exponentEnd(digits); x > digits {
		if l.byteAt(x) == 'j' {
			x++
		}
		l.emitTo(chroma.LiteralNumberFloat, x)
		return true
	}
	if l.src[p] == '0' {
		for _, b := range []struct {
			letter byte
			digits string
			t      chroma.TokenType
		}{{'o', "01234567", chroma.LiteralNumberOct}, {'b', "01", chroma.LiteralNumberBin}, {'x', "0123456789abcdefABCDEF", chroma.LiteralNumberHex}} {
			if l.byteAt(p+1)|0x20 != b.letter {
				continue
			}
			j := p + 2
			for {
				if c := l.byteAt(j); c != 0 && strings.IndexByte(b.digits, c) >= 0 {
					j++
				} else if c := l.byteAt(j + 1); l.byteAt(j) == '_' && c != 0 && strings.IndexByte(b.digits, c) >= 0 {
					j += 2
				} else {
					break
				}
			}
			if j > p+2 {
				l.emitTo(b.t, j)
				return true
			}
		}
	}
	l.emitTo(chroma.LiteralNumberInteger, digits)
	return true
}

// digitsEnd matches `\d(?:_?\d)*` at i: its end, or -1.
func (l *pyLexer) digitsEnd(i int) int {
	if r, n := l.at(i); isDigitRune(r) {
		i += n
	} else {
		return -1
	}
	for {
		if r, n := l.at(i); isDigitRune(r) {
			i += n
		} else if r, n := l.at(i + 1); l.byteAt(i) == '_' && isDigitRune(r) {
			i += 1 + n
		} else {
			return i
		}
	}
}

// exponentEnd matches `([eE][+-]?\d(?:_?\d)*)?` at i.
func (l *pyLexer) exponentEnd(i int) int {
	if c := l.byteAt(i); c != 'e' && c != 'E' {
		return i
	}
	j := i + 1
	if c := l.byteAt(j); c == '+' || c == '-' {
		j++
	}
	if e := l.digitsEnd(j); e >= 0 {
		return e
	}
	return i
}

// stringStart matches the opening of a string literal, prefix and quotes,
// and enters its state. The rules are tried as chroma orders them: rf
// before f before rb and r before plain, and """ before " in each.
func (l *pyLexer) stringStart() bool {
	p := l.pos
	quoteAt := func(i int) bool { c := l.byteAt(i); return c == '"' || c == '\'' }
	pair := func(a, b string) bool {
		x, y := l.byteAt(p)|0x20, l.byteAt(p+1)|0x20
		return x == a[0] && y == a[1] || x == b[0] && y == b[1]
	}
	var affix int
	var kind pyStrKind
	switch c := l.src[p]; {
	case pair("rf", "fr") && quoteAt(p+2):
		affix, kind = 2, strRF
	case (c == 'f' || c == 'F') && quoteAt(p+1):
		affix, kind = 1, strF
	case pair("rb", "br") && quoteAt(p+2):
		affix, kind = 2, strRaw
	case (c == 'r' || c == 'R') && quoteAt(p+1):
		affix, kind = 1, strRaw
	case strings.IndexByte("uUbB", c) >= 0 && quoteAt(p+1):
		affix, kind = 1, strPlain
	case quoteAt(p):
		affix, kind = 0, strPlain
	default:
		return false
	}
	q := l.src[p+affix]
	st := pyState{kind: pyString, str: kind, quote: q, triple: l.byteAt(p+affix+1) == q && l.byteAt(p+affix+2) == q}
	l.emit(chroma.LiteralStringAffix, affix)
	if st.triple {
		l.emit(st.textType(), 3)
	} else {
		l.emit(st.textType(), 1)
	}
	l.push(st)
	return true
}

// textType is the type of a string's text: chroma tells strings apart by
// their quote.
func (st pyState) textType() chroma.TokenType {
	if st.quote == '"' {
		return chroma.LiteralStringDouble
	}
	return chroma.LiteralStringSingle
}

// str applies the rules of a string's state: its escape rules, then the
// closing quote, then its text.
func (l *pyLexer) str(st pyState) {
	s, p := l.src, l.pos
	text := st.textType()
	fstr := st.str == strF || st.str == strRF
	switch {
	case fstr && (l.has(p, "{{") || l.has(p, "}}")):
		l.emit(chroma.LiteralStringEscape, 2)
	case (st.str == strPlain || st.str == strF) && l.escapeEnd(p) > p:
		l.emitTo(chroma.LiteralStringEscape, l.escapeEnd(p))
	case st.triple && s[p] == st.quote && l.byteAt(p+1) == st.quote && l.byteAt(p+2) == st.quote:
		l.emit(text, 3)
		l.pop()
	case !st.triple && s[p] == st.quote:
		l.emit(text, 1)
		l.pop()
	case !st.triple && s[p] == '\\' && (l.byteAt(p+1) == '\\' || l.byteAt(p+1) == st.quote || l.byteAt(p+1) == '\n'):
		l.emit(chroma.LiteralStringEscape, 2)
	case fstr && s[p] == '}':
		l.emit(chroma.LiteralStringInterpol, 1)
	case fstr && s[p] == '{':
		l.emit(chroma.LiteralStringInterpol, 1)
		l.push(pyState{kind: pyFExpr})
	case !fstr && s[p] == '%' && l.percentFormatEnd(p) > p:
		l.emitTo(chroma.LiteralStringInterpol, l.percentFormatEnd(p))
	case !fstr && s[p] == '{' && l.braceFormatEnd(p) > p:
		l.emitTo(chroma.LiteralStringInterpol, l.braceFormatEnd(p))
	case s[p] == '\'' || s[p] == '"' || s[p] == '\\':
		l.emit(text, 1)
	case !fstr && l.has(p, "{{"):
		l.emit(text, 2)
	case !fstr && (s[p] == '{' || s[p] == '%'):
		l.emit(text, 1)
	case s[p] == '\n':
		if !st.triple {
			panic(bailout{}) // an unterminated string: chroma errs and resets
		}
		l.emit(text, 1)
	default:
		// [^\\'"%{\n]+, or [^\\'"{}\n]+ in an f-string.
		stop := "\\'\"%{\n"
		if fstr {
			stop = "\\'\"{}\n"
		}
		j := p + 1
		for j < len(s) && strings.IndexByte(stop, s[j]) < 0 {
			j++
		}
		l.emitTo(text, j)
	}
}

// escapeEnd matches chroma's "stringescape" rule at i:
// `\\([\\abfnrtv"\']|\n|N\{.*?\}|u[a-fA-F0-9]{4}|U[a-fA-F0-9]{8}|x[a-fA-F0-9]{2}|[0-7]{1,3})`.
// It returns i when there is no escape.
func (l *pyLexer) escapeEnd(i int) int {
	if l.byteAt(i) != '\\' {
		return i
	}
	hex := func(j, n int) int {
		for k := j; k < j+n; k++ {
			if c := l.byteAt(k); !('0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'f') {
				return i
			}
		}
		return j + n
	}
	switch c := l.byteAt(i + 1); {
	case c != 0 && strings.IndexByte("\\abfnrtv\"'\n", c) >= 0:
		return i + 2
	case c == 'N' && l.byteAt(i+2) == '{':
		if k := strings.IndexAny(l.src[i+3:], "}\n"); k >= 0 && l.src[i+3+k] == '}' {
			return i + 3 + k + 1
		}
	case c == 'u':
		return hex(i+2, 4)
	case c == 'U':
		return hex(i+2, 8)
	case c == 'x':
		return hex(i+2, 2)
	case '0' <= c && c <= '7':
		j := i + 2
		for j < i+4 && '0' <= l.byteAt(j) && l.byteAt(j) <= '7' {
			j++
		}
		return j
	}
	return i
}

// percentFormatEnd matches a printf-style conversion at i,
// `%(\(\w+\))?[-#0 +]*([0-9]+|[*])?(\.([0-9]+|[*]))?[hlL]?[E-GXc-giorsaux%]`,
// and returns i when there is none. Each part is taken greedily: no part
// can match what a later one needs, so backtracking never finds another
// match.
func (l *pyLexer) percentFormatEnd(i int) int {
	j := i + 1
	if l.byteAt(j) == '(' {
		if k := l.wordEnd(j + 1); k > j+1 && l.byteAt(k) == ')' {
			j = k + 1
		}
	}
	for l.byteAt(j) != 0 && strings.IndexByte("-#0 +", l.byteAt(j)) >= 0 {
		j++
	}
	widthEnd := func(j int) int {
		if l.byteAt(j) == '*' {
			return j + 1
		}
		for '0' <= l.byteAt(j) && l.byteAt(j) <= '9' {
			j++
		}
		return j
	}
	j = widthEnd(j)
	if l.byteAt(j) == '.' {
		if k := widthEnd(j + 1); k > j+1 {
			j = k
		}
	}
	if c := l.byteAt(j); c == 'h' || c == 'l' || c == 'L' {
		j++
	}
	if c := l.byteAt(j); c != 0 && strings.IndexByte("EFGXcdefgiorsaux%", c) >= 0 {
		return j + 1
	}
	return i
}

// braceFormatEnd matches a str.format field at i,
// `\{((\w+)((\.\w+)|(\[[^\]]+\]))*)?(\![sra])?(\:(.?[<>=\^])?[-+ ]?#?0?(\d+)?,?(\.\d+)?[E-GXb-gnosx%]?)?\}`,
// and returns i when there is none. Only the fill character of the spec
// needs backtracking: `.?` may or may not be it.
func (l *pyLexer) braceFormatEnd(i int) int {
	j := i + 1
	if k := l.wordEnd(j); k > j {
		j = k
		for {
			if c := l.byteAt(j); c == '.' && l.wordEnd(j+1) > j+1 {
				j = l.wordEnd(j + 1)
			} else if k := strings.IndexByte(l.src[min(j+1, len(l.src)):], ']'); c == '[' && k > 0 {
				j += 1 + k + 1
			} else {
				break
			}
		}
	}
	if l.byteAt(j) == '!' && l.byteAt(j+1) != 0 && strings.IndexByte("sra", l.byteAt(j+1)) >= 0 {
		j += 2
	}
	if l.byteAt(j) == ':' {
		align := func(k int) bool { c := l.byteAt(k); return c != 0 && strings.IndexByte("<>=^", c) >= 0 }
		var starts []int
		if r, n := l.at(j + 1); n > 0 && r != '\n' && align(j+1+n) {
			starts = append(starts, j+1+n+1)
		}
		if align(j + 1) {
			starts = append(starts, j+2)
		}
		starts = append(starts, j+1)
		for _, k := range starts {
			if k = l.formatSpecEnd(k); l.byteAt(k) == '}' {
				return k + 1
			}
		}
	}
	if l.byteAt(j) == '}' {
		return j + 1
	}
	return i
}

// formatSpecEnd matches `[-+ ]?#?0?(\d+)?,?(\.\d+)?[E-GXb-gnosx%]?` at j.
func (l *pyLexer) formatSpecEnd(j int) int {
	if c := l.byteAt(j); c == '-' || c == '+' || c == ' ' {
		j++
	}
	if l.byteAt(j) == '#' {
		j++
	}
	if l.byteAt(j) == '0' {
		j++
	}
	j = l.skip(j, isDigitRune)
	if l.byteAt(j) == ',' {
		j++
	}
	if r, _ := l.at(j + 1); l.byteAt(j) == '.' && isDigitRune(r) {
		j = l.skip(j+1, isDigitRune)
	}
	if c := l.byteAt(j); c != 0 && strings.IndexByte("EFGXbcdefgnosx%", c) >= 0 {
		j++
	}
	return j
}

// fexpr applies the rules of an f-string's replacement field (pyFExpr)
// and of brackets within it (pyFExprInner).
func (l *pyLexer) fexpr(kind pyKind) {
	p := l.pos
	c := l.src[p]
	switch {
	case c == '{' || c == '(' || c == '[':
		l.emit(chroma.Punctuation, 1)
		l.push(pyState{kind: pyFExprInner})
		return
	case kind == pyFExprInner && (c == '}' || c == ')' || c == ']'):
		l.emit(chroma.Punctuation, 1)
		l.pop()
		return
	case kind == pyFExpr:
		// (=\s*)?(\![sraf])?[}:] ends the expression.
		j := p
		if l.byteAt(j) == '=' {
			j = l.spaceEnd(j + 1)
		}
		if l.byteAt(j) == '!' && l.byteAt(j+1) != 0 && strings.IndexByte("sraf", l.byteAt(j+1)) >= 0 {
			j += 2
		}
		if c := l.byteAt(j); c == '}' || c == ':' {
			l.emitTo(chroma.LiteralStringInterpol, j+1)
			l.pop()
			return
		}
	}
	if j := l.spaceEnd(p); j > p {
		l.emitTo(chroma.Text, j)
		return
	}
	if !l.expr() {
		panic(bailout{})
	}
}

func (l *pyLexer) funcname() {
	p := l.pos
	if e := l.wordEnd(p); pyMagicFuncs[l.src[p:e]] {
		l.emitTo(chroma.NameFunctionMagic, e) // and stay: chroma does
		return
	}
	if l.isName(p) {
		l.emitTo(chroma.NameFunction, l.nameEnd(p))
	}
	l.pop()
}

func (l *pyLexer) fromImport() {
	p := l.pos
	switch j := l.spaceEnd(p); {
	case j > p && l.has(j, "import") && !l.wordAt(j+6):
		l.emitTo(chroma.Text, j)
		l.emit(chroma.KeywordNamespace, 6)
		l.pop()
	case l.src[p] == '.':
		l.emit(chroma.NameNamespace, 1)
	case l.has(p, "None") && !l.wordAt(p+4):
		l.emit(chroma.NameBuiltinPseudo, 4)
		l.pop()
	case l.isName(p):
		l.emitTo(chroma.NameNamespace, l.nameEnd(p))
	default:
		l.pop()
	}
}

func (l *pyLexer) imports() {
	p := l.pos
	j := l.spaceEnd(p)
	switch {
	case j > p && l.has(j, "as") && l.spaceEnd(j+2) > j+2:
		l.emitTo(chroma.Text, j)
		l.emit(chroma.Keyword, 2)
		l.emitTo(chroma.Text, l.spaceEnd(j+2))
	case l.src[p] == '.':
		l.emit(chroma.NameNamespace, 1)
	case l.isName(p):
		l.emitTo(chroma.NameNamespace, l.nameEnd(p))
	case l.byteAt(j) == ',':
		l.emitTo(chroma.Text, j)
		l.emit(chroma.Operator, 1)
		l.emitTo(chroma.Text, l.spaceEnd(j+1))
	default:
		l.pop()
	}
}

// isName reports whether a name, [_\p{L}][_\p{L}\p{N}]*, starts at i.
func (l *pyLexer) isName(i int) bool { r, n := l.at(i); return n > 0 && isNameStart(r) }

func (l *pyLexer) nameEnd(i int) int { _, n := l.at(i); return l.skip(i+n, isNameRune) }

// The word lists of chroma's Python lexer. No word is in two of them, so
// one map can classify the words of an expression (pyExprWords).
var (
	pyKeywords = set("nonlocal", "continue", "finally", "except", "lambda", "assert", "global", "return",
		"raise", "yield", "while", "break", "await", "async", "pass", "else", "elif", "with", "try", "for",
		"del", "as", "if", "match", "case")
	pyBuiltins = []string{"staticmethod", "classmethod", "memoryview", "__import__", "issubclass",
		"isinstance", "frozenset", "bytearray", "enumerate", "reversed", "property", "compile", "complex",
		"delattr", "hasattr", "setattr", "globals", "getattr", "divmod", "filter", "locals", "format",
		"object", "sorted", "slice", "print", "bytes", "range", "input", "tuple", "round", "super", "float",
		"eval", "list", "dict", "repr", "type", "vars", "hash", "next", "bool", "open", "iter", "oct", "pow",
		"min", "zip", "max", "map", "bin", "len", "set", "any", "dir", "all", "abs", "str", "sum", "chr",
		"int", "hex", "ord", "id"}
	pyPseudoBuiltins = []string{"self", "Ellipsis", "NotImplemented", "cls"}
	pyExceptions     = []string{"PendingDeprecationWarning", "ConnectionAbortedError", "ConnectionRefusedError",
		"UnicodeTranslateError", "ConnectionResetError", "ModuleNotFoundError", "NotImplementedError",
		"FloatingPointError", "StopAsyncIteration", "UnicodeDecodeError", "DeprecationWarning",
		"UnicodeEncodeError", "NotADirectoryError", "ProcessLookupError", "ZeroDivisionError",
		"IsADirectoryError", "FileNotFoundError", "UnboundLocalError", "KeyboardInterrupt",
		"ChildProcessError", "EnvironmentError", "IndentationError", "InterruptedError", "BlockingIOError",
		"ArithmeticError", "ConnectionError", "BrokenPipeError", "FileExistsError", "ResourceWarning",
		"PermissionError", "RuntimeWarning", "ReferenceError", "AttributeError", "AssertionError",
		"UnicodeWarning", "RecursionError", "StopIteration", "BaseException", "OverflowError",
		"SyntaxWarning", "FutureWarning", "GeneratorExit", "ImportWarning", "UnicodeError", "TimeoutError",
		"WindowsError", "RuntimeError", "BytesWarning", "SystemError", "UserWarning", "MemoryError",
		"ImportError", "LookupError", "BufferError", "SyntaxError", "SystemExit", "ValueError", "IndexError",
		"NameError", "Exception", "TypeError", "TabError", "EOFError", "KeyError", "VMSError", "Warning",
		"OSError", "IOError"}
	pyMagicFuncs = set("__instancecheck__", "__subclasscheck__", "__getattribute__", "__length_hint__",
		"__rfloordiv__", "__ifloordiv__", "__itruediv__", "__contains__", "__floordiv__", "__rtruediv__",
		"__reversed__", "__setitem__", "__complex__", "__rdivmod__", "__delattr__", "__rmatmul__",
		"__ilshift__", "__prepare__", "__delitem__", "__rrshift__", "__imatmul__", "__rlshift__",
		"__setattr__", "__truediv__", "__getitem__", "__missing__", "__getattr__", "__irshift__",
		"__rshift__", "__format__", "__invert__", "__matmul__", "__divmod__", "__delete__", "__aenter__",
		"__lshift__", "__await__", "__bytes__", "__anext__", "__aiter__", "__aexit__", "__round__",
		"__float__", "__enter__", "__index__", "__iadd__", "__ipow__", "__rpow__", "__iter__", "__init__",
		"__ixor__", "__rmul__", "__rmod__", "__imul__", "__imod__", "__iand__", "__hash__", "__rsub__",
		"__exit__", "__rxor__", "__bool__", "__call__", "__rand__", "__next__", "__radd__", "__isub__",
		"__repr__", "__set__", "__add__", "__new__", "__neg__", "__xor__", "__and__", "__mul__", "__mod__",
		"__sub__", "__len__", "__str__", "__ror__", "__ior__", "__pos__", "__del__", "__get__", "__dir__",
		"__abs__", "__int__", "__pow__", "__eq__", "__gt__", "__le__", "__lt__", "__ne__", "__or__", "__ge__")
	pyMagicVars = []string{"__annotations__", "__kwdefaults__", "__qualname__", "__objclass__", "__defaults__",
		"__closure__", "__globals__", "__weakref__", "__module__", "__class__", "__bases__", "__slots__",
		"__file__", "__code__", "__name__", "__func__", "__dict__", "__self__", "__mro__", "__doc__"}
)

// pyExprWords classifies the words of chroma's "expr" state by their
// type, one lookup for the dozen rules that match words.
var pyExprWords = func() map[string]chroma.TokenType {
	m := map[string]chroma.TokenType{}
	for _, class := range []struct {
		t     chroma.TokenType
		words []string
	}{
		{chroma.OperatorWord, []string{"in", "is", "and", "or", "not"}},
		{chroma.Keyword, []string{"lambda", "yield", "await", "else", "for", "if"}},
		{chroma.KeywordConstant, []string{"False", "True", "None"}},
		{chroma.NameBuiltin, pyBuiltins},
		{chroma.NameBuiltinPseudo, pyPseudoBuiltins},
		{chroma.NameException, pyExceptions},
		{chroma.NameVariableMagic, pyMagicVars},
	} {
		for _, w := range class.words {
			m[w] = class.t
		}
	}
	for w := range pyMagicFuncs {
		m[w] = chroma.NameFunctionMagic
	}
	return m
}()
