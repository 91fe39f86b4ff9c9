package site

import (
	"errors"
	"io/fs"

	"github.com/pipedocs/pipedocs/render/diag"
)

// CheckFiles reports, before anything runs, what would stop Render from
// writing s with the theme and static folder of o (SPEC §7): an alias
// onto a file that the theme or static/ provides (the theme's style.css,
// say), a page or alias that needs a folder where such a file is, and a
// symbolic link in static/ to a folder, which pipedocs does not copy. Each
// is reported at the front matter value, or at the static file, so that a
// build stops with path:line instead of an OS error after every snippet
// has run. Render makes the same checks.
func (s *Site) CheckFiles(o RenderOptions) diag.List {
	x, err := s.index()
	if err != nil {
		return nil // Parse has reported it
	}
	_, diags := x.outputs(o.Theme, o.Static)
	diags.Sort()
	return diags
}

// outputs claims every file Render writes: the theme's static files, the
// site's, then the content's, which were claimed once already by the
// index. It returns the claims and the problems found.
func (x *index) outputs(theme, static fs.FS) (*claims, diag.List) {
	var diags diag.List
	c := newClaims()
	if theme != nil {
		if sub, err := fs.Sub(theme, "static"); err == nil {
			diags = append(diags, claimTree(c, sub, "the theme's static/")...)
		}
	}
	if static != nil {
		diags = append(diags, claimTree(c, static, "static/")...)
	}
	// Render writes robots.txt unless static/ has one.
	if _, taken := c.files["robots.txt"]; !taken {
		c.claim("robots.txt", "the robots.txt pipedocs writes")
	}
	for _, f := range x.files {
		if k, ok := c.claim(f.File, f.Path); !ok {
			diags = append(diags, diag.Diagnostic{Path: f.Path, Msg: "/" + f.File + " " + k.String()})
		}
	}
	for _, w := range x.wants {
		k, ok := c.claim(w.file, w.a.Page.Path)
		if !ok && (k.folder || w.alias) {
			diags = append(diags, at(w.a.Page, w.value, "%s %s", w.what, k))
		}
	}
	return c, diags
}

// claimTree claims every file of fsys, named prefix+name in messages. A
// file claimed already (the site's static file over the theme's, which
// it replaces) is no problem; a symbolic link to a folder is.
func claimTree(c *claims, fsys fs.FS, prefix string) diag.List {
	var diags diag.List
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == "." && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll // a theme or site without static/
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if info, err := fs.Stat(fsys, name); err == nil && info.IsDir() {
				diags = append(diags, diag.Diagnostic{Path: prefix + name,
					Msg: "is a symbolic link to a folder; pipedocs copies files, not folders: link each file, or copy the folder into " + prefix})
				return nil
			}
		}
		if _, taken := c.files[name]; taken {
			return nil
		}
		if k, ok := c.claim(name, prefix+name); !ok {
			diags = append(diags, diag.Diagnostic{Path: prefix + name, Msg: k.String()})
		}
		return nil
	})
	if err != nil {
		diags = append(diags, diag.Diagnostic{Path: prefix, Msg: err.Error()})
	}
	return diags
}
