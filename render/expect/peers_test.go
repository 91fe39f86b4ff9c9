package expect

import (
	"errors"
	"testing"
)

// Peer files the rows below come from, each read for this table (issue
// 12 point 3). A row states what the peer does with the case; where
// pipedocs differs on purpose, the row says so.
const (
	cramTest      = "aiiie/cram examples/test.t"
	cramFail      = "aiiie/cram examples/fail.t"
	cramDiff      = "aiiie/cram cram/_diff.py (_regex, esc: literal first)"
	snapPattern   = "assert-rs/snapbox crates/snapbox/src/filter/pattern.rs (line_matches cases)"
	snapRedact    = "assert-rs/snapbox crates/snapbox/src/filter/test_redactions.rs"
	snapUnordered = "assert-rs/snapbox crates/snapbox/src/filter/test_unordered_redactions.rs"
	goExample     = "golang/go src/testing/example.go (processRunResult)"
	none          = "no peer: pipedocs' own rule (SPEC §3.1)"
)

func TestMatchPeers(t *testing.T) {
	red := &Redactions{CWD: "/home/epage", Home: "/home/epage/snapbox"}
	tests := []struct {
		name, peer       string
		expected, actual string
		unordered        bool
		r                *Redactions
		want             bool
	}{
		// [..] within a line.
		{"[..] matches an empty line", snapPattern, "[..]\nx", "\nx", false, nil, true},
		{"an empty output has no line for [..]", none, "[..]", "", false, nil, false},
		{"[..] alone", snapPattern, "[..]", "hello", false, nil, true},
		{"he[..]", snapPattern, "he[..]", "hello", false, nil, true},
		{"go[..]", snapPattern, "go[..]", "hello", false, nil, false},
		{"[..]o", snapPattern, "[..]o", "hello", false, nil, true},
		{"[..]e", snapPattern, "[..]e", "hello", false, nil, false},
		{"he[..]o", snapPattern, "he[..]o", "hello", false, nil, true},
		{"he[..]e", snapPattern, "he[..]e", "hello", false, nil, false},
		{"two [..]", snapPattern, "hello [..], goodbye [..]", "hello world, goodbye moon", false, nil, true},
		{"two [..] wrong start", snapPattern, "goodbye [..], goodbye [..]", "hello world, goodbye moon", false, nil, false},
		{"two [..] swapped", snapPattern, "goodbye [..], hello [..]", "hello world, goodbye moon", false, nil, false},
		{"[..] then end", snapPattern, "hello [..], [..] moon", "hello world, goodbye moon", false, nil, true},
		{"[..] wrong end", snapPattern, "hello [..], [..] world", "hello world, goodbye moon", false, nil, false},

		// Trailing blanks are dropped on both sides before any pattern
		// applies: snapbox does not trim, so "took: " meets "took: [..]"
		// as printed and matches; pipedocs trims and must agree.
		{"took: [..] vs took: with a space", snapPattern, "took: [..]", "took: ", false, nil, true},
		{"took: [..] vs took: with a tab", none, "took: [..]", "took:\t", false, nil, true},
		{"took: [..] vs took: trimmed already", none, "took: [..]", "took:", false, nil, true},
		{"blank then [..] twice", none, "a [..] [..]", "a 5 ", false, nil, true},
		{"the space is still needed inside", none, "took: [..]s", "took:5s", false, nil, false},
		{"trimming gives no licence to drop text", none, "took: [..]ms", "took: ", false, nil, false},
		{"unordered took: [..]", none, "took: [..]\nx", "x\ntook: ", true, nil, true},

		// (re): literal first, then RE2 over the whole line.
		{"re whole line", cramTest, "foobar.* (re)", "foobarbaz", false, nil, true},
		{"re literal first", cramTest, `foo\Z\Z\Z bar (re)`, `foo\Z\Z\Z bar (re)`, false, nil, true},
		{"re invalid is literal only", cramFail, "+++ (re)", "1", false, nil, false},
		{"re invalid equal line", cramDiff, "a( (re)", "a( (re)", false, nil, true},
		{"re look-ahead is not RE2", none, `a(?=b) (re)`, "ab", false, nil, false},

		// Redactions (snapbox's Redactions, SPEC §3.1's names).
		{"redaction literal", snapRedact, "Hello [CWD]!", "Hello /home/epage!", false, red, true},
		{"redaction path", snapRedact, "input: [CWD]", "input: /home/epage", false, red, true},
		{"redaction overlapping paths", snapRedact, "a: [CWD]\nb: [HOME]", "a: /home/epage\nb: /home/epage/snapbox", false, red, true},
		{"redaction other value", snapRedact, "input: [CWD]", "input: /home/other", false, red, false},
		{"redaction unknown name is text", none, "[INFO] ok", "[INFO] ok", false, red, true},
		{"redaction unknown name does not match", none, "[INFO] ok", "x ok", false, red, false},
		{"redaction empty value is text (snapbox matches it as empty)", snapRedact, "cargo[EXE]", "cargo", false, red, false},
		{"redaction with [..]", none, "[CWD]/[..].txt", "/home/epage/a.txt", false, red, true},
		{"redaction unordered", snapUnordered, "b: [HOME]\na: [CWD]", "a: /home/epage\nb: /home/epage/snapbox", true, red, true},

		// Unordered: a multiset of lines.
		{"unordered reverse", snapUnordered, "3\n2\n1", "1\n2\n3", true, nil, true},
		{"unordered actual missing", snapUnordered, "1\n2\n3", "1\n3", true, nil, false},
		{"unordered duplicated", goExample, "a\nb\nb", "b\na\nb", true, nil, true},
		{"unordered counts", goExample, "a\nb", "a\nb\nb", true, nil, false},
		{"unordered elide", snapUnordered, "Hello [..]\n...\nGoodbye [..]", "Hello World\nHow are you?\nGoodbye World", true, nil, true},

		// Go's Example trims the whole output's blanks, leading ones
		// included; pipedocs keeps leading blanks, which show on the page.
		{"leading blanks count (Go trims them)", goExample, "a", "  a", false, nil, false},
		{"trailing blank lines (Go trims them too)", goExample, "a\n", "a\n\n\n", false, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := Options{Unordered: tt.unordered, Redactions: tt.r}
			if got := Match([]byte(tt.expected), []byte(tt.actual), o); got != tt.want {
				t.Errorf("%s\nMatch(%q, %q) = %v, want %v", tt.peer, tt.expected, tt.actual, got, tt.want)
			}
		})
	}
}

