package shortcode

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// A Library is the shortcodes a site knows: the built-ins and its own
// layouts/shortcodes/NAME.html or NAME.md, which replace a built-in of
// the same name. It is safe for concurrent use. A nil *Library knows the
// built-ins only and renders no Markdown.
//
// A site shortcode's template sees the call as its dot:
//
//	.Get 0, .Get "name"   a positional or named parameter ("" when absent)
//	.Inner                the inner content: HTML for {{% %}} (rendered as Markdown), the raw text for {{< >}}
//	.Params               the parameters: a map for named ones, a list for positional ones
//	.IsNamedParams        whether they are named
//	.Ordinal              the call's index among its siblings
//	.Parent               the enclosing call, or nil
//	.Name                 the shortcode's name
//	.Page.Title, .Page.Params, .Page.RelPermalink, .Page.RenderString
//	.Site.Params, .Site.BaseURL, .Site.Title
//
// with the functions markdownify, relURL, absURL, safeHTML, safeURL,
// safeHTMLAttr, plainify, default, printf, where, index, lower, upper,
// title, trim, replace, split, strings.Contains (as contains), those of
// hugofuncs.go (slice, dict, in, cond, urlize, highlight, readFile, the
// transform, strings and os namespaces, .Page.RenderString), and
// html/template's own. A NAME.md shortcode's output is Markdown: it is
// rendered before it is placed.
type Library struct {
	Site     SiteInfo
	Markdown func(src string) (string, error) // renders Markdown to HTML; nil renders nothing
	// Code renders code as a fence with info string info that does not
	// run, or inline as a <code> (the highlight shortcode); nil renders
	// it through Markdown, always as a block.
	Code func(info string, code []byte, inline bool) (string, error)
	// Anchorize makes a heading's id of its text as the Markdown
	// renderer does, without making it unique; nil leaves the ids of
	// headings holding a call as the renderer made them.
	Anchorize func(text string) string
	site      map[string]*template.Template
	md        map[string]bool // the .md ones
	rendered  sync.Map        // inner HTML already rendered: markdownify passes it through
	fsys      fs.FS           // the site's root, for readFile
	// LoadErrors are the site shortcodes whose template does not parse
	// (a function pipedocs lacks): each is left out, and its calls are
	// unknown shortcodes.
	LoadErrors []LoadError
}

// A LoadError is a site shortcode's template that does not parse.
type LoadError struct {
	Path string // layouts/shortcodes/NAME.html
	Line int    // 0 when unknown
	Msg  string
	// Warning: a built-in of the same name is used instead.
	Warning bool
}

func (e LoadError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return e.Path + ": " + e.Msg
}

// templateErr finds the line and message of html/template's parse error.
var templateErr = regexp.MustCompile(`^template: [^:]*:(\d+):(?:\d+:)? ?(.*)$`)

func loadError(name string, err error) LoadError {
	e := LoadError{Path: name, Msg: err.Error()}
	if m := templateErr.FindStringSubmatch(err.Error()); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		e.Msg = m[2]
	}
	if strings.Contains(e.Msg, "not defined") {
		e.Msg += " (pipedocs has the part of Hugo's template API its README lists)"
	}
	short := strings.TrimSuffix(path.Base(name), path.Ext(name))
	if _, ok := builtins[short]; ok {
		e.Warning = true
		e.Msg += "; the built-in " + short + " is used instead"
	}
	return e
}

// SiteInfo is what .Site shows.
type SiteInfo struct {
	Title   string
	BaseURL string // ends in "/"
	Params  map[string]any
}

// An Env is what a page's calls see of the page and the site.
type Env struct {
	Page PageInfo
	// Ref resolves ref and relref's target (a content path, relative to
	// the page's folder or to content/, with an optional #fragment) to a
	// site URL starting at "/".
	Ref func(target string) (string, error)
}

// PageInfo is what .Page shows.
type PageInfo struct {
	Title        string
	Params       map[string]any
	RelPermalink string
}

