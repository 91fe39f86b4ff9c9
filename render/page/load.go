package page

import (
	"context"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/pipedocs/pipedocs/render/diag"
)

// Load reads and parses every .md file below content/ in fsys, a site root.
// Files are parsed in parallel, at most GOMAXPROCS at a time; the pages
// come back sorted by Path whatever the scheduling. The pages f does not
// keep (Visible: drafts, future and expired pages) are left out. Files and folders whose names start with "." (an
// editor's backups, .git) and files not ending in ".md" are ignored.
//
// A symlink below content/ is followed when it stays inside the site and
// is an error ("symlink leaves the site") when it does not; root is where
// fsys is on disk, needed only for links with an absolute target, or ""
// when fsys is not a folder on disk (such links then count as leaving).
// A file or folder name that is not valid UTF-8 is an error too: it could
// not become a URL.
//
// The diagnostics are every problem in the content, sorted; the pages are
// returned with them, but a build must stop when there are any. The error
// is for the file system failing, content/ missing included, or ctx ending
// (then ctx.Err()).
func Load(ctx context.Context, fsys fs.FS, root string, f Filter) ([]*Page, diag.List, error) {
	c, diags, err := LoadContent(ctx, fsys, root, f)
	return c.Pages, diags, err
}

// Content is everything below content/: the pages, and the other files,
// which the content tree publishes as resources of a page or section.
type Content struct {
	Pages  []*Page // sorted by Path
	Files  []File  // sorted by Path
	Hidden []*Page // the pages left out (Visible: drafts, future, expired), sorted by Path: a bundle of one publishes none of its files
}

// A File is a file below content/ that is not Markdown (an image, a PDF).
type File struct {
	Path string // slash-separated and relative to the site root: "content/a/b/img.png"
	Real string // Path with its symlinks resolved, the file to read
}

// LoadContent is Load, with the other files of content/ listed too. Their
// names are checked as the pages' are; their bytes are not read.
func LoadContent(ctx context.Context, fsys fs.FS, root string, f Filter) (Content, diag.List, error) {
	w := &walker{fsys: fsys, root: root}
	if err := w.walk(); err != nil {
		return Content{}, nil, fmt.Errorf("reading content: %w", err)
	}

	// Every task writes only at its file's index, so the result does not
	// depend on which one finished first.
	pages := make([]*Page, len(w.files))
	lists := make([]diag.List, len(w.files))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range w.files {
		if gctx.Err() != nil {
			break // stop feeding work; Wait returns the cause
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			src, err := fs.ReadFile(fsys, f.real)
			if err != nil {
				if f.real != f.path {
					err = fmt.Errorf("%s: %w", f.path, err)
				}
				return fmt.Errorf("reading content: %w", err)
			}
			pages[i], lists[i] = Parse(f.path, strings.TrimPrefix(f.path, "content/"), src)
			pages[i].File = f.real
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return Content{}, nil, err
	}
	if err := ctx.Err(); err != nil {
		return Content{}, nil, err
	}

	errs := w.errs
	for _, l := range lists {
		errs = append(errs, l...)
	}
	slices.SortFunc(pages, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	var hidden []*Page
	pages = slices.DeleteFunc(pages, func(p *Page) bool {
		if !Visible(&p.Meta, f) {
			hidden = append(hidden, p)
			return true
		}
		return false
	})
	errs.Sort()
	files := make([]File, len(w.other))
	for i, o := range w.other {
		files[i] = File{Path: o.path, Real: o.real}
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return Content{Pages: pages, Files: files, Hidden: hidden}, errs, nil
}
