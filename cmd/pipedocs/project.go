package main

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/page"
	"github.com/pipedocs/pipedocs/render/site"
)

// A project is a site loaded and parsed: stages 1 and 2 of every command.
type project struct {
	root      string // the site root, as given by --source
	cfg       config.Config
	md        *markdown.Renderer
	site      *site.Site
	moduleDir string    // the Go module Go snippets build in; "" for none
	warnings  diag.List // of the parse, such as an output block that follows no snippet
}

// loadProject reads the config and every article under root and parses
// them. Bad input comes back as a diag.List with paths as the user sees
// them (relative to the working directory, not to root).
func loadProject(ctx context.Context, root string, drafts bool) (*project, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	info, err := os.Stat(root)
	if err != nil {
		return nil, usageError{fmt.Sprintf("--source: %v", err)}
	}
	if !info.IsDir() {
		return nil, usageError{fmt.Sprintf("--source %s: not a directory", root)}
	}
	p := &project{root: root}
	fsys := os.DirFS(root)
	p.cfg, err = config.Load(fsys, p.display("pipedocs.toml"))
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(root, "content")); err != nil {
		return nil, usageError{fmt.Sprintf("no content/ folder in %s", root)}
	}
	pages, diags, err := page.Load(fsys, drafts)
	if err != nil {
		return nil, fmt.Errorf("reading content: %w", err)
	}
	p.md = markdown.New(markdown.Options{Unsafe: p.cfg.Unsafe})
	// Articles whose front matter was bad are still parsed further, so one
	// run reports every problem of the site.
	var parseDiags diag.List
	p.site, parseDiags = site.Parse(p.cfg, p.md, pages)
	diags = append(diags, parseDiags...)
	if len(diags.Errors()) > 0 {
		return nil, p.relocate(diags)
	}
	p.warnings = p.relocate(diags.Warnings())
	p.moduleDir, err = findModule(root)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// display turns a path relative to the site root into the path the user
// knows it by: relative to the working directory.
func (p *project) display(rel string) string {
	if p.root == "." || p.root == "" {
		return rel
	}
	return path.Join(filepath.ToSlash(p.root), rel)
}

// relocate rewrites the paths of diagnostics made relative to the site root.
func (p *project) relocate(list diag.List) diag.List {
	out := make(diag.List, len(list))
	for i, d := range list {
		d.Path = p.display(d.Path)
		out[i] = d
	}
	return out
}

// findModule returns the directory of the go.mod at or above dir, or "".
func findModule(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("site root: %w", err)
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", nil
		}
	}
}
