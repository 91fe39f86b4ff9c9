package pipeline

import (
	"context"
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

// A Filter says which pages a build leaves out: drafts, future and
// expired pages, as Hugo's --buildDrafts, --buildFuture, --buildExpired.
type Filter = page.Filter

// A UsageError is a mistake in how pipedocs was called (a missing
// --source, an article path that is no article): exit status 2, and no
// retry will fix it by itself.
type UsageError struct{ Msg string }

func (e UsageError) Error() string { return e.Msg }

// A Project is a site loaded and parsed: the output of stages 1 and 2,
// the input of every later one. It is not changed after Load.
type Project struct {
	Root     string // the site root, as given by --source
	Config   config.Config
	Markdown *markdown.Renderer
	Site     *site.Site
	// Modules maps the folder of each article (site relative) to the Go
	// module its snippets build in, the nearest go.mod at or above it
	// (SPEC §4.2); "" for none.
	Modules map[string]string
	// Plain is set for Markdown outside a site (LoadPlain): Root is the
	// working directory, article paths are relative to it, the run mode
	// defaults to claimed, and there is nothing to render.
	Plain bool
	// ConfigDir is the folder of the pipedocs.toml in use ("" for none):
	// the [bin] packages are relative to it.
	ConfigDir string

	redactions *expect.SiteRedactions // the config's [redactions], compiled

	// Warnings are the diagnostics of the parse that stop nothing
	// (diag.Warning), with paths as the user sees them. Load fails on
	// the others.
	Warnings diag.List
	// BrokenLinks are the links and images of the content that name no
	// page, file or id (SPEC §2.1), errors unless the config's
	// brokenLinks is "warn", when they are in Warnings instead. They stop
	// nothing at load: check and build report them after the runs and
	// fail like a drifted snippet, and build publishes nothing.
	BrokenLinks diag.List
}

// Load reads the config and every article under root and parses them
// (stages 1 and 2). Bad input comes back as a diag.List with paths as the
// user sees them (relative to the working directory, not to root), every
// problem of the site at once; warnings alone do not fail it and are in
// Project.Warnings.
//
// A cancelled ctx ends Load at once, whatever stage it is in: the stages
// of render do not take a context yet (their work is bounded by the
// parse's depth limit), so Load stops waiting for them and returns
// ctx.Err(); the abandoned work writes nothing and ends with the process.
func Load(ctx context.Context, root string, filter page.Filter) (*Project, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	info, err := os.Stat(root)
	if err != nil {
		return nil, UsageError{fmt.Sprintf("--source: %v", err)}
	}
	if !info.IsDir() {
		return nil, UsageError{fmt.Sprintf("--source %s: not a directory", root)}
	}
	return await(ctx, func() (*Project, error) { return load(ctx, root, filter) })
}

func load(ctx context.Context, root string, filter page.Filter) (*Project, error) {
	p := &Project{Root: root, ConfigDir: root}
	fsys := os.DirFS(root)
	var err error
	// pipedocs.toml over the site's Hugo config, if any (SPEC §1.1).
	var configWarnings diag.List
	p.Config, configWarnings, err = config.LoadSite(fsys, p.Display)
	if err != nil {
		return nil, err
	}
	// config.Load checked every pattern, at its line.
	if p.redactions, err = expect.CompileSite(p.Config.Redactions); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(root, "content")); err != nil {
		return nil, UsageError{fmt.Sprintf("no content/ folder in %s (to check Markdown outside a site, name its files or folders: pipedocs check README.md docs/)", root)}
	}
	c, diags, err := page.LoadContent(ctx, fsys, root, filter)
	if err != nil {
		return nil, fmt.Errorf("reading content: %w", err)
	}
	p.Markdown = markdown.New(markdown.Options{Unsafe: p.Config.Unsafe})
	// Articles whose front matter was bad are still parsed further, so one
	// run reports every problem of the site.
	var parseDiags diag.List
	p.Site, parseDiags, err = site.ParseContent(ctx, p.Config, p.Markdown, c, fsys)
	if err != nil {
		return nil, err
	}
	diags = append(diags, parseDiags...)
	diags = append(diags, p.unknownAttributes()...)
	var links diag.List
	if theme, err := p.Theme(); err == nil { // a bad theme is reported by RenderOptions
		o := site.RenderOptions{Theme: theme, Static: p.Static()}
		diags = append(diags, p.Site.CheckFiles(o)...)
		links = p.Site.CheckLinks(o)
		diags = append(diags, links.Warnings()...)
	}
	if err := p.settle(diags); err != nil {
		return nil, err
	}
	p.Warnings = append(configWarnings, p.Warnings...) // their paths are displayed already
	p.BrokenLinks = p.relocate(links.Errors())
	p.Modules, err = articleModules(root, p.Site)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// settle sorts out the parse's diagnostics, paths as the user sees them:
// when any is an error they all come back as one diag.List, sorted;
// otherwise the warnings are kept in p.Warnings.
func (p *Project) settle(diags diag.List) error {
	diags = p.relocate(diags)
	diags.Sort()
	if len(diags.Errors()) > 0 {
		return diags
	}
	p.Warnings = diags.Warnings()
	return nil
}

// await runs f and returns what it returns, or ctx.Err() as soon as ctx
// is done, leaving f to finish on its own.
func await[T any](ctx context.Context, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// Display turns a path relative to the site root into the path the user
// knows it by: relative to the working directory.
func (p *Project) Display(rel string) string {
	if p.Root == "." || p.Root == "" {
		return rel
	}
	return path.Join(filepath.ToSlash(p.Root), rel)
}

// File is the path on disk of rel, a path relative to the site root.
func (p *Project) File(rel string) string {
	return filepath.Join(p.Root, filepath.FromSlash(rel))
}

// relocate rewrites the paths of diagnostics made relative to the site root.
func (p *Project) relocate(list diag.List) diag.List {
	out := make(diag.List, len(list))
	for i, d := range list {
		d.Path = p.Display(d.Path)
		if len(d.Notes) > 0 {
			notes := make([]diag.Note, len(d.Notes))
			for j, n := range d.Notes {
				n.Path = p.Display(n.Path)
				notes[j] = n
			}
			d.Notes = notes
		}
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
