package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
)

// A machine describes where the figures were measured: figures without it
// cannot be compared with anything.
type machine struct {
	cpus        int
	cpu         string // model name
	memory      string
	kernel      string
	goVersion   string
	hugoVersion string
}

// describeMachine reads the machine's description from /proc and from the
// tools themselves. What it cannot find is reported as "unknown".
func describeMachine(ctx context.Context, hugo string) machine {
	m := machine{cpus: runtime.NumCPU(), cpu: "unknown", memory: "unknown", kernel: "unknown"}
	if v, ok := procField("/proc/cpuinfo", "model name"); ok {
		m.cpu = v
	}
	if v, ok := procField("/proc/meminfo", "MemTotal"); ok {
		if kb, err := strconv.ParseInt(strings.TrimSuffix(v, " kB"), 10, 64); err == nil {
			m.memory = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.kernel = "Linux " + strings.TrimSpace(string(b))
	}
	m.goVersion = firstLine(ctx, "go", "version")
	if hugo != "" {
		m.hugoVersion = firstLine(ctx, hugo, "version")
	}
	return m
}

func (m machine) print(w io.Writer) {
	fmt.Fprintf(w, "machine: %d CPUs (%s), %s memory, %s\n", m.cpus, m.cpu, m.memory, m.kernel)
	fmt.Fprintf(w, "go:      %s\n", m.goVersion)
	fmt.Fprintf(w, "hugo:    %s\n", m.hugoVersion)
}

// procField returns the value of the first "key: value" line of a /proc file.
func procField(path, key string) (string, bool) {
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		k, v, ok := strings.Cut(s.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}

// firstLine runs a command and returns the first line it prints, or
// "unknown" with the reason.
func firstLine(ctx context.Context, name string, args ...string) string {
	out, err := exec.CommandContext(ctx, name, args...).Output()
	if err != nil {
		return fmt.Sprintf("unknown (%s: %v)", name, err)
	}
	line, _, _ := bytes.Cut(out, []byte("\n"))
	return string(bytes.TrimSpace(line))
}

// loadAverage is the 1-minute load average, or "unknown". Benchmarks on a
// machine busy with other work measure the contention as much as the
// tools: the report shows the load before and after, so a reader can tell.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	load, _, _ := strings.Cut(string(b), " ")
	return load
}
