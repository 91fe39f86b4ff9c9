package runner

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Compiler messages reach the user in two steps, because the results
// cache sits between them:
//
//  1. snippetPositions makes the go command's output independent of the
//     build: "s3/simple_pipe.go:5:2: undefined: x" becomes
//     "simple_pipe.go:5:2: undefined: x", the form that is cached, so a
//     snippet's cache entry does not depend on where the build put it.
//  2. articlePositions moves those positions into the article on every
//     result, cached or not: "content/pipes/basics.md:31:2: undefined: x".
//     Adding a paragraph above a snippet moves its messages without
//     rerunning it.
//
// Only names of the snippet's own file, standing at the start of a line
// or after a space or "(", are rewritten: a path like
// /usr/local/go/src/os/main.go:12 in the same output is left alone.

// snippetPositions rewrites the go command's output about the package in
// directory pkg (relative to the build directory dir) so that positions
// name the snippet's file alone, and drops the "# package" headers that
// name our throwaway packages.
func snippetPositions(out []byte, dir, pkg, file string) []byte {
	prefix := `(?:` + regexp.QuoteMeta(dir+"/") + `|\./)?` + regexp.QuoteMeta(pkg+"/")
	re := regexp.MustCompile(`(?m)(^|[\s(])` + prefix + `(` + regexp.QuoteMeta(file) + `:\d)`)
	// The //line directive in front of the snippet (gomerge.LineDirective)
	// makes the compiler add the file's own position to some:
	// "main.go:5:6[/tmp/…/s0/main.go:6:6]".
	orig := regexp.MustCompile(`\[` + prefix + regexp.QuoteMeta(file) + `:\d+(?::\d+)?\]`)
	var b bytes.Buffer
	for line := range bytes.Lines(out) {
		if bytes.HasPrefix(line, []byte("# "+snippetModule)) {
			continue
		}
		b.Write(re.ReplaceAll(orig.ReplaceAll(line, nil), []byte("${1}${2}")))
	}
	return b.Bytes()
}

// filePositions is snippetPositions for the other Go files of the
// package, which the snippet builds with (Spec.Files, a session's file
// blocks and earlier programs): "s3/helper.go:5:2" becomes
// "helper.go:5:2", which localize moves into the article.
func filePositions(out []byte, dir, pkg string, files []File) []byte {
	for _, f := range files {
		if strings.HasSuffix(f.Name, ".go") {
			out = snippetPositions(out, dir, pkg, f.Name)
		}
	}
	return out
}

// articlePositions rewrites positions in file (1-based lines of the
// snippet) to positions in path, where the snippet's first line is line
// first. Columns are kept: the snippet's lines are the article's lines.
func articlePositions(out []byte, file, path string, first int) []byte {
	if path == "" {
		path, first = file, 1
	}
	re := regexp.MustCompile(`(?m)(^|[\s(])` + regexp.QuoteMeta(file) + `:(\d+)`)
	return re.ReplaceAllFunc(out, func(m []byte) []byte {
		sub := re.FindSubmatch(m)
		n, err := strconv.Atoi(string(sub[2]))
		if err != nil {
			return m // a line number too large for an int is no position of ours
		}
		return fmt.Appendf(nil, "%s%s:%d", sub[1], path, first+n-1)
	})
}
