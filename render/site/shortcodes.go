package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"

	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/page"
	"github.com/pipedocs/pipedocs/render/shortcode"
)

// shortcodes parses p's shortcodes and returns them, with the body the
// Markdown parse sees (of the same length, see render/shortcode), and
// the problems found. A body without "{{" has no Doc.
func shortcodes(lib *shortcode.Library, p *page.Page) (*shortcode.Doc, []byte, diag.List) {
	body := p.Src[p.BodyStart:]
	if lib == nil || !bytes.Contains(body, []byte("{{")) { // no copy of the body on the hot path
		return nil, body, nil
	}
	doc, errs := shortcode.Parse(body)
	errs = append(errs, lib.Check(doc)...)
	var diags diag.List
	if len(errs) > 0 {
		lines := p.Lines
		if lines == nil {
			lines = diag.NewLineIndex(p.Src)
		}
		for _, e := range errs {
			diags = append(diags, lines.At(p.Path, p.BodyStart+e.Offset, "%s", e.Msg))
		}
	}
	if len(doc.Calls) == 0 && len(doc.Escapes) == 0 {
		return nil, body, diags
	}
	return doc, doc.Mask(body, lib, false), diags
}

// NewLibrary loads the site shortcodes of fsys (nil: the built-ins only).
func NewLibrary(fsys fs.FS, s SiteInfoSource, md *markdown.Renderer) (*shortcode.Library, error) {
	render := func(src string) (string, error) {
		doc, errs := md.Parse([]byte(src))
		if len(errs) > 0 {
			return "", fmt.Errorf("markdown: %s", errs[0].Msg)
		}
		art, err := md.Render([]byte(src), 0, doc, nil, nil)
		return string(art.Body), err
	}
	return shortcode.Load(fsys, shortcode.SiteInfo{Title: s.Title, BaseURL: s.BaseURL, Params: s.Params}, render)
}

// SiteInfoSource is what a shortcode library needs of the config.
type SiteInfoSource struct {
	Title, BaseURL string
	Params         map[string]any
}

// checkRefs resolves every ref and relref of the site, reporting those
// that name no page.
func (s *Site) checkRefs() diag.List {
	var diags diag.List
	for _, a := range s.Pages {
		if a.shortcodes == nil {
			continue
		}
		for _, c := range a.shortcodes.Calls {
			if c.Name != "ref" && c.Name != "relref" {
				continue
			}
			target := c.Get(0)
			if target == "" {
				target, _ = c.Lookup("path")
			}
			if _, err := s.resolve(a.Page, target); err != nil {
				p := a.Page
				lines := p.Lines
				if lines == nil {
					lines = diag.NewLineIndex(p.Src)
				}
				diags = append(diags, lines.At(p.Path, p.BodyStart+c.Start, "%s", err.Error()))
			}
		}
	}
	return diags
}

// resolve finds the URL of ref target, relative to from's folder or to
// content/, as Hugo's ref does.
func (s *Site) resolve(from *page.Page, target string) (string, error) {
	frag := ""
	if i := strings.IndexByte(target, '#'); i >= 0 {
		target, frag = target[:i], target[i:]
	}
	if target == "" {
		return frag, nil
	}
	urls := map[string]string{}
	if s.idx != nil {
		for _, e := range s.idx.articles {
			urls[e.Path] = e.URL
		}
	}
	dir := path.Dir(from.Path)
	var tries []string
	for _, base := range []string{path.Join(dir, target), path.Join("content", target)} {
		tries = append(tries, base, base+".md", path.Join(base, "index.md"), path.Join(base, "_index.md"))
	}
	for _, t := range tries {
		if u, ok := urls[t]; ok {
			return u + frag, nil
		}
	}
	// Hugo also finds a page by its file name alone when it is unique.
	var found []string
	for p, u := range urls {
		if path.Base(p) == target || path.Base(p) == target+".md" {
			found = append(found, u)
		}
	}
	if len(found) == 1 {
		return found[0] + frag, nil
	}
	return "", fmt.Errorf("ref %q: no page has this path", target)
}

// expand places the shortcodes' output into a's rendered body.
func (r *renderer) expand(a *Article, art markdown.Article) (markdown.Article, error) {
	if a.shortcodes == nil {
		return art, nil
	}
	p := a.Page
	env := &shortcode.Env{
		Page: shortcode.PageInfo{Title: p.Meta.Title, Params: p.Meta.Params},
		Ref:  func(t string) (string, error) { return r.src.resolve(p, t) },
	}
	h, err := a.shortcodes.Expand(string(art.Body), p.Src[p.BodyStart:], r.src.lib, env)
	if err != nil {
		return art, fmt.Errorf("%s: %w", p.Path, err)
	}
	art.Body = template.HTML(h)
	art.Summary = shortcode.Clean(art.Summary)
	toc := make([]markdown.Heading, len(art.TOC))
	for i, hd := range art.TOC {
		hd.Text = shortcode.Clean(hd.Text)
		toc[i] = hd
	}
	art.TOC = toc
	return art, nil
}
