package markdown

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/yuin/goldmark/ast"
)

// parseBlocksSeeds are bodies where block structure and inline content
// meet: footnotes referenced or not, at the top or nested, code in
// containers, fences next to link definitions and tables, unclosed fences.
var parseBlocksSeeds = []string{
	"```go\npackage main\n```\n\n```output\nhi\n```\n",
	"Text[^1].\n\n[^1]: A note.\n\n    ```sh\n    echo in a note\n    ```\n",
	"No reference.\n\n[^1]: A note.\n\n    ```sh\n    echo dropped\n    ```\n\n```sh\necho kept\n```\n",
	"> [^n]: quoted note\n>\n>     ```sh\n>     echo\n>     ```\n\n```sh\necho after\n```\n",
	"`[^1]` is code, not a reference.\n\n[^1]: note\n\n    ```sh\n    echo\n    ```\n",
	"- item\n\n  ```sh\n  echo in a list\n  ```\n- ```go\n  package p\n  ```\n",
	"[ref]: https://go.dev/\n```sh\necho\n```\n[other]: /x\n",
	"| a | b |\n| - | - |\n| 1 | 2 |\n```sh\necho\n```\n",
	"> ```sh\n> echo\n\n```\nunclosed\n",
	"~~~~python title=x.py\nprint(1)\n~~~\n~~~~\n",
	"<div>\n```sh\nraw html\n```\n</div>\n\n```sh\necho\n```\n",
	"Term\n: ```sh\n  echo in a definition\n  ```\n\n: second\n\n  ```go\n  package p\n  ```\n",
	"## Heading {#id .c}\n\n<!--more-->\n```sh\necho\n```\n",
}

// FuzzParseBlocks checks ParseBlocks against Parse: the same fenced code
// blocks at the same places, and so the same snippets and diagnostics.
func FuzzParseBlocks(f *testing.F) {
	for _, s := range parseBlocksSeeds {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, af := range ar.Files {
			if af.Name == "article.md" {
				f.Add(af.Data[bodyStart(af.Data):])
			}
		}
	}
	r := New(Options{})
	f.Fuzz(func(t *testing.T, body []byte) {
		full, fullErrs := r.Parse(body)
		blocks, blocksErrs := r.ParseBlocks(body)
		if !reflect.DeepEqual(blocksErrs, fullErrs) {
			t.Fatalf("ParseBlocks found errors %v, Parse %v", blocksErrs, fullErrs)
		}
		if got, want := fencedBlocks(blocks, body), fencedBlocks(full, body); !reflect.DeepEqual(got, want) {
			t.Fatalf("ParseBlocks found fenced blocks\n%+v\nParse found\n%+v", got, want)
		}
		gotS, gotD := snippet.Find("a.md", body, 0, blocks)
		wantS, wantD := snippet.Find("a.md", body, 0, full)
		if !reflect.DeepEqual(gotS, wantS) || !reflect.DeepEqual(gotD, wantD) {
			t.Fatalf("snippets from ParseBlocks\n%+v %v\nfrom Parse\n%+v %v", gotS, gotD, wantS, wantD)
		}
	})
}

type fencedBlock struct {
	Info  string
	Block snippet.Block
}

// fencedBlocks lists the fenced code blocks of doc in tree order.
func fencedBlocks(doc ast.Node, body []byte) []fencedBlock {
	var list []fencedBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fc, ok := n.(*ast.FencedCodeBlock); ok && entering {
			b := fencedBlock{Block: snippet.Locate(fc, body)}
			if fc.Info != nil {
				b.Info = string(fc.Info.Segment.Value(body))
			}
			list = append(list, b)
		}
		return ast.WalkContinue, nil
	})
	return list
}

// ParseBlocks must fall back to a full parse exactly when footnotes could
// drop blocks; otherwise it would save nothing.
func TestParseBlocksSkipsInlines(t *testing.T) {
	r := New(Options{})
	hasEmphasis := func(doc ast.Node) bool {
		found := false
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			found = found || n.Kind() == ast.KindEmphasis
			return ast.WalkContinue, nil
		})
		return found
	}
	if plain := []byte("Some *emphasis*.\n"); hasEmphasis(mustParseBlocks(t, r, plain)) {
		t.Error("ParseBlocks parsed inline content of a body without footnotes")
	}
	if notes := []byte("Some *emphasis*[^1].\n\n> [^1]: a nested note\n"); !hasEmphasis(mustParseBlocks(t, r, notes)) {
		t.Error("ParseBlocks did not parse a body with a nested footnote in full")
	}
}

// mustParse is r.Parse(body) for a body the test knows to be fine.
func mustParse(t testing.TB, r *Renderer, body []byte) ast.Node {
	t.Helper()
	doc, errs := r.Parse(body)
	if len(errs) > 0 {
		t.Fatalf("Parse: %v", errs)
	}
	return doc
}

// mustParseBlocks is r.ParseBlocks(body) for a body the test knows to be
// fine.
func mustParseBlocks(t testing.TB, r *Renderer, body []byte) ast.Node {
	t.Helper()
	doc, errs := r.ParseBlocks(body)
	if len(errs) > 0 {
		t.Fatalf("ParseBlocks: %v", errs)
	}
	return doc
}
