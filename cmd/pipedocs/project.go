package main

import (
	"context"
	"fmt"

	"github.com/pipedocs/pipedocs/cmd/pipedocs/internal/pipeline"
	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/site"
	"github.com/pipedocs/pipedocs/runner"
)

// A project is a site as the commands see it: the pipeline's Project,
// the flags' say in running it, and what a run left to report. The
// stages themselves live in package pipeline.
type project struct {
	*pipeline.Project

	// serve.go's names for the Project's fields.
	cfg  config.Config
	site *site.Site
	md   *markdown.Renderer

	store *pipeline.RenderStore // opened by renderOptions
}

// verdict is one judged run, as the reports print it.
type verdict = pipeline.Verdict

// loadProject is stages 1 and 2 (pipeline.Load).
func loadProject(ctx context.Context, root string, filter pipeline.Filter) (*project, error) {
	p, err := pipeline.Load(ctx, root, filter)
	if err != nil {
		return nil, err
	}
	return &project{Project: p, cfg: p.Config, site: p.Site, md: p.Markdown}, nil
}

// runOptions are o's flags for running snippets.
func runOptions(o *options) pipeline.RunOptions {
	ro := pipeline.RunOptions{CacheDir: o.cacheDir, NoCache: o.noCache, Jobs: o.jobs, CachedOnly: o.scale.noRun}
	if o.scale.remote != nil {
		ro.Remote = o.scale.remote.store
	}
	return ro
}

// plan is stage 3's input for the command's selection of snippets, and
// the runner to run it on.
func (p *project) plan(o *options) (*pipeline.Plan, *runner.Runner, error) {
	r, err := p.NewRunner(runOptions(o))
	if err != nil {
		return nil, nil, err
	}
	pl, err := p.Plan(r, pipeline.Selection{Paths: o.args, Run: o.run, Shard: o.scale.shard})
	if err != nil {
		return nil, nil, err
	}
	return pl, r, nil
}

// verify is stages 3 and 4 for the command's selection of snippets; it
// returns the verdicts and the snippets skipped. A results cache that
// failed to keep results is reported once, on stderr.
func (p *project) verify(ctx context.Context, o *options, env *cliEnv) ([]verdict, []*pipeline.Job, error) {
	pl, r, err := p.plan(o)
	if err != nil {
		return nil, nil, err
	}
	verdicts, err := p.execute(ctx, o, env, r, pl.Jobs)
	return verdicts, pl.Skipped, err
}

// execute runs jobs on r with a progress line (stages 3 and 4).
func (p *project) execute(ctx context.Context, o *options, env *cliEnv, r *runner.Runner, jobs []*pipeline.Job) ([]verdict, error) {
	bar := newProgress(env.stderr, o.quiet || o.format != "text")
	verdicts, err := pipeline.Execute(ctx, r, jobs, p.Jobs(runOptions(o)), o.failFast, bar.update)
	bar.done()
	o.scale.finish(env.stderr)
	for _, w := range pipeline.CacheWarnings(r, nil) {
		fmt.Fprintln(env.stderr, "pipedocs: "+w)
	}
	return verdicts, err
}

// renderOptions are the render stage's options for the command's flags.
func (p *project) renderOptions(o *options) (site.RenderOptions, error) {
	st, err := pipeline.OpenRenderStore(runOptions(o))
	if err != nil {
		return site.RenderOptions{}, err
	}
	p.store = st
	return p.RenderOptions(runOptions(o), st)
}

// outcomes arranges verdicts the way the render stage wants them.
func outcomes(verdicts []verdict) site.Outcomes { return pipeline.Outcomes(verdicts) }

// printWarnings prints the parse's warnings: on stderr, or as GitHub
// annotations in that format. They change nothing else.
func printWarnings(env *cliEnv, o *options, p *project) {
	for _, d := range p.Warnings {
		if o.format == "github" {
			fmt.Fprintf(env.stdout, "::warning file=%s,line=%d,col=%d::%s\n",
				ghProperty(repoPath(d.Path)), d.Line, d.Col, ghData(d.Msg))
			continue
		}
		fmt.Fprintln(env.stderr, d.Error())
	}
}
