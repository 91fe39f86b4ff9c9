package gomerge

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// PackageName is the package name Rewrite gives a merged snippet, as
// long as "main", so that no column moves.
const PackageName = "snip"

// LineDirective returns the line to put in front of a snippet in file
// (a base name, "simple_pipe.go"), so that the compiler, the go command
// and the runtime call its lines file:1, file:2, … wherever the build
// puts it. nil for a name a directive cannot carry.
func LineDirective(file string) []byte {
	if file == "" || strings.ContainsAny(file, "\n\r") {
		return nil
	}
	return fmt.Appendf(nil, "//line %s:1:1\n", file)
}

// Rewrite turns the snippet src in file, which Check accepts, into an
// importable package: its package clause names PackageName, its func
// main is func Main, and LineDirective(file) comes first. Every other
// byte stays where it was.
func Rewrite(file string, src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	if f.Name.Name != "main" {
		return nil, errors.New("gomerge: not package main")
	}
	main := -1
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "main" {
			main = fset.Position(fd.Name.Pos()).Offset
		}
	}
	if main < 0 {
		return nil, errors.New("gomerge: no func main")
	}
	dir := LineDirective(file)
	if dir == nil {
		return nil, fmt.Errorf("gomerge: file name %q cannot go in a //line directive", file)
	}
	out := append(dir, src...)
	copy(out[len(dir)+fset.Position(f.Name.Pos()).Offset:], PackageName)
	copy(out[len(dir)+main:], "Main")
	return out, nil
}

// PanicTrace reports whether out, the output of a run of a merged
// binary, holds a stack trace that names the merged package importPath:
// what a binary of the snippet's own would have printed as main.main.
func PanicTrace(out []byte, importPath string) bool {
	return bytes.Contains(out, []byte("\ngoroutine ")) && bytes.Contains(out, []byte(importPath+"."))
}
