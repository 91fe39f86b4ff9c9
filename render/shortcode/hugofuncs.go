package shortcode

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
	yaml "go.yaml.in/yaml/v3"
)

// More of Hugo's template functions, those the shortcodes of real Hugo
// sites call most (a code toggle, readfile, a details of Hugo 0.140):
// slice, dict, in, cond, urlize, highlight, readFile, the namespaces
// transform (Unmarshal, Remarshal, Highlight, Markdownify, Plainify),
// strings and os (ReadFile), and .Page.RenderString.

func (lib *Library) hugoFuncs(m template.FuncMap) {
	m["slice"] = func(v ...any) []any { return v }
	m["dict"] = dict
	m["in"] = in
	m["cond"] = func(c bool, a, b any) any {
		if c {
			return a
		}
		return b
	}
	m["urlize"] = urlize
	m["highlight"] = lib.highlightFunc
	m["readFile"] = lib.readFile
	m["transform"] = func() transformNS { return transformNS{lib} }
	m["strings"] = func() stringsNS { return stringsNS{} }
	m["os"] = func() osNS { return osNS{lib} }
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: want key and value pairs")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		m[toString(kv[i])] = kv[i+1]
	}
	return m, nil
}

// in reports whether list (a slice, or a string) holds v.
func in(list, v any) bool {
	if s, ok := list.(string); ok {
		return strings.Contains(s, toString(v))
	}
	l := reflect.ValueOf(list)
	if l.Kind() != reflect.Slice && l.Kind() != reflect.Array {
		return false
	}
	for i := 0; i < l.Len(); i++ {
		if fmt.Sprint(l.Index(i).Interface()) == fmt.Sprint(v) {
			return true
		}
	}
	return false
}

var urlUnsafe = regexp.MustCompile(`[^\p{L}\p{N}\-_./#%]+`)

// urlize is Hugo's: lower case, spaces as "-", punctuation dropped.
func urlize(v any) string {
	s := strings.ToLower(strings.TrimSpace(toString(v)))
	s = strings.Join(strings.Fields(s), "-")
	return urlUnsafe.ReplaceAllString(s, "")
}

// highlightFunc is Hugo's highlight CODE LANG OPTIONS.
func (lib *Library) highlightFunc(code any, lang string, opts ...any) (template.HTML, error) {
	info := lang
	o := ""
	if len(opts) > 0 {
		o = toString(opts[0])
	}
	o, inline := fenceOptions(o)
	if o != "" {
		info += " {" + o + "}"
	}
	src := strings.TrimSuffix(toString(code), "\n") + "\n"
	if lib.Code == nil {
		return template.HTML("<pre><code>" + template.HTMLEscapeString(src) + "</code></pre>"), nil
	}
	h, err := lib.Code(info, []byte(src), inline)
	return template.HTML(h), err
}

// readFile reads a file of the site, by its path from the site's root
// (Hugo's working folder); a path out of it is an error.
func (lib *Library) readFile(name any) (string, error) {
	p := strings.TrimPrefix(path.Clean("/"+toString(name)), "/")
	if lib.fsys == nil {
		return "", fmt.Errorf("readFile %q: no site folder", name)
	}
	b, err := fs.ReadFile(lib.fsys, p)
	if err != nil {
		return "", fmt.Errorf("readFile %q: %w", name, err)
	}
	return string(b), nil
}

type osNS struct{ lib *Library }

func (o osNS) ReadFile(name any) (string, error) { return o.lib.readFile(name) }

type stringsNS struct{}

