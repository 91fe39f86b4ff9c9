package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/pipedocs/pipedocs/render/site"
	"github.com/pipedocs/pipedocs/themes"
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
	p, err := loadProject(ctx, o.source, o.drafts)
	if err != nil {
		return err
	}
	opts, err := p.renderOptions(o)
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
	if o.scale.sharded() {
		return o.scale.shardBuilt(o, env)
	}
	dest := p.dest(o)
	err = site.Publish(ctx, dest, func(tmp string) error {
		return site.Render(ctx, p.site, outcomes(verdicts), p.md, opts, tmp)
	})
	if err != nil {
		return fmt.Errorf("writing %s: %w", dest, err)
	}
	if !o.quiet && o.format == "text" {
		fmt.Fprintf(env.stdout, "built %d pages into %s\n", len(p.site.Pages), dest)
	}
	return nil
}

// renderOptions are the render stage's options for this project and
// the command's flags: build and serve render alike.
func (p *project) renderOptions(o *options) (site.RenderOptions, error) {
	theme, err := p.theme()
	if err != nil {
		return site.RenderOptions{}, err
	}
	store, err := renderStore(o)
	if err != nil {
		return site.RenderOptions{}, err
	}
	return site.RenderOptions{Theme: theme, Static: p.static(), Jobs: p.jobs(o), Store: store}, nil
}

// dest is --dest, else the config's publishDir inside the site root.
func (p *project) dest(o *options) string {
	if o.dest != "" {
		return o.dest
	}
	return filepath.Join(p.root, filepath.FromSlash(p.cfg.PublishDir))
}

// theme is the built-in theme, overlaid by the site's themes/<name> when
// the site has one.
func (p *project) theme() (fs.FS, error) {
	dir := filepath.Join(p.root, "themes", p.cfg.Theme)
	if info, err := os.Stat(dir); err == nil && info.IsDir() {
		return site.OverlayTheme(os.DirFS(dir), themes.Default), nil
	}
	if p.cfg.Theme != "default" {
		return nil, usageError{fmt.Sprintf("%s: theme %q: no folder %s", p.display("pipedocs.toml"), p.cfg.Theme, dir)}
	}
	return themes.Default, nil
}

// static is the site's static/ folder, copied into the site as it is;
// nil when the site has none.
func (p *project) static() fs.FS {
	dir := filepath.Join(p.root, "static")
	if info, err := os.Stat(dir); err == nil && info.IsDir() {
		return os.DirFS(dir)
	}
	return nil
}
