package expect

// Match reports whether actual, what a program printed, matches expected,
// the output block's text.
func Match(expected, actual []byte, o Options) bool {
	ps, as := compile(lines(expected), o.Redactions), lines(actual)
	if o.Unordered {
		_, ok := pair(ps, as)
		return ok
	}
	return matchInOrder(ps, as)
}

// matchInOrder is wildcard matching over lines, "..." being the star:
// match greedily and, on a mismatch, let the last "..." take one more
// line and retry from there. Every other pattern takes exactly one line,
// so the leftmost place for what follows a "..." is always a right one,
// and the search never revisits an earlier "...": at most len(ps)*len(as)
// steps, with no blowup however many "..." there are.
func matchInOrder(ps []pattern, as []string) bool {
	i, j := 0, 0
	star, mark := -1, 0 // the last "..." seen, and where its lines end
	for j < len(as) {
		switch {
		case i < len(ps) && ps[i].kind == ellipsis:
			star, mark = i, j
			i++
		case i < len(ps) && ps[i].match(as[j]):
			i++
			j++
		case star >= 0:
			mark++
			i, j = star+1, mark
		default:
			return false
		}
	}
	for i < len(ps) && ps[i].kind == ellipsis {
		i++
	}
	return i == len(ps)
}

// pair pairs expected with actual lines one to one, whatever the order.
// partner[i] is the actual line of pattern i, or -1. ok reports whether
// that makes a match: every pattern but "..." has a partner, and every
// actual line has one unless a "..." takes up the rest.
//
// Literal patterns are paired first, each with an equal line: equal
// actual lines are interchangeable, and a literal can take no other, so
// giving it one never costs a wildcard its partner. The wildcards are
// then paired by augmenting paths (Kuhn's algorithm), which finds a
// largest pairing.
func pair(ps []pattern, as []string) (partner []int, ok bool) {
	partner = make([]int, len(ps))
	owner := make([]int, len(as)) // the pattern paired with each actual line, or -1
	for i := range owner {
		owner[i] = -1
	}
	free := make(map[string][]int)
	for j, a := range as {
		free[a] = append(free[a], j)
	}
	var wild []int
	patterns, stars := 0, 0
	for i, p := range ps {
		partner[i] = -1
		switch {
		case p.kind == ellipsis:
			stars++
			continue
		case p.kind == literal:
			if js := free[p.text]; len(js) > 0 {
				partner[i], owner[js[0]] = js[0], i
				free[p.text] = js[1:]
			}
		default:
			wild = append(wild, i)
		}
		patterns++
	}

	// edges[k] lists the actual lines left over that wildcard wild[k] matches.
	edges := make([][]int, len(wild))
	for k, i := range wild {
		for j, a := range as {
			if owner[j] < 0 && ps[i].match(a) {
				edges[k] = append(edges[k], j)
			}
		}
	}
	owned := make([]int, len(as)) // which wild[k] owns an actual line: k+1, or 0
	seen := make([]int, len(as))  // the round in which a line was last visited
	var augment func(k, round int) bool
	augment = func(k, round int) bool {
		for _, j := range edges[k] {
			if seen[j] == round {
				continue
			}
			seen[j] = round
			if owned[j] == 0 || augment(owned[j]-1, round) {
				owned[j] = k + 1
				return true
			}
		}
		return false
	}
	for k := range wild {
		augment(k, k+1)
	}
	for j, k := range owned {
		if k > 0 {
			partner[wild[k-1]], owner[j] = j, wild[k-1]
		}
	}

	paired := 0
	for _, j := range partner {
		if j >= 0 {
			paired++
		}
	}
	return partner, paired == patterns && (stars > 0 || paired == len(as))
}
