package runner

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"
)

// BenchmarkRunOverhead compares Runner.Run of a trivial sh snippet (no
// cache) with a bare os/exec of the same command: the difference is what
// pipedocs adds per run (temp folder, environment, pipes, process-tree
// containment).
func BenchmarkRunOverhead(b *testing.B) {
	ctx := context.Background()
	b.Run("runner", func(b *testing.B) {
		r := newRunner(b, Config{})
		s := spec("sh", "exit 0")
		for b.Loop() {
			if res, err := r.Run(ctx, s); err != nil || res.Exit != 0 {
				b.Fatal(err, res)
			}
		}
	})
	b.Run("exec", func(b *testing.B) {
		dir := b.TempDir()
		file := filepath.Join(dir, "main.sh")
		if err := os.WriteFile(file, []byte("exit 0"), 0o644); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if err := exec.Command("sh", file).Run(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkGoBuild compares building n snippets in one go build with one
// go build each (n at a time, as parallel as the CPUs allow, and one
// after the other as a shell loop would). Every iteration builds new
// sources, so the snippets themselves are compiled each time while the
// standard library comes from the shared build cache, as in a real
// build of changed articles.
func BenchmarkGoBuild(b *testing.B) {
	const n = 8
	ctx := context.Background()
	r := newRunner(b, Config{})
	mod, err := r.module(moduleRoot(b))
	if err != nil {
		b.Fatal(err)
	}
	version, err := r.toolchain(ctx, golang)
	if err != nil {
		b.Fatal(err)
	}
	iter := 0
	fresh := func() ([]Spec, []int) {
		iter++
		specs := make([]Spec, n)
		idx := make([]int, n)
		for i := range specs {
			specs[i] = spec("go", fmt.Sprintf("package main\n\nimport \"fmt\"\n\nconst id = \"%d-%d-%d\"\n\nfunc main() { fmt.Println(id) }\n", time.Now().UnixNano(), iter, i))
			idx[i] = i
		}
		return specs, idx
	}
	// build may run on other goroutines than the benchmark's, so it
	// reports with Error, not Fatal.
	build := func(b *testing.B, specs []Spec, idx []int) {
		gb := r.startGoBuild(ctx, specs, idx, version.name, mod)
		<-gb.done
		defer gb.remove()
		for _, i := range idx {
			if pkg := gb.pkg[i]; gb.err != nil || gb.bins[pkg] == "" && gb.bins[mergedDir] == "" {
				b.Errorf("%v; no binary for spec %d", gb.err, i)
				return
			}
		}
	}
	b.Run("batch", func(b *testing.B) {
		for b.Loop() {
			specs, idx := fresh()
			build(b, specs, idx)
		}
	})
	b.Run("parallel", func(b *testing.B) {
		for b.Loop() {
			specs, idx := fresh()
			sem := make(chan struct{}, runtime.NumCPU())
			var wg sync.WaitGroup
			for _, i := range idx {
				wg.Go(func() {
					sem <- struct{}{}
					defer func() { <-sem }()
					build(b, specs, []int{i})
				})
			}
			wg.Wait()
		}
	})
	b.Run("sequential", func(b *testing.B) {
		for b.Loop() {
			specs, idx := fresh()
			for _, i := range idx {
				build(b, specs, []int{i})
			}
		}
	})
}

// BenchmarkGoRebuild measures what the build area saves a pipedocs run
// with no results cache: RunAll of n trivial Go snippets by a new Runner
// in an area that already holds them ("again": nothing to compile or
// link), in an empty area ("first": each compiled and linked), and with
// no area at all ("temp": each compiled and linked, in a new directory
// every time).
func BenchmarkGoRebuild(b *testing.B) {
	const n = 20
	ctx := context.Background()
	snippets := func(tag string) []Spec {
		specs := make([]Spec, n)
		for i := range specs {
			specs[i] = withFile(spec("go", fmt.Sprintf("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(%q) }\n", fmt.Sprint(tag, i))), fmt.Sprintf("prog%d.go", i))
		}
		return specs
	}
	// runAll may run on other goroutines than the benchmark's, so it
	// reports with Error, not Fatal.
	runAll := func(b *testing.B, cfg Config, specs []Spec) {
		r, err := New(cfg)
		if err != nil {
			b.Error(err)
			return
		}
		results, errs := r.RunAll(ctx, specs, 0, nil)
		for i, res := range results {
			if errs[i] != nil || res.Exit != 0 || res.BuildFailed {
				b.Errorf("spec %d: %v, %+v", i, errs[i], res)
			}
		}
	}
	b.Run("again", func(b *testing.B) {
		cfg := Config{BuildDir: b.TempDir()}
		specs := snippets("again")
		runAll(b, cfg, specs)
		for b.Loop() {
			runAll(b, cfg, specs)
		}
	})
	b.Run("first", func(b *testing.B) {
		iter := 0
		for b.Loop() {
			iter++
			dir, err := os.MkdirTemp(b.TempDir(), "area-")
			if err != nil {
				b.Fatal(err)
			}
			runAll(b, Config{BuildDir: dir}, snippets(fmt.Sprint("first", iter, time.Now().UnixNano())))
		}
	})
	b.Run("temp", func(b *testing.B) {
		specs := snippets("temp")
		for b.Loop() {
			runAll(b, Config{}, specs)
		}
	})
}
