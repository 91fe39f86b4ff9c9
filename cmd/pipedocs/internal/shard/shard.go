package shard

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A Spec names one part: the Index-th (1-based) of Total.
type Spec struct {
	Index, Total int
}

// All is the whole site as one part.
var All = Spec{1, 1}

func (s Spec) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Total) }

// Parse reads "I/N" (1 ≤ I ≤ N) or "auto". auto takes the part from the
// CI system's variables (see Auto) through getenv, and is the whole
// site when none is set.
func Parse(text string, getenv func(string) string) (Spec, error) {
	if text == "auto" {
		return Auto(getenv)
	}
	i, n, ok := strings.Cut(text, "/")
	if !ok {
		return Spec{}, fmt.Errorf("shard %q: want I/N, like 1/4, or auto", text)
	}
	return spec(i, n, 1, "shard "+strconv.Quote(text))
}

// ciVars are the CI systems Auto knows, with the base of their index.
var ciVars = []struct {
	index, total string
	base         int
}{
	{"CI_NODE_INDEX", "CI_NODE_TOTAL", 1},                         // GitLab `parallel:` (1-based)
	{"BUILDKITE_PARALLEL_JOB", "BUILDKITE_PARALLEL_JOB_COUNT", 0}, // Buildkite `parallelism:` (0-based)
	{"CIRCLE_NODE_INDEX", "CIRCLE_NODE_TOTAL", 0},                 // CircleCI `parallelism:` (0-based)
	{"PIPEDOCS_SHARD_INDEX", "PIPEDOCS_SHARD_TOTAL", 1},           // anything else, e.g. a GitHub matrix (1-based)
}

// Auto returns the part the CI system says this job is: GitLab's
// CI_NODE_INDEX/CI_NODE_TOTAL (1-based), Buildkite's
// BUILDKITE_PARALLEL_JOB/BUILDKITE_PARALLEL_JOB_COUNT (0-based),
// CircleCI's CIRCLE_NODE_INDEX/CIRCLE_NODE_TOTAL (0-based), or
// PIPEDOCS_SHARD_INDEX/PIPEDOCS_SHARD_TOTAL (1-based), the first pair
// set; All when none is: running the whole site is slow, never wrong.
func Auto(getenv func(string) string) (Spec, error) {
	for _, v := range ciVars {
		i, n := getenv(v.index), getenv(v.total)
		if i == "" && n == "" {
			continue
		}
		return spec(i, n, v.base, fmt.Sprintf("shard auto: %s=%q %s=%q", v.index, i, v.total, n))
	}
	return All, nil
}

func spec(index, total string, base int, what string) (Spec, error) {
	i, ierr := strconv.Atoi(index)
	n, nerr := strconv.Atoi(total)
	if ierr != nil || nerr != nil || n < 1 || i < base || i >= n+base {
		if base == 0 {
			return Spec{}, fmt.Errorf("%s: want an index from 0 to N-1 of N ≥ 1", what)
		}
		return Spec{}, fmt.Errorf("%s: want I/N with 1 ≤ I ≤ N", what)
	}
	return Spec{Index: i - base + 1, Total: n}, nil
}

// A Page is what the split knows of a page: a name unique in the site
// (its path) and its expected cost.
type Page struct {
	Name string
	Cost float64
}

// Split assigns each page to one of n parts, balanced by cost: pages in
// order of falling cost (ties by name) each go to the part with the
// least cost so far (ties to the lowest part), the longest-processing-
// time-first rule, which is within 4/3 of the best split and far closer
// when pages are many and small. part[i] (0-based) is pages[i]'s part.
// The result depends on the set of pages only, not on their order.
func Split(pages []Page, n int) (part []int) {
	part = make([]int, len(pages))
	if n <= 1 {
		return part
	}
	order := make([]int, len(pages))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := cmp.Compare(pages[b].Cost, pages[a].Cost); c != 0 {
			return c
		}
		return cmp.Compare(pages[a].Name, pages[b].Name)
	})
	load := make([]float64, n)
	for _, i := range order {
		least := 0
		for p := 1; p < n; p++ {
			if load[p] < load[least] {
				least = p
			}
		}
		part[i] = least
		load[least] += pages[i].Cost
	}
	return part
}

// Select returns the names of the pages in part s of Split(pages, s.Total).
func Select(pages []Page, s Spec) map[string]bool {
	part := Split(pages, s.Total)
	mine := make(map[string]bool)
	for i, p := range pages {
		if part[i] == s.Index-1 {
			mine[p.Name] = true
		}
	}
	return mine
}
