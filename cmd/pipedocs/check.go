package main

import (
	"context"
)

var checkCmd = &command{
	name:    "check",
	summary: "run and verify every snippet; write nothing (the CI gate)",
	usage:   "[flags] [article.md ...]",
	help: `
Check runs every snippet of the site and compares what it printed with the
output block that follows it. It writes nothing. With article paths, only
those articles are checked; with --run, only snippets whose article path or
title matches the regular expression.

Exit status: 0 when every snippet ran as declared and matched (snippets
without an output block count as passed unless --strict), 1 when any
failed or drifted, 2 on bad input, config or usage.
`,
	flags: flagsFor("site", "run", "report", "scale"),
	run:   runCheck,
}

func runCheck(ctx context.Context, o *options, env *cliEnv) error {
	p, err := loadProject(ctx, o.source, o.drafts)
	if err != nil {
		return err
	}
	verdicts, skipped, err := p.verify(ctx, o, env)
	if err != nil {
		return err
	}
	if sum := report(env.stdout, o, verdicts, skipped); sum.failed > 0 {
		return errFailed
	}
	return nil
}

// verify is stages 3 and 4 for the command's selection of snippets.
func (p *project) verify(ctx context.Context, o *options, env *cliEnv) ([]verdict, int, error) {
	r, err := p.newRunner(o)
	if err != nil {
		return nil, 0, err
	}
	jobs, skipped, err := p.selectJobs(r, o)
	if err != nil {
		return nil, 0, err
	}
	bar := newProgress(env.stderr, o.quiet || o.format != "text")
	verdicts, err := execute(ctx, r, jobs, p.jobs(o), o.failFast, bar.update)
	bar.done()
	o.scale.finish(env.stderr)
	return verdicts, skipped, err
}
