package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

// A job is one command under measurement.
type job struct {
	name string
	argv []string
	dir  string
	// before runs ahead of every run, untimed: it puts the disk in the
	// state the run must start from (no output folder, an empty cache).
	before func() error
	// cold jobs get no warm-up run: before makes each run new to every
	// cache, so a warm-up would warm nothing and double the cost.
	cold bool
}

// A sample is what one run of a job cost.
type sample struct {
	wall time.Duration
	cpu  time.Duration // user + system, of the child and the descendants it waited for
	rss  int64         // bytes: the largest resident set in that tree (ru_maxrss)
}

// A figure is the median of a job's samples, with their spread.
type figure struct {
	job              string
	runs             int
	wall, cpu        time.Duration
	rss              int64
	minWall, maxWall time.Duration
}

// measure runs j once to warm the caches (page cache, Go build cache, the
// tool's own cache where j.before keeps it), then k times, and returns the
// medians; a cold job runs k times with no warm-up. The first failure
// stops it: a failed run is not a figure.
//
// Before every run, after j.before, the file systems are synced: the
// writes and removals of the run before (its output, or the folder before
// just removed) are on disk, so the kernel's writeback of one run is not
// charged to the next. Every job, Hugo's as much as pipedocs', starts so.
func measure(ctx context.Context, j job, k int) (figure, error) {
	var samples []sample
	runs := k + 1 // the first is the warm-up
	if j.cold {
		runs = k
	}
	for i := range runs {
		if j.before != nil {
			if err := j.before(); err != nil {
				return figure{}, fmt.Errorf("%s: preparing a run: %w", j.name, err)
			}
		}
		syscall.Sync()
		s, err := runOnce(ctx, j)
		if err != nil {
			return figure{}, err
		}
		if i > 0 || j.cold {
			samples = append(samples, s)
		}
	}
	return summarize(j.name, samples), nil
}

// summarize reduces samples to their medians (each measure on its own).
func summarize(name string, samples []sample) figure {
	f := figure{job: name, runs: len(samples)}
	if len(samples) == 0 {
		return f
	}
	walls := make([]time.Duration, len(samples))
	cpus := make([]time.Duration, len(samples))
	rsss := make([]int64, len(samples))
	for i, s := range samples {
		walls[i], cpus[i], rsss[i] = s.wall, s.cpu, s.rss
	}
	f.wall, f.cpu, f.rss = median(walls), median(cpus), median(rsss)
	f.minWall, f.maxWall = slices.Min(walls), slices.Max(walls)
	return f
}

// median is the middle value, or the mean of the two middle values.
func median[T time.Duration | int64 | float64](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// runOnce runs the job once. stdout is thrown away; the tail of stderr is
// kept to explain a failure.
func runOnce(ctx context.Context, j job) (sample, error) {
	cmd := exec.CommandContext(ctx, j.argv[0], j.argv[1:]...)
	cmd.Dir = j.dir
	cmd.Stdout = io.Discard
	var stderr tail
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s: %s: %w\n%s", j.name, strings.Join(j.argv, " "), err, stderr.String())
	}
	s := sample{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.rss = ru.Maxrss * 1024 // Linux reports kibibytes
	}
	return s, nil
}

// tail keeps the last tailSize bytes written to it.
type tail struct{ buf []byte }

const tailSize = 4 << 10

func (t *tail) Write(p []byte) (int, error) {
	t.buf = append(t.buf, p...)
	if len(t.buf) > tailSize {
		t.buf = t.buf[len(t.buf)-tailSize:]
	}
	return len(p), nil
}

func (t *tail) String() string { return string(bytes.TrimSpace(t.buf)) }
