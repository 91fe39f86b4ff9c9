package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/expect"
	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/page"
	"github.com/pipedocs/pipedocs/render/site"
	"github.com/pipedocs/pipedocs/runner"
)

// A project is a site loaded and parsed: stages 1 and 2 of every command.
type project struct {
	root    string // the site root, as given by --source
	cfg     config.Config
	md      *markdown.Renderer
	site    *site.Site
	modules map[string]string // article folder (site relative) → the Go module its snippets build in; "" for none
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
	pages, diags, err := page.Load(ctx, fsys, root, drafts)
	if err != nil {
		return nil, fmt.Errorf("reading content: %w", err)
	}
	p.md = markdown.New(markdown.Options{Unsafe: p.cfg.Unsafe})
	// Articles whose front matter was bad are still parsed further, so one
	// run reports every problem of the site.
	var parseDiags diag.List
	p.site, parseDiags, err = site.Parse(ctx, p.cfg, p.md, pages)
	if err != nil {
		return nil, err
	}
	diags = append(diags, parseDiags...)
	diags = append(diags, checkPatterns(p.site)...)
	if theme, err := p.theme(); err == nil { // a bad theme is reported by renderOptions
		diags = append(diags, p.site.CheckFiles(site.RenderOptions{Theme: theme, Static: p.static()})...)
	}
	if len(diags) > 0 {
		return nil, p.relocate(diags)
	}
	p.modules, err = articleModules(root, p.site)
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

// articleModules finds, for the folder of each article, the Go module
// that encloses it (SPEC §4.2): the demo's content/go.mod, say, rather
// than the module of the tool beside it.
func articleModules(root string, s *site.Site) (map[string]string, error) {
	mods := make(map[string]string)
	for _, a := range s.Pages {
		dir := path.Dir(a.Page.Path)
		if _, ok := mods[dir]; ok {
			continue
		}
		mod, err := runner.FindModule(filepath.Join(root, filepath.FromSlash(dir)))
		if err != nil {
			return nil, err
		}
		mods[dir] = mod
	}
	return mods, nil
}

// checkPatterns reports expected lines whose " (re)" pattern does not
// compile: matching would quietly take them literally.
func checkPatterns(s *site.Site) diag.List {
	var list diag.List
	for _, a := range s.Pages {
		for _, sn := range a.Snippets {
			if sn.Output == nil {
				continue
			}
			var perr *expect.PatternError
			if err := expect.Check(sn.Output.Content); errors.As(err, &perr) {
				list = append(list, diag.Diagnostic{
					Path: a.Page.Path,
					Line: sn.Output.Line + perr.Line,
					Col:  1,
					Msg:  "bad regular expression: " + perr.Err.Error(),
				})
			}
		}
	}
	return list
}
