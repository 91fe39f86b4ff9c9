package expect

import (
	"bytes"
	"slices"
	"testing"
)

func TestArrange(t *testing.T) {
	tests := []struct {
		name, expected, actual string
		unordered              bool
		want                   string
	}{
		{"racing parent and child", parentFirst, childFirst, true, parentFirst},
		{"already in order", parentFirst, parentFirst, true, parentFirst},
		{"ordered block left alone", "b\na\n", "a\nb\n", false, "a\nb\n"},
		{"no match left alone", "a\nb\n", "b\nc\n", true, "b\nc\n"},
		{"wildcards take lines by content", "child [..]\nparent [..]\n", "parent 1\nchild 2\n", true, "child 2\nparent 1\n"},
		{"bytes kept: CRLF and blanks", "a\nb\n", "b  \r\na\r\n", true, "a\r\nb  \r\n"},
		{"last line without newline moves", "a\nb\n", "b\na", true, "a\nb\n"},
		{"last line without newline stays", "a\nb\n", "a\nb", true, "a\nb"},
		{"trailing blank lines stay last", "a\nb\n", "b\na\n\n", true, "a\nb\n\n"},
		{"... takes the rest, sorted", "end\n...\n", "z\nend\ny\n", true, "end\ny\nz\n"},
		{"empty", "", "", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Arrange([]byte(tt.expected), []byte(tt.actual), Options{Unordered: tt.unordered})
			if string(got) != tt.want {
				t.Errorf("Arrange(%q, %q) = %q, want %q", tt.expected, tt.actual, got, tt.want)
			}
		})
	}
}

// TestArrangeRaces checks what a page needs: however the lines of a
// verified unordered block raced, Arrange shows the same text.
func TestArrangeRaces(t *testing.T) {
	expected := []byte("start [..]\nchild [..]\n...\ndone\n")
	base := []string{"start 1", "child 7", "child 8", "noise", "done", "start 2"}
	var first []byte
	perms := 0
	permute(base, 0, func(ls []string) {
		actual := []byte(joinLines(ls))
		got := Arrange(expected, actual, Options{Unordered: true})
		if first == nil {
			first = got
		} else if !bytes.Equal(got, first) {
			t.Fatalf("order %q shows %q, another showed %q", ls, got, first)
		}
		perms++
	})
	if perms != 720 {
		t.Fatalf("tried %d orders", perms)
	}
}

func permute(ls []string, k int, f func([]string)) {
	if k == len(ls) {
		f(ls)
		return
	}
	for i := k; i < len(ls); i++ {
		ls[k], ls[i] = ls[i], ls[k]
		permute(ls, k+1, f)
		ls[k], ls[i] = ls[i], ls[k]
	}
}

func joinLines(ls []string) string {
	var b []byte
	for _, l := range slices.Clone(ls) {
		b = append(b, l+"\n"...)
	}
	return string(b)
}
