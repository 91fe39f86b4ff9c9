package site

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// layouts are the page layouts a theme must have; each is executed
// through layouts/baseof.html. alias.html stands alone.
var layouts = [...]string{"home", "section", "article", "terms", "term", "404"}

// A theme is a parsed set of layouts, safe for concurrent use.
type theme struct {
	pages    map[string]*template.Template // by kind; execute "baseof.html"
	alias    *template.Template
	partials partials // what partialCached keeps
}

// loadTheme parses the layouts of fsys. funcs are the site-specific
// template functions; they must be known before parsing. A theme's
// partialCached keeps each partial's output when fsys's layouts are
// builtin's (partial.go).
func loadTheme(fsys, builtin fs.FS, funcs template.FuncMap) (*theme, error) {
	var names []string // the layouts parsed
	read := func(name string) (string, error) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return "", fmt.Errorf("theme: %w", err)
		}
		names = append(names, name)
		return string(b), nil
	}
	parse := func(t *template.Template, name string) error {
		text, err := read(name)
		if err != nil {
			return err
		}
		if _, err := t.New(path.Base(name)).Parse(text); err != nil {
			return fmt.Errorf("theme: %w", err) // html/template errors name the template and line
		}
		return nil
	}

	partials, err := fs.Glob(fsys, "layouts/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	th := &theme{pages: make(map[string]*template.Template, len(layouts))}
	// Each set of templates gets a partialCached of its own, which
	// executes that set's partials; this one is for parsing.
	common := template.New("").Funcs(funcs).Funcs(template.FuncMap{"partialCached": func(string, any, ...any) (template.HTML, error) {
		return "", errors.New("partialCached: no page")
	}})
	for _, name := range partials { // fs.Glob returns them sorted
		text, err := read(name)
		if err != nil {
			return nil, err
		}
		if _, err := common.New(strings.TrimPrefix(name, "layouts/")).Parse(text); err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
	}

	base, err := common.Clone()
	if err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	if err := parse(base, "layouts/baseof.html"); err != nil {
		return nil, err
	}
	for _, kind := range layouts {
		t, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		if err := parse(t, "layouts/"+kind+".html"); err != nil {
			return nil, err
		}
		t.Funcs(template.FuncMap{"partialCached": th.partials.fn(t)})
		th.pages[kind] = t.Lookup("baseof.html")
	}
	if th.alias, err = common.Clone(); err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	if err := parse(th.alias, "layouts/alias.html"); err != nil {
		return nil, err
	}
	th.alias.Funcs(template.FuncMap{"partialCached": th.partials.fn(th.alias)})
	th.alias = th.alias.Lookup("alias.html")
	th.partials.memo = builtinLayouts(fsys, builtin, names)
	return th, nil
}

// templateFuncs are the functions theme templates may call besides
// html/template's own.
func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"date": func(t time.Time) string { return t.Format("2 January 2006") },
		"isodate": func(t time.Time) string {
			if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
				return t.Format(time.DateOnly)
			}
			return t.Format(time.RFC3339)
		},
		// mixedSections reports whether a listing holds the articles
		// of more than one section: only then is each one's section
		// worth naming.
		"mixedSections": func(entries []*Entry) bool {
			for _, e := range entries {
				if e.Section != entries[0].Section {
					return true
				}
			}
			return false
		},
		// dict makes a map of its key and value pairs, as Hugo's does:
		// the dot of a partial that needs more than one value.
		"dict": func(pairs ...any) (map[string]any, error) {
			if len(pairs)%2 != 0 {
				return nil, errors.New("dict: a key without a value")
			}
			m := make(map[string]any, len(pairs)/2)
			for i := 0; i < len(pairs); i += 2 {
				k, ok := pairs[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %d is a %T, not a string", i/2+1, pairs[i])
				}
				m[k] = pairs[i+1]
			}
			return m, nil
		},
		// rel turns a path from the site root into a site URL, which
		// Render makes relative to the page: {{rel "style.css"}}.
		"rel": func(p string) string { return fileURL(strings.TrimPrefix(p, "/")) },
	}
}

// OverlayTheme lays a site's theme directory over the built-in theme:
// a file in site wins over the file of the same name in builtin, and a
// directory lists the entries of both. So a site overrides one layout, or
// only static/style.css, and keeps the rest of the built-in theme.
func OverlayTheme(site fs.FS, builtin fs.FS) fs.FS {
	return overlay{top: site, bottom: builtin}
}

type overlay struct{ top, bottom fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := o.top.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return o.bottom.Open(name)
	}
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.IsDir() {
		return f, nil
	}
	entries, err := o.ReadDir(name)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &mergedDir{File: f, entries: entries}, nil
}

// ReadDir lists name in both layers, top's entry winning, sorted by name.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	top, terr := fs.ReadDir(o.top, name)
	bottom, berr := fs.ReadDir(o.bottom, name)
	if terr != nil && berr != nil {
		return nil, terr
	}
	seen := make(map[string]bool, len(top))
	for _, e := range top {
		seen[e.Name()] = true
	}
	for _, e := range bottom {
		if !seen[e.Name()] {
			top = append(top, e)
		}
	}
	slices.SortFunc(top, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return top, nil
}

// mergedDir is a directory of the top layer that lists both layers.
type mergedDir struct {
	fs.File
	entries []fs.DirEntry
}

func (d *mergedDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if n <= 0 {
		rest := d.entries
		d.entries = nil
		return rest, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	batch := d.entries[:n]
	d.entries = d.entries[n:]
	return batch, nil
}
