package main

import (
	"context"
	"fmt"

	"github.com/pipedocs/pipedocs/cmd/pipedocs/internal/pipeline"
)

var buildCmd = &command{
	name:    "build",
	summary: "run and verify every snippet, then render the site",
	usage:   "[flags]",
	help: `
Build runs every snippet of the site, verifies what it printed against its
output block, and renders the site into the publish directory (public/ by
default). The new site is written beside the old one and swapped in, so the
directory always holds a whole site.

Exit status: 0 on success; 1 when a snippet failed or drifted (the previous
site is left exactly as it was); 2 on bad input, config or usage.
`,
	flags: flagsFor("site", "dest", "run", "report", "scale", "norun"),
	run:   runBuild,
}

func runBuild(ctx context.Context, o *options, env *cliEnv) error {
	p, err := loadProject(ctx, o.source, o.filter)
	if err != nil {
		return err
	}
	printWarnings(env, o, p)
	dest := p.Dest(o.dest)
	opts, err := p.renderOptions(o)
	if err != nil {
		return err
	}
	defer p.store.Close() // on every return; once published, a second Close does nothing
	// Before anything runs: publishing replaces the whole folder.
	if err := p.site.CheckDest(p.Root, o.dest, p.Display("pipedocs.toml"), opts); err != nil {
		return err
	}
	verdicts, skipped, err := p.verify(ctx, o, env)
	if err != nil {
		return err
	}
	sum := report(env.stdout, o, verdicts, skipped)
	if broken := printBrokenLinks(env, o, p); sum.failed > 0 || broken {
		return errFailed
	}
	if o.scale.sharded() {
		return o.scale.shardBuilt(o, env)
	}
	if err := p.Publish(ctx, verdicts, opts, dest); err != nil {
		return err
	}
	p.store.Close() // publishes the rendered articles before the warnings
	for _, w := range pipeline.CacheWarnings(nil, p.store) {
		fmt.Fprintln(env.stderr, "pipedocs: "+w)
	}
	if !o.quiet && o.format == "text" {
		fmt.Fprintf(env.stdout, "built %d pages into %s\n", len(p.Site.Pages), dest)
	}
	return nil
}
