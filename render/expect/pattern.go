package expect

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

const (
	globMark  = "[..]"
	reSuffix  = " (re)"
	anyLines  = "..."
	lineBlank = " \t\r"
)

// lines returns text's normalised lines (see the package comment).
func lines(text []byte) []string {
	text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
	ls := strings.Split(string(text), "\n")
	for i, l := range ls {
		ls[i] = strings.TrimRight(l, lineBlank)
	}
	for len(ls) > 0 && ls[len(ls)-1] == "" {
		ls = ls[:len(ls)-1]
	}
	return ls
}

type kind uint8

const (
	literal  kind = iota
	glob          // holds [..]
	regex         // ends with " (re)"
	ellipsis      // exactly "..."
)

// A pattern is one expected line, ready to match actual lines.
type pattern struct {
	text  string // as written, normalised
	kind  kind
	parts []string       // glob: the literal text around each [..]
	re    *regexp.Regexp // regex: anchored at both ends
	err   error          // the expression's error, when it made the line literal
}

func compile(ls []string) []pattern {
	ps := make([]pattern, len(ls))
	for i, l := range ls {
		p := pattern{text: l}
		switch {
		case l == anyLines:
			p.kind = ellipsis
		case strings.HasSuffix(l, reSuffix):
			r, err := regexp.Compile(`^(?:` + strings.TrimSuffix(l, reSuffix) + `)$`)
			if err != nil {
				p.err = err
				break
			}
			p.kind, p.re = regex, r
		case strings.Contains(l, globMark):
			p.kind, p.parts = glob, strings.Split(l, globMark)
		}
		ps[i] = p
	}
	return ps
}

// wildcard reports whether p can match a line other than its own text, so
// that update must keep it as written while it still matches.
func (p *pattern) wildcard() bool { return p.kind != literal }

// match reports whether p, which is not "...", matches the actual line.
func (p *pattern) match(line string) bool {
	switch p.kind {
	case regex:
		return p.re.MatchString(line)
	case glob:
		return globMatch(p.parts, line)
	}
	return p.text == line
}

// globMatch reports whether line is parts joined by runs of any
// characters. Taking each middle part at its leftmost place is enough:
// a later place could only leave less room for the rest.
func globMatch(parts []string, line string) bool {
	first, last := parts[0], parts[len(parts)-1]
	if len(line) < len(first)+len(last) || !strings.HasPrefix(line, first) || !strings.HasSuffix(line, last) {
		return false
	}
	mid := line[len(first) : len(line)-len(last)]
	for _, part := range parts[1 : len(parts)-1] {
		i := strings.Index(mid, part)
		if i < 0 {
			return false
		}
		mid = mid[i+len(part):]
	}
	return true
}

// Check reports the first expected line that ends with " (re)" but is not
// a valid regular expression; Match treats such a line literally, which is
// seldom what its author meant.
func Check(expected []byte) error {
	for i, p := range compile(lines(expected)) {
		if p.err != nil {
			return &PatternError{Line: i + 1, Err: p.err}
		}
	}
	return nil
}

// A PatternError is a bad regular expression in an expected output.
type PatternError struct {
	Line int // 1-based, within the expected output
	Err  error
}

func (e *PatternError) Error() string {
	return fmt.Sprintf("line %d of the expected output: bad (re) line: %v", e.Line, e.Err)
}

func (e *PatternError) Unwrap() error { return e.Err }
