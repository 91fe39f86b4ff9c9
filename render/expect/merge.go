package expect

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Merge returns the new expected output for `pipedocs update`: actual's
// lines, except that expected lines using [..], (re), "..." or a
// redaction that still match keep their place and their text, so the
// author's wildcards survive; in a new line, each value of o.Redactions
// is written as its placeholder. When expected already matches, Merge returns it unchanged, so
// that update leaves a verified block byte for byte as it was.
//
// The result always matches actual: an actual line that would read as a
// pattern (a line "..." or one ending in " (re)") is written as a regular
// expression that matches just itself. Lines are normalised as for
// matching and end with "\n".
func Merge(expected, actual []byte, o Options) []byte {
	if Match(expected, actual, o) {
		return expected
	}
	ps, as := compile(lines(expected), o.Redactions), lines(actual)
	var steps []step
	if o.Unordered {
		as, steps = alignUnordered(ps, as)
	} else {
		steps = align(ps, as)
	}
	var out []string
	for _, s := range steps {
		switch s.op {
		case absorb, same:
			// A "..." keeps its place, and a line that matched stays as
			// written: a wildcard or a redaction that still holds.
			out = append(out, ps[s.i].text)
		case sub, ins:
			out = append(out, newLine(as[s.j], o.Redactions))
		}
	}
	if o.Unordered {
		// Blank lines at the end would be dropped as trailing ones; order
		// does not matter here, so they go first.
		n := len(out)
		for n > 0 && out[n-1] == "" {
			n--
		}
		out = append(out[n:], out[:n]...)
	}
	var b strings.Builder
	for _, l := range out {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// newLine returns the expected line update writes for an actual line:
// with placeholders where r's values appear, when that still matches
// it, or else as literalLine does.
func newLine(line string, r *Redactions) string {
	if red := r.redact(line); red != line {
		if p := compile([]string{red}, r)[0]; p.kind == glob && p.match(line) {
			return red
		}
	}
	return literalLine(line)
}

// literalLine returns an expected line that matches line and nothing else,
// as nearly as it can: line itself unless it would read as "..." or a
// regular expression. A line that is not UTF-8 cannot go in a regular
// expression; ending it with [..] keeps it from reading as one while
// still matching it.
func literalLine(line string) string {
	if line != anyLines && !strings.HasSuffix(line, reSuffix) {
		return line
	}
	if !utf8.ValidString(line) {
		return line + globMark
	}
	return regexp.QuoteMeta(line) + reSuffix
}
