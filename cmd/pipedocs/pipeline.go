package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/pipedocs/pipedocs/render/expect"
	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/site"
	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/pipedocs/pipedocs/runner"
	"github.com/pipedocs/pipedocs/runner/cache"
)

// A job is one snippet chosen to run: stage 3's input.
type job struct {
	article *site.Article
	snippet *snippet.Snippet
	path    string // the article's path as the user sees it
	title   string // the snippet's file name, e.g. "main.go"
	spec    runner.Spec
}

// A verdict is stage 4's output for one run snippet: what the page shows
// and what the report says.
type verdict struct {
	job     *job
	outcome snippet.Outcome
	result  runner.Result
}

// selectJobs lists the snippets to run, in article and snippet order.
// paths, when given, limit the run to those articles; o.run to articles
// or titles matching it.
// skipped counts the snippets that have a runner but do not run (norun,
// or opt-in mode without run).
func (p *project) selectJobs(r *runner.Runner, o *options) (jobs []*job, skipped int, err error) {
	only, err := p.articleFilter(o.args)
	if err != nil {
		return nil, 0, err
	}
	only = p.shardFilter(r, o, only)
	for _, a := range p.site.Pages {
		display := p.display(a.Page.Path)
		if only != nil && !only[a.Page.Path] {
			continue
		}
		for i := range a.Snippets {
			s := &a.Snippets[i]
			if !r.Has(s.Lang) {
				continue
			}
			if !p.runs(s) {
				skipped++
				continue
			}
			title := s.Attrs.Title
			if title == "" {
				title = "main" + r.Extension(s.Lang)
			}
			if o.run != nil && !o.run.MatchString(display) && !o.run.MatchString(title) {
				continue
			}
			jobs = append(jobs, &job{
				article: a,
				snippet: s,
				path:    display,
				title:   title,
				spec:    p.spec(s, display, title),
			})
		}
	}
	return jobs, skipped, nil
}

// runs reports whether s, which has a runner, runs under the site's
// config (SPEC §3, §5).
func (p *project) runs(s *snippet.Snippet) bool {
	if s.Attrs.NoRun {
		return false
	}
	return p.cfg.Run != "opt-in" || s.Attrs.Run
}

func (p *project) spec(s *snippet.Snippet, display, title string) runner.Spec {
	spec := runner.Spec{
		Lang:        s.Lang,
		File:        title,
		Source:      s.Code.Content,
		Args:        s.Attrs.Args,
		Env:         s.Attrs.Env,
		Timeout:     p.cfg.Timeout,
		OutputLimit: p.cfg.OutputLimit,
		SourcePath:  display,
		SourceLine:  s.Code.Line + 1,
	}
	if s.Attrs.Timeout > 0 {
		spec.Timeout = s.Attrs.Timeout
	}
	if s.Stdin != nil {
		spec.Stdin = append([]byte{}, s.Stdin.Content...) // non-nil even when empty: an empty stdin, not /dev/null
	}
	return spec
}

// articleFilter turns path arguments into the set of article paths (site
// relative) they name; nil means every article.
func (p *project) articleFilter(args []string) (map[string]bool, error) {
	if len(args) == 0 {
		return nil, nil
	}
	root, err := filepath.Abs(p.root)
	if err != nil {
		return nil, err
	}
	byAbs := make(map[string]string, len(p.site.Pages))
	for _, a := range p.site.Pages {
		byAbs[filepath.Join(root, filepath.FromSlash(a.Page.Path))] = a.Page.Path
	}
	only := make(map[string]bool, len(args))
	for _, arg := range args {
		abs, err := filepath.Abs(arg)
		if err != nil {
			return nil, err
		}
		rel, ok := byAbs[abs]
		if !ok {
			if _, err := os.Stat(arg); err != nil {
				return nil, usageError{fmt.Sprintf("%s: no such article", arg)}
			}
			return nil, usageError{fmt.Sprintf("%s: not an article of the site in %s", arg, p.root)}
		}
		only[rel] = true
	}
	return only, nil
}

// newRunner makes the runner for this project and the command's flags.
func (p *project) newRunner(o *options) (*runner.Runner, error) {
	cfg := runner.Config{
		Runners:   make(map[string]runner.Definition, len(p.cfg.Runners)),
		ModuleDir: p.moduleDir,
	}
	for name, def := range p.cfg.Runners {
		cfg.Runners[name] = runner.Definition{Command: def.Command, Extension: def.Extension, Version: def.Version}
	}
	dir, err := cacheDir(o.cacheDir)
	if err != nil && !o.noCache {
		return nil, err
	}
	if err == nil {
		// Kept Go builds are binaries, not results, so --no-cache keeps
		// them: every snippet still runs, but none is linked again.
		cfg.BuildDir = filepath.Join(dir, "gobuild")
		if !o.noCache {
			cfg.CacheDir = filepath.Join(dir, "results")
		}
	}
	o.scale.configure(&cfg)
	return runner.New(cfg)
}

