package transcript

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	type cmd struct {
		Text    string
		Line    int
		Output  string
		Exit    int
		HasExit bool
		OutLine int
	}
	tests := []struct {
		name string
		src  string
		want []cmd
	}{
		{"empty", "", nil},
		{"prose only", "hello\n", nil},
		{"one", "$ echo hi\nhi\n", []cmd{{"echo hi", 1, "hi\n", 0, false, 2}}},
		{"no output", "$ true\n$ false\n? 1\n", []cmd{
			{"true", 1, "", 0, false, 2},
			{"false", 2, "", 1, true, 3},
		}},
		{"continuation", "$ for i in 1 2; do\n>   echo $i\n> done\n1\n2\n", []cmd{
			{"for i in 1 2; do\n  echo $i\ndone", 1, "1\n2\n", 0, false, 4},
		}},
		{"exit then blank", "$ ls x\nls: x\n? 2\n\n", []cmd{{"ls x", 1, "ls: x\n", 2, true, 2}}},
		{"exit not last", "$ a\n? 2\nmore\n", []cmd{{"a", 1, "? 2\nmore\n", 0, false, 2}}},
		{"bad exit", "$ a\n? x\n", []cmd{{"a", 1, "? x\n", 0, false, 2}}},
		{"bare prompt", "$\nout\n", []cmd{{"", 1, "out\n", 0, false, 2}}},
		{"crlf", "$ a\r\nb\r\n? 3\r\n", []cmd{{"a", 1, "b\n", 3, true, 2}}},
		{"indented", "  $ a\n  b\n", []cmd{{"a", 1, "b\n", 0, false, 2}}},
		{"dollar inside", "$ echo '$ x'\n$ x\n", []cmd{{"echo '$ x'", 1, "", 0, false, 2}, {"x", 2, "", 0, false, 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := Parse([]byte(tt.src), 0, len(tt.src), 1, 2)
			var got []cmd
			for _, c := range tr.Commands {
				got = append(got, cmd{c.Text, c.Line, string(c.Output), c.Exit, c.HasExit, c.OutputLine})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q)\n got %+v\nwant %+v", tt.src, got, tt.want)
			}
		})
	}
}

func TestParseOffsets(t *testing.T) {
	src := "```console\n$ a\n> b\nout\n? 1\n$ c\n```\n"
	start, end := len("```console\n"), len(src)-len("```\n")
	tr := Parse([]byte(src), start, end, 2, 0)
	if len(tr.Commands) != 2 {
		t.Fatalf("got %d commands", len(tr.Commands))
	}
	c := tr.Commands[0]
	if got := src[c.Start:c.End]; got != "$ a\n> b\n" {
		t.Errorf("command bytes %q", got)
	}
	if got := src[c.OutputStart:c.OutputEnd]; got != "out\n? 1\n" {
		t.Errorf("output bytes %q", got)
	}
	if c.ExitLine != 5 || c.OutputLine != 4 {
		t.Errorf("exit line %d, output line %d", c.ExitLine, c.OutputLine)
	}
	if d := tr.Commands[1]; d.OutputStart != end || d.OutputEnd != end || d.Line != 6 {
		t.Errorf("second command %+v", d)
	}
	if !tr.Claims() || tr.Commands[1].Claims() {
		t.Errorf("claims: block %v, second %v", tr.Claims(), tr.Commands[1].Claims())
	}
}

func TestIs(t *testing.T) {
	for lang, want := range map[string]bool{"console": true, "shell-session": true, "sh-session": true, "sh": false, "bash": false, "": false} {
		if Is(lang) != want {
			t.Errorf("Is(%q) = %v", lang, !want)
		}
	}
}
