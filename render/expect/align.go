package expect

import "slices"

// An op is what an alignment does with the next lines of each side.
type op uint8

const (
	same   op = iota // a pattern takes one actual line
	absorb           // a "..." takes n actual lines, maybe none
	sub              // an expected line is replaced by an actual line
	del              // an expected line has no actual line
	ins              // an actual line has no expected line
)

// A step of an alignment: pattern i and actual lines j to j+n.
type step struct {
	op   op
	i, j int
	n    int // lines taken by absorb
}

// maxCells bounds the table align fills (8 bytes a cell): past it, align
// gives up on a smallest alignment for the middle it cannot trim.
const maxCells = 1 << 21

// align returns an alignment of ps with as that changes as few lines as
// it can: the steps a diff shows and a merge follows. Patterns match as
// they do in Match, so lines that match by wildcard are never changes.
func align(ps []pattern, as []string) []step {
	var head, tail []step
	// Trim what matches at both ends, so the table covers only the middle.
	for len(head) < len(ps) && len(head) < len(as) && ps[len(head)].kind != ellipsis && ps[len(head)].match(as[len(head)]) {
		head = append(head, step{op: same, i: len(head), j: len(head)})
	}
	pi, aj := len(head), len(head)
	pe, ae := len(ps), len(as)
	for pe > pi && ae > aj && ps[pe-1].kind != ellipsis && ps[pe-1].match(as[ae-1]) {
		pe--
		ae--
		tail = append(tail, step{op: same, i: pe, j: ae})
	}

	var mid []step
	if (pe-pi+1)*(ae-aj+1) <= maxCells {
		mid = alignTable(ps[pi:pe], as[aj:ae])
	} else {
		mid = alignCrude(ps[pi:pe], as[aj:ae])
	}
	steps := head
	for _, s := range mid {
		s.i += pi
		s.j += aj
		steps = append(steps, s)
	}
	for k := len(tail) - 1; k >= 0; k-- {
		steps = append(steps, tail[k])
	}
	return steps
}

// alignTable finds a cheapest alignment by dynamic programming: cost[i][j]
// is the least cost of aligning ps[i:] with as[j:].
//
// A changed line (removed, added, or one replaced by another) costs
// change; a line a "..." takes costs 1, less than change even summed over
// all lines. So the fewest lines change, and among such alignments a
// "..." takes as little as it can: an expected "result: 42" facing an
// actual "result: 43" is replaced by it, not dropped while the "..."
// before it swallows the new line.
func alignTable(ps []pattern, as []string) []step {
	m, n := len(ps), len(as)
	change := int64(n + 1)
	w := n + 1
	cost := make([]int64, (m+1)*w)
	at := func(i, j int) int64 { return cost[i*w+j] }
	for i := m; i >= 0; i-- {
		for j := n; j >= 0; j-- {
			var c int64
			switch {
			case i == m:
				c = int64(n-j) * change
			case ps[i].kind == ellipsis:
				c = at(i+1, j)
				if j < n {
					c = min(c, 1+at(i, j+1))
				}
			default:
				c = change + at(i+1, j)
				if j < n {
					c = min(c, change+at(i, j+1), change+at(i+1, j+1))
					if ps[i].match(as[j]) {
						c = min(c, at(i+1, j+1))
					}
				}
			}
			cost[i*w+j] = c
		}
	}

	// Walk a cheapest path, preferring a match, then a removal (so that
	// lines that only swapped places show one line moving, not two
	// replaced), then a replacement, then an addition.
	var steps []step
	i, j := 0, 0
	for i < m || j < n {
		c := at(i, j)
		switch {
		case i == m:
			steps = append(steps, step{op: ins, i: i, j: j})
			j++
		case ps[i].kind == ellipsis:
			s := step{op: absorb, i: i, j: j}
			for j < n && 1+at(i, j+1) == c {
				j++
				s.n++
				c--
			}
			steps = append(steps, s)
			i++
		case j < n && at(i+1, j+1) == c && ps[i].match(as[j]):
			steps = append(steps, step{op: same, i: i, j: j})
			i++
			j++
		case change+at(i+1, j) == c:
			steps = append(steps, step{op: del, i: i, j: j})
			i++
		case j < n && change+at(i+1, j+1) == c:
			steps = append(steps, step{op: sub, i: i, j: j})
			i++
			j++
		default:
			steps = append(steps, step{op: ins, i: i, j: j})
			j++
		}
	}
	return steps
}

