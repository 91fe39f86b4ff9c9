package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/pipedocs/pipedocs/render/config"
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
		lines := lineIndex(p)
		for _, e := range errs {
			d := lines.At(p.Path, p.BodyStart+e.Offset, "%s", e.Msg)
			if e.Warning {
				d.Severity = diag.Warning
			}
			diags = append(diags, d)
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
	lib, err := shortcode.Load(fsys, shortcode.SiteInfo{Title: s.Title, BaseURL: s.BaseURL, Params: s.Params}, render)
	if lib != nil {
		lib.Anchorize, lib.Code = markdown.Anchorize, markdown.Code
	}
	return lib, err
}

// loadDiags reports the site shortcodes whose template does not parse:
// an error, or a warning when a built-in of the name stands in.
func loadDiags(lib *shortcode.Library) diag.List {
	var diags diag.List
	for _, e := range lib.LoadErrors {
		d := diag.Diagnostic{Path: e.Path, Line: e.Line, Msg: e.Msg}
		if e.Warning {
			d.Severity = diag.Warning
		}
		diags = append(diags, d)
	}
	return diags
}

// SiteInfoSource is what a shortcode library needs of the config.
type SiteInfoSource struct {
	Title, BaseURL string
	Params         map[string]any
}

// checkRefs resolves every ref and relref of the site, and checks each
// one's #fragment against the ids of the page it names (SPEC §2.1): one
// that names no page or id is a broken link, an error (exit 1, as any
// broken link) or a warning with brokenLinks = "warn". CheckLinks calls
// it with the pages written.
func (s *Site) checkRefs(li *linkIndex) diag.List {
	warn := s.Config.BrokenLinks == config.BrokenLinksWarn
	byURL := map[string]*linkPage{}
	for _, lp := range li.of {
		byURL[lp.url] = lp
	}
	var diags diag.List
	for _, a := range s.Pages {
		if a.shortcodes == nil || li.of[a] == nil {
			continue
		}
		for _, c := range a.shortcodes.Calls {
			if c.Name != "ref" && c.Name != "relref" || s.lib.IsSite(c.Name) {
				continue
			}
			problem := refProblem(s.refs, byURL, li.of[a], a.Page, refTarget(c))
			if problem == "" {
				continue
			}
			d := lineIndex(a.Page).At(a.Page.Path, a.Page.BodyStart+c.Start, "%s", problem)
			if warn {
				d.Severity = diag.Warning
			}
			diags = append(diags, d)
		}
	}
	return diags
}

// refProblem is what is wrong with ref target on page from, or "".
func refProblem(t *refTable, byURL map[string]*linkPage, from *linkPage, p *page.Page, target string) string {
	u, err := t.resolve(p, target)
	if err != nil {
		return err.Error()
	}
	path, frag, _ := strings.Cut(u, "#")
	if frag == "" {
		return ""
	}
	lp := from
	if path != "" {
		lp = byURL[path]
	}
	if lp == nil || slices.Contains(lp.a.ids, frag) || isSnippetID(lp.a, frag) {
		return ""
	}
	return fmt.Sprintf("ref %q: %s has no heading or id %q", target, lp.a.Page.Path, frag)
}

// refTarget is the target of a ref or relref call.
func refTarget(c *shortcode.Call) string {
	if t := c.Get(0); t != "" {
		return t
	}
	t, _ := c.Lookup("path")
	return t
}

// A refTable is what ref and relref resolve to, made from the site's
// index once: the content path of every page, section (with or without
// its _index.md) and the home page, to its URL.
type refTable struct {
	urls   map[string]string   // "content/a/b.md", "content/a/_index.md", "content/a", "content" → URL
	byName map[string][]string // a page's logical name ("b", a bundle's folder name) → URLs
	warn   bool                // brokenLinks = "warn": an unresolvable target renders as written
}

func newRefTable(x *index, warn bool) *refTable {
	t := &refTable{urls: map[string]string{"content": x.site.Home}, byName: map[string][]string{}, warn: warn}
	add := func(p, u string) {
		t.urls[p] = u
		name := strings.TrimSuffix(path.Base(p), ".md")
		if name == "index" || name == "_index" {
			name = path.Base(path.Dir(p))
		}
		t.byName[name] = append(t.byName[name], u)
	}
	if x.home != nil {
		t.urls[x.home.Page.Path] = x.site.Home
	}
	for _, e := range x.articles {
		add(e.Path, e.URL)
	}
	for _, sec := range x.sections { // at every depth, by their folder below content/
		t.urls[path.Join("content", sec.node.Dir)] = sec.URL
		if sec.art != nil {
			add(sec.art.Page.Path, sec.URL)
		}
	}
	return t
}

// resolve finds the URL of ref target, as Hugo's ref does: a path
// starting with "/" from content/, another from from's folder first,
// then from content/, then a page's name alone when one page has it; a
// #fragment is kept.
func (t *refTable) resolve(from *page.Page, target string) (string, error) {
	frag := ""
	if i := strings.IndexByte(target, '#'); i >= 0 {
		target, frag = target[:i], target[i:]
	}
	if target == "" {
		return frag, nil
	}
	bases := []string{path.Join("content", target)}
	if !strings.HasPrefix(target, "/") {
		bases = append([]string{path.Join(path.Dir(from.Path), target)}, bases...)
	}
	for _, base := range bases {
		for _, p := range [...]string{base, base + ".md", path.Join(base, "index.md"), path.Join(base, "_index.md")} {
			if u, ok := t.urls[p]; ok {
				return u + frag, nil
			}
		}
	}
	switch found := t.byName[strings.TrimSuffix(target, ".md")]; {
	case strings.Contains(target, "/"):
	case len(found) == 1:
		return found[0] + frag, nil
	case len(found) > 1:
		return "", fmt.Errorf("ref %q: %d pages have this name; give its path", target, len(found))
	}
	return "", fmt.Errorf("ref %q: no page, section or home page has this path", target)
}

// expand places the shortcodes' output into a's rendered body.
func (r *renderer) expand(a *Article, art markdown.Article) (markdown.Article, error) {
	if a.shortcodes == nil {
		return art, nil
	}
	p := a.Page
	env := &shortcode.Env{
		Page: shortcode.PageInfo{Title: p.Meta.Title, Params: p.Meta.Params, RelPermalink: r.src.refs.urls[p.Path]},
		Ref: func(t string) (string, error) {
			u, err := r.src.refs.resolve(p, t)
			if err != nil && r.src.refs.warn { // reported by checkRefs
				return t, nil
			}
			return u, err
		},
	}
	res, err := a.shortcodes.Expand(string(art.Body), p.Src[p.BodyStart:], r.src.lib, env)
	if err != nil {
		var e shortcode.Error
		if errors.As(err, &e) {
			return art, lineIndex(p).At(p.Path, p.BodyStart+e.Offset, "%s", e.Msg)
		}
		return art, fmt.Errorf("%s: %w", p.Path, err)
	}
	art.Body = template.HTML(res.HTML)
	art.Summary = res.Text(art.Summary)
	toc := make([]markdown.Heading, len(art.TOC))
	for i, hd := range art.TOC {
		hd.ID, hd.Text = res.ID(hd.ID), res.Text(hd.Text)
		toc[i] = hd
	}
	art.TOC = toc
	return art, nil
}

// lineIndex returns p's line index, made when p has none.
func lineIndex(p *page.Page) *diag.LineIndex {
	if p.Lines != nil {
		return p.Lines
	}
	return diag.NewLineIndex(p.Src)
}