// cacheDir is --cache-dir, else $XDG_CACHE_HOME/pipedocs or
// ~/.cache/pipedocs. It holds three stores, each in its own folder:
// results/ (run results), render/ (rendered articles) and gobuild/ (kept
// Go binaries).
func cacheDir(flagDir string) (string, error) {
	if flagDir != "" {
		return flagDir, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("cache dir: %w (set --cache-dir or --no-cache)", err)
	}
	return filepath.Join(base, "pipedocs"), nil
}

// renderStore is where rendered article bodies are kept between builds:
// the results cache's store in <cache dir>/render, nil with --no-cache.
func renderStore(o *options) (markdown.Store, error) {
	if o.noCache {
		return nil, nil
	}
	dir, err := cacheDir(o.cacheDir)
	if err != nil {
		return nil, err
	}
	c, err := cache.Open(filepath.Join(dir, "render"))
	if err != nil {
		return nil, err
	}
	return articleStore{c}, nil
}

// articleStore adapts a cache.Cache, keyed by cache.Key, to
// markdown.Store, keyed by the plain array: render declares its own
// interface so as not to import runner.
type articleStore struct{ c *cache.Cache }

func (s articleStore) Get(key [32]byte) ([]byte, bool)     { return s.c.Get(cache.Key(key)) }
func (s articleStore) Put(key [32]byte, data []byte) error { return s.c.Put(cache.Key(key), data) }

// jobs is the number of snippets run at once: --jobs, else the config.
func (p *project) jobs(o *options) int {
	n := p.cfg.Jobs
	if o.jobs >= 0 {
		n = o.jobs
	}
	if n <= 0 {
		n = runtime.NumCPU()
	}
	return n
}

// execute runs the jobs (stage 3) and judges each result (stage 4). With
// failFast it runs them in rounds of n and starts no new round once a
// snippet has failed or drifted; the verdicts then cover what ran.
func execute(ctx context.Context, r *runner.Runner, jobs []*job, n int, failFast bool, progress func(done, running, total int)) ([]verdict, error) {
	round := len(jobs)
	if failFast {
		round = n
	}
	verdicts := make([]verdict, 0, len(jobs))
	for start := 0; start < len(jobs); start += round {
		batch := jobs[start:min(start+round, len(jobs))]
		specs := make([]runner.Spec, len(batch))
		for i, j := range batch {
			specs[i] = j.spec
		}
		offset := start
		results, errs := r.RunAll(ctx, specs, n, func(done, running, _ int) {
			if progress != nil {
				progress(offset+done, running, len(jobs))
			}
		})
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		stop := false
		for i, j := range batch {
			if errs[i] != nil {
				return nil, fmt.Errorf("%s:%d: %s: %w", j.path, j.snippet.Code.Line, j.title, errs[i])
			}
			v := verdict{job: j, result: results[i], outcome: judge(j, results[i])}
			stop = stop || failing(v, false)
			verdicts = append(verdicts, v)
		}
		if failFast && stop {
			break
		}
	}
	return verdicts, nil
}

// judge compares what a snippet did with what its article declares.
func judge(j *job, r runner.Result) snippet.Outcome {
	s := j.snippet
	o := snippet.Outcome{
		Output:    r.Output,
		Exit:      r.Exit,
		Signal:    r.Signal,
		Toolchain: r.Toolchain,
	}
	if problem := failure(j, r); problem != "" {
		o.Status, o.Problem = snippet.Failed, problem
		return o
	}
	if s.Output == nil {
		o.Status = snippet.Unverified
		return o
	}
	opts := expect.Options{Unordered: s.Unordered}
	if expect.Match(s.Output.Content, r.Output, opts) {
		o.Status = snippet.Verified
		return o
	}
	o.Status = snippet.Drifted
	o.Diff = expect.Diff(s.Output.Content, r.Output, opts, s.Output.Line+1)
	return o
}

// failure says how a run went against its declaration, or "" when it
// ran as declared (SPEC §3.2).
func failure(j *job, r runner.Result) string {
	switch {
	case r.BuildFailed:
		return "compile error"
	case r.TimedOut:
		return fmt.Sprintf("timed out after %v", j.spec.Timeout)
	case r.OverLimit:
		return fmt.Sprintf("output over limit of %s", formatBytes(j.spec.OutputLimit))
	case r.Signal != "":
		return "killed by signal: " + r.Signal
	case r.Exit != j.snippet.Attrs.Exit:
		return fmt.Sprintf("exit status %d, want %d", r.Exit, j.snippet.Attrs.Exit)
	}
	return ""
}

// outcomes arranges verdicts the way the render stage wants them.
func outcomes(verdicts []verdict) site.Outcomes {
	out := make(site.Outcomes)
	for _, v := range verdicts {
		a := v.job.article
		list, ok := out[a.Page.Path]
		if !ok {
			list = make([]snippet.Outcome, len(a.Snippets))
			out[a.Page.Path] = list
		}
		list[v.job.snippet.Index] = v.outcome
	}
	return out
}

// formatBytes prints a size the way pipedocs.toml spells it.
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
