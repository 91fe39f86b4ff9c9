package expect

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Stabilize returns an expected output that matches both first and
// second, two runs of one program, for `pipedocs update` (SPEC §6): what
// the runs share is kept as written and what differs becomes a wildcard,
// so the block holds what the program always prints rather than what it
// printed once.
//
//   - Runs whose lines are the same, in another order, give first's lines
//     and unordered: the block should be marked `unordered`.
//   - Otherwise the runs are aligned line by line (longest common
//     subsequence). A line of one run paired with a differing line of the
//     other keeps their common prefix and suffix, cut back to the start of
//     a number (a run of digits, hex digits, '.' and ':' holding a
//     digit or after "0x"), and reads [..] between:
//     "took 1.25s" and "took 1.5s" give "took [..]s", "p=0xc000a1" and
//     "p=0xc000b2" give "p=0x[..]".
//   - Lines that one run printed and the other did not become one "..."
//     line, which matches any number of lines.
//
// differ reports whether the runs differ at all; when they do not,
// expected is first's lines written literally (see Merge). Lines are
// normalised as for matching and end with "\n".
func Stabilize(first, second []byte) (expected []byte, unordered, differ bool) {
	a, b := lines(first), lines(second)
	var out []string
	switch {
	case slices.Equal(a, b):
		out = literalLines(a)
	case samePermutation(a, b):
		out, unordered, differ = literalLines(a), true, true
	default:
		out, differ = stableLines(a, b), true
	}
	var s strings.Builder
	for _, l := range out {
		s.WriteString(l)
		s.WriteByte('\n')
	}
	return []byte(s.String()), unordered, differ
}

func literalLines(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = literalLine(l)
	}
	return out
}

// samePermutation reports whether a and b hold the same lines, each as
// often, in any order.
func samePermutation(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

// maxStableCells bounds the alignment table; past it, everything between
// the common first and last lines is one hunk.
const maxStableCells = 1 << 22

// stableLines aligns a and b and writes each run of differing lines as
// wildcards (see Stabilize).
func stableLines(a, b []string) []string {
	var out []string
	addAny := func() {
		if len(out) == 0 || out[len(out)-1] != anyLines {
			out = append(out, anyLines)
		}
	}
	hunk := func(x, y []string) {
		n := min(len(x), len(y))
		for k := range n {
			out = append(out, wildLine(x[k], y[k]))
		}
		if len(x) > n || len(y) > n {
			addAny()
		}
	}
	pairs := commonLines(a, b)
	i, j := 0, 0
	for _, p := range pairs {
		hunk(a[i:p[0]], b[j:p[1]])
		out = append(out, literalLine(a[p[0]]))
		i, j = p[0]+1, p[1]+1
	}
	hunk(a[i:], b[j:])
	return out
}

// commonLines returns the index pairs of a longest common subsequence of
// a and b, in order. Lines equal at both ends are paired first, so the
// table covers only the middle.
func commonLines(a, b []string) [][2]int {
	var head, tail [][2]int
	lo := 0
	for lo < len(a) && lo < len(b) && a[lo] == b[lo] {
		head = append(head, [2]int{lo, lo})
		lo++
	}
	ha, hb := len(a), len(b)
	for ha > lo && hb > lo && a[ha-1] == b[hb-1] {
		ha, hb = ha-1, hb-1
		tail = append(tail, [2]int{ha, hb})
	}
	slices.Reverse(tail)
	x, y := a[lo:ha], b[lo:hb]
	if len(x)*len(y) > maxStableCells {
		return append(head, tail...)
	}
	// lcs[i][j] is the length of a longest common subsequence of x[i:], y[j:].
	w := len(y) + 1
	lcs := make([]int32, (len(x)+1)*w)
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	mid := head
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i] == y[j]:
			mid = append(mid, [2]int{lo + i, lo + j})
			i, j = i+1, j+1
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	return append(mid, tail...)
}

// wildLine returns an expected line matching both x and y: their common
// prefix and suffix around a [..].
func wildLine(x, y string) string {
	if x == y {
		return literalLine(x)
	}
	if !utf8.ValidString(x) || !utf8.ValidString(y) {
		return globMark
	}
	p := 0
	for p < len(x) && p < len(y) && x[p] == y[p] {
		p++
	}
	s := 0
	for s < len(x)-p && s < len(y)-p && x[len(x)-1-s] == y[len(y)-1-s] {
		s++
	}
	// Neither part may end inside a number or a character.
	q := p
	for q > 0 && numberByte(x[q-1]) {
		q--
	}
	if hasDigit(x[q:p]) || q >= 2 && x[q-2] == '0' && (x[q-1] == 'x' || x[q-1] == 'X') {
		p = q
	}
	for p > 0 && p < len(x) && !utf8.RuneStart(x[p]) {
		p--
	}
	q = len(x) - s
	r := q
	for r < len(x) && numberByte(x[r]) {
		r++
	}
	hex := p >= 2 && x[p-2] == '0' && (x[p-1] == 'x' || x[p-1] == 'X') && allNumber(x[p:q]) && allNumber(y[p:len(y)-s])
	if hasDigit(x[q:r]) || hex {
		s = len(x) - r
	}
	for s > 0 && !utf8.RuneStart(x[len(x)-s]) {
		s--
	}
	prefix, suffix := x[:p], x[len(x)-s:]
	line := prefix + globMark + suffix
	if strings.HasSuffix(line, reSuffix) {
		// It would read as a regular expression: write it as one.
		return regexp.QuoteMeta(prefix) + ".*" + regexp.QuoteMeta(suffix) + reSuffix
	}
	return line
}

func allNumber(s string) bool {
	for i := range len(s) {
		if !numberByte(s[i]) {
			return false
		}
	}
	return true
}

func hasDigit(s string) bool {
	return strings.ContainsAny(s, "0123456789")
}

// numberByte reports whether c can be part of a number as programs print
// them: a count, a duration, a time of day, an address.
func numberByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' || c == '.' || c == ':'
}
