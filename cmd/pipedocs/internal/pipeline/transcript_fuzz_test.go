package pipeline

import (
	"bytes"
	"testing"

	"github.com/pipedocs/pipedocs/render/expect"
	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/page"
	"github.com/pipedocs/pipedocs/render/site"
	"github.com/pipedocs/pipedocs/render/transcript"
)

// transcriptUpdate is update's rewrite of the transcripts of doc, every
// command given out and exit: the new text, or doc when nothing changes.
func transcriptUpdate(md *markdown.Renderer, doc []byte, out []byte, exit int) ([]byte, *site.Article, bool) {
	pg, _ := page.ParsePlain("a.md", doc)
	a, _ := site.ParsePlain(md, pg)
	p := &Project{Root: ".", Markdown: md, Site: &site.Site{Pages: []*site.Article{a}}}
	var edits []transcriptEdit
	for i := range a.Snippets {
		s := &a.Snippets[i]
		if !transcript.Is(s.Lang) {
			continue
		}
		tj := parseTranscript(a.Page.Src, s)
		if !tj.inPlace || closesFence(out, s.Code.Fence) {
			continue // update refuses these (transcriptEdits, stableEdit)
		}
		steps := make([]transcript.Step, len(tj.t.Commands))
		for k := range steps {
			steps[k] = transcript.Step{Output: out, Exit: exit}
		}
		edits = append(edits, transcriptEdit{job: &Job{Article: a, Snippet: s, transcript: tj}, steps: steps, opts: expect.Options{}})
	}
	u, ok := p.update(a, nil, edits)
	if !ok {
		return doc, a, false
	}
	return u.New, a, true
}

// FuzzUpdateTranscripts: update's rewrite of a file's transcripts never
// panics, keeps every block of the file (the same snippets, in order),
// leaves the bytes before the first and after the last transcript as
// they were, and done again changes nothing.
func FuzzUpdateTranscripts(f *testing.F) {
	f.Add([]byte("# t\n\n```console\n$ echo a\nb\n```\n\n```sh\necho\n```\n\n```console\n$ x\n> y\n? 2\n```\n"), []byte("a\n"), uint8(0))
	f.Add([]byte("- ```console\n  $ a\n  old\n  ```\n\nafter\n"), []byte("> not a continuation\n$ nor a command\n"), uint8(1))
	f.Add([]byte("> ```console\n> $ quoted\n> ```\n"), []byte("x"), uint8(3))
	md := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, doc, out []byte, exit uint8) {
		once, a, changed := transcriptUpdate(md, doc, out, int(exit%4))
		if !changed {
			return
		}
		_, a2, _ := transcriptUpdate(md, once, out, int(exit%4))
		if len(a2.Snippets) != len(a.Snippets) {
			t.Fatalf("%d blocks became %d:\n%q\n%q", len(a.Snippets), len(a2.Snippets), doc, once)
		}
		for i := range a.Snippets {
			if a.Snippets[i].Lang != a2.Snippets[i].Lang {
				t.Fatalf("block %d changed language: %q", i, once)
			}
		}
		if twice, _, again := transcriptUpdate(md, once, out, int(exit%4)); again {
			t.Fatalf("a second update changed it:\n once %q\ntwice %q", once, twice)
		}
		first, last := -1, 0
		for _, s := range a.Snippets {
			if transcript.Is(s.Lang) {
				if first < 0 {
					first = s.Code.ContentStart
				}
				last = s.Code.ContentEnd
			}
		}
		if !bytes.HasPrefix(once, doc[:first]) || !bytes.HasSuffix(once, doc[last:]) {
			t.Fatalf("bytes outside the transcripts changed:\n%q\n%q", doc, once)
		}
	})
}
