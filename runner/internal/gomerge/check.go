package gomerge

import (
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strconv"
	"strings"
)

// Denied are the standard packages a merged snippet may not import; see
// the package documentation.
var Denied = map[string]string{
	"C":               "uses cgo",
	"unsafe":          "imports unsafe",
	"plugin":          "loads plugins",
	"reflect":         "may print its own types' package",
	"runtime":         "may see its own function names and binary",
	"runtime/debug":   "may print its own stack",
	"runtime/pprof":   "profiles its own binary",
	"runtime/trace":   "traces its own binary",
	"runtime/cgo":     "uses cgo",
	"embed":           "embeds files",
	"testing":         "is a test",
	"expvar":          "registers on http.DefaultServeMux at init",
	"net/http/pprof":  "registers on http.DefaultServeMux at init",
	"time/tzdata":     "registers a time zone database at init",
	"image/gif":       "registers an image format at init",
	"image/jpeg":      "registers an image format at init",
	"image/png":       "registers an image format at init",
	"crypto/md5":      "registers a hash function at init",
	"crypto/sha1":     "registers a hash function at init",
	"crypto/sha256":   "registers a hash function at init",
	"crypto/sha512":   "registers a hash function at init",
	"crypto/sha3":     "registers a hash function at init",
	"encoding/gob":    "encodes its own types' names",
	"encoding/json":   "names its own types in messages",
	"encoding/xml":    "names its own types in messages",
	"encoding/asn1":   "names its own types in messages",
	"encoding/binary": "names its own types in messages",
	"net/rpc":         "registers and names its own types",
	"text/template":   "names its own types in messages",
	"html/template":   "names its own types in messages",
}

// registries are packages whose globals a package-level initialiser
// must not name: what it registers there would reach every snippet of
// the binary.
var registries = map[string]bool{
	"flag": true, "net/http": true, "net/rpc": true, "expvar": true, "log": true,
}

// directives are the comment prefixes that ask the compiler or the go
// command for something.
var directives = []string{"//go:", "//line ", "/*line ", "//export ", "//extern ", "// +build", "//+build"}

// typeVerb finds a format verb that prints a Go type name: %T, or %v
// with the # flag.
var typeVerb = regexp.MustCompile(`%[-+ 0]*(?:#[-+# 0]*)?[0-9*.\[\]]*T|%[-+ 0]*#[-+# 0]*[0-9*.\[\]]*v`)

// Check reports why the Go snippet src, a package main, cannot share a
// binary with others: "" when it can. The reasons are short phrases,
// for a log or a test ("has an init function").
func Check(src []byte) string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return "does not parse"
	}
	if f.Name.Name != "main" {
		return "is not package main"
	}
	if why := checkComments(f); why != "" {
		return why
	}
	imports, why := checkImports(f)
	if why != "" {
		return why
	}
	if why := checkDecls(f, imports); why != "" {
		return why
	}
	return checkBody(f)
}

func checkComments(f *ast.File) string {
	for _, g := range f.Comments {
		for _, c := range g.List {
			for _, d := range directives {
				if strings.HasPrefix(c.Text, d) {
					return "has a compiler directive " + strings.TrimSpace(d)
				}
			}
		}
	}
	return ""
}

// checkImports returns the names the file gives its imports, mapped to
// their paths.
func checkImports(f *ast.File) (map[string]string, string) {
	names := make(map[string]string)
	for _, spec := range f.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			return nil, "does not parse"
		}
		if why, ok := Denied[path]; ok {
			return nil, "imports " + path + ": " + why
		}
		if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") || !stdLike(path) {
			return nil, "imports " + path + ", which is not in the standard library"
		}
		name := path[strings.LastIndex(path, "/")+1:]
		if spec.Name != nil {
			name = spec.Name.Name
		}
		switch name {
		case "_":
			return nil, "has a blank import of " + path
		case ".":
			return nil, "has a dot import of " + path
		}
		names[name] = path
	}
	return names, ""
}

// stdLike reports whether path is spelled as a standard package is: no
// dot in its first element, no "internal" or "vendor" element, no
// "cmd/" tool package.
func stdLike(path string) bool {
	if strings.HasPrefix(path, "cmd/") {
		return false
	}
	for _, e := range strings.Split(path, "/") {
		if e == "internal" || e == "vendor" || e == "" {
			return false
		}
	}
	return true
}

// checkDecls checks the package-level declarations: a plain func main,
// no init, no Main, initialisers that run nothing.
func checkDecls(f *ast.File, imports map[string]string) string {
	types := declaredTypes(f)
	mains := 0
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil {
				continue
			}
			switch d.Name.Name {
			case "init":
				return "has an init function"
			case "Main":
				return "declares Main"
			case "main":
				if d.Type.TypeParams != nil || d.Type.Params.NumFields() > 0 || d.Type.Results != nil || d.Body == nil {
					return "has a func main that is not func main()"
				}
				mains++
			}
		case *ast.GenDecl:
			if why := checkGenDecl(d, types, imports); why != "" {
				return why
			}
		}
	}
	if mains != 1 {
		return "has no func main"
	}
	return ""
}

func checkGenDecl(d *ast.GenDecl, types map[string]bool, imports map[string]string) string {
	for _, spec := range d.Specs {
		var names []*ast.Ident
		var values []ast.Expr
		switch s := spec.(type) {
		case *ast.ValueSpec:
			names, values = s.Names, s.Values
		case *ast.TypeSpec:
			names = []*ast.Ident{s.Name}
		}
		for _, n := range names {
			if n.Name == "Main" {
				return "declares Main"
			}
		}
		if d.Tok != token.VAR {
			continue // constants are the compiler's, types run nothing
		}
		for _, v := range values {
			if why := pure(v, types, imports); why != "" {
				return "has a package-level variable " + why
			}
		}
	}
	return ""
}

// declaredTypes returns the file's package-level names: true for a
// type, whose calls are conversions, false for the others, which shadow
// the predeclared functions and types.
func declaredTypes(f *ast.File) map[string]bool {
	types := make(map[string]bool)
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				types[d.Name.Name] = false
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					types[s.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range s.Names {
						types[n.Name] = false
					}
				}
			}
		}
	}
	return types
}

// checkBody checks what the whole file uses: the name main (but for
// the one we rewrite), panics and format verbs that print type names.
func checkBody(f *ast.File) string {
	why := ""
	visit := func(n ast.Node) bool {
		if why == "" {
			why = checkNode(n)
		}
		return why == ""
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "main" {
			ast.Inspect(fd.Type, visit)
			if fd.Body != nil {
				ast.Inspect(fd.Body, visit)
			}
			continue
		}
		ast.Inspect(d, visit)
	}
	return why
}

func checkNode(n ast.Node) string {
	switch n := n.(type) {
	case *ast.Ident:
		if n.Name == "main" {
			return "uses the name main"
		}
	case *ast.BasicLit:
		if n.Kind == token.STRING && typeVerb.MatchString(n.Value) {
			return "formats with %T or %#v"
		}
	case *ast.CallExpr:
		switch fun := n.Fun.(type) {
		case *ast.Ident:
			if fun.Name == "panic" {
				return "calls panic"
			}
		case *ast.SelectorExpr:
			if strings.HasPrefix(fun.Sel.Name, "Panic") {
				return "calls " + fun.Sel.Name
			}
		}
	}
	return ""
}
