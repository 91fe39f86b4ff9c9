package config

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/internal/jsonkey"
	"github.com/pipedocs/pipedocs/render/internal/tomlkey"
	"go.yaml.in/yaml/v3"
)

// HugoFiles are the names of a Hugo site's config file in its root, in
// Hugo's order: the first one present is read, the others are not.
var HugoFiles = []string{
	"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
	"config.toml", "config.yaml", "config.yml", "config.json",
}

// hugoConfigDir is Hugo's config directory for every environment.
const hugoConfigDir = "config/_default"

// A hugoFile is one Hugo config file, decoded.
type hugoFile struct {
	path   string // as shown in diagnostics
	src    []byte
	raw    map[string]any
	locate func(key []string) tomlkey.Span
}

// LoadSite reads a site's settings from fsys, its root: the Hugo config
// (the first of HugoFiles, then config/_default/* over it, as Hugo 0.111
// merges them), then pipedocs.toml over that, so a key pipedocs.toml sets wins (SPEC §1.1).
// display turns a path relative to the root into the path diagnostics
// show. The keys of a Hugo config that pipedocs does not use are listed in
// one warning, the returned diag.List; a bad file is an error, a diag.List
// of every problem in it; any other error is the file system's.
func LoadSite(fsys fs.FS, display func(rel string) string) (Config, diag.List, error) {
	files, err := readHugo(fsys, display)
	if err != nil {
		return Config{}, nil, err
	}
	c := Default()
	var ignored []string
	var warnAt diag.Diagnostic
	for _, f := range files {
		d := &decoder{path: f.path, text: string(f.src), lines: diag.NewLineIndex(f.src), defaults: c, locate: f.locate, hugo: true}
		c = d.config(f.raw)
		if len(d.errs) > 0 {
			d.errs.Sort()
			return Config{}, nil, d.errs
		}
		for _, k := range d.ignored {
			if len(ignored) == 0 {
				warnAt = d.lines.Warn(f.path, k.at, "")
			}
			name := k.name
			if f.path != warnAt.Path {
				name += " (" + f.path + ")"
			}
			ignored = append(ignored, name)
		}
	}
	var warnings diag.List
	if len(ignored) > 0 {
		warnAt.Msg = fmt.Sprintf("Hugo config: %d %s that pipedocs does not use, ignored: %s",
			len(ignored), plural(len(ignored), "key", "keys"), strings.Join(ignored, ", "))
		warnings = diag.List{warnAt}
	}
	src, err := fs.ReadFile(fsys, FileName)
	if errors.Is(err, fs.ErrNotExist) {
		return c, warnings, nil
	}
	if err != nil {
		return Config{}, nil, fmt.Errorf("reading config: %w", err)
	}
	c, err = ParseOver(display(FileName), src, c)
	return c, warnings, err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// readHugo reads the Hugo config files of the site, in the order they
// apply: the root's own file first, then config/_default/ (hugo.toml or
// config.toml there as the root, NAME.toml as the key NAME).
func readHugo(fsys fs.FS, display func(string) string) ([]hugoFile, error) {
	var files []hugoFile
	for _, name := range HugoFiles {
		f, err := readHugoFile(fsys, name, display)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		files = append(files, f)
		break
	}
	entries, err := fs.ReadDir(fsys, hugoConfigDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	for _, e := range entries {
		ext := path.Ext(e.Name())
		base := strings.TrimSuffix(e.Name(), ext)
		if e.IsDir() || !slices.Contains([]string{".toml", ".yaml", ".yml", ".json"}, ext) {
			continue
		}
		f, err := readHugoFile(fsys, path.Join(hugoConfigDir, e.Name()), display)
		if err != nil {
			return nil, err
		}
		if base != "hugo" && base != "config" { // params.toml holds [params]
			f.raw, f.locate = map[string]any{base: f.raw}, within(base, f.locate, f.src)
		}
		files = append(files, f)
	}
	return files, nil
}

// within locates the keys of a config/_default/NAME file, which are below
// NAME although the file does not say so.
func within(name string, locate func([]string) tomlkey.Span, src []byte) func([]string) tomlkey.Span {
	return func(key []string) tomlkey.Span {
		if len(key) < 2 || key[0] != name {
			return tomlkey.Span{}
		}
		if locate == nil {
			span, _ := tomlkey.Locate(string(src), key[1:])
			return span
		}
		return locate(key[1:])
	}
}

func readHugoFile(fsys fs.FS, name string, display func(string) string) (hugoFile, error) {
	src, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return hugoFile{}, err
	}
	if err != nil {
		return hugoFile{}, fmt.Errorf("reading config: %w", err)
	}
	f := hugoFile{path: display(name), src: src}
	lines := diag.NewLineIndex(src)
	switch path.Ext(name) {
	case ".toml":
		if _, err := toml.Decode(string(src), &f.raw); err != nil {
			var perr toml.ParseError
			if errors.As(err, &perr) {
				return f, diag.List{lines.At(f.path, perr.Position.Start, "invalid TOML: %s", perr.Message)}
			}
			return f, diag.List{{Path: f.path, Msg: fmt.Sprintf("invalid TOML: %v", err)}}
		}
	case ".json":
		doc, err := jsonkey.Decode(src)
		if err != nil {
			var serr *jsonkey.SyntaxError
			if errors.As(err, &serr) {
				return f, diag.List{lines.At(f.path, serr.Offset, "invalid JSON: %s", serr.Msg)}
			}
			return f, diag.List{{Path: f.path, Msg: fmt.Sprintf("invalid JSON: %v", err)}}
		}
		f.raw = doc.Map()
		f.locate = func(key []string) tomlkey.Span {
			s, _ := doc.Locate(key)
			return tomlkey.Span{Key: s.Key, Value: s.Value}
		}
	default:
		var doc yaml.Node
		if err := yaml.Unmarshal(src, &doc); err != nil {
			return f, diag.List{{Path: f.path, Msg: "invalid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}}
		}
		if len(doc.Content) > 0 {
			if err := doc.Content[0].Decode(&f.raw); err != nil {
				return f, diag.List{{Path: f.path, Msg: "invalid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}}
			}
			f.locate = yamlLocator(doc.Content[0], src)
		}
	}
	f.raw, _ = generic(f.raw).(map[string]any)
	if f.raw == nil {
		f.raw = map[string]any{}
	}
	return f, nil
}

// generic gives YAML and JSON values the types BurntSushi/toml decodes
// to, which the decoder expects: int64 integers, map[string]any tables.
func generic(v any) any {
	switch v := v.(type) {
	case int:
		return int64(v)
	case uint64:
		return int64(v)
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = generic(x)
		}
		return out
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[fmt.Sprint(k)] = generic(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = generic(x)
		}
		return out
	}
	return v
}

// yamlLocator finds keys in a YAML document by walking its nodes. As in
// tomlkey, a list has no index in a key: the first item that has the rest
// of the key is where it is.
func yamlLocator(root *yaml.Node, src []byte) func([]string) tomlkey.Span {
	var lineStarts []int
	lineStarts = append(lineStarts, 0)
	for i, b := range src {
		if b == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	offset := func(n *yaml.Node) int {
		if n.Line < 1 || n.Line > len(lineStarts) {
			return 0
		}
		off := lineStarts[n.Line-1]
		for col := n.Column; col > 1 && off < len(src) && src[off] != '\n'; col-- {
			_, size := utf8.DecodeRune(src[off:])
			off += size
		}
		return off
	}
	var find func(n *yaml.Node, key []string) (tomlkey.Span, bool)
	find = func(n *yaml.Node, key []string) (tomlkey.Span, bool) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Value != key[0] {
					continue
				}
				if len(key) == 1 {
					return tomlkey.Span{Key: offset(k), Value: offset(v)}, true
				}
				return find(v, key[1:])
			}
		case yaml.SequenceNode:
			for _, item := range n.Content {
				if s, ok := find(item, key); ok {
					return s, true
				}
			}
		case yaml.AliasNode:
			return find(n.Alias, key)
		}
		return tomlkey.Span{}, false
	}
	return func(key []string) tomlkey.Span {
		s, _ := find(root, key)
		return s
	}
}
