package markdown

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/yuin/goldmark/ast"
)

// parseRefsSeeds are bodies where skimming a paragraph could go wrong:
// paragraphs that other blocks take over (setext headings, definition
// terms, tight lists), links and raw HTML among plain prose, footnotes,
// tables, alerts.
var parseRefsSeeds = []string{
	"Plain *prose*.\n\nA [link](a.md#x) and ![an image](i.png).\n\n## Heading\n",
	"Setext heading\n===\n\nAnother\n---\n\n> Quoted setext\n> ---\n",
	"Term\n: definition\n\nTerm after a blank\n\n: its definition\n\n- Listed term\n\n  : listed definition\n",
	"- tight *item*\n- [linked](b.md)\n\n1. loose\n\n2. items\n",
	"Note[^1] and `[not a link](x)`.\n\n[^1]: The *note*.\n",
	"| a | b |\n| - | - |\n| [c](c.md) | d |\n\ntext\n- list after text\n",
	"> [!NOTE]\n> An alert.\n\n> A quote, no link.\n",
	"<div id=\"block\">\n\nhtml</div>\n\nInline <span id=\"inline\">raw</span> html.\n",
	"[ref]: /target\n\nUses [ref] and [ref][] and [text][ref].\n",
	"Line one\nline two  \nhard break\\\nend www.example.com me@example.com\n",
	"para\n\n\n: colon after blank lines\n\n>\n> quoted para\n>\n> : quoted definition\n",
}

// FuzzParseRefs checks ParseRefs against Parse: the same errors, the same
// blocks with the same lines, the same snippets, links and ids.
func FuzzParseRefs(f *testing.F) {
	for _, s := range append(append(parseRefsSeeds, parseBlocksSeeds...), linkifySeeds...) {
		f.Add([]byte(s), false)
	}
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, af := range ar.Files {
			if af.Name == "article.md" {
				f.Add(af.Data[bodyStart(af.Data):], true)
			}
		}
	}
	safe, unsafe := New(Options{}), New(Options{Unsafe: true})
	f.Fuzz(func(t *testing.T, body []byte, raw bool) {
		r := safe
		if raw {
			r = unsafe
		}
		full, fullErrs := r.Parse(body)
		skim, skimErrs := r.ParseRefs(body)
		if !reflect.DeepEqual(skimErrs, fullErrs) {
			t.Fatalf("ParseRefs found errors %v, Parse %v", skimErrs, fullErrs)
		}
		if got, want := blockString(skim, body), blockString(full, body); got != want {
			t.Fatalf("ParseRefs made blocks\n%s\nParse made\n%s", got, want)
		}
		gotS, gotD := snippet.Find("a.md", body, 0, skim)
		wantS, wantD := snippet.Find("a.md", body, 0, full)
		if !reflect.DeepEqual(gotS, wantS) || !reflect.DeepEqual(gotD, wantD) {
			t.Fatalf("snippets from ParseRefs\n%+v %v\nfrom Parse\n%+v %v", gotS, gotD, wantS, wantD)
		}
		gotL, gotI := r.Refs(skim, body)
		wantL, wantI := r.Refs(full, body)
		if !reflect.DeepEqual(gotL, wantL) || !reflect.DeepEqual(gotI, wantI) {
			t.Fatalf("Refs of ParseRefs\n%+v %q\nof Parse\n%+v %q", gotL, gotI, wantL, wantI)
		}
	})
}

// TestParseRefsSkims guards FuzzParseRefs against a ParseRefs that is
// Parse: a paragraph without a link has no inline content, one with a
// link has all of it.
func TestParseRefsSkims(t *testing.T) {
	r := New(Options{})
	body := []byte("Some *plain* prose.\n\nSome *linked* [prose](x.md).\n")
	doc, errs := r.ParseRefs(body)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var emphasis []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if e, ok := n.(*ast.Emphasis); ok && entering {
			emphasis = append(emphasis, string(e.FirstChild().(*ast.Text).Segment.Value(body)))
		}
		return ast.WalkContinue, nil
	})
	if want := []string{"linked"}; !reflect.DeepEqual(emphasis, want) {
		t.Errorf("ParseRefs parsed the emphasis of %q, want only %q", emphasis, want)
	}
}

// blockString writes out the blocks of doc with their kinds, positions
// and lines, and the kinds of their inline nodes.
func blockString(doc ast.Node, src []byte) string {
	var b strings.Builder
	depth := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch {
		case n.Type() == ast.TypeInline:
			return ast.WalkSkipChildren, nil
		case !entering:
			depth--
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&b, "%s%s@%d", strings.Repeat(" ", depth), n.Kind(), n.Pos())
		for i := range n.Lines().Len() {
			seg := n.Lines().At(i)
			fmt.Fprintf(&b, " %q", seg.Value(src))
		}
		if h, ok := n.(*ast.Heading); ok {
			id, _ := headingID(h)
			fmt.Fprintf(&b, " #%s", id)
		}
		b.WriteByte('\n')
		depth++
		return ast.WalkContinue, nil
	})
	return b.String()
}
