package expect

import (
	"strings"
	"testing"
)

// FuzzMerge checks what update relies on: whatever the expected text,
// Merge's result matches the actual output, and Diff is empty exactly
// when the two match.
func FuzzMerge(f *testing.F) {
	f.Add("a\nb\n", "a\nc\n", false)
	f.Add(parentFirst, childFirst, true)
	f.Add("...\npid [..]\n...\nx (re)\n", "pid 1\nx\ny\n", false)
	f.Add("[..]x\na[..]\n...\n", "ax\nay\naz\n", true)
	f.Add("a\r\n\r\n", "...\n(re)\n (re)\n", false)
	f.Add("x\n", "a[..]b \t\r\n\xff (re)\n", true)
	f.Fuzz(func(t *testing.T, expected, actual string, unordered bool) {
		if strings.Count(expected, "\n") > 64 || strings.Count(actual, "\n") > 64 {
			return
		}
		o := Options{Unordered: unordered}
		merged := Merge([]byte(expected), []byte(actual), o)
		if !Match(merged, []byte(actual), o) {
			t.Fatalf("Merge(%q, %q) = %q, which does not match", expected, actual, merged)
		}
		matched := Match([]byte(expected), []byte(actual), o)
		if diff := Diff([]byte(expected), []byte(actual), o, 1); (diff == "") != matched {
			t.Fatalf("Match = %v but Diff =\n%s", matched, diff)
		}
		if !Match([]byte(actual), []byte(actual), o) && !strings.Contains(actual, "...") &&
			!strings.Contains(actual, "(re)") && !strings.Contains(actual, "[..]") {
			t.Fatalf("%q does not match itself", actual)
		}
	})
}
