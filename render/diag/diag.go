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
	"sync"
)

// A Severity says whether a diagnostic stops the build.
type Severity int

const (
	// Error is the zero Severity: a diagnostic made without one stops
	// the build, so a forgotten field never lets bad input through.
	Error Severity = iota
	// Warning is reported but changes neither the output nor the exit
	// status.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// A Diagnostic is one problem in one input file.
type Diagnostic struct {
	Path     string // slash-separated, as the user named the file
	Line     int    // 1-based; 0 when the problem concerns the whole file
	Col      int    // 1-based byte column; 0 when unknown
	Msg      string
	Severity Severity
	Notes    []Note // related places, such as the other source of a clash
}

// A Note points at a place related to a diagnostic.
type Note struct {
	Path string
	Line int // 1-based; 0 when the note concerns the whole file
	Col  int // 1-based; 0 when unknown
	Msg  string
}

// Error formats d as path:line:col: msg, leaving out the parts that are
// zero; a warning says so after the position, and each note follows on a
// line of its own, indented.
func (d Diagnostic) Error() string {
	var b strings.Builder
	writePos(&b, d.Path, d.Line, d.Col)
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	for _, n := range d.Notes {
		b.WriteString("\n\t")
		writePos(&b, n.Path, n.Line, n.Col)
		b.WriteString(n.Msg)
	}
	return b.String()
}

func writePos(b *strings.Builder, path string, line, col int) {
	b.WriteString(path)
	if line > 0 {
		fmt.Fprintf(b, ":%d", line)
		if col > 0 {
			fmt.Fprintf(b, ":%d", col)
		}
	}
	b.WriteString(": ")
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

// Errors returns the diagnostics of l that stop the build, in order.
func (l List) Errors() List {
	return l.filter(Error)
}

// Warnings returns the diagnostics of l that do not stop the build.
func (l List) Warnings() List {
	return l.filter(Warning)
}

func (l List) filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
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

// A LineIndex maps byte offsets of one file to lines and columns. It
// indexes the file the first time a position is asked for: the parse
// stage makes one per page and keeps it as long as the page, and most
// pages never need one (a 5,000-page site held 15 MB of line starts).
// The source must not change once given to NewLineIndex.
type LineIndex struct {
	once   sync.Once
	src    []byte // until indexed
	starts []int  // byte offset at which each line starts; starts[0] == 0
}

// NewLineIndex indexes src. Lines end at '\n'; a "\r\n" ending leaves the
// '\r' at the end of its line, so columns count bytes as an editor does.
func NewLineIndex(src []byte) *LineIndex {
	return &LineIndex{src: src}
}

// lineStarts returns the offsets at which the lines start, indexing the
// source on the first call.
func (x *LineIndex) lineStarts() []int {
	x.once.Do(func() {
		starts := make([]int, 1, 64)
		for i, c := range x.src {
			if c == '\n' {
				starts = append(starts, i+1)
			}
		}
		x.starts, x.src = starts, nil
	})
	return x.starts
}

// Position returns the 1-based line and column of byte offset off.
func (x *LineIndex) Position(off int) (line, col int) {
	starts := x.lineStarts()
	i := sort.Search(len(starts), func(i int) bool { return starts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, off - starts[i] + 1
}

// Line returns the 1-based line of byte offset off.
func (x *LineIndex) Line(off int) int {
	line, _ := x.Position(off)
	return line
}

// At returns an error diagnostic for path at byte offset off.
func (x *LineIndex) At(path string, off int, format string, args ...any) Diagnostic {
	line, col := x.Position(off)
	return Diagnostic{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// Warn returns a warning for path at byte offset off.
func (x *LineIndex) Warn(path string, off int, format string, args ...any) Diagnostic {
	d := x.At(path, off, format, args...)
	d.Severity = Warning
	return d
}
