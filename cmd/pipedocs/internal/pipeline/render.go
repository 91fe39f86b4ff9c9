package pipeline

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/pipedocs/pipedocs/render/site"
	"github.com/pipedocs/pipedocs/themes"
)

// RenderOptions are the render stage's options for this project: its
// theme and static files, o's jobs, and the render store st (nil for
// none). build and serve render alike.
func (p *Project) RenderOptions(o RunOptions, st *RenderStore) (site.RenderOptions, error) {
	theme, err := p.Theme()
	if err != nil {
		return site.RenderOptions{}, err
	}
	return site.RenderOptions{Theme: theme, Static: p.Static(), Jobs: p.Jobs(o), Store: st.store()}, nil
}

// Dest is where build publishes: flagDest (--dest) when given, else the
// config's publishDir inside the site root.
//
// The destination guard of SPEC §5 (never the site root, a folder above
// it, content/, static/, layouts/, a theme or a folder of someone else's
// files) belongs here, before anything runs: Dest is called right after
// Load by build.
func (p *Project) Dest(flagDest string) string {
	if flagDest != "" {
		return flagDest
	}
	return filepath.Join(p.Root, filepath.FromSlash(p.Config.PublishDir))
}

// Theme is the built-in theme, overlaid by the site's themes/<name> when
// the site has one.
func (p *Project) Theme() (fs.FS, error) {
	dir := filepath.Join(p.Root, "themes", p.Config.Theme)
	if info, err := os.Stat(dir); err == nil && info.IsDir() {
		return site.OverlayTheme(os.DirFS(dir), themes.Default), nil
	}
	if p.Config.Theme != "default" {
		return nil, UsageError{fmt.Sprintf("%s: theme %q: no folder %s", p.Display("pipedocs.toml"), p.Config.Theme, dir)}
	}
	return themes.Default, nil
}

// Static is the site's static/ folder, copied into the site as it is;
// nil when the site has none.
func (p *Project) Static() fs.FS {
	dir := filepath.Join(p.Root, "static")
	if info, err := os.Stat(dir); err == nil && info.IsDir() {
		return os.DirFS(dir)
	}
	return nil
}

// Render writes the site with the verdicts' outcomes into dir (stage 5).
func (p *Project) Render(ctx context.Context, verdicts []Verdict, opts site.RenderOptions, dir string) error {
	return site.Render(ctx, p.Site, Outcomes(verdicts), p.Markdown, opts, dir)
}

// Publish renders the site into a new folder beside dest and swaps it in
// (stages 5 and 6): dest holds the old site or the new one, never a mix.
func (p *Project) Publish(ctx context.Context, verdicts []Verdict, opts site.RenderOptions, dest string) error {
	err := site.Publish(ctx, dest, func(tmp string) error {
		return p.Render(ctx, verdicts, opts, tmp)
	})
	if err != nil {
		return fmt.Errorf("writing %s: %w", dest, err)
	}
	return nil
}
