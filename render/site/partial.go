package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"reflect"
	"sync"
)

// Much of a page is the same on many pages: the site's header is the
// same on every page of a section, the footer on every page. The theme
// says so with {{partialCached "header.html" . .Section}}, as in Hugo:
// the output of layouts/partials/header.html for dot, which depends on
// dot only through the variants that follow the name. A render executes
// it once per variant and inserts the same HTML on every page; its links
// are site URLs, which each page's writing makes relative (links.go).
//
// Only the built-in theme's layouts are known to keep that promise: a
// site's own header.html may show the page's title. So when any layout
// of the theme is the site's own, partialCached executes the partial
// every time, as {{template "partials/header.html" .}} would.

// maxVariants is how many variants partialCached takes after dot.
const maxVariants = 3

// A partialKey is one partial executed for one set of variants.
type partialKey struct {
	name     string
	variants [maxVariants]any
}

// partials executes the theme's partials for partialCached.
type partials struct {
	memo bool     // the theme's layouts are the built-in ones: keep what each key gave
	done sync.Map // partialKey → template.HTML
}

// fn is partialCached for the template set t, which holds the partials.
func (p *partials) fn(t *template.Template) func(name string, dot any, variants ...any) (template.HTML, error) {
	return func(name string, dot any, variants ...any) (template.HTML, error) {
		name = "partials/" + name
		if len(variants) > maxVariants {
			return "", fmt.Errorf("partialCached %q: more than %d variants", name, maxVariants)
		}
		k := partialKey{name: name}
		for i, v := range variants {
			if v != nil && !reflect.TypeOf(v).Comparable() {
				return "", fmt.Errorf("partialCached %q: variant %d is a %T, which cannot be compared", name, i+1, v)
			}
			k.variants[i] = v
		}
		if !p.memo {
			return executePartial(t, name, dot)
		}
		if h, ok := p.done.Load(k); ok {
			return h.(template.HTML), nil
		}
		h, err := executePartial(t, name, dot)
		if err == nil {
			p.done.Store(k, h) // two pages at once may both execute it: they get the same HTML
		}
		return h, err
	}
}

func executePartial(t *template.Template, name string, dot any) (template.HTML, error) {
	pt := t.Lookup(name)
	if pt == nil {
		return "", fmt.Errorf("partialCached: no template %q", name)
	}
	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	buf.Reset()
	if err := pt.Execute(buf, dot); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// builtinLayouts reports whether the layouts of fsys, named in names, are
// all the files of builtin's layouts, byte for byte.
func builtinLayouts(fsys, builtin fs.FS, names []string) bool {
	own, err := fs.Glob(builtin, "layouts/*.html")
	if err != nil {
		return false
	}
	ownPartials, err := fs.Glob(builtin, "layouts/partials/*.html")
	if err != nil || len(own)+len(ownPartials) != len(names) {
		return false
	}
	for _, name := range names {
		a, err := fs.ReadFile(fsys, name)
		if err != nil {
			return false
		}
		if b, err := fs.ReadFile(builtin, name); err != nil || !bytes.Equal(a, b) {
			return false
		}
	}
	return true
}
