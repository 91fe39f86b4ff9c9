// Package diag holds the diagnostics every stage of a build reports: a
// message tied to a place in a source file.
//
// Positions stay byte offsets while a stage works; a LineIndex turns an
// offset into a 1-based line and column only when the diagnostic is made,
// so no stage scans a file for newlines twice.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// A Diagnostic is one problem in one input file.
type Diagnostic struct {
	Path string // slash-separated, as the user named the file
	Line int    // 1-based; 0 when the problem concerns the whole file
	Col  int    // 1-based byte column; 0 when unknown
	Msg  string
}

// Error formats d as path:line:col: msg, leaving out the parts that are zero.
func (d Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(d.Msg)
	return b.String()
}

// List is a set of diagnostics; as an error it prints one per line.
type List []Diagnostic

func (l List) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.Error()
	}
	return strings.Join(lines, "\n")
}

// Sort orders l by path, line and column, so reports never depend on the
// order in which parallel workers finished.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// A LineIndex maps byte offsets of one file to lines and columns.
type LineIndex struct {
	starts []int // byte offset at which each line starts; starts[0] == 0
}

// NewLineIndex indexes src. Lines end at '\n'; a "\r\n" ending leaves the
// '\r' at the end of its line, so columns count bytes as an editor does.
func NewLineIndex(src []byte) *LineIndex {
	starts := make([]int, 1, 64)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &LineIndex{starts: starts}
}

// Position returns the 1-based line and column of byte offset off.
func (x *LineIndex) Position(off int) (line, col int) {
	i := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, off - x.starts[i] + 1
}

// Line returns the 1-based line of byte offset off.
func (x *LineIndex) Line(off int) int {
	line, _ := x.Position(off)
	return line
}

// At returns a diagnostic for path at byte offset off.
func (x *LineIndex) At(path string, off int, format string, args ...any) Diagnostic {
	line, col := x.Position(off)
	return Diagnostic{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}
