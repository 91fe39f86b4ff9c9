package shard

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestParse(t *testing.T) {
	tests := []struct {
		text string
		env  map[string]string
		want Spec
		bad  bool
	}{
		{text: "1/1", want: Spec{1, 1}},
		{text: "3/4", want: Spec{3, 4}},
		{text: "4/4", want: Spec{4, 4}},
		{text: "0/4", bad: true},
		{text: "5/4", bad: true},
		{text: "1/0", bad: true},
		{text: "-1/4", bad: true},
		{text: "1", bad: true},
		{text: "a/b", bad: true},
		{text: "1/4/2", bad: true},
		{text: "", bad: true},
		{text: "auto", want: All},
		{text: "auto", env: map[string]string{"CI_NODE_INDEX": "1", "CI_NODE_TOTAL": "3"}, want: Spec{1, 3}}, // GitLab, 1-based
		{text: "auto", env: map[string]string{"CI_NODE_INDEX": "3", "CI_NODE_TOTAL": "3"}, want: Spec{3, 3}},
		{text: "auto", env: map[string]string{"CI_NODE_INDEX": "0", "CI_NODE_TOTAL": "3"}, bad: true},
		{text: "auto", env: map[string]string{"BUILDKITE_PARALLEL_JOB": "0", "BUILDKITE_PARALLEL_JOB_COUNT": "4"}, want: Spec{1, 4}}, // 0-based
		{text: "auto", env: map[string]string{"BUILDKITE_PARALLEL_JOB": "3", "BUILDKITE_PARALLEL_JOB_COUNT": "4"}, want: Spec{4, 4}},
		{text: "auto", env: map[string]string{"BUILDKITE_PARALLEL_JOB": "4", "BUILDKITE_PARALLEL_JOB_COUNT": "4"}, bad: true},
		{text: "auto", env: map[string]string{"CIRCLE_NODE_INDEX": "1", "CIRCLE_NODE_TOTAL": "2"}, want: Spec{2, 2}},
		{text: "auto", env: map[string]string{"PIPEDOCS_SHARD_INDEX": "2", "PIPEDOCS_SHARD_TOTAL": "2"}, want: Spec{2, 2}},
		{text: "auto", env: map[string]string{"CI_NODE_TOTAL": "3"}, bad: true}, // half set: a broken pipeline, not "all"
		{text: "auto", env: map[string]string{"CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "2", "BUILDKITE_PARALLEL_JOB": "0", "BUILDKITE_PARALLEL_JOB_COUNT": "2"}, want: Spec{2, 2}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.text, tt.env), func(t *testing.T) {
			got, err := Parse(tt.text, env(tt.env))
			if tt.bad {
				if err == nil {
					t.Fatalf("Parse = %v, want an error", got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Parse = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

// site generates pages with 1 to 6 runnable snippets each, most of them
// shell, some Python, a few Go: a few hundred snippets in all.
func site(seed uint64, pages int) ([]Page, int) {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := make([]Page, pages)
	snippets := 0
	for i := range out {
		var langs []string
		for range 1 + rng.IntN(6) {
			switch r := rng.IntN(20); {
			case r < 1:
				langs = append(langs, "go")
			case r < 5:
				langs = append(langs, "python")
			default:
				langs = append(langs, "sh")
			}
		}
		snippets += len(langs)
		out[i] = Page{Name: fmt.Sprintf("content/p%03d.md", i), Cost: Cost(langs)}
	}
	return out, snippets
}

func TestSplitBalanced(t *testing.T) {
	for seed := range uint64(5) {
		pages, snippets := site(seed, 120)
		if snippets < 200 {
			t.Fatalf("generated only %d snippets", snippets)
		}
		for _, n := range []int{2, 3, 4, 5, 8} {
			part := Split(pages, n)
			load := make([]float64, n)
			total := 0.0
			for i, p := range pages {
				load[part[i]] += p.Cost
				total += p.Cost
			}
			mean := total / float64(n)
			if worst := slices.Max(load); worst > 1.15*mean {
				t.Errorf("seed %d, %d parts: largest part costs %.1f, mean %.1f (+%.0f%%)", seed, n, worst, mean, 100*(worst/mean-1))
			}
		}
	}
}

// Every page lands in exactly one part, whatever order the pages come in.
func TestSplitDeterministic(t *testing.T) {
	pages, _ := site(7, 80)
	want := map[string]int{}
	for i, p := range Split(pages, 4) {
		want[pages[i].Name] = p
	}
	shuffled := slices.Clone(pages)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for i, p := range Split(shuffled, 4) {
		if want[shuffled[i].Name] != p {
			t.Fatalf("%s: part %d after a shuffle, %d before", shuffled[i].Name, p, want[shuffled[i].Name])
		}
	}
	seen := map[string]int{}
	for s := 1; s <= 4; s++ {
		for name := range Select(pages, Spec{s, 4}) {
			seen[name]++
		}
	}
	for _, p := range pages {
		if seen[p.Name] != 1 {
			t.Errorf("%s is in %d parts, want 1", p.Name, seen[p.Name])
		}
	}
}

func TestSplitEdges(t *testing.T) {
	if got := Split(nil, 4); len(got) != 0 {
		t.Errorf("Split(nil) = %v", got)
	}
	// More parts than pages: some parts are empty, none gets two.
	pages := []Page{{"a", 1}, {"b", 1}}
	if got := Split(pages, 4); got[0] == got[1] {
		t.Errorf("two pages in one of four parts: %v", got)
	}
	// Pages with nothing to run still spread out.
	var empty []Page
	for i := range 8 {
		empty = append(empty, Page{fmt.Sprint(i), Cost(nil)})
	}
	count := make([]int, 4)
	for _, p := range Split(empty, 4) {
		count[p]++
	}
	if fmt.Sprint(count) != "[2 2 2 2]" {
		t.Errorf("empty pages per part = %v, want 2 each", count)
	}
}

func TestCost(t *testing.T) {
	if !(Cost([]string{"go"}) > Cost([]string{"python"}) && Cost([]string{"python"}) > Cost([]string{"sh"}) && Cost([]string{"sh"}) > Cost(nil)) {
		t.Error("want Go > Python > shell > nothing")
	}
	if Cost([]string{"sh", "sh"}) <= Cost([]string{"sh"}) {
		t.Error("two snippets cost no more than one")
	}
}