func (stringsNS) Contains(s, sub any) bool   { return strings.Contains(toString(s), toString(sub)) }
func (stringsNS) HasPrefix(s, p any) bool    { return strings.HasPrefix(toString(s), toString(p)) }
func (stringsNS) HasSuffix(s, p any) bool    { return strings.HasSuffix(toString(s), toString(p)) }
func (stringsNS) TrimPrefix(p, s any) string { return strings.TrimPrefix(toString(s), toString(p)) }
func (stringsNS) TrimSuffix(p, s any) string { return strings.TrimSuffix(toString(s), toString(p)) }
func (stringsNS) TrimSpace(s any) string     { return strings.TrimSpace(toString(s)) }
func (stringsNS) ToLower(s any) string       { return strings.ToLower(toString(s)) }
func (stringsNS) ToUpper(s any) string       { return strings.ToUpper(toString(s)) }
func (stringsNS) Replace(s, old, new any) string {
	return strings.ReplaceAll(toString(s), toString(old), toString(new))
}
func (stringsNS) Split(s, sep any) []string { return strings.Split(toString(s), toString(sep)) }

type transformNS struct{ lib *Library }

// Unmarshal reads TOML, YAML or JSON, told apart as Hugo does by the
// text: JSON starts with { or [, TOML has "key =" lines, else YAML.
func (transformNS) Unmarshal(v any) (any, error) {
	s := strings.TrimSpace(toString(v))
	var out any
	switch format(s) {
	case "json":
		err := json.Unmarshal([]byte(s), &out)
		return out, err
	case "toml":
		m := map[string]any{}
		_, err := toml.Decode(s, &m)
		return m, err
	}
	err := yaml.Unmarshal([]byte(s), &out)
	return out, err
}

var tomlLine = regexp.MustCompile(`(?m)^\s*(\[[^\]]+\]\s*$|[\w."-]+\s*=)`)

func format(s string) string {
	switch {
	case strings.HasPrefix(s, "{") || strings.HasPrefix(s, "["):
		if !tomlLine.MatchString(s) {
			return "json"
		}
		return "toml"
	case tomlLine.MatchString(s):
		return "toml"
	}
	return "yaml"
}

// Remarshal writes data (a map, or text Unmarshal reads) as format:
// toml, yaml or json.
func (t transformNS) Remarshal(format string, data any) (string, error) {
	if s, ok := data.(string); ok {
		v, err := t.Unmarshal(s)
		if err != nil {
			return "", err
		}
		data = v
	}
	var b bytes.Buffer
	switch strings.ToLower(format) {
	case "toml":
		if err := toml.NewEncoder(&b).Encode(data); err != nil {
			return "", err
		}
	case "yaml", "yml":
		e := yaml.NewEncoder(&b)
		e.SetIndent(2)
		if err := e.Encode(data); err != nil {
			return "", err
		}
	case "json":
		j, err := json.MarshalIndent(data, "", "   ")
		if err != nil {
			return "", err
		}
		b.Write(j)
		b.WriteByte('\n')
	default:
		return "", fmt.Errorf("transform.Remarshal: unknown format %q", format)
	}
	return b.String(), nil
}

func (t transformNS) Highlight(code any, lang string, opts ...any) (template.HTML, error) {
	return t.lib.highlightFunc(code, lang, opts...)
}

func (t transformNS) Markdownify(v any) (template.HTML, error) {
	h, err := t.lib.inline(toString(v))
	return template.HTML(h), err
}

func (transformNS) Plainify(v any) string { return tags.ReplaceAllString(toString(v), "") }

// A pageData is .Page: PageInfo's fields, and RenderString.
type pageData struct {
	PageInfo
	lib *Library
}

// RenderString is Hugo's .Page.RenderString [OPTIONS] TEXT: Markdown as
// inline HTML, or as blocks with (dict "display" "block").
func (p pageData) RenderString(args ...any) (template.HTML, error) {
	if len(args) == 0 {
		return "", fmt.Errorf("RenderString: want the text")
	}
	src := toString(args[len(args)-1])
	block := false
	if len(args) > 1 {
		if m, ok := args[0].(map[string]any); ok && toString(m["display"]) == "block" {
			block = true
		}
	}
	if block {
		if _, ok := p.lib.rendered.Load(src); ok {
			return template.HTML(src), nil
		}
		h, err := p.lib.markdown(src)
		return template.HTML(h), err
	}
	h, err := p.lib.inline(src)
	return template.HTML(h), err
}
