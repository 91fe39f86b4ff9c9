package expect

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// A token is a piece of an expected line that holds [..] or a
// placeholder: literal text, [..], or a redaction.
type token struct {
	kind  tokenKind
	text  string         // tokText: the text; tokValue: the value it stands for
	re    *regexp.Regexp // tokRegexp: the site's expression
	blank bool           // text made only of spaces and tabs
}

type tokenKind uint8

const (
	tokText   tokenKind = iota
	tokAny              // [..]
	tokValue            // [CWD] and the like: a literal value
	tokRegexp           // a site [redactions] entry: an RE2 expression
)

// tokenize splits an expected line into tokens, or returns nil when the
// line holds neither [..] nor a placeholder r defines: then it is
// literal. A bracketed word that names no redaction is text.
func tokenize(l string, r *Redactions) []token {
	var toks []token
	special := false
	start := 0
	add := func(t token, at, next int) {
		if at > start {
			toks = append(toks, textToken(l[start:at]))
		}
		toks = append(toks, t)
		start = next
		special = true
	}
	for i := 0; i < len(l); {
		j := strings.IndexByte(l[i:], '[')
		if j < 0 {
			break
		}
		i += j
		if strings.HasPrefix(l[i:], globMark) {
			add(token{kind: tokAny}, i, i+len(globMark))
			i += len(globMark)
			continue
		}
		end := strings.IndexByte(l[i+1:], ']')
		if end < 0 {
			break
		}
		if t, ok := r.lookup(l[i+1 : i+1+end]); ok {
			add(t, i, i+end+2)
			i += end + 2
			continue
		}
		i++
	}
	if !special {
		return nil
	}
	if start < len(l) {
		toks = append(toks, textToken(l[start:]))
	}
	return toks
}

func textToken(s string) token {
	return token{kind: tokText, text: s, blank: strings.Trim(s, " \t") == ""}
}

// relaxed returns the matchers of a tokenized line. Trailing spaces and
// tabs are dropped from actual lines before any pattern applies (SPEC
// §3.1), so a line whose end the pattern leaves open, such as
// "took: [..]", must also match "took:", which was "took: " as printed.
//
// Such a line ends in a tail of [..] and blanks after its last other
// token. An actual line (with no trailing blanks) matches the line as
// printed exactly when it matches the line cut inside that tail: right
// before it, or right after its first [..], which matches whatever any
// longer cut would.
func relaxed(toks []token) []matcher {
	k := len(toks)
	for k > 0 && (toks[k-1].kind == tokAny || toks[k-1].kind == tokText && toks[k-1].blank) {
		k--
	}
	if k == len(toks) {
		return []matcher{build(toks)}
	}
	head := append([]token(nil), toks[:k]...)
	if k > 0 && toks[k-1].kind == tokText {
		head[k-1] = textToken(strings.TrimRight(toks[k-1].text, " \t"))
	}
	cut := k
	for cut < len(toks) && toks[cut].kind != tokAny {
		cut++
	}
	if cut == len(toks) { // not reached: the line was trimmed of blanks
		return []matcher{build(head)}
	}
	return []matcher{build(head), build(toks[:cut+1])}
}

// build turns tokens into a matcher: parts when they hold only text and
// [..], which also matches bytes that are not UTF-8 exactly; a regular
// expression when they hold a redaction.
func build(toks []token) matcher {
	ps := parts{""}
	for _, t := range toks {
		switch t.kind {
		case tokText:
			ps[len(ps)-1] += t.text
		case tokAny:
			ps = append(ps, "")
		default:
			return buildRegexp(toks)
		}
	}
	return ps
}

func buildRegexp(toks []token) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`^`)
	for _, t := range toks {
		switch t.kind {
		case tokText, tokValue:
			b.WriteString(quote(t.text))
		case tokAny:
			b.WriteString(`.*`)
		case tokRegexp:
			b.WriteString(`(?:` + t.re.String() + `)`)
		}
	}
	b.WriteString(`$`)
	// Every piece is quoted or was compiled before, so this compiles.
	return regexp.MustCompile(b.String())
}

// quote is regexp.QuoteMeta for text that may not be UTF-8: the regexp
// package reads each byte of a bad sequence as U+FFFD, so that is what
// such a byte is written as.
func quote(s string) string {
	if utf8.ValidString(s) {
		return regexp.QuoteMeta(s)
	}
	var b strings.Builder
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && n == 1 {
			b.WriteString(`\x{FFFD}`)
		} else {
			b.WriteString(regexp.QuoteMeta(s[:n]))
		}
		s = s[n:]
	}
	return b.String()
}
