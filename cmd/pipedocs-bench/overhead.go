package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// The two Go benchmarks of runner/proc that the overhead goal compares: the
// runner executing an already-built trivial binary, and bare os/exec of it.
const (
	benchRun  = "BenchmarkRunTrue"
	benchExec = "BenchmarkExecTrue"
)

// overhead runs the runner's benchmarks count times and returns the median
// ns/op of each, by name.
func overhead(ctx context.Context, repo string, count int) (map[string]time.Duration, error) {
	cmd := exec.CommandContext(ctx, "go", "test", "-run", "^$", "-bench", "^Benchmark(RunTrue|ExecTrue)$",
		"-count", strconv.Itoa(count), "./runner/proc/")
	cmd.Dir = repo
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("go test -bench ./runner/proc/: %w\n%s", err, out)
	}
	perOp, err := parseBench(strings.NewReader(string(out)))
	if err != nil {
		return nil, err
	}
	for _, name := range []string{benchRun, benchExec} {
		if len(perOp[name]) == 0 {
			return nil, fmt.Errorf("go test -bench ./runner/proc/: no %s in its output", name)
		}
	}
	med := make(map[string]time.Duration, len(perOp))
	for name, ns := range perOp {
		med[name] = time.Duration(median(ns))
	}
	return med, nil
}

// parseBench reads `go test -bench` output and returns every ns/op figure
// by benchmark name, the -GOMAXPROCS suffix removed. Lines that are not
// benchmark results (goos:, PASS, ok …, logs) are skipped.
func parseBench(r io.Reader) (map[string][]float64, error) {
	perOp := map[string][]float64{}
	s := bufio.NewScanner(r)
	for s.Scan() {
		f := strings.Fields(s.Text())
		// BenchmarkX-2   1000   123456 ns/op   [more value unit pairs]
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if _, err := strconv.ParseInt(f[1], 10, 64); err != nil {
			continue
		}
		name := f[0]
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		for k := 2; k+1 < len(f); k += 2 {
			if f[k+1] != "ns/op" {
				continue
			}
			v, err := strconv.ParseFloat(f[k], 64)
			if err != nil {
				return nil, fmt.Errorf("benchmark output: %q: bad ns/op value %q", s.Text(), f[k])
			}
			perOp[name] = append(perOp[name], v)
		}
	}
	return perOp, s.Err()
}
