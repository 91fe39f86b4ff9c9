package shortcode

import (
	"bytes"
	"fmt"
	"strings"
)

// A Param is one parameter of a call: Name is "" for a positional one.
type Param struct {
	Name, Value string
	Pos         int // offset of the parameter in the body
}

// A Call is one shortcode call. Start and End delimit its opening tag;
// a call with inner content has a closing tag at CloseStart..CloseEnd,
// else both are -1.
type Call struct {
	Name       string
	Markdown   bool // {{% %}}: the inner content is Markdown
	Params     []Param
	Named      bool // the parameters are named ones
	SelfClosed bool // {{< name />}}
	Start, End int
	CloseStart int
	CloseEnd   int
	Parent     *Call
	Children   []*Call
	Ordinal    int // the call's index among its parent's children (or the body's top level)
	id         int // index in Doc.Calls
	hugo       int // Hugo's ordinal for a top-level call (headingid.go); -1 for a nested one
}

// HasInner reports whether c has a closing tag.
func (c *Call) HasInner() bool { return c.CloseStart >= 0 }

// Get returns the positional parameter i, or "" when there is none.
func (c *Call) Get(i int) string {
	if c.Named || i < 0 || i >= len(c.Params) {
		return ""
	}
	return c.Params[i].Value
}

// Named returns the named parameter name, and whether it is given.
func (c *Call) Lookup(name string) (string, bool) {
	for _, p := range c.Params {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

// An Escape is an escaped call, `{{</* x */>}}`, shown as Text.
type Escape struct {
	Start, End int
	Text       string
}

// An Error is a problem at byte offset Offset of the body.
type Error struct {
	Offset  int
	Msg     string
	Warning bool // reported, but the page renders
}

func (e Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

// A Doc is the shortcodes of one body.
type Doc struct {
	Calls   []*Call // in the order of their opening tags
	Top     []*Call // the calls that have no parent
	Escapes []Escape
	Code    [][2]int // the fenced code blocks and code spans, in order
}

// Parse finds the shortcodes of body. A Doc is returned with the
// problems found; calls that could not be read are left out of it.
func Parse(body []byte) (*Doc, []Error) {
	l := &lexer{src: body, doc: &Doc{}}
	l.run()
	l.pair()
	l.ordinals()
	if len(l.doc.Calls) > maxCalls {
		l.errorf(l.doc.Calls[maxCalls].Start, "more than %d shortcode calls in one page", maxCalls)
	}
	if len(l.doc.Escapes) > maxCalls {
		l.errorf(l.doc.Escapes[maxCalls].Start, "more than %d escaped shortcodes in one page", maxCalls)
	}
	return l.doc, l.errs
}

// A tag is one opening or closing tag as lexed.
type tag struct {
	call    *Call
	closing bool
}

type lexer struct {
	src  []byte
	doc  *Doc
	tags []tag
	errs []Error

	codeTop []int // offsets of the top-level calls in code, which Hugo counts
}

func (l *lexer) errorf(off int, format string, args ...any) {
	l.errs = append(l.errs, Error{Offset: off, Msg: fmt.Sprintf(format, args...)})
}

// run lexes the body, skipping code.
func (l *lexer) run() {
	src := l.src
	for i := 0; i < len(src); {
		if lineStart(src, i) {
			if end, ok := fence(src, i); ok {
				l.doc.Code = append(l.doc.Code, [2]int{i, end})
				l.escapesIn(i, end)
				l.codeCalls(i, end)
				i = end
				continue
			}
		}
		switch {
		case src[i] == '`':
			if end, ok := codeSpan(src, i); ok {
				l.doc.Code = append(l.doc.Code, [2]int{i, end})
				l.escapesIn(i, end)
				l.codeCalls(i, end)
				i = end
				continue
			}
			for i < len(src) && src[i] == '`' {
				i++
			}
		case bytes.HasPrefix(src[i:], []byte("{{<")) || bytes.HasPrefix(src[i:], []byte("{{%")):
			i = l.tag(i)
		default:
			i++
		}
	}
}

// escapesIn finds the escaped calls in code at src[start:end]: Hugo
// shows them unescaped there too, which is what they are for.
func (l *lexer) escapesIn(start, end int) {
	for i := start; i < end; i++ {
		if l.src[i] == '{' && (bytes.HasPrefix(l.src[i:end], []byte("{{</*")) || bytes.HasPrefix(l.src[i:end], []byte("{{%/*"))) {
			if e, ok := escape(l.src[:end], i); ok {
				l.doc.Escapes = append(l.doc.Escapes, e)
				i = e.End - 1
			}
		}
	}
}

// lineStart reports whether only spaces, tabs or list markers' spaces
// come before i on its line.
func lineStart(src []byte, i int) bool {
	if i > 0 && src[i-1] != '\n' {
		return false
	}
	return true
}

// fence reports whether a code fence opens on the line at i, and where
// its block ends (after its closing line, or at the end of src).
func fence(src []byte, i int) (int, bool) {
	j := i
	for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '>' || src[j] == '-' && j+1 < len(src) && src[j+1] == ' ') {
		j++
	}
	if j >= len(src) || src[j] != '`' && src[j] != '~' {
		return 0, false
	}
	c := src[j]
	n := 0
	for j+n < len(src) && src[j+n] == c {
		n++
	}
	if n < 3 {
		return 0, false
	}
	eol := lineEnd(src, j)
	if c == '`' && bytes.IndexByte(src[j+n:eol], '`') >= 0 {
		return 0, false
	}
	for k := eol; k < len(src); {
		next := lineEnd(src, k)
		line := bytes.TrimSpace(bytes.TrimLeft(src[k:next], " \t>"))
		if len(line) >= n && len(bytes.TrimLeft(line, string(c))) == 0 {
			return next, true
		}
		k = next
	}
	return len(src), true
}

// lineEnd returns the offset after the newline ending the line holding i.
func lineEnd(src []byte, i int) int {
	if k := bytes.IndexByte(src[i:], '\n'); k >= 0 {
		return i + k + 1
	}
	return len(src)
}

// codeSpan reports whether a code span opens at the backticks at i,
// closed by as many backticks before a blank line, and where it ends.
func codeSpan(src []byte, i int) (int, bool) {
	n := 0
	for i+n < len(src) && src[i+n] == '`' {
		n++
	}
	for j := i + n; j < len(src); {
		switch {
		case src[j] == '`':
			m := 0
			for j+m < len(src) && src[j+m] == '`' {
				m++
			}
			if m == n {
				return j + m, true
			}
			j += m
		case src[j] == '\n' && len(bytes.TrimSpace(src[j+1:lineEnd(src, j+1)])) == 0:
			return 0, false
		default:
			j++
		}
	}
	return 0, false
}

// escape reads the escaped call at i: `{{</*` … `*/>}}`.
func escape(src []byte, i int) (Escape, bool) {
	open, closeDelim := "{{<", ">}}"
	if src[i+2] == '%' {
		open, closeDelim = "{{%", "%}}"
	}
	k := bytes.Index(src[i+5:], []byte("*/"))
	if k < 0 {
		return Escape{}, false
	}
	inner := src[i+5 : i+5+k]
	j := i + 5 + k + 2
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	if !bytes.HasPrefix(src[j:], []byte(closeDelim)) {
		return Escape{}, false
	}
	return Escape{Start: i, End: j + 3, Text: open + string(inner) + closeDelim}, true
}

// tag lexes the tag at i and returns where lexing goes on.
func (l *lexer) tag(i int) int {
	src := l.src
	delim := src[i+2]
	closeDelim := ">}}"
	if delim == '%' {
		closeDelim = "%}}"
	}
	j := skipSpace(src, i+3)
	if bytes.HasPrefix(src[j:], []byte("/*")) {
		if e, ok := escape(src, i); ok {
			l.doc.Escapes = append(l.doc.Escapes, e)
			return e.End
		}
		l.errorf(i, "escaped shortcode without its closing */%s", closeDelim)
		return i + 3
	}
	c := &Call{Markdown: delim == '%', Start: i, CloseStart: -1, CloseEnd: -1}
	closing := false
	if j < len(src) && src[j] == '/' {
		closing = true
		j = skipSpace(src, j+1)
	}
	k := j
	for k < len(src) && isNameByte(src[k]) {
		k++
	}
	c.Name = string(src[j:k])
	if c.Name == "" {
		l.errorf(i, "shortcode without a name")
		return i + 3
	}
	end, ok := l.params(c, k, closeDelim, closing)
	if !ok {
		return i + 3
	}
	c.End = end
	l.tags = append(l.tags, tag{c, closing})
	return end
}

// params reads c's parameters from k to the tag's end, which it returns.
func (l *lexer) params(c *Call, k int, closeDelim string, closing bool) (int, bool) {
	src := l.src
	positional := false
	for {
		k = skipSpace(src, k)
		switch {
		case k >= len(src):
			l.errorf(c.Start, "shortcode %q is not closed by %s", c.Name, closeDelim)
			return 0, false
		case bytes.HasPrefix(src[k:], []byte(closeDelim)):
			return k + 3, true
		case src[k] == '/' && bytes.HasPrefix(src[k+1:], []byte(closeDelim)):
			c.SelfClosed = true
			return k + 4, true
		case closing:
			l.errorf(k, "closing shortcode %q takes no parameters", c.Name)
			return 0, false
		}
		p := Param{Pos: k}
		if n := nameEnd(src, k); n < len(src) && n > k && src[n] == '=' {
			p.Name = string(src[k:n])
			k = n + 1
		}
		v, next, err := value(src, k, closeDelim)
		if err != "" {
			l.errorf(k, "shortcode %q: %s", c.Name, err)
			return 0, false
		}
		p.Value, k = v, next
		if (p.Name != "") != c.Named && len(c.Params) > 0 || p.Name == "" && c.Named {
			l.errorf(p.Pos, "shortcode %q mixes named and positional parameters", c.Name)
			return 0, false
		}
		c.Named = p.Name != ""
		positional = positional || p.Name == ""
		c.Params = append(c.Params, p)
	}
}

// value reads one parameter value at k: "quoted", `raw` or bare.
func value(src []byte, k int, closeDelim string) (string, int, string) {
	if k >= len(src) {
		return "", k, "unexpected end of the body"
	}
	switch src[k] {
	case '"':
		var b strings.Builder
		for j := k + 1; j < len(src); j++ {
			switch src[j] {
			case '\\':
				if j+1 < len(src) {
					j++
					b.WriteByte(src[j])
				}
			case '"':
				return b.String(), j + 1, ""
			default:
				b.WriteByte(src[j])
			}
		}
		return "", 0, "unterminated quoted value"
	case '`':
		j := bytes.IndexByte(src[k+1:], '`')
		if j < 0 {
			return "", 0, "unterminated raw string value"
		}
		return string(src[k+1 : k+1+j]), k + 2 + j, ""
	}
	j := k
	for j < len(src) && !isSpace(src[j]) && !bytes.HasPrefix(src[j:], []byte(closeDelim)) &&
		!(src[j] == '/' && bytes.HasPrefix(src[j+1:], []byte(closeDelim))) {
		j++
	}
	if j == k {
		return "", 0, "empty parameter value"
	}
	return string(src[k:j]), j, ""
}

func nameEnd(src []byte, k int) int {
	for k < len(src) && (isNameByte(src[k]) && src[k] != '/' && src[k] != '.') {
		k++
	}
	return k
}

func skipSpace(src []byte, i int) int {
	for i < len(src) && isSpace(src[i]) {
		i++
	}
	return i
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '/' || c == '.'
}

// pair matches closing tags with opening ones and builds the tree. An
// opening tag left open has no inner content, as Hugo's shortcodes
// that do not use .Inner.
func (l *lexer) pair() {
	var stack []*Call
	for _, t := range l.tags {
		if !t.closing {
			l.doc.Calls = append(l.doc.Calls, t.call)
			if !t.call.SelfClosed {
				stack = append(stack, t.call)
			}
			continue
		}
		k := len(stack) - 1
		for k >= 0 && stack[k].Name != t.call.Name {
			k--
		}
		if k < 0 {
			l.errorf(t.call.Start, "closing shortcode %q has no opening one", t.call.Name)
			continue
		}
		open := stack[k]
		open.CloseStart, open.CloseEnd = t.call.Start, t.call.End
		stack = stack[:k]
	}
	// The tree: each call's parent is the innermost call with inner
	// content that encloses it.
	var open []*Call
	for i, c := range l.doc.Calls {
		c.id = i
		for len(open) > 0 && open[len(open)-1].CloseEnd <= c.Start {
			open = open[:len(open)-1]
		}
		if len(open) > 0 {
			p := open[len(open)-1]
			c.Parent, c.Ordinal = p, len(p.Children)
			p.Children = append(p.Children, c)
		} else {
			c.Ordinal = len(l.doc.Top)
			l.doc.Top = append(l.doc.Top, c)
		}
		if c.HasInner() {
			open = append(open, c)
		}
	}
}
