package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/yuin/goldmark/ast"
)

// indentedList is a list nested n deep, one item a line, each two spaces
// deeper than the one before: how an author writes a nested list.
func indentedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	return b.String()
}

// quotedList is n levels alternating blockquote and list, on one line
// per level: "> - > - …" spelt out with each level on its own line.
func quotedList(n int) string {
	var b strings.Builder
	prefix := ""
	for i := range n {
		if i%2 == 0 {
			b.WriteString(prefix + "> quote\n")
			prefix += "> "
		} else {
			b.WriteString(prefix + "- item\n")
			prefix += "  "
		}
	}
	return b.String()
}

// nestedDefinitions is a definition list nested n deep, each one in the
// description of the one before.
func nestedDefinitions(n int) string {
	var b strings.Builder
	for i := range n {
		in := strings.Repeat("  ", i)
		b.WriteString(in + "t\n" + in + ": d\n\n")
	}
	return b.String()
}

func TestDepthLimit(t *testing.T) {
	const n = MaxDepth
	tests := []struct {
		name string
		body string
		at   string // "line:col" of the error, "" for none
	}{
		{"indented list at the limit", indentedList(n), ""},
		{"indented list over", indentedList(n + 1), fmt.Sprintf("%d:%d", n+1, 2*n+1)},
		{"one-line list at the limit", strings.Repeat("- ", n) + "x\n", ""},
		{"one-line list over", strings.Repeat("- ", n+1) + "x\n", fmt.Sprintf("1:%d", 2*n+1)},
		{"ordered list over", strings.Repeat("1. ", n+1) + "x\n", fmt.Sprintf("1:%d", 3*n+1)},
		{"blockquote at the limit", strings.Repeat(">", n) + " x\n", ""},
		{"blockquote over", strings.Repeat(">", n+1) + " x\n", fmt.Sprintf("1:%d", n+1)},
		{"spaced blockquote over", "Intro.\n\n" + strings.Repeat("> ", n+1) + "x\n", fmt.Sprintf("3:%d", 2*n+1)},
		{"mixed at the limit", strings.Repeat("> - ", n/2) + "x\n", ""},
		{"mixed over", strings.Repeat("> - ", n/2) + "> x\n", fmt.Sprintf("1:%d", 2*n+1)},
		{"mixed, a level a line, at the limit", quotedList(n), ""},
		{"mixed, a level a line, over", quotedList(n + 1), fmt.Sprintf("%d:%d", n+1, 2*n+1)},
		{"far over", strings.Repeat("- ", 10*n) + "x\n", fmt.Sprintf("1:%d", 2*n+1)},
		{"definition lists at the limit", nestedDefinitions(n), ""},
		{"definition lists over", nestedDefinitions(n + 1), fmt.Sprintf("%d:%d", 3*n+2, 2*n+1)}, // at its ":"
		{"deep list then more text", strings.Repeat(">", n+1) + " x\n\nMore.\n", fmt.Sprintf("1:%d", n+1)},
		{"fenced code of > lines", "```text\n" + strings.Repeat(strings.Repeat(">", 2*n)+"\n", 3) + "```\n", ""},
		{"fenced code of - lines", "~~~\n" + strings.Repeat("- ", 2*n) + "\n~~~\n", ""},
		{"fenced code in a quote", "> ```\n> " + strings.Repeat(">", 2*n) + "\n> ```\n", ""},
		{"indented code of > lines", "    " + strings.Repeat("> ", 2*n) + "\n", ""},
		{"paragraph of > after text", "text\n" + strings.Repeat("\\> ", 2*n) + "\n", ""},
		{"separate quotes do not add up", strings.Repeat(strings.Repeat(">", n)+" x\n\n", 3), ""},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := []byte(tt.body)
			for _, p := range []struct {
				name  string
				parse func([]byte) (ast.Node, []BodyError)
			}{{"Parse", r.Parse}, {"ParseBlocks", r.ParseBlocks}} {
				doc, errs := p.parse(body)
				if doc == nil {
					t.Fatalf("%s returned no tree", p.name)
				}
				got := ""
				if len(errs) == 1 {
					line, col := diag.NewLineIndex(body).Position(errs[0].Offset)
					got = fmt.Sprintf("%d:%d", line, col)
					if want := fmt.Sprintf("nested deeper than %d levels", MaxDepth); !strings.Contains(errs[0].Msg, want) {
						t.Errorf("%s: message %q does not say %q", p.name, errs[0].Msg, want)
					}
				} else if len(errs) > 1 {
					t.Fatalf("%s: %d errors: %v", p.name, len(errs), errs)
				}
				if got != tt.at {
					t.Errorf("%s: error at %q, want %q (%v)", p.name, got, tt.at, errs)
				}
			}
		})
	}
}

// TestDepthLimitAtTheLimitRenders checks that a body MaxDepth deep, the
// deepest allowed, is parsed and rendered as goldmark would.
func TestDepthLimitAtTheLimitRenders(t *testing.T) {
	body := []byte(strings.Repeat(">", MaxDepth) + " deep\n")
	r := New(Options{})
	a, err := r.Render(body, 0, mustParse(t, r, body), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(a.Body), "<blockquote>"); got != MaxDepth {
		t.Errorf("%d blockquotes rendered, want %d", got, MaxDepth)
	}
}
