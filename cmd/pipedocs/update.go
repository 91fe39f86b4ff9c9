package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/pipedocs/pipedocs/cmd/pipedocs/internal/pipeline"
	"github.com/pipedocs/pipedocs/runner/cache"
)

var updateCmd = &command{
	name:    "update",
	summary: "rewrite each snippet's output block to what it printed",
	usage:   "[flags] [FILE|DIR ...]",
	help: `
Update runs the snippets and rewrites each output block that no longer
matches to what the program printed, adding an output block after snippets
that have none. Nothing else in any file changes, byte for byte. Paths
outside the site's content/ folder name Markdown that belongs to no site,
as for check: there only snippets followed by an output block, or marked
run, run and are updated. Expected
lines written with [..], (re) or ... that still match are kept as written.
In a console transcript, each command whose output or status changed has
its output lines and "? N" line rewritten in place.

Each snippet whose block changes runs twice. Where the two runs differ,
the differing parts are written as [..] (a line only one run printed as
...), lines that only changed order make the block unordered, and the
snippet is named as unstable.

Each changed article is written to a temporary file and renamed over the
old one, unless the article changed on disk while update ran: then it is
left as it is and reported. Temporary files of an update that was killed
are removed.

A snippet that fails to run as declared (compile error, wrong exit status,
signal, timeout, output over limit) is reported and its block left alone.

Exit status: 0 when every snippet ran as declared; 1 when any failed or
an article changed meanwhile; 2 on bad input, config or usage.
`,
	flags: flagsFor("site", "run", "report"),
	run:   runUpdate,
}

func runUpdate(ctx context.Context, o *options, env *cliEnv) error {
	p, err := loadArgs(ctx, o)
	if err != nil {
		return err
	}
	printWarnings(env, o, p)
	pl, r, err := p.plan(o)
	if err != nil {
		return err
	}
	pipeline.SweepTemps(pl.ArticleDirs())
	verdicts, err := p.execute(ctx, o, env, r, pl.Jobs)
	if err != nil {
		return err
	}
	ro := runOptions(o)
	ro.NoCache = true // the second run of a changed block must really run
	fresh, err := p.NewRunner(ro)
	if err != nil {
		return err
	}
	rw, err := p.Rewrite(ctx, fresh, verdicts, p.Jobs(ro))
	if err != nil {
		return err
	}
	for _, v := range rw.Failed {
		fmt.Fprintln(env.stderr, headline(v))
		fmt.Fprint(env.stderr, details(v))
	}
	for _, j := range rw.Unstable {
		fmt.Fprintf(env.stdout, "%s:%d: %s: unstable: two runs printed different output; the differences are written as [..]\n", j.Path, j.Line(), j.Title)
	}
	changed, err := writeUpdates(env, o, rw.Updates)
	if err != nil {
		return err
	}
	if n := len(rw.Failed); n > 0 {
		fmt.Fprintf(env.stderr, "%d %s failed to run as declared; their output blocks were left alone\n", n, plural(n, "snippet", "snippets"))
	}
	if len(rw.Failed) > 0 || changed > 0 {
		return errFailed
	}
	return nil
}

// writeUpdates writes each article, unless it changed on disk since it
// was read; it returns how many did.
func writeUpdates(env *cliEnv, o *options, updates []pipeline.Update) (changed int, err error) {
	for _, u := range updates {
		err := pipeline.WriteArticle(u)
		switch {
		case errors.Is(err, cache.ErrChanged):
			fmt.Fprintln(env.stderr, err)
			changed++
			continue
		case err != nil:
			return changed, err
		}
		if !o.quiet {
			fmt.Fprintf(env.stdout, "updated %s (%d output %s)\n", u.Path, u.Blocks, plural(u.Blocks, "block", "blocks"))
		}
	}
	return changed, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
