package snippet

import (
	"testing"
	"unsafe"
)

// TestContentShared checks that a block's content is a slice of the page
// source when goldmark read it as one run of bytes, so that the parse
// stage keeps no second copy of every block of the site, and a copy when
// goldmark changed it (indentation removed, a newline added); and that
// appending to a shared content never writes into the source.
func TestContentShared(t *testing.T) {
	tests := []struct {
		name, src, want string
		shared          bool
	}{
		{"plain", "```go\npackage main\n\nfunc main() {}\n```\n", "package main\n\nfunc main() {}\n", true},
		{"indented in a list", "- item\n\n  ```go\n  a\n  b\n  ```\n", "a\nb\n", false},
		{"unclosed at EOF", "```go\na", "a\n", false},
		{"empty", "```go\n```\n", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			snips, _ := find(t, src)
			if len(snips) != 1 {
				t.Fatalf("%d snippets, want 1", len(snips))
			}
			c := snips[0].Code.Content
			if string(c) != tt.want {
				t.Fatalf("content %q, want %q", c, tt.want)
			}
			if got := within(c, src); got != tt.shared {
				t.Errorf("content shares the source: %v, want %v", got, tt.shared)
			}
			before := string(src)
			_ = append(c, "XXXX"...)
			if string(src) != before {
				t.Errorf("appending to the content changed the source: %q", src)
			}
		})
	}
}

// within reports whether b lies in the memory of src.
func within(b, src []byte) bool {
	if len(b) == 0 || len(src) == 0 {
		return false
	}
	p, lo := uintptr(unsafe.Pointer(&b[0])), uintptr(unsafe.Pointer(&src[0]))
	return p >= lo && p < lo+uintptr(len(src))
}
