package main

import (
	"context"

	"github.com/pipedocs/pipedocs/cmd/pipedocs/internal/pipeline"
)

var checkCmd = &command{
	name:    "check",
	summary: "run and verify every snippet; write nothing (the CI gate)",
	usage:   "[flags] [FILE|DIR ...]",
	help: `
Check runs every snippet of the site and compares what it printed with the
output block that follows it. It writes nothing. With article paths, only
those articles are checked; with --run, only snippets whose article path or
title matches the regular expression.

Paths outside the site's content/ folder name Markdown that belongs to no
site (README.md, docs/): no front matter or config needed; a folder is
walked for *.md, skipping hidden folders, node_modules, vendor and what git
ignores; the pipedocs.toml of the nearest parent folder applies. There a
snippet runs only when it claims something (run = "claimed"): an output
block follows it, it is a console transcript that shows output or a
"? N" line, or it is marked run; the others are skipped.

A console transcript (a "console" fence) runs its "$ " commands in one bash and
compares each command's output, and its "? N" status, at its own line.

Exit status: 0 when every snippet ran as declared and matched (snippets
without an output block count as passed unless --strict), 1 when any
failed or drifted, 2 on bad input, config or usage.
`,
	flags: flagsFor("site", "run", "report", "scale"),
	run:   runCheck,
}

func runCheck(ctx context.Context, o *options, env *cliEnv) error {
	p, err := loadArgs(ctx, o)
	if err != nil {
		return err
	}
	printWarnings(env, o, p)
	verdicts, skipped, err := p.verify(ctx, o, env)
	if err != nil {
		return err
	}
	if sum := report(env.stdout, o, verdicts, skipped); sum.failed > 0 {
		return errFailed
	}
	return nil
}

// loadArgs is stages 1 and 2 for check and update: the site, or the
// Markdown outside it that o's paths name (pipeline.LoadPaths).
func loadArgs(ctx context.Context, o *options) (*project, error) {
	p, err := pipeline.LoadPaths(ctx, o.source, o.filter, o.args)
	if err != nil {
		return nil, err
	}
	return &project{Project: p, cfg: p.Config, site: p.Site, md: p.Markdown}, nil
}
