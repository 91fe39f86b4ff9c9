package expect

import (
	"bytes"
	"slices"
	"strings"
)

// Arrange returns actual with its lines in the order of the expected
// lines they pair with, for showing a verified unordered block in the
// author's order (SPEC §7): two runs whose lines raced to different
// orders then show the same text. Lines that a "..." takes stand where
// the first "..." stands, sorted, so their order does not show the race
// either. Each line keeps its bytes (line ending and trailing blanks
// included; the last line gets a newline if it moves), and trailing
// blank lines stay last.
//
// (When the new order would not match, as when a blank line would go
// last and so no longer count, actual is shown as it came.)
//
// Pairing is done on the actual lines sorted, so which line a wildcard
// takes depends on the lines printed, not on their order. When o is not
// Unordered, or the two do not match, actual is returned as it is.
func Arrange(expected, actual []byte, o Options) []byte {
	if !o.Unordered || !Match(expected, actual, o) {
		return actual
	}
	raw := bytes.SplitAfter(actual, []byte("\n"))
	if len(raw[len(raw)-1]) == 0 {
		raw = raw[:len(raw)-1]
	}
	as := lines(actual) // raw[i] normalised, for i < len(as)
	order := make([]int, len(as))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := strings.Compare(as[a], as[b]); c != 0 {
			return c
		}
		return bytes.Compare(raw[a], raw[b])
	})
	sorted := make([]string, len(as))
	for k, i := range order {
		sorted[k] = as[i]
	}

	ps := compile(lines(expected), o.Redactions)
	partner, _ := pair(ps, sorted)
	taken := make([]bool, len(sorted))
	for _, k := range partner {
		if k >= 0 {
			taken[k] = true
		}
	}
	var out [][]byte
	absorbed := false
	for i, p := range ps {
		switch {
		case p.kind == ellipsis && !absorbed:
			absorbed = true
			for k := range sorted {
				if !taken[k] {
					out = append(out, raw[order[k]])
				}
			}
		case partner[i] >= 0:
			out = append(out, raw[order[partner[i]]])
		}
	}
	out = append(out, raw[len(as):]...)

	var b []byte
	for k, l := range out {
		b = append(b, l...)
		if k < len(out)-1 && !bytes.HasSuffix(l, []byte("\n")) {
			b = append(b, '\n') // the last line, moved
		}
	}
	if !Match(expected, b, o) {
		// A blank line that went last would read as a trailing one,
		// which does not count: show the lines as they came.
		return actual
	}
	return b
}
