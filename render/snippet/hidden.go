package snippet

import (
	"bytes"
)

// Hidden lines (SPEC §3): boilerplate a program needs to run but the
// page need not show, such as the package clause and imports of a Go
// program shown in parts. They sit between two marker lines, each a
// comment alone on its line, so the block stays valid source in every
// language whose comments start with // or # (Go, Python, shell, ...):
//
//	// pipedocs:hide
//	package main
//
//	import "fmt"
//	// pipedocs:show
//
// The lines between the markers run as written, and the marker lines
// run as empty lines (see Runnable), so compiler positions are still the
// article's lines; all of them are left out of the page. A hide marker
// without a show marker hides the rest of the block.

// The marker words, after a comment leader and optional spaces.
const (
	hideMarker = "pipedocs:hide"
	showMarker = "pipedocs:show"
)

// A lineRole is what a line of a block is to the page.
type lineRole int

const (
	shownLine  lineRole = iota
	hiddenLine          // between two markers
	markerLine          // a hide marker, or the show marker that ends its region
)

// roles calls f for each line of content, with its role. It reports
// whether any line was hidden.
func roles(content []byte, f func(line []byte, role lineRole)) (hid bool) {
	hiding := false
	for line := range bytes.Lines(content) {
		switch {
		case !hiding && isMarker(line, hideMarker):
			hiding, hid = true, true
			f(line, markerLine)
		case hiding && isMarker(line, showMarker):
			hiding = false
			f(line, markerLine)
		case hiding:
			f(line, hiddenLine)
		default:
			f(line, shownLine)
		}
	}
	return hid
}

// Shown returns content as the page shows it, without its hidden lines,
// and whether any line was hidden. With none, it returns content itself.
func Shown(content []byte) ([]byte, bool) {
	if !bytes.Contains(content, []byte(hideMarker)) {
		return content, false
	}
	out := []byte{}
	hid := roles(content, func(line []byte, role lineRole) {
		if role == shownLine {
			out = append(out, line...)
		}
	})
	if !hid {
		return content, false
	}
	return out, true
}

// Runnable returns content as it runs: every line as written but the
// marker lines, which are left empty (their line endings kept, so every
// other line keeps its number). The markers are pipedocs' own words, not
// the program's: a program that merely hides lines does not name a
// [bin] program called pipedocs, say, so its cache key does not cover
// that binary. With no marker, it returns content itself.
func Runnable(content []byte) []byte {
	if !bytes.Contains(content, []byte(hideMarker)) {
		return content
	}
	out := make([]byte, 0, len(content))
	roles(content, func(line []byte, role lineRole) {
		if role == markerLine {
			line = line[len(bytes.TrimRight(line, "\r\n")):]
		}
		out = append(out, line...)
	})
	return out
}

// isMarker reports whether line is a comment holding only marker.
func isMarker(line []byte, marker string) bool {
	t := bytes.TrimSpace(line)
	switch {
	case bytes.HasPrefix(t, []byte("//")):
		t = t[2:]
	case bytes.HasPrefix(t, []byte("#")):
		t = t[1:]
	default:
		return false
	}
	return string(bytes.TrimSpace(t)) == marker
}
