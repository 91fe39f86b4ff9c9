package site

import (
	"fmt"
	"io/fs"

	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/content"
	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/page"
)

// newTree places the pages and files of a site with the config's rules.
func newTree(cfg config.Config, c page.Content) (*content.Tree, diag.List) {
	return content.New(c, treeOptions(cfg))
}

// treeOptions are the config's keys for the content tree.
func treeOptions(cfg config.Config) content.Options {
	return content.Options{DisablePathToLower: cfg.DisablePathToLower, Permalinks: cfg.Permalinks, DefaultLanguage: cfg.DefaultLanguage}
}

func pagesOf(articles []*Article) []*page.Page {
	pages := make([]*page.Page, len(articles))
	for i, a := range articles {
		pages[i] = a.Page
	}
	return pages
}

// resources claims the output file of every file of the bundles.
func (ix *indexer) resources() {
	for _, r := range ix.tree.Resources {
		if k, ok := ix.x.claims.claim(r.File, r.Path); !ok {
			d := diag.Diagnostic{Path: r.Path, Msg: "/" + r.File + " " + k.String()}
			if n, ok := ix.writers[k.file]; ok {
				d.Notes = append(d.Notes, n)
			}
			ix.diags = append(ix.diags, d)
			continue
		}
		ix.writers[r.File] = diag.Note{Path: r.Path, Msg: "written here first"}
		ix.x.files = append(ix.x.files, r)
	}
}

// resources copies the files of the bundles from the site's root.
func (r *renderer) resources() error {
	if len(r.x.files) == 0 {
		return nil
	}
	if r.src.fsys == nil {
		return fmt.Errorf("%s: a site made by hand has no content folder to copy from", r.x.files[0].Path)
	}
	return forEach(r.ctx, len(r.x.files), r.opt.Jobs, func(i int) error {
		f := r.x.files[i]
		b, err := fs.ReadFile(r.src.fsys, f.Real)
		if err != nil {
			return err
		}
		return r.writeFile(f.File, b)
	})
}

// linkTitle is p's linkTitle.
func linkTitle(p *page.Page) string { return p.Meta.LinkTitle }

// rendered reports whether p, an _index.md, has a page of its own (Hugo's
// build.render, headless and cascade applied).
func rendered(p *page.Page) bool {
	return !p.Meta.Headless && p.Meta.Build.Render == page.BuildAlways
}
