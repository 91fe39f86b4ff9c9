package proc

import (
	"context"
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// trueBinary is the tiniest program at hand: /bin/true where there is one,
// so that the benchmarks measure the runner and not the child.
func trueBinary(b *testing.B) string {
	for _, p := range []string{"/bin/true", "/usr/bin/true"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	b.Skip("no true(1) here")
	return ""
}

// BenchmarkExecTrue is the baseline: a bare os/exec run, no pipes.
func BenchmarkExecTrue(b *testing.B) {
	path := trueBinary(b)
	defer reportCPU(b)()
	for b.Loop() {
		if err := exec.Command(path).Run(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunTrue is the same program through Run, with the cgroup where
// it is usable: the difference is the runner's overhead per snippet.
func BenchmarkRunTrue(b *testing.B) {
	benchmarkRun(b, true)
}

// BenchmarkRunTrueFallback is Run with the process-group fallback.
func BenchmarkRunTrueFallback(b *testing.B) {
	benchmarkRun(b, false)
}

func benchmarkRun(b *testing.B, cgroup bool) {
	c := Cmd{Path: trueBinary(b), Args: []string{"true"}, Dir: b.TempDir()}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		o, err := run(context.Background(), c, cgroup)
		if err != nil || o.ExitCode != 0 {
			b.Fatal(o, err)
		}
	}
}

// reportCPU reports the CPU time our own process spent per operation
// (user+system, children excluded). Wall time per op is dominated by the
// kernel's fork and exec and swings with the machine's load; this is the
// runner's own cost, and steady.
func reportCPU(b *testing.B) func() {
	before := selfCPU()
	return func() {
		b.ReportMetric(float64((selfCPU()-before).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

func selfCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// runtimeMem is the part of runtime.MemStats the memory test compares.
type runtimeMem struct{ total uint64 }

func (m *runtimeMem) read() {
	var s runtime.MemStats
	runtime.ReadMemStats(&s)
	m.total = s.TotalAlloc
}
