package page

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/pipedocs/pipedocs/render/diag"
)

// Load reads and parses every .md file below content/ in fsys, a site root.
// Files are parsed in parallel, at most GOMAXPROCS at a time; the pages
// come back sorted by Path whatever the scheduling. Drafts are left out
// unless drafts is true. Files and folders whose names start with "." (an
// editor's backups, .git) and files not ending in ".md" are ignored.
//
// The diagnostics are every problem in the content, sorted; the pages are
// returned with them, but a build must stop when there are any. The error
// is for the file system failing, content/ missing included.
func Load(fsys fs.FS, drafts bool) ([]*Page, diag.List, error) {
	paths, err := contentFiles(fsys)
	if err != nil {
		return nil, nil, err
	}

	// Every worker writes only at its file's index, so the result does not
	// depend on which worker finished first.
	pages := make([]*Page, len(paths))
	lists := make([]diag.List, len(paths))
	ioErrs := make([]error, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			for i := range next {
				src, err := fs.ReadFile(fsys, paths[i])
				if err != nil {
					ioErrs[i] = fmt.Errorf("reading content: %w", err)
					continue
				}
				pages[i], lists[i] = Parse(paths[i], strings.TrimPrefix(paths[i], "content/"), src)
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(ioErrs...); err != nil {
		return nil, nil, err
	}

	var errs diag.List
	for _, l := range lists {
		errs = append(errs, l...)
	}
	if !drafts {
		pages = slices.DeleteFunc(pages, func(p *Page) bool { return p.Meta.Draft })
	}
	slices.SortFunc(pages, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	errs.Sort()
	return pages, errs, nil
}

// contentFiles lists the .md files below content/.
func contentFiles(fsys fs.FS) ([]string, error) {
	var paths []string
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "content" && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading content: %w", err)
	}
	return paths, nil
}
