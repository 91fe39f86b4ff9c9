package expect

import (
	"errors"
	"strings"
	"testing"
)

// The seed guide's parent_child_pipe.py: parent and child print from two
// processes, so either line may come first.
const (
	parentFirst = "Parent sent message to child\nChild received: Hello child process!\n"
	childFirst  = "Child received: Hello child process!\nParent sent message to child\n"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		name             string
		expected, actual string
		unordered        bool
		want             bool
	}{
		{"empty", "", "", false, true},
		{"equal", "a\nb\n", "a\nb\n", false, true},
		{"differ", "a\nb\n", "a\nc\n", false, false},
		{"missing line", "a\nb\n", "a\n", false, false},
		{"extra line", "a\n", "a\nb\n", false, false},
		{"no final newline", "a\nb", "a\nb\n", false, true},
		{"trailing spaces and tabs", "a  \t\nb\n", "a\nb \n", false, true},
		{"leading spaces count", " a\n", "a\n", false, false},
		{"trailing blank lines", "a\n\n\n", "a\n  \n", false, true},
		{"inner blank lines count", "a\n\nb\n", "a\nb\n", false, false},
		{"crlf", "a\r\nb\r\n", "a\nb\n", false, true},
		{"crlf in actual", "a\nb\n", "a\r\nb\r\n", false, true},

		{"[..] for a pid", "child pid [..] exited\n", "child pid 4242 exited\n", false, true},
		{"[..] empty run", "pid [..]!\n", "pid !\n", false, true},
		{"[..] stays in its line", "a[..]\nz\n", "a\nb\nz\n", false, false},
		{"[..] twice", "[..]=[..];\n", "x=1;\n", false, true},
		{"[..] parts in order", "a[..]b[..]c\n", "a c b\n", false, false},
		{"[..] overlapping ends", "ab[..]ba\n", "aba\n", false, false},
		{"[..] alone", "[..]\n", "anything at all\n", false, true},
		{"[..] literal around", "took [..]ms\n", "took 12s\n", false, false},

		{"(re) whole line", `took \d+ms (re)` + "\n", "took 12ms\n", false, true},
		{"(re) anchored start", `\d+ms (re)` + "\n", "took 12ms\n", false, false},
		{"(re) anchored end", `took \d+ (re)` + "\n", "took 12ms\n", false, false},
		{"(re) alternation anchored", `a|b (re)` + "\n", "ab\n", false, false},
		{"(re) needs the space", `a+(re)` + "\n", "aaa\n", false, false},
		{"(re) bad expression is literal", `a( (re)` + "\n", "a( (re)\n", false, true},

		{"... at start", "...\nend\n", "x\ny\nend\n", false, true},
		{"... in the middle", "begin\n...\nend\n", "begin\nx\ny\nend\n", false, true},
		{"... at end", "begin\n...\n", "begin\nx\n", false, true},
		{"... matches nothing", "begin\n...\nend\n", "begin\nend\n", false, true},
		{"... alone matches nothing", "...\n", "", false, true},
		{"... needs the rest", "begin\n...\nend\n", "begin\nx\n", false, false},
		{"... with wildcards", "...\npid [..]\n...\ndone (re)\n", "a\npid 1\nb\ndone\n", false, true},
		{"... backtracks", "...\na\nb\n", "a\na\nb\n", false, true},
		{"... two", "...\nx\n...\nx\n...\n", "x\nx\n", false, true},
		{"... two too few", "...\nx\n...\nx\n...\n", "x\n", false, false},
		{"indented ... is literal", " ...\n", "a\n", false, false},

		{"racy in order", parentFirst, parentFirst, false, true},
		{"racy out of order", parentFirst, childFirst, false, false},
		{"racy unordered", parentFirst, childFirst, true, true},
		{"unordered still counts lines", "a\na\n", "a\n", true, false},
		{"unordered extra line", "a\n", "a\nb\n", true, false},
		{"unordered wildcards", "child [..]\nparent [..]\n", "parent 1\nchild 2\n", true, true},
		{"unordered wildcard needs the right partner", "[..]x\na[..]\n", "ax\nay\n", true, true},
		{"unordered wildcard gives way", "a[..]\n[..]x\n", "ax\nay\n", true, true},
		{"unordered literal before wildcard", "[..]\nb\n", "b\nc\n", true, true},
		{"unordered ... takes the rest", "b\n...\n", "a\nb\nc\n", true, true},
		{"unordered ... still needs the others", "d\n...\n", "a\nb\n", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Match([]byte(tt.expected), []byte(tt.actual), Options{Unordered: tt.unordered})
			if got != tt.want {
				t.Errorf("Match(%q, %q, unordered=%v) = %v, want %v", tt.expected, tt.actual, tt.unordered, got, tt.want)
			}
		})
	}
}

// TestMatchManyEllipses would take exponential time with naive
// backtracking: many "..." and an actual output that almost matches.
func TestMatchManyEllipses(t *testing.T) {
	expected := strings.Repeat("...\na\n", 200) + "b\n"
	actual := strings.Repeat("a\n", 2000)
	if Match([]byte(expected), []byte(actual), Options{}) {
		t.Fatal("matched an output without the last line")
	}
	if !Match([]byte(expected), []byte(actual+"b\n"), Options{}) {
		t.Fatal("did not match")
	}
}

func TestCheck(t *testing.T) {
	if err := Check([]byte("a\nb (re)\n[..]\n")); err != nil {
		t.Errorf("Check of good lines: %v", err)
	}
	err := Check([]byte("a\nx( (re)\ny[ (re)\n"))
	var pe *PatternError
	if !errors.As(err, &pe) || pe.Line != 2 {
		t.Fatalf("Check = %v, want a PatternError at line 2", err)
	}
}
