package snippet

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

func TestParseInfo(t *testing.T) {
	tests := []struct {
		info string
		lang string
		want Attrs
	}{
		{"", "", Attrs{}},
		{"{title=a.go}", "", Attrs{}},
		{"go", "go", Attrs{}},
		{"  go  ", "go", Attrs{}},
		{"c++", "c++", Attrs{}},
		{"go title=a.go exit=1", "go", Attrs{Title: "a.go", Exit: 1}},
		{`go {title="a.go" exit=1}`, "go", Attrs{Title: "a.go", Exit: 1}},
		{`go{title=a.go}`, "go", Attrs{Title: "a.go"}},
		{`go { title=a.go }  `, "go", Attrs{Title: "a.go"}},
		{"go {}", "go", Attrs{}},
		{"python norun", "python", Attrs{NoRun: true}},
		{"sh run", "sh", Attrs{Run: true}},
		{"sh exit=0", "sh", Attrs{}},
		{"sh exit=255", "sh", Attrs{Exit: 255}},
		{"go timeout=1m30s", "go", Attrs{Timeout: 90 * time.Second}},
		{"go timeout=\"250ms\"", "go", Attrs{Timeout: 250 * time.Millisecond}},
		{`sh args="-n 'two words' \"q\" a\ b"`, "sh", Attrs{Args: []string{"-n", "two words", "q", "a b"}}},
		{`sh args="printf 'a\tb'"`, "sh", Attrs{Args: []string{"printf", `a\tb`}}},
		{`sh args="a\\\\b"`, "sh", Attrs{Args: []string{`a\b`}}},
		{`sh args=""`, "sh", Attrs{}},
		{`sh args=one`, "sh", Attrs{Args: []string{"one"}}},
		{`sh env="A=1 B='x y' _C="`, "sh", Attrs{Env: []string{"A=1", "B=x y", "_C="}}},
		{`go {title="my prog.go" norun}`, "go", Attrs{Title: "my prog.go", NoRun: true}},
		{"output", "output", Attrs{}},
		{"output unordered", "output", Attrs{Unordered: true}},
		{"output {unordered}", "output", Attrs{Unordered: true}},
		{"stdin", "stdin", Attrs{}},
		// Hugo's syntax and attributes (SPEC §2.2).
		{`go {linenos=table, hl_lines=[8,"15-17"], linenostart=199, anchorlinenos=true}`, "go", Attrs{Lines: Lines{
			Numbers: NumbersTable, Start: 199, Highlight: []LineRange{{8, 8}, {15, 17}}, Anchors: true}}},
		{`go {linenos=inline,hl_lines="2 4-5"}`, "go", Attrs{Lines: Lines{Numbers: NumbersInline, Highlight: []LineRange{{2, 2}, {4, 5}}}}},
		{`go {lineNos=true lineNoStart=5 hl_Lines=[2] anchorLineNos=true lineAnchors=x}`, "go", Attrs{Lines: Lines{
			Numbers: NumbersTable, Start: 5, Highlight: []LineRange{{2, 2}}, Anchors: true, Prefix: "x"}}},
		{`go {linenos=true lineNumbersInTable=false}`, "go", Attrs{Lines: Lines{Numbers: NumbersInline, Inline: true}}},
		{`go {linenos=false}`, "go", Attrs{}},
		{`go {linenos style=monokai noClasses=false}`, "go", Attrs{Lines: Lines{Numbers: NumbersTable}}},
		{`go {title=a.go, exit=1}`, "go", Attrs{Title: "a.go", Exit: 1}},
		{`toml {.class #id .other}`, "toml", Attrs{Classes: []string{"class", "other"}, ID: "id"}},
		{`toml {file="x.toml"}`, "toml", Attrs{Extra: []Extra{{Key: "file", Value: "x.toml", HasValue: true, Offset: 6}}}},
		{`yaml filename=x.yaml titel=y`, "yaml", Attrs{Extra: []Extra{
			{Key: "filename", Value: "x.yaml", HasValue: true, Offset: 5}, {Key: "titel", Value: "y", HasValue: true, Offset: 21}}}},
		// Sessions (SPEC §3, §4.3).
		{"text file title=data.txt", "text", Attrs{File: true, Title: "data.txt"}},
		{`go {file title="folder/file1.hash"}`, "go", Attrs{File: true, Title: "folder/file1.hash"}},
		{`go title=server.go background ready="listening on"`, "go", Attrs{Title: "server.go", Background: true, Ready: "listening on"}},
		{"go background", "go", Attrs{Background: true}},
		{"python interrupt=1s exit=130", "python", Attrs{Interrupt: time.Second, Exit: 130}},
		{`go {x2 data-y="a b"}`, "go", Attrs{Extra: []Extra{{Key: "x2", Offset: 4}, {Key: "data-y", Value: "a b", HasValue: true, Offset: 7}}}},
	}
	for _, tt := range tests {
		lang, a, err := ParseInfo(tt.info)
		if err != nil {
			t.Errorf("ParseInfo(%q): %v", tt.info, err)
			continue
		}
		if lang != tt.lang || !reflect.DeepEqual(a, tt.want) {
			t.Errorf("ParseInfo(%q) = %q, %+v; want %q, %+v", tt.info, lang, a, tt.lang, tt.want)
		}
	}
}