// alignCrude aligns inputs too large for the table: every expected line
// is removed and every actual line added. "..." lines stay, taking
// nothing, so that a merge keeps them.
func alignCrude(ps []pattern, as []string) []step {
	var steps []step
	for i, p := range ps {
		if p.kind == ellipsis {
			steps = append(steps, step{op: absorb, i: i})
		} else {
			steps = append(steps, step{op: del, i: i})
		}
	}
	for j := range as {
		steps = append(steps, step{op: ins, i: len(ps), j: j})
	}
	return steps
}

// alignUnordered turns a pairing into an alignment against as reordered:
// the actual lines follow the expected lines they pair with; each
// unpaired expected line is replaced by the unpaired actual line most
// like it (see replacements), so a changed line shows as its old and new
// text together; a "..." takes what is left, or else it comes last. It
// returns the reordered lines.
func alignUnordered(ps []pattern, as []string) ([]string, []step) {
	partner, _ := pair(ps, as)
	rest := replacements(ps, as, partner)
	var (
		ordered []string
		steps   []step
	)
	add := func(o op, i int, js ...int) {
		steps = append(steps, step{op: o, i: i, j: len(ordered), n: len(js)})
		for _, j := range js {
			ordered = append(ordered, as[j])
		}
	}
	for i, p := range ps {
		switch {
		case p.kind == ellipsis:
			add(absorb, i, rest...)
			rest = nil
		case partner[i] < 0:
			add(del, i)
		case p.match(as[partner[i]]):
			add(same, i, partner[i])
		default:
			add(sub, i, partner[i])
		}
	}
	for _, j := range rest {
		add(ins, len(ps), j)
	}
	return ordered, steps
}

// replacements gives the expected lines that pair() left without a
// partner the unpaired actual lines most like them, in place, and
// returns the actual lines left over, in order.
//
// The line most like a vanished one is most likely its new version (a
// count that changed). In a block with a "...", a vanished line like
// none of them is dropped instead: the "..." takes the rest, and making
// a line it had absorbed a line of its own would pin down noise
// (snapbox, normalizing an unordered block, drops it likewise).
func replacements(ps []pattern, as []string, partner []int) []int {
	taken := make([]bool, len(as))
	for _, j := range partner {
		if j >= 0 {
			taken[j] = true
		}
	}
	var rest []int
	for j := range as {
		if !taken[j] {
			rest = append(rest, j)
		}
	}
	stars := slices.ContainsFunc(ps, func(p pattern) bool { return p.kind == ellipsis })
	vanished := 0
	for i, p := range ps {
		if p.kind != ellipsis && partner[i] < 0 {
			vanished++
		}
	}
	// Comparing every pair of them is quadratic; past a bound, lines are
	// taken in order, as a diff of such a size is read in order anyway.
	compare := vanished*len(rest) <= maxCells
	for i, p := range ps {
		if p.kind == ellipsis || partner[i] >= 0 || len(rest) == 0 {
			continue
		}
		best, score := 0, -1
		for k, j := range rest {
			if !compare {
				break
			}
			if s := likeness(p.text, as[j]); s > score {
				best, score = k, s
			}
		}
		if stars && !(compare && alike(score, p.text, as[rest[best]])) {
			continue
		}
		partner[i] = rest[best]
		rest = slices.Delete(rest, best, best+1)
	}
	return rest
}

// likeness is how many bytes two lines share at their start and end.
func likeness(a, b string) int {
	n := min(len(a), len(b))
	pre := 0
	for pre < n && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < n-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	return pre + suf
}

// alike reports whether two lines that share score bytes at their ends
// are two versions of one line: they share at least half the shorter.
func alike(score int, a, b string) bool {
	return score > 0 && 2*score >= min(len(a), len(b))
}
