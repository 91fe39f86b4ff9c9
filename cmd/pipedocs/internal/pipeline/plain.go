package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/expect"
	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/page"
	"github.com/pipedocs/pipedocs/render/site"
)

// LoadPaths is Load for check and update, whose arguments may name
// Markdown outside any site (SPEC §1.2). A path inside the content/
// folder of the site in root names an article of that site; any other
// path names plain Markdown. With no paths, or with only articles, it is
// Load; with only plain Markdown, LoadPlain; a mix of the two is a usage
// error, since the two are checked under different configs.
func LoadPaths(ctx context.Context, root string, filter page.Filter, paths []string) (*Project, error) {
	plain, err := plainPaths(root, paths)
	if err != nil {
		return nil, err
	}
	if plain {
		return LoadPlain(ctx, paths)
	}
	return Load(ctx, root, filter)
}

// plainPaths reports whether paths name plain Markdown rather than
// articles of the site in root (see LoadPaths).
func plainPaths(root string, paths []string) (bool, error) {
	if len(paths) == 0 {
		return false, nil
	}
	content, err := filepath.Abs(filepath.Join(root, "content"))
	if err != nil {
		return false, err
	}
	info, err := os.Stat(content)
	site := err == nil && info.IsDir()
	var article, plain string
	for _, arg := range paths {
		abs, err := filepath.Abs(arg)
		if err != nil {
			return false, err
		}
		if site && within(content, abs) {
			article = arg
		} else {
			plain = arg
		}
	}
	if article != "" && plain != "" {
		return false, UsageError{fmt.Sprintf("%s is in the content/ folder of the site in %s and %s is not (plain Markdown): check them in separate runs", article, root, plain)}
	}
	return plain != "", nil
}

// within reports whether path is dir or below it; both are absolute.
func within(dir, path string) bool {
	return path == dir || strings.HasPrefix(path, dir+string(filepath.Separator))
}

// LoadPlain loads Markdown files that belong to no site (SPEC §1.2):
// each path a file, or a folder walked for *.md (see markdownFiles). Each
// file is one page, front matter optional, with its path relative to the
// working directory. The config is the pipedocs.toml of the nearest
// parent folder (up to the top of the git repository holding it), over
// config.Plain; files under different ones are a usage error. The
// Project's Root is "." and its Site has no index: it is checked and
// updated, never rendered.
func LoadPlain(ctx context.Context, paths []string) (*Project, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return await(ctx, func() (*Project, error) { return loadPlain(ctx, paths) })
}

func loadPlain(ctx context.Context, paths []string) (*Project, error) {
	files, err := markdownFiles(paths)
	if err != nil {
		return nil, err
	}
	p := &Project{Root: ".", Plain: true}
	if p.Config, p.ConfigDir, err = plainConfig(files); err != nil {
		return nil, err
	}
	if p.redactions, err = expect.CompileSite(p.Config.Redactions); err != nil {
		return nil, err
	}
	p.Markdown = markdown.New(markdown.Options{Unsafe: p.Config.Unsafe})
	var diags diag.List
	articles := make([]*site.Article, 0, len(files))
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a, d, err := parsePlain(p.Markdown, name)
		if err != nil {
			return nil, err
		}
		articles = append(articles, a)
		diags = append(diags, d...)
	}
	p.Site = &site.Site{Config: p.Config, Pages: articles}
	diags = append(diags, p.unknownAttributes()...)
	if err := p.settle(diags); err != nil {
		return nil, err
	}
	if p.Modules, err = articleModules(p.Root, p.Site); err != nil {
		return nil, err
	}
	return p, nil
}

// parsePlain reads and parses one plain Markdown file, named as the user
// sees it: the parse stage of one page, without the site's index.
func parsePlain(md *markdown.Renderer, name string) (*site.Article, diag.List, error) {
	src, err := os.ReadFile(filepath.FromSlash(name))
	if err != nil {
		return nil, nil, err
	}
	pg, diags := page.ParsePlain(name, src)
	if real, err := filepath.EvalSymlinks(filepath.FromSlash(name)); err == nil {
		pg.File = displayPath(real) // update rewrites the file a link names; the link stays
	}
	a, found := site.ParsePlain(md, pg)
	return a, append(diags, found...), nil
}

// plainConfig is the config of files (paths as the user sees them): the
// pipedocs.toml that applies to all of them, over config.Plain, and its
// folder ("" for none).
func plainConfig(files []string) (config.Config, string, error) {
	var found, first string // the pipedocs.toml found, and the file it was found for
	for i, name := range files {
		toml, err := nearestConfig(filepath.Dir(filepath.FromSlash(name)))
		if err != nil {
			return config.Config{}, "", err
		}
		if i == 0 {
			found, first = toml, name
		} else if toml != found {
			return config.Config{}, "", UsageError{fmt.Sprintf("%s and %s are under different pipedocs.toml files (%s, %s): check them in separate runs",
				first, name, orNone(found), orNone(toml))}
		}
	}
	if found == "" {
		return config.Plain(), "", nil
	}
	src, err := os.ReadFile(found)
	if err != nil {
		return config.Config{}, "", fmt.Errorf("reading config: %w", err)
	}
	c, err := config.ParseOver(displayPath(found), src, config.Plain())
	return c, filepath.Dir(found), err
}

func orNone(toml string) string {
	if toml == "" {
		return "none"
	}
	return displayPath(toml)
}

// nearestConfig is the pipedocs.toml in dir or the nearest folder above
// it, looking no higher than the top of a git work tree (a folder holding
// .git); "" when there is none.
func nearestConfig(dir string) (string, error) {
	d, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		name := filepath.Join(d, config.FileName)
		switch info, err := os.Stat(name); {
		case err == nil && !info.IsDir():
			return name, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return "", fmt.Errorf("reading config: %w", err)
		}
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return "", nil
		}
		up := filepath.Dir(d)
		if up == d {
			return "", nil
		}
		d = up
	}
}

// displayPath is name as the user knows it: relative to the working
// directory (with "../" when it is not below it), slash separated.
func displayPath(name string) string {
	abs, err := filepath.Abs(name)
	if err != nil {
		return filepath.ToSlash(name)
	}
	wd, err := os.Getwd()
	if err != nil {
		return filepath.ToSlash(abs)
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}