// Load reads the site shortcodes in fsys's layouts/shortcodes.
func Load(fsys fs.FS, site SiteInfo, markdown func(string) (string, error)) (*Library, error) {
	lib := &Library{Site: site, Markdown: markdown, site: map[string]*template.Template{}, md: map[string]bool{}, fsys: fsys}
	if fsys == nil {
		return lib, nil
	}
	names, err := fs.Glob(fsys, "layouts/shortcodes/*")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		ext := path.Ext(name)
		if ext != ".html" && ext != ".md" {
			continue
		}
		text, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("shortcode: %w", err)
		}
		short := strings.TrimSuffix(path.Base(name), ext)
		t, err := template.New(short).Funcs(lib.funcs()).Parse(string(text))
		if err != nil {
			lib.LoadErrors = append(lib.LoadErrors, loadError(name, err))
			continue
		}
		lib.site[short] = t
		lib.md[short] = ext == ".md"
	}
	return lib, nil
}

// Known reports whether name is a site shortcode or a built-in.
func (lib *Library) Known(name string) bool {
	if lib != nil && lib.site[name] != nil {
		return true
	}
	_, ok := builtins[name]
	return ok
}

// inline reports whether name is an inline shortcode's, NAME.inline,
// which pipedocs, as Hugo with enableInlineShortcodes off, leaves out.
func inline(lib *Library, name string) bool {
	return strings.HasSuffix(name, ".inline") && !lib.IsSite(name)
}

// IsSite reports whether name is one of the site's own shortcodes,
// which replaces a built-in of the same name.
func (lib *Library) IsSite(name string) bool { return lib != nil && lib.site[name] != nil }

// markdownInner reports whether c's inner content is Markdown: a
// {{% %}} call, or the built-in details.
func (lib *Library) markdownInner(c *Call) bool {
	if c.Markdown {
		return true
	}
	if lib != nil && lib.site[c.Name] != nil {
		return false
	}
	b, ok := builtins[c.Name]
	return ok && b.markdownInner
}

// Check reports the calls of d that no shortcode answers and the
// built-ins' missing parameters.
func (lib *Library) Check(d *Doc) []Error {
	var errs []Error
	for _, c := range d.Calls {
		if inline(lib, c.Name) {
			errs = append(errs, Error{Offset: c.Start, Warning: true,
				Msg: fmt.Sprintf("inline shortcode %q left out: enableInlineShortcodes is off, as by default in Hugo, which renders nothing for it either", c.Name)})
			continue
		}
		if !lib.Known(c.Name) && lib.failed(c.Name) {
			errs = append(errs, Error{Offset: c.Start, Msg: fmt.Sprintf("shortcode %q: its template layouts/shortcodes/%s does not parse (reported there)", c.Name, c.Name)})
			continue
		}
		if !lib.Known(c.Name) {
			errs = append(errs, Error{Offset: c.Start, Msg: fmt.Sprintf("unknown shortcode %q (no built-in and no layouts/shortcodes/%s.html)", c.Name, c.Name)})
			continue
		}
		if lib != nil && lib.site[c.Name] != nil {
			continue
		}
		if b := builtins[c.Name]; b.check != nil {
			if msg := b.check(c); msg != "" {
				errs = append(errs, Error{Offset: c.Start, Msg: fmt.Sprintf("shortcode %q: %s", c.Name, msg)})
			}
		}
	}
	return errs
}

// render returns c's output, given its inner content.
func (lib *Library) render(c *Call, inner string, env *Env) (string, error) {
	if lib != nil && lib.site[c.Name] != nil {
		return lib.execute(c, inner, env)
	}
	if inline(lib, c.Name) {
		return "", nil
	}
	b, ok := builtins[c.Name]
	if !ok {
		return "", fmt.Errorf("unknown shortcode %q", c.Name)
	}
	return b.render(lib, c, inner, env)
}

// markdown renders src with lib's renderer.
func (lib *Library) markdown(src string) (string, error) {
	if lib == nil || lib.Markdown == nil {
		return template.HTMLEscapeString(src), nil
	}
	return lib.Markdown(src)
}

// inline renders src as Markdown, without the paragraph around a single
// one, as Hugo's markdownify does.
func (lib *Library) inline(src string) (string, error) {
	h, err := lib.markdown(src)
	if err != nil {
		return "", err
	}
	h = strings.TrimSpace(h)
	if strings.HasPrefix(h, "<p>") && strings.HasSuffix(h, "</p>") && strings.Count(h, "<p>") == 1 {
		h = h[3 : len(h)-4]
	}
	return h, nil
}

// failed reports whether name's site template did not parse.
func (lib *Library) failed(name string) bool {
	if lib == nil {
		return false
	}
	for _, e := range lib.LoadErrors {
		if b := path.Base(e.Path); strings.TrimSuffix(b, path.Ext(b)) == name {
			return true
		}
	}
	return false
}
