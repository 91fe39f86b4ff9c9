package expect

import (
	"fmt"
	"strings"
)

// context is how many unchanged lines a hunk shows around its changes.
const context = 3

// Diff returns a unified diff from expected to actual, or "" when they
// match. Both sides are numbered as the article's lines: firstLine is the
// article line of expected's first line, and actual's lines are numbered
// where they would stand once update wrote them into the output block. A line that matches by wildcard
// is context, shown as written in the article; a "..." is one context
// line that stands for all the actual lines it takes. With
// Options.Unordered the actual lines are shown in the order of the
// expected lines they pair with, so only real differences show.
func Diff(expected, actual []byte, o Options, firstLine int) string {
	if Match(expected, actual, o) {
		return ""
	}
	ps, as := compile(lines(expected), o.Redactions), lines(actual)
	var steps []step
	if o.Unordered {
		as, steps = alignUnordered(ps, as)
	} else {
		steps = align(ps, as)
	}

	// One display line per step, a replacement making two; in each run of
	// changes the removed lines come first, then the added ones.
	var ls []line
	var removed, added []line
	flush := func() {
		ls = append(append(ls, removed...), added...)
		removed, added = removed[:0], added[:0]
	}
	for _, s := range steps {
		switch s.op {
		case same:
			flush()
			ls = append(ls, line{' ', ps[s.i].text, 1, 1})
		case absorb:
			flush()
			ls = append(ls, line{' ', ps[s.i].text, 1, s.n})
		case sub:
			removed = append(removed, line{'-', ps[s.i].text, 1, 0})
			added = append(added, line{'+', as[s.j], 0, 1})
		case del:
			removed = append(removed, line{'-', ps[s.i].text, 1, 0})
		case ins:
			added = append(added, line{'+', as[s.j], 0, 1})
		}
	}
	flush()
	// Where each line starts on each side, 0-based, and where both end.
	ei, aj := make([]int, len(ls)+1), make([]int, len(ls)+1)
	for k, l := range ls {
		ei[k+1], aj[k+1] = ei[k]+l.de, aj[k]+l.da
	}

	var b strings.Builder
	b.WriteString("--- expected\n+++ actual\n")
	for k := 0; k < len(ls); {
		if ls[k].mark == ' ' {
			k++
			continue
		}
		// A hunk: context before, then changes until more than twice the
		// context separates two of them, then context after.
		lo := max(k-context, 0)
		hi := k + 1
		for next := hi; next < len(ls) && next-hi < 2*context+1; next++ {
			if ls[next].mark != ' ' {
				hi = next + 1
			}
		}
		hi = min(hi+context, len(ls))
		fmt.Fprintf(&b, "@@ -%s +%s @@\n", span(firstLine+ei[lo], ei[hi]-ei[lo]), span(firstLine+aj[lo], aj[hi]-aj[lo]))
		for _, l := range ls[lo:hi] {
			b.WriteByte(l.mark)
			b.WriteString(l.text)
			b.WriteByte('\n')
		}
		k = hi
	}
	return b.String()
}

// span formats a hunk's range on one side as unified diff does: an empty
// range names the line before it.
func span(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

// A line of a diff.
type line struct {
	mark   byte // ' ', '-' or '+'
	text   string
	de, da int // lines it stands for on each side
}
