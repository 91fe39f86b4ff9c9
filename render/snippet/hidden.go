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
// The marker lines and the lines between them run as written (so
// compiler positions are still the article's lines) and are left out of
// the page. A hide marker without a show marker hides the rest of the
// block.

// The marker words, after a comment leader and optional spaces.
const (
	hideMarker = "pipedocs:hide"
	showMarker = "pipedocs:show"
)

// Shown returns content as the page shows it, without its hidden lines,
// and whether any line was hidden. With none, it returns content itself.
func Shown(content []byte) ([]byte, bool) {
	if !bytes.Contains(content, []byte(hideMarker)) {
		return content, false
	}
	var out []byte
	hiding, hid := false, false
	for line := range bytes.Lines(content) {
		switch {
		case !hiding && isMarker(line, hideMarker):
			hiding, hid = true, true
		case hiding:
			hiding = !isMarker(line, showMarker)
		default:
			out = append(out, line...)
		}
	}
	if !hid {
		return content, false
	}
	if out == nil {
		out = []byte{}
	}
	return out, true
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