func TestParseInfoErrors(t *testing.T) {
	tests := []struct {
		info   string
		offset int
		msg    string
	}{
		{"go {linenos=tabel}", 12, `linenos="tabel": want true, false, table or inline`},
		{"go {linenostart=x}", 16, `linenostart="x": want a line number`},
		{`go {hl_lines=[1,"3-2"]}`, 13, `hl_lines=[1,"3-2"]: want line numbers and ranges, as [8,"15-17"] or "8 15-17"`},
		{`go {hl_lines=[1,2}`, 13, "unclosed '['"},
		{"go title=a/b.go", 9, `title "a/b.go": want a plain file name, without a directory`},
		{"text file title=../x", 16, `title "../x": want a clean path inside the page's folder, without . or ..`},
		{"text file title=/etc/x", 16, `title "/etc/x": want a path relative to the page's folder`},
		{"text file title=a//b", 16, `title "a//b": want a clean path inside the page's folder, without . or ..`},
		{"text file", 9, "a file block needs title=NAME: the file it is written to"},
		{"sh file title=a.sh exit=1", 19, `a file block is written, never run: "exit" does not apply`},
		{"sh file title=a.sh background", 19, `a file block is written, never run: "background" does not apply`},
		{`sh ready="x"`, 3, "ready= needs background: the page waits for a program it left running"},
		{`sh background ready=""`, 20, `ready="": want the text the program prints when it is ready`},
		{"sh interrupt=soon", 13, `interrupt="soon": want a positive Go duration such as 1s`},
		{"sh background=1", 14, `attribute "background" takes no value`},
		{`go {anchorlinenos=yes}`, 18, `anchorlinenos="yes": want true or false`},
		{`go {. x}`, 4, `'.' without a name`},
		{`go {hl_lines=[1]x}`, 16, `unexpected text after closing ']'`},
		{"go title=a/b.go", 9, `title "a/b.go": want a plain file name, without a directory`},
		{`go title=..`, 9, `title "..": not a file name`},
		{`go title=""`, 9, `title "": empty`},
		{"go title", 3, `attribute "title" needs a value: title=…`},
		{"go norun=yes", 9, `attribute "norun" takes no value`},
		{"go norun run", 12, "norun and run contradict each other"},
		{"go exit=256", 8, `exit="256": want an exit status, an integer from 0 to 255`},
		{"go exit=-1", 8, `exit="-1": want an exit status, an integer from 0 to 255`},
		{"go exit=one", 8, `exit="one": want an exit status, an integer from 0 to 255`},
		{"go timeout=10", 11, `timeout="10": want a positive Go duration such as 30s`},
		{"go timeout=0s", 11, `timeout="0s": want a positive Go duration such as 30s`},
		{`go args="'open"`, 8, "args: unterminated single quote"},
		{`go args="\"open"`, 8, "args: unterminated double quote"},
		{`go args=a\`, 8, "args: trailing backslash"},
		{`go env="A=1 B"`, 7, `env: "B" is not NAME=VALUE`},
		{`go env="1A=x"`, 7, `env: "1A=x" is not NAME=VALUE`},
		{`go title="a.go`, 9, "unterminated quoted value"},
		{`go title="a"b`, 12, `unexpected text after closing '"'`},
		{`go title=a"b`, 10, `unexpected '"' inside an unquoted value`},
		{"go {title=a.go", 3, "unclosed '{'"},
		{"go {norun} run", 11, "unexpected text after '}'"},
		{"go title=a exit=1 title=b", 18, `duplicate attribute "title"`},
		{"go =x", 3, `unexpected '=', want an attribute name`},
		{"go no:run", 5, `unexpected ':' after attribute name "no"`},
		{"output ordered", 7, `unknown output block attribute "ordered"`},
		{"output unordered=1", 17, `attribute "unordered" takes no value`},
		{"stdin unordered", 6, "a stdin block takes no attributes"},
		{"output {.class}", 8, `unknown output block attribute "."`},
	}
	for _, tt := range tests {
		_, _, err := ParseInfo(tt.info)
		var ie *InfoError
		if !errors.As(err, &ie) {
			t.Errorf("ParseInfo(%q) error = %v, want an *InfoError", tt.info, err)
			continue
		}
		if ie.Offset != tt.offset || ie.Msg != tt.msg {
			t.Errorf("ParseInfo(%q) error at %d: %s\nwant at %d: %s", tt.info, ie.Offset, ie.Msg, tt.offset, tt.msg)
		}
	}
}

func TestSplitWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  a  b\tc ", []string{"a", "b", "c"}},
		{`'' ""`, []string{"", ""}},
		{`a'b c'd`, []string{"ab cd"}},
		{`"a\"b" "\$x" "\n"`, []string{`a"b`, "$x", `\n`}},
		{`'\'`, []string{`\`}},
		{`a\ b \'c`, []string{"a b", "'c"}},
		{"a\\\nb", []string{"ab"}},
	}
	for _, tt := range tests {
		got, err := splitWords(tt.in)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitWords(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

// TestUnknown: on a fence that runs, only file= and filename= with a
// value are data; every other attribute pipedocs does not know is
// unknown. Bare file is SPEC §3's flag.
func TestUnknown(t *testing.T) {
	tests := []struct {
		info string
		want []string
	}{
		{`go {linenos=table hl_lines=[2] .c #i style=x}`, nil},
		{`go {file="a.toml" filename=b}`, nil},
		{`go {titel=a data-x=1}`, []string{"titel", "data-x"}},
		{`go {file title=a.go data-x=1}`, []string{"data-x"}},
	}
	for _, tt := range tests {
		_, a, err := ParseInfo(tt.info)
		if err != nil {
			t.Fatalf("ParseInfo(%q): %v", tt.info, err)
		}
		var got []string
		for _, e := range a.Unknown() {
			got = append(got, e.Key)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseInfo(%q).Unknown() = %q, want %q", tt.info, got, tt.want)
		}
	}
}

// FuzzParseInfo: any info string parses without a panic, and every
// offset (an error's, an unknown attribute's) lies within it.
func FuzzParseInfo(f *testing.F) {
	for _, s := range []string{
		`go {linenos=table, hl_lines=[8,"15-17"], linenostart=199}`, `toml {.c #i file="x"}`,
		`sh args="a b" env="A=1"`, `go {hl_lines=[1,`, `yaml {a="\"x\\"}`, "output unordered",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, info string) {
		_, a, err := ParseInfo(info)
		var ie *InfoError
		if errors.As(err, &ie) && (ie.Offset < 0 || ie.Offset > len(info)) {
			t.Fatalf("ParseInfo(%q): error offset %d outside the info string", info, ie.Offset)
		}
		for _, e := range a.Extra {
			if e.Offset < 0 || e.Offset+len(e.Key) > len(info) || info[e.Offset:e.Offset+len(e.Key)] != e.Key {
				t.Fatalf("ParseInfo(%q): attribute %q at offset %d", info, e.Key, e.Offset)
			}
		}
	})
}
