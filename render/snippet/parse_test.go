package snippet

import (
	"bytes"
	"testing"

	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// markdown parses as the site does: CommonMark, GFM and footnotes.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))

// bodyStart returns the offset just past src's front matter, found the
// simple way, which is all the tests need.
func bodyStart(src []byte) int {
	for _, delim := range []string{"+++", "---"} {
		open := delim + "\n"
		if !bytes.HasPrefix(src, []byte(open)) {
			continue
		}
		rest := src[len(open):]
		for off := 0; off < len(rest); {
			end := lineEnd(rest, off)
			if string(bytes.TrimRight(rest[off:end], "\r\n")) == delim {
				return len(open) + end
			}
			off = end
		}
	}
	return 0
}

// find parses src and finds its snippets.
func find(t testing.TB, src []byte) ([]Snippet, diag.List) {
	t.Helper()
	start := bodyStart(src)
	doc := markdown.Parser().Parse(text.NewReader(src[start:]))
	return Find("a.md", src, start, doc)
}
