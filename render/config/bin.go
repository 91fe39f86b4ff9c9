package config

import (
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/pipedocs/pipedocs/render/internal/tomlkey"
)

// A Bin is one entry of [bin] (SPEC §4.2): a Go command of the module
// that pipedocs builds once per run and puts on the PATH of every
// snippet and transcript.
type Bin struct {
	// Name is the command's name on PATH: a plain file name of letters,
	// digits, '.', '_' and '-', starting with a letter or digit.
	Name string
	// Package is the command's package as written: a relative package
	// path ("./cmd/greet", "."), relative to the folder of the
	// pipedocs.toml that names it, and so inside the module that
	// encloses that folder, where it is built.
	Package string
	// Where is the entry's position, "pipedocs.toml:7", for the errors
	// of its build.
	Where string
}

// binName is what a [bin] name may be: a command a shell finds on PATH
// and that no option parser takes for an option.
var binName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// bins decodes [bin], sorted by name.
func (d *decoder) bins(key []string, v any) []Bin {
	t, ok := d.tableValue(key, v)
	if !ok {
		return nil
	}
	out := make([]Bin, 0, len(t))
	for _, name := range slices.Sorted(maps.Keys(t)) {
		bkey := append(slices.Clip(key), name)
		if !binName.MatchString(name) {
			d.keyErrorf(bkey, "not a command name: want letters, digits, '.', '_' and '-', starting with a letter or digit")
			continue
		}
		pkg, ok := d.string(bkey, t[name])
		if !ok {
			continue
		}
		if msg := checkPackage(pkg); msg != "" {
			d.errorf(bkey, "%s", msg)
			continue
		}
		out = append(out, Bin{Name: name, Package: pkg, Where: d.where(bkey)})
	}
	return out
}

// checkPackage says what is wrong with pkg as a [bin] package, "" when
// nothing is.
func checkPackage(pkg string) string {
	switch {
	case pkg != "." && pkg != ".." && !strings.HasPrefix(pkg, "./") && !strings.HasPrefix(pkg, "../"):
		return fmt.Sprintf("want a package path relative to this file, such as \"./cmd/greet\", got %q", pkg)
	case strings.Contains(pkg, "..."):
		return fmt.Sprintf("%q: one package, not a pattern", pkg)
	case strings.ContainsAny(pkg, "\\\x00") || pkg != path.Clean(pkg) && pkg != "./"+path.Clean(pkg):
		return fmt.Sprintf("%q: not a clean slash-separated path", pkg)
	}
	return ""
}

// where is key's position as path:line.
func (d *decoder) where(key []string) string {
	span, _ := tomlkey.Locate(d.text, key)
	line, _ := d.lines.Position(span.Key)
	return fmt.Sprintf("%s:%d", d.path, line)
}
