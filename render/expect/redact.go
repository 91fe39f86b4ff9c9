package expect

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Redactions are the values an expected output may name by a placeholder
// instead of spelling them out (SPEC §3.1): [CWD], [HOME], [TMPDIR] and
// [EXE] stand for the run's own values, and a site's [redactions] add
// [NAME] for an RE2 expression. A placeholder matches its value anywhere
// in a line, as [..] matches anything; Merge writes the placeholder where
// a value appears in a new line.
//
// Placeholders work in plain lines, not in " (re)" lines, where brackets
// are RE2's. A placeholder whose value is "" is not one: "[EXE]" stays
// literal text for a snippet that has no binary.
type Redactions struct {
	CWD    string // the run's working folder (the page's folder)
	Home   string // $HOME of the run
	TmpDir string // $TMPDIR of the run
	Exe    string // the path of the running binary (a built Go snippet)

	// Site holds the site's [redactions], from CompileSite; nil for none.
	Site *SiteRedactions
}

// SiteRedactions are a site's [redactions], compiled once.
type SiteRedactions struct {
	names []string // sorted
	res   map[string]*regexp.Regexp
}

// builtins are the placeholders of the run's own values.
var builtins = []string{"CWD", "HOME", "TMPDIR", "EXE"}

// validName is a placeholder name: upper case, as cargo's and snapbox's.
var validName = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

// CompileSite compiles a site's [redactions]: placeholder NAME → RE2
// expression. A name must be upper case letters, digits and "_", starting
// with a letter, and not one of the built-in names; an expression must
// compile. The error names the first bad entry, in name order, as
// `redactions.NAME: what is wrong`; the caller adds the config file's
// path and line.
func CompileSite(m map[string]string) (*SiteRedactions, error) {
	s := &SiteRedactions{res: make(map[string]*regexp.Regexp, len(m))}
	for name := range m {
		s.names = append(s.names, name)
	}
	slices.Sort(s.names)
	for _, name := range s.names {
		switch {
		case !validName.MatchString(name):
			return nil, fmt.Errorf("redactions.%s: a name must be upper case letters, digits and _, starting with a letter", name)
		case slices.Contains(builtins, name):
			return nil, fmt.Errorf("redactions.%s: a built-in placeholder; it cannot be redefined", name)
		}
		re, err := regexp.Compile(m[name])
		if err != nil {
			return nil, fmt.Errorf("redactions.%s: %w", name, err)
		}
		s.res[name] = re
	}
	return s, nil
}

// value returns the literal value of a built-in placeholder, or "".
func (r *Redactions) value(name string) string {
	switch name {
	case "CWD":
		return r.CWD
	case "HOME":
		return r.Home
	case "TMPDIR":
		return r.TmpDir
	case "EXE":
		return r.Exe
	}
	return ""
}

// lookup returns the token of the placeholder [name], if r defines it.
func (r *Redactions) lookup(name string) (token, bool) {
	if r == nil {
		return token{}, false
	}
	if v := r.value(name); v != "" {
		return token{kind: tokValue, text: v}, true
	}
	if r.Site != nil {
		if re, ok := r.Site.res[name]; ok {
			return token{kind: tokRegexp, re: re}, true
		}
	}
	return token{}, false
}

// A valueSpan is a part of an actual line that a placeholder stands for.
type valueSpan struct {
	lo, hi int
	name   string
}

// redact returns line with each value r knows written as its
// placeholder. Longer spans win over the shorter ones they overlap, so
// [EXE] wins over the [CWD] its path starts with; among equal ones the
// leftmost, then built-in names before the site's, in name order.
func (r *Redactions) redact(line string) string {
	if r == nil {
		return line
	}
	var spans []valueSpan
	for _, name := range builtins {
		v := r.value(name)
		if v == "" {
			continue
		}
		for off := 0; ; {
			i := strings.Index(line[off:], v)
			if i < 0 {
				break
			}
			spans = append(spans, valueSpan{off + i, off + i + len(v), name})
			off += i + len(v)
		}
	}
	if r.Site != nil {
		for _, name := range r.Site.names {
			for _, m := range r.Site.res[name].FindAllStringIndex(line, -1) {
				if m[1] > m[0] { // an empty match would redact nothing
					spans = append(spans, valueSpan{m[0], m[1], name})
				}
			}
		}
	}
	if len(spans) == 0 {
		return line
	}
	// Stable: spans of the same length and start keep the order above.
	slices.SortStableFunc(spans, func(a, b valueSpan) int {
		if d := (b.hi - b.lo) - (a.hi - a.lo); d != 0 {
			return d
		}
		return a.lo - b.lo
	})
	var chosen []valueSpan
	taken := make([]bool, len(line))
	for _, s := range spans {
		if !slices.Contains(taken[s.lo:s.hi], true) {
			chosen = append(chosen, s)
			for i := s.lo; i < s.hi; i++ {
				taken[i] = true
			}
		}
	}
	slices.SortFunc(chosen, func(a, b valueSpan) int { return a.lo - b.lo })
	var b strings.Builder
	last := 0
	for _, s := range chosen {
		b.WriteString(line[last:s.lo])
		b.WriteString("[" + s.name + "]")
		last = s.hi
	}
	b.WriteString(line[last:])
	return b.String()
}
