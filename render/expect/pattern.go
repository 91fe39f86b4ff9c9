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
	glob          // holds [..] or a redaction placeholder
	regex         // ends with " (re)"
	ellipsis      // exactly "..."
)

// A pattern is one expected line, ready to match actual lines.
type pattern struct {
	text string // as written, normalised
	kind kind
	alts []matcher      // glob: the line matches when one of these does
	re   *regexp.Regexp // regex: anchored at both ends
	err  error          // the expression's error, when it made the line literal
}

// A matcher matches whole actual lines: a *regexp.Regexp anchored at both
// ends, or parts.
type matcher interface{ MatchString(string) bool }

func compile(ls []string, r *Redactions) []pattern {
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
		default:
			if toks := tokenize(l, r); toks != nil {
				p.kind, p.alts = glob, relaxed(toks)
			}
		}
		ps[i] = p
	}
	return ps
}

// match reports whether p, which is not "...", matches the actual line.
// A line equal to the pattern's text always matches it, as in cram: an
// actual line that really ends in " (re)" or holds "[..]" needs no
// escaping, and a bad expression can still be matched literally.
func (p *pattern) match(line string) bool {
	if line == p.text {
		return true
	}
	switch p.kind {
	case regex:
		return p.re.MatchString(line)
	case glob:
		for _, m := range p.alts {
			if m.MatchString(line) {
				return true
			}
		}
	}
	return false
}

// parts is a line of [..] wildcards and literal text only: the literal
// text around each [..].
type parts []string

// MatchString reports whether line is the parts joined by runs of any
// characters. Taking each middle part at its leftmost place is enough:
// a later place could only leave less room for the rest.
func (ps parts) MatchString(line string) bool {
	if len(ps) == 1 {
		return line == ps[0]
	}
	first, last := ps[0], ps[len(ps)-1]
	if len(line) < len(first)+len(last) || !strings.HasPrefix(line, first) || !strings.HasSuffix(line, last) {
		return false
	}
	mid := line[len(first) : len(line)-len(last)]
	for _, part := range ps[1 : len(ps)-1] {
		i := strings.Index(mid, part)
		if i < 0 {
			return false
		}
		mid = mid[i+len(part):]
	}
	return true
}

// Check reports the first expected line that ends with " (re)" but is not
// a valid regular expression. Match compares such a line literally only,
// which is seldom what its author meant: when the output does not match,
// the caller reports the snippet as failed at that line (SPEC §3.1), and
// only that snippet.
func Check(expected []byte) error {
	for i, p := range compile(lines(expected), nil) {
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
