package snippet

import (
	"fmt"
	"strings"
	"testing"
)

// describe sums up snippets as one line each: language@line, attributes,
// and the lines of the stdin and output blocks tied to it.
func describe(snips []Snippet) string {
	var b strings.Builder
	for _, s := range snips {
		fmt.Fprintf(&b, "%d %s@%d", s.Index, s.Lang, s.Code.Line)
		if s.Attrs.Title != "" {
			fmt.Fprintf(&b, " title=%s", s.Attrs.Title)
		}
		if s.Stdin != nil {
			fmt.Fprintf(&b, " stdin@%d", s.Stdin.Line)
		}
		if s.Output != nil {
			fmt.Fprintf(&b, " output@%d", s.Output.Line)
		}
		if s.Unordered {
			b.WriteString(" unordered")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// stray is the warning for an output block that follows no snippet.
const stray = "warning: output block follows no snippet; shown as plain output"

func TestFind(t *testing.T) {
	tests := []struct {
		name, src, want, diags string
	}{{
		name: "snippet stdin output",
		src:  "+++\ntitle = \"t\"\n+++\n\nText.\n\n```go title=a.go\npackage main\n```\n\n```stdin\nin\n```\n\n\n```output unordered\nb\na\n```\n",
		want: "0 go@7 title=a.go stdin@11 output@16 unordered\n",
	}, {
		name: "adjacent without blank lines",
		src:  "```sh\necho\n```\n```output\nx\n```\n",
		want: "0 sh@1 output@4\n",
	}, {
		name: "every language is a snippet, plain blocks are not",
		src:  "```text\nx\n```\n\n```\nplain\n```\n\n~~~c\nint\n~~~\n",
		want: "0 text@1\n1 c@9\n",
	}, {
		name: "in lists and blockquotes",
		src:  "- item\n\n  ```sh\n  echo\n  ```\n\n  ```output\n  x\n  ```\n\n> ```py\n> print()\n> ```\n>\n> ```output\n> y\n> ```\n",
		want: "0 sh@3 output@7\n1 py@11 output@15\n",
	}, {
		name: "source order, footnotes included",
		src:  "x[^1]\n\n[^1]: note\n\n    ```sh\n    a\n    ```\n\n    ```output\n    b\n    ```\n\n```py\nc\n```\n```output\nd\n```\n",
		want: "0 sh@5 output@9\n1 py@13 output@16\n",
	}, {
		name:  "output without snippet",
		src:   "Text.\n\n```output\nx\n```\n",
		diags: "a.md:3:1: " + stray + "\n",
	}, {
		name: "lead-in paragraph between (issue 12)",
		src:  "```sh\necho\n```\n\nRunning it prints:\n\n```output\nx\n```\n",
		want: "0 sh@1 output@7\n",
	}, {
		name: "paragraphs before stdin and before output",
		src:  "```sh\ncat\n```\nGiven this input,\nover two lines:\n```stdin\nin\n```\n\nIt prints:\n\nthis.\n\n```output\nin\n```\n",
		want: "0 sh@1 stdin@6 output@14\n",
	}, {
		name: "lead-in inside a list item",
		src:  "1. Run:\n\n   ```sh\n   echo\n   ```\n\n   You see:\n\n   ```output\n   x\n   ```\n",
		want: "0 sh@3 output@9\n",
	}, {
		name: "lead-in inside a blockquote, without a space",
		src:  ">```sh\n>echo\n>```\n>\n>It prints:\n>\n>```output\n>x\n>```\n",
		want: "0 sh@1 output@7\n",
	}, {
		name:  "heading between",
		src:   "```sh\necho\n```\n\n## Output\n\n```output\nx\n```\n",
		want:  "0 sh@1\n",
		diags: "a.md:7:1: " + stray + "\n",
	}, {
		name:  "setext heading between",
		src:   "```sh\necho\n```\n\nOutput\n---\n\n```output\nx\n```\n",
		want:  "0 sh@1\n",
		diags: "a.md:8:1: " + stray + "\n",
	}, {
		name:  "thematic break between",
		src:   "```sh\necho\n```\n\nSee:\n\n***\n\n```output\nx\n```\n",
		want:  "0 sh@1\n",
		diags: "a.md:9:1: " + stray + "\n",
	}, {
		name:  "list between",
		src:   "```sh\necho\n```\n\n- a\n- b\n\n```output\nx\n```\n",
		want:  "0 sh@1\n",
		diags: "a.md:8:1: " + stray + "\n",
	}, {
		name:  "other container",
		src:   "- ```sh\n  echo\n  ```\n\n  Text.\n\n```output\nx\n```\n",
		want:  "0 sh@1\n",
		diags: "a.md:7:1: " + stray + "\n",
	}, {
		name:  "later output after prose stays plain",
		src:   "```sh\necho\n```\n```output\nx\n```\n\nWith -v:\n\n```output\nx -v\n```\n",
		want:  "0 sh@1 output@4\n",
		diags: "a.md:10:1: " + stray + "\n",
	}, {
		name:  "plain block between",
		src:   "```sh\necho\n```\n```\nplain\n```\n```output\nx\n```\n",
		want:  "0 sh@1\n",
		diags: "a.md:7:1: " + stray + "\n",
	}, {
		name:  "stdin after prose with no snippet is an error",
		src:   "Text.\n\n```stdin\nx\n```\n",
		diags: "a.md:3:1: stdin block follows no snippet\n",
	}, {
		name:  "stdin after output",
		src:   "```sh\ncat\n```\n```output\nx\n```\n```stdin\nx\n```\n",
		want:  "0 sh@1 output@4\n",
		diags: "a.md:7:1: stdin block after the output block of snippet at line 1; stdin comes first\n",
	}, {
		name:  "two outputs",
		src:   "```sh\ncat\n```\n\n```output\nx\n```\n\n  ```output\n  y\n  ```\n",
		want:  "0 sh@1 output@5\n",
		diags: "a.md:9:3: second output block for snippet at line 1\n",
	}, {
		name:  "two stdins",
		src:   "```sh\ncat\n```\n```stdin\n```\n```stdin\n```\n",
		want:  "0 sh@1 stdin@4\n",
		diags: "a.md:6:1: second stdin block for snippet at line 1\n",
	}, {
		name:  "bad attributes, positioned in the info string",
		src:   "+++\n+++\n```go exit=300\n```\n\n- ```sh {title=\"a/b\"}\n  ```\n  ```output sorted\n  ```\n",
		want:  "0 go@3\n1 sh@6 output@8\n",
		diags: "a.md:3:12: exit=\"300\": want an exit status, an integer from 0 to 255\na.md:6:16: title \"a/b\": want a plain file name, without a directory\na.md:8:13: unknown output block attribute \"sorted\"\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snips, diags := find(t, []byte(tt.src))
			if got := describe(snips); got != tt.want {
				t.Errorf("snippets:\n%s\nwant:\n%s", got, tt.want)
			}
			var got strings.Builder
			for _, d := range diags {
				got.WriteString(d.Error() + "\n")
			}
			if got.String() != tt.diags {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got.String(), tt.diags)
			}
		})
	}
}

// TestFindPositions checks the byte ranges of blocks: update replaces
// exactly these bytes, so they must be right to the byte.
func TestFindPositions(t *testing.T) {
	tests := []struct {
		name, src      string
		block, content string // src[Start:End], src[ContentStart:ContentEnd]
		text           string // Block.Content
		line, indent   int
		fence          string
		closed         bool
	}{
		{"plain", "x\n\n```go\na\nb\n```\nafter\n", "```go\na\nb\n```\n", "a\nb\n", "a\nb\n", 3, 0, "```", true},
		{"tilde long", "~~~~~sh\n~~~\n~~~~~~\n", "~~~~~sh\n~~~\n~~~~~~\n", "~~~\n", "~~~\n", 1, 0, "~~~~~", true},
		{"indented", "   ```sh\n  a\n    b\n   ```\n", "   ```sh\n  a\n    b\n   ```\n", "  a\n    b\n", "a\n b\n", 1, 3, "```", true},
		{"crlf", "```sh\r\na\r\n```\r\n", "```sh\r\na\r\n```\r\n", "a\r\n", "a\r\n", 1, 0, "```", true},
		{"no final newline", "```sh\na\n```", "```sh\na\n```", "a\n", "a\n", 1, 0, "```", true},
		{"unclosed at EOF", "```sh\na", "```sh\na", "a", "a\n", 1, 0, "```", false},
		{"empty", "```sh\n```\n", "```sh\n```\n", "", "", 1, 0, "```", true},
		{"only a fence", "```sh", "```sh", "", "", 1, 0, "```", false},
		{"list item", "- ```sh\n  a\n  ```\n- b\n", "- ```sh\n  a\n  ```\n", "  a\n", "a\n", 1, 2, "```", true},
		{"list ends first", "- ```sh\n  a\n```\n", "- ```sh\n  a\n", "  a\n", "a\n", 1, 2, "```", false},
		{"blockquote", "> ```sh\n> a\n> ```\n", "> ```sh\n> a\n> ```\n", "> a\n", "a\n", 1, 2, "```", true},
		{"blockquote ends first", "> ```sh\n> a\n```\n", "> ```sh\n> a\n", "> a\n", "a\n", 1, 2, "```", false},
		{"footnote ends first", "x[^1][^2]\n\n[^1]: note\n\n    ```sh\n    a\n```\n\n[^2]: two\n", "    ```sh\n    a\n", "    a\n", "a\n", 5, 4, "```", false},
		{"footnote", "x[^1]\n\n[^1]: note\n\n    ```sh\n    a\n    ```\n", "    ```sh\n    a\n    ```\n", "    a\n", "a\n", 5, 4, "```", true},
		{"closing fence with trailing blanks", "```sh\na\n```  \nb\n", "```sh\na\n```  \n", "a\n", "a\n", 1, 0, "```", true},
		{"short closing fence is content", "````sh\n```\n````\n", "````sh\n```\n````\n", "```\n", "```\n", 1, 0, "````", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			snips, diags := find(t, src)
			if len(diags) > 0 || len(snips) == 0 {
				t.Fatalf("got %d snippets, diagnostics %v", len(snips), diags)
			}
			b := snips[0].Code
			if got := string(src[b.Start:b.End]); got != tt.block {
				t.Errorf("block %q, want %q", got, tt.block)
			}
			if got := string(src[b.ContentStart:b.ContentEnd]); got != tt.content {
				t.Errorf("content lines %q, want %q", got, tt.content)
			}
			if string(b.Content) != tt.text {
				t.Errorf("Content %q, want %q", b.Content, tt.text)
			}
			if b.Line != tt.line || b.Indent != tt.indent || b.Fence != tt.fence || b.Closed != tt.closed {
				t.Errorf("line %d indent %d fence %q closed %v; want %d %d %q %v",
					b.Line, b.Indent, b.Fence, b.Closed, tt.line, tt.indent, tt.fence, tt.closed)
			}
		})
	}
}
