package expect

import (
	"slices"
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
	f.Add("took: [..]\n", "took: \t\n", false)
	f.Add("result: 42\n...\n", "tick\nresult: 43\n", true)
	f.Fuzz(func(t *testing.T, expected, actual string, unordered bool) {
		if strings.Count(expected, "\n") > 64 || strings.Count(actual, "\n") > 64 {
			return
		}
		o := Options{Unordered: unordered}
		checkMerge(t, expected, actual, o)
		if !Match([]byte(actual), []byte(actual), o) && !strings.Contains(actual, "...") &&
			!strings.Contains(actual, "(re)") && !strings.Contains(actual, "[..]") {
			t.Fatalf("%q does not match itself", actual)
		}
	})
}

// FuzzRedact is FuzzMerge with a redaction: [CWD] stands for cwd, and a
// site redaction [N] for digits.
func FuzzRedact(f *testing.F) {
	f.Add("dir [CWD]\n", "dir /tmp/x\n", "/tmp/x", false)
	f.Add("a\n", "/tmp/x/y /tmp/x\n12 (re)\n", "/tmp/x", true)
	f.Add("[CWD][..]\n", "[CWD]\n[N]5\n", "[CWD]", false)
	f.Add("[N] [..]\n", "1 \n", " ", true)
	site, err := CompileSite(map[string]string{"N": `\d+`})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, expected, actual, cwd string, unordered bool) {
		if strings.Count(expected, "\n") > 64 || strings.Count(actual, "\n") > 64 || strings.Contains(cwd, "\n") {
			return
		}
		checkMerge(t, expected, actual, Options{Unordered: unordered, Redactions: &Redactions{CWD: cwd, Site: site}})
	})
}

// checkMerge checks Merge, Diff and Arrange on one case.
func checkMerge(t *testing.T, expected, actual string, o Options) {
	merged := Merge([]byte(expected), []byte(actual), o)
	if !Match(merged, []byte(actual), o) {
		t.Fatalf("Merge(%q, %q) = %q, which does not match", expected, actual, merged)
	}
	matched := Match([]byte(expected), []byte(actual), o)
	if diff := Diff([]byte(expected), []byte(actual), o, 1); (diff == "") != matched {
		t.Fatalf("Match = %v but Diff =\n%s", matched, diff)
	}
	shown := Arrange([]byte(expected), []byte(actual), o)
	if !sameLines(shown, []byte(actual)) {
		t.Fatalf("Arrange(%q, %q) = %q: not the same lines", expected, actual, shown)
	}
	if matched && !Match([]byte(expected), shown, o) {
		t.Fatalf("Arrange(%q, %q) = %q, which no longer matches", expected, actual, shown)
	}
}

// sameLines reports whether a and b hold the same lines, in any order,
// a missing final newline aside.
func sameLines(a, b []byte) bool {
	split := func(s []byte) []string {
		ls := strings.Split(strings.TrimSuffix(string(s), "\n"), "\n")
		slices.Sort(ls)
		return ls
	}
	return slices.Equal(split(a), split(b))
}
