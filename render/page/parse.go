package page

import (
	"path"
	"strings"

	"github.com/pipedocs/pipedocs/render/diag"
)

// Parse splits one content file into front matter and body and decodes the
// front matter. rel is the file's path below content/ ("pipes/basics.md"),
// which decides its Kind, Section and default Slug; path is the path shown
// in diagnostics ("content/pipes/basics.md").
//
// The returned Page is never nil: with diagnostics it holds whatever could
// be decoded, so a caller can still report on it.
func Parse(path, rel string, src []byte) (*Page, diag.List) {
	p := &Page{Path: path, File: path, Src: src, Lines: diag.NewLineIndex(src)}
	var errs diag.List
	if d, ok := p.place(rel); !ok {
		errs = append(errs, d)
	}

	b, closed := split(src)
	p.BodyStart = b.body
	if !closed {
		return p, append(errs, p.Lines.At(path, 0, "%s", b.unclosed()))
	}
	s := &source{path: path, src: src, lines: p.Lines, block: b}
	entries, derrs := s.decode()
	errs = append(errs, derrs...)
	f := fields{src: s}
	p.Meta = f.frontMatter(entries)
	errs = append(errs, f.errs...)
	p.slugAt = f.slugAt

	// title is optional, as in Hugo (SPEC §2): a page without one is
	// titled from its file name where it is shown.
	if p.Kind == Article && p.Meta.Slug != "" {
		p.Slug = p.Meta.Slug
	}
	errs.Sort()
	return p, errs
}

// place sets Kind, Section and the default Slug from rel, the file's path
// below content/. An _index.md at any depth is a section's (Hugo's branch
// bundle); render/content decides the rest of the tree.
func (p *Page) place(rel string) (diag.Diagnostic, bool) {
	dir, file := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	name := strings.TrimSuffix(file, ".md")
	section, _, _ := strings.Cut(dir, "/")
	p.Section = section
	switch {
	case name != "_index":
		p.Kind, p.Slug = Article, name
	case dir == "":
		p.Kind = Home
	default:
		p.Kind = Section
	}
	return diag.Diagnostic{}, true
}
