package page

import (
	"bytes"
	"strings"

	"github.com/pipedocs/pipedocs/render/diag"
)

// ParsePlain reads a Markdown file that belongs to no site (SPEC §1.2):
// README.md, docs/guide.md. path is the path shown in diagnostics. Front
// matter is optional and no title is required; a file whose first line
// is "---" or "+++" and that never closes it has none (in a README that
// line is a thematic break). The page is an Article whose Slug is the
// file name without ".md" and whose Section is "".
//
// The returned Page is never nil: with diagnostics (front matter that is
// there but does not decode) it holds whatever could be decoded.
func ParsePlain(path string, src []byte) (*Page, diag.List) {
	p := &Page{Path: path, File: path, Src: src, Lines: diag.NewLineIndex(src), Kind: Article}
	p.Slug = strings.TrimSuffix(path[strings.LastIndexByte(path, '/')+1:], ".md")
	b, closed := split(src)
	if !closed || b.format == none {
		if bytes.HasPrefix(src, bom) {
			p.BodyStart = len(bom)
		}
		return p, nil
	}
	p.BodyStart = b.body
	s := &source{path: path, src: src, lines: p.Lines, block: b}
	entries, errs := s.decode()
	f := fields{src: s}
	p.Meta = f.frontMatter(entries)
	errs = append(errs, f.errs...)
	p.slugAt = f.slugAt
	if p.Meta.Slug != "" {
		p.Slug = p.Meta.Slug
	}
	errs.Sort()
	return p, errs
}
