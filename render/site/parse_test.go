package site

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/render/page"
)

// TestParseBodyDiagnostics: a body Markdown cannot be rendered from is a
// diagnostic at the place where it goes wrong, and the other pages and
// problems of the site are still reported.
func TestParseBodyDiagnostics(t *testing.T) {
	deep := strings.Repeat("> ", markdown.MaxDepth+1) + "x\n"
	files := fstest.MapFS{
		"content/a/deep.md":  {Data: []byte("+++\ntitle = \"Deep\"\n+++\nIntro.\n\n" + deep)},
		"content/a/latin.md": {Data: []byte("+++\ntitle = \"Latin-1\"\n+++\nCaf\xe9 au lait.\n")},
		"content/a/typo.md":  {Data: []byte("+++\ntitle = \"Typo\"\n+++\n```sh exit=one\necho\n```\n")},
		"content/a/fine.md":  {Data: []byte("+++\ntitle = \"Fine\"\n+++\n- a\n  - b\n")},
	}
	pages, diags, err := page.Load(context.Background(), files, "", page.Filter{})
	if err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	_, diags, err = Parse(context.Background(), sampleConfig("https://example.org/"), markdown.New(markdown.Options{}), pages)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("content/a/deep.md:6:%d: lists and blockquotes nested deeper than %d levels\n", 2*markdown.MaxDepth+1, markdown.MaxDepth) +
		"content/a/latin.md:4:4: invalid UTF-8 (byte 0xe9): Markdown is read as UTF-8; save the file in that encoding\n" +
		`content/a/typo.md:4:12: exit="one": want an exit status, an integer from 0 to 255` + "\n"
	if got := diags.Error() + "\n"; got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

// manyPages is n pages of about 9 kB each, prose and nested lists, that
// take goldmark a millisecond or two each. They are made by hand, all on
// the same bytes, because loading them would be most of the test's time;
// they are fit for the parse of their bodies, not for the site index.
func manyPages(n int) []*page.Page {
	var body strings.Builder
	body.WriteString("+++\ntitle = \"P\"\n+++\n")
	start := body.Len()
	for range 40 {
		body.WriteString("A paragraph with *emphasis*, `code` and a [link](https://example.org/), long enough to be prose.\n\n")
		for i := range 8 {
			body.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
		body.WriteString("\n> A quote.\n\n")
	}
	src := []byte(body.String())
	pages := make([]*page.Page, n)
	for i := range pages {
		pages[i] = &page.Page{Path: fmt.Sprintf("content/s/p%05d.md", i), Src: src, BodyStart: start}
	}
	return pages
}

// TestParseCancelled: once ctx is done, Parse starts no more pages and
// returns ctx's error, not a Site, while most pages are still unparsed.
func TestParseCancelled(t *testing.T) {
	// A full parse of these takes tens of seconds (20,000 pages of a ms
	// or two each, on the few cores a test gets); the pages in hand when
	// ctx ends, some ms.
	pages := manyPages(20000)
	md := markdown.New(markdown.Options{})
	cfg := sampleConfig("https://example.org/")
	const prompt = 5 * time.Second // generous: the machine may be loaded

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	s, diags, err := Parse(ctx, cfg, md, pages)
	if !errors.Is(err, context.Canceled) || s != nil || diags != nil {
		t.Fatalf("cancelled before: Site %v, %d diagnostics, err %v; want only context.Canceled", s != nil, len(diags), err)
	}
	if d := time.Since(start); d > prompt {
		t.Errorf("Parse took %v on a cancelled context", d)
	}

	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	start = time.Now()
	s, _, err = Parse(ctx, cfg, md, pages)
	if !errors.Is(err, context.Canceled) || s != nil {
		t.Fatalf("cancelled during: Site %v, err %v; want context.Canceled", s != nil, err)
	}
	if d := time.Since(start); d > prompt {
		t.Errorf("Parse returned %v after it started, cancelled after 20ms", d)
	}
}
