package shortcode

import (
	"fmt"
	"html/template"
	"reflect"
	"regexp"
	"strings"
)

// A callData is the dot of a site shortcode's template.
type callData struct {
	c      *Call
	inner  string
	env    *Env
	lib    *Library
	parent *callData
}

// Get returns the positional parameter key (an int) or the named one
// (a string); "" when absent.
func (d *callData) Get(key any) any {
	switch k := key.(type) {
	case int:
		return d.c.Get(k)
	case string:
		v, _ := d.c.Lookup(k)
		return v
	}
	return ""
}

func (d *callData) Inner() template.HTML { return template.HTML(d.inner) }
func (d *callData) IsNamedParams() bool  { return d.c.Named }
func (d *callData) Ordinal() int         { return d.c.Ordinal }
func (d *callData) Name() string         { return d.c.Name }
func (d *callData) Page() pageData       { return pageData{d.env.Page, d.lib} }

func (d *callData) Site() SiteInfo {
	if d.lib == nil {
		return SiteInfo{}
	}
	return d.lib.Site
}

// Params is a map of the named parameters, or a list of positional ones.
func (d *callData) Params() any {
	if d.c.Named {
		m := make(map[string]any, len(d.c.Params))
		for _, p := range d.c.Params {
			m[p.Name] = p.Value
		}
		return m
	}
	l := make([]string, len(d.c.Params))
	for i, p := range d.c.Params {
		l[i] = p.Value
	}
	return l
}

// Parent is the enclosing call (without its inner content, which is
// not rendered yet), or nil.
func (d *callData) Parent() *callData {
	if d.c.Parent == nil {
		return nil
	}
	return &callData{c: d.c.Parent, env: d.env, lib: d.lib}
}

// execute runs the site shortcode of c's name.
func (lib *Library) execute(c *Call, inner string, env *Env) (string, error) {
	if lib.markdownInner(c) {
		lib.rendered.Store(inner, true)
	}
	var b strings.Builder
	if err := lib.site[c.Name].Execute(&b, &callData{c: c, inner: inner, env: env, lib: lib}); err != nil {
		return "", fmt.Errorf("shortcode %q: %w", c.Name, err)
	}
	if lib.md[c.Name] {
		return lib.markdown(b.String())
	}
	return b.String(), nil
}

var tags = regexp.MustCompile(`<[^>]*>`)

func (lib *Library) funcs() template.FuncMap {
	m := lib.baseFuncs()
	lib.hugoFuncs(m)
	return m
}

func (lib *Library) baseFuncs() template.FuncMap {
	return template.FuncMap{
		"markdownify": func(v any) (template.HTML, error) {
			s := toString(v)
			if _, ok := lib.rendered.Load(s); ok {
				return template.HTML(s), nil
			}
			h, err := lib.inline(s)
			return template.HTML(h), err
		},
		"relURL": func(v any) string {
			s := toString(v)
			if hasScheme(s) {
				return s
			}
			return basePath(lib.Site.BaseURL) + strings.TrimPrefix(s, "/")
		},
		"absURL": func(v any) string {
			s := toString(v)
			if hasScheme(s) {
				return s
			}
			return strings.TrimSuffix(lib.Site.BaseURL, "/") + "/" + strings.TrimPrefix(s, "/")
		},
		"safeHTML":     func(v any) template.HTML { return template.HTML(toString(v)) },
		"safeURL":      func(v any) template.URL { return template.URL(toString(v)) },
		"safeHTMLAttr": func(v any) template.HTMLAttr { return template.HTMLAttr(toString(v)) },
		"plainify":     func(v any) string { return tags.ReplaceAllString(toString(v), "") },
		"default":      defaultValue,
		"where":        where,
		"lower":        func(v any) string { return strings.ToLower(toString(v)) },
		"upper":        func(v any) string { return strings.ToUpper(toString(v)) },
		"trim":         func(v any, cut string) string { return strings.Trim(toString(v), cut) },
		"replace":      func(v any, old, new string) string { return strings.ReplaceAll(toString(v), old, new) },
		"split":        func(v any, sep string) []string { return strings.Split(toString(v), sep) },
		"contains":     func(v any, sub string) bool { return strings.Contains(toString(v), sub) },
		"title": func(v any) string {
			s := toString(v)
			if s == "" {
				return s
			}
			return strings.ToUpper(s[:1]) + s[1:]
		},
	}
}

func toString(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case template.HTML:
		return string(s)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// defaultValue is Hugo's default: given's value unless it is empty.
func defaultValue(def any, given ...any) any {
	if len(given) == 0 || given[0] == nil {
		return def
	}
	v := reflect.ValueOf(given[0])
	if v.IsZero() || (v.Kind() == reflect.Slice || v.Kind() == reflect.Map) && v.Len() == 0 {
		return def
	}
	return given[0]
}

// where is Hugo's where with an equality or the operators
// =, ==, !=, in (a list as the value): the elements of list (maps)
// whose key matches.
func where(list any, key string, args ...any) ([]any, error) {
	op, want := "==", any(nil)
	switch len(args) {
	case 1:
		want = args[0]
	case 2:
		op, want = fmt.Sprint(args[0]), args[1]
	default:
		return nil, fmt.Errorf("where: want a value, or an operator and a value")
	}
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return nil, fmt.Errorf("where: %T is not a list", list)
	}
	var out []any
	for i := 0; i < v.Len(); i++ {
		el := v.Index(i).Interface()
		got := field(el, key)
		eq := fmt.Sprint(got) == fmt.Sprint(want)
		switch op {
		case "=", "==", "eq":
			if eq {
				out = append(out, el)
			}
		case "!=", "<>", "ne":
			if !eq {
				out = append(out, el)
			}
		default:
			return nil, fmt.Errorf("where: operator %q is not supported", op)
		}
	}
	return out, nil
}

// field returns key of el, a map or a struct, with dots for nesting.
func field(el any, key string) any {
	for _, k := range strings.Split(strings.TrimPrefix(key, "."), ".") {
		v := reflect.ValueOf(el)
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			v = v.Elem()
		}
		switch v.Kind() {
		case reflect.Map:
			x := v.MapIndex(reflect.ValueOf(k))
			if !x.IsValid() {
				x = v.MapIndex(reflect.ValueOf(strings.ToLower(k)))
			}
			if !x.IsValid() {
				return nil
			}
			el = x.Interface()
		case reflect.Struct:
			x := v.FieldByName(k)
			if !x.IsValid() {
				return nil
			}
			el = x.Interface()
		default:
			return nil
		}
	}
	return el
}

func hasScheme(s string) bool {
	i := strings.Index(s, ":")
	return i > 0 && !strings.ContainsAny(s[:i], "/?#")
}

// basePath is the path of baseURL: "/" for "https://example.org/".
func basePath(baseURL string) string {
	if i := strings.Index(baseURL, "://"); i >= 0 {
		rest := baseURL[i+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			return rest[j:]
		}
		return "/"
	}
	if baseURL == "" {
		return "/"
	}
	return baseURL
}
