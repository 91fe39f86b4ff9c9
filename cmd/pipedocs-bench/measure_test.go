package main

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []int64
		want int64
	}{
		{[]int64{7}, 7},
		{[]int64{3, 1, 2}, 2},
		{[]int64{4, 1, 3, 2}, 2}, // (2+3)/2 in integers
		{[]int64{10, 30, 20, 40}, 25},
		{[]int64{5, 5, 100, 5, 5}, 5},
	} {
		in := slices.Clone(tc.in)
		if got := median(in); got != tc.want {
			t.Errorf("median(%v) = %d, want %d", tc.in, got, tc.want)
		}
		if !slices.Equal(in, tc.in) {
			t.Errorf("median reordered its input: %v", in)
		}
	}
}

func TestSummarize(t *testing.T) {
	f := summarize("x", []sample{
		{wall: 3 * time.Second, cpu: 5 * time.Second, rss: 300},
		{wall: 1 * time.Second, cpu: 9 * time.Second, rss: 100},
		{wall: 2 * time.Second, cpu: 1 * time.Second, rss: 200},
	})
	want := figure{job: "x", runs: 3, wall: 2 * time.Second, cpu: 5 * time.Second, rss: 200, minWall: time.Second, maxWall: 3 * time.Second}
	if f != want {
		t.Errorf("summarize = %+v, want %+v", f, want)
	}
}

func TestParseBench(t *testing.T) {
	const out = `goos: linux
goarch: amd64
pkg: github.com/pipedocs/pipedocs/runner/proc
cpu: Intel(R) Xeon(R) Processor
BenchmarkRunTrue-2     	    1203	    950123 ns/op	    4321 B/op	      45 allocs/op
BenchmarkExecTrue-2    	    1500	    800000 ns/op
BenchmarkRunTrue-2     	    1203	    990000.5 ns/op
BenchmarkExecTrue      	    1500	    700000 ns/op
BenchmarkRunTrue/cgroup-2   	  100	  1200000 ns/op
    proc_test.go:12: a log line that mentions Benchmark
BenchmarkBroken-2  notanumber  12 ns/op
PASS
ok  	github.com/pipedocs/pipedocs/runner/proc	4.2s
`
	got, err := parseBench(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]float64{
		"BenchmarkRunTrue":        {950123, 990000.5},
		"BenchmarkExecTrue":       {800000, 700000},
		"BenchmarkRunTrue/cgroup": {1200000},
	}
	if !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("parseBench = %v, want %v", got, want)
	}
}

func TestRunOnceMeasuresChild(t *testing.T) {
	// A shell that allocates nothing much and sleeps: the wall time covers
	// the sleep, the CPU time does not, and ru_maxrss is reported.
	s, err := runOnce(t.Context(), job{name: "sleep", argv: []string{"sh", "-c", "sleep 0.2"}})
	if err != nil {
		t.Fatal(err)
	}
	if s.wall < 200*time.Millisecond {
		t.Errorf("wall %v, want at least the 200ms sleep", s.wall)
	}
	if s.cpu >= s.wall {
		t.Errorf("cpu %v not below wall %v for a sleeping child", s.cpu, s.wall)
	}
	if s.rss <= 0 {
		t.Errorf("rss %d, want the child's peak resident set", s.rss)
	}
	if _, err := runOnce(t.Context(), job{name: "false", argv: []string{"sh", "-c", "echo oops >&2; exit 3"}}); err == nil || !strings.Contains(err.Error(), "oops") {
		t.Errorf("failing job: err = %v, want it to carry the child's stderr", err)
	}
}

// A cold job runs k times, each after its before, with no warm-up; any
// other job runs once more, untimed.
func TestMeasureWarmUp(t *testing.T) {
	for _, cold := range []bool{false, true} {
		befores := 0
		j := job{name: "true", argv: []string{"true"}, cold: cold, before: func() error { befores++; return nil }}
		f, err := measure(t.Context(), j, 2)
		if err != nil {
			t.Fatal(err)
		}
		want := 3
		if cold {
			want = 2
		}
		if befores != want || f.runs != 2 {
			t.Errorf("cold %v: %d runs, %d timed; want %d runs, 2 timed", cold, befores, f.runs, want)
		}
	}
}