func TestCheckPeers(t *testing.T) {
	tests := []struct {
		name, peer, expected string
		line                 int // of the bad line; 0 for none
	}{
		{"\\Z is not RE2", none, "ok\nend\\Z (re)\n", 2},
		{"look-ahead is not RE2", none, "a\nb\nx(?=y) (re)\n", 3},
		{"cram's invalid regex", cramFail, "+++ (re)\n", 1},
		{"valid", cramTest, "foobar.* (re)\n", 0},
		{"(re) inside a line is not a pattern", none, "a (re) b\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check([]byte(tt.expected))
			var pe *PatternError
			switch {
			case tt.line == 0 && err != nil:
				t.Errorf("%s\nCheck(%q) = %v, want nil", tt.peer, tt.expected, err)
			case tt.line > 0 && (!errors.As(err, &pe) || pe.Line != tt.line):
				t.Errorf("%s\nCheck(%q) = %v, want a PatternError at line %d", tt.peer, tt.expected, err, tt.line)
			}
		})
	}
}

func TestMergePeers(t *testing.T) {
	red := &Redactions{CWD: "/tmp/run/page", Exe: "/tmp/run/page/main", Home: "/tmp/run/home"}
	tests := []struct {
		name, peer       string
		expected, actual string
		unordered        bool
		r                *Redactions
		want             string
	}{
		{"took: [..] stays", none, "took: [..]\nold\n", "took: \nnew\n", false, nil, "took: [..]\nnew\n"},
		{"elide and [..] stay", snapRedact, "Hello [..]\n...\nGoodbye [..]\nx\n", "Hello World\nHow are you?\nGoodbye World\ny\n", false, nil, "Hello [..]\n...\nGoodbye [..]\ny\n"},
		{"diverging middle", snapRedact, "Hello\nMoon\nGoodbye\n", "Hello\nWorld\nGoodbye\n", false, nil, "Hello\nWorld\nGoodbye\n"},

		// Unordered with "...": a vanished line is replaced by its new
		// version, never by a line the "..." had absorbed.
		{"unordered vanished line dropped", snapUnordered, "Hello\n...\nMoon\n", "Hello\nSun\nAnd\nWorld\n", true, nil, "Hello\n...\n"},
		{"unordered vanished line dropped before ...", snapUnordered, "Hello\nMoon\nGoodbye\n...\n", "Hello\nWorld\nGoodbye\nSir\n", true, nil, "Hello\nGoodbye\n...\n"},
		{"unordered new version preferred", none, "start\nresult: 42\n...\n", "noise 1\nstart\nnoise 2\nresult: 43\n", true, nil, "start\nresult: 43\n...\n"},
		{"unordered new version preferred, noise first", none, "result: 42\n...\n", "tick\ntock\nresult: 43\n", true, nil, "result: 43\n...\n"},
		{"unordered extra line", snapUnordered, "1\n3\n", "1\n2\n3\n", true, nil, "1\n3\n2\n"},
		{"unordered duplicated", snapUnordered, "1\n2\n3\nx\n", "1\n2\n2\n3\n", true, nil, "1\n2\n3\n2\n"},

		// Redactions: update writes the placeholder where the value appears.
		{"placeholder written", none, "old\n", "dir: /tmp/run/page\n", false, red, "dir: [CWD]\n"},
		{"longest value first", snapRedact, "old\n", "/tmp/run/page/main --help\n/tmp/run/page/data\n", false, red, "[EXE] --help\n[CWD]/data\n"},
		{"placeholder kept", none, "in [CWD]\nold\n", "in /tmp/run/page\nnew\n", false, red, "in [CWD]\nnew\n"},
		{"no value, no placeholder", none, "old\n", "dir: /elsewhere\n", false, red, "dir: /elsewhere\n"},
		{"a line that reads as a pattern", none, "old\n", "...\n", false, red, "\\.\\.\\. (re)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := Options{Unordered: tt.unordered, Redactions: tt.r}
			got := Merge([]byte(tt.expected), []byte(tt.actual), o)
			if string(got) != tt.want {
				t.Errorf("%s\nMerge(%q, %q) = %q, want %q", tt.peer, tt.expected, tt.actual, got, tt.want)
			}
			if !Match(got, []byte(tt.actual), o) {
				t.Errorf("merged %q does not match %q", got, tt.actual)
			}
		})
	}
}
