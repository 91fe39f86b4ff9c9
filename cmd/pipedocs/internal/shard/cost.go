package shard

// Expected costs, in rough multiples of a shell snippet's run, of what a
// page holds. A cold Go snippet is a compile, a link and a run; an
// interpreter start is a few shell starts. The numbers only need to be
// right relative to each other, and the same on every machine.
var langCost = map[string]float64{
	"go":     20,
	"python": 4,
	"sh":     1,
	"bash":   1,
}

const (
	otherLangCost = 4   // a configured runner: taken for an interpreter
	pageCost      = 0.2 // reading, parsing and judging a page, even one with nothing to run
)

// Cost is the expected cost of a page whose runnable snippets are in
// langs, one entry per snippet.
func Cost(langs []string) float64 {
	c := pageCost
	for _, l := range langs {
		if lc, ok := langCost[l]; ok {
			c += lc
		} else {
			c += otherLangCost
		}
	}
	return c
}
