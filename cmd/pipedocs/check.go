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
