package expect

import (
	"fmt"
	"strings"
	"testing"
)

func TestMergeKeepsWhatMatches(t *testing.T) {
	// Byte for byte, CRLF and trailing blanks included: update must leave
	// a verified block alone.
	expected := "pid [..]  \r\n...\r\n\r\n"
	got := Merge([]byte(expected), []byte("pid 7\nmore\n"), Options{})
	if string(got) != expected {
		t.Errorf("Merge changed a matching expected output: %q", got)
	}
}

func TestMerge(t *testing.T) {
	tests := []struct {
		name, expected, actual string
		unordered              bool
		want                   string
	}{
		{"literal lines follow actual", "a\nb\n", "a\nc\n", false, "a\nc\n"},
		{"no final newline in actual", "a\n", "b", false, "b\n"},
		{"trailing spaces dropped", "a\n", "b  \n\n\n", false, "b\n"},
		{"wildcards that match stay", "pid [..]\nv\\d (re)\nold\n", "pid 9\nv2\nnew\n", false, "pid [..]\nv\\d (re)\nnew\n"},
		{"wildcards that no longer match go", "pid [..]\nx\n", "tid 9\nx\ny\n", false, "tid 9\nx\ny\n"},
		{"... keeps its place", "begin\n...\nend 1\n", "begin\nx\ny\nend 2\n", false, "begin\n...\nend 2\n"},
		{"unordered keeps expected order", "b\na [..]\nc\n", "a 1\nB\nb\n", true, "b\na [..]\nB\n"},
		{"unordered adds lines at the end", "b\n", "a\nb\nc\n", true, "b\na\nc\n"},
		{"unordered ... takes extra lines", "x\n...\n", "a\nb\n", true, "...\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := Options{Unordered: tt.unordered}
			got := Merge([]byte(tt.expected), []byte(tt.actual), o)
			if string(got) != tt.want {
				t.Errorf("Merge(%q, %q) = %q, want %q", tt.expected, tt.actual, got, tt.want)
			}
			if !Match(got, []byte(tt.actual), o) {
				t.Errorf("merged %q does not match %q", got, tt.actual)
			}
		})
	}
}

// TestLargeOutputs checks that outputs too big for the alignment table
// still diff and merge, in reasonable time.
func TestLargeOutputs(t *testing.T) {
	var e, a strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&e, "line %d\n", i)
		fmt.Fprintf(&a, "line %d\n", i*7%3001)
	}
	expected, actual := []byte("...\n"+e.String()), []byte(a.String())
	diff := Diff(expected, actual, Options{}, 1)
	if !strings.HasPrefix(diff, "--- expected\n+++ actual\n@@ ") {
		t.Errorf("diff starts %.80q", diff)
	}
	if merged := Merge(expected, actual, Options{}); !Match(merged, actual, Options{}) {
		t.Error("merge of large outputs does not match")
	}
}
