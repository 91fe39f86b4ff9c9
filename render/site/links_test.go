package site

import (
	"os"
	"testing"
)

// TestLink: each link of a page becomes one that works where the page is
// written, from file:// too (SPEC §7).
func TestLink(t *testing.T) {
	abs := newBase("https://example.org/docs/")
	tests := []struct {
		page, link, want string
		absolute         bool
	}{
		{"index.html", "/style.css", "style.css", false},
		{"index.html", "/", "index.html", false},
		{"index.html", "/pipes/", "pipes/index.html", false},
		{"pipes/basics/index.html", "/style.css", "../../style.css", false},
		{"pipes/basics/index.html", "/", "../../index.html", false},
		{"pipes/basics/index.html", "/pipes/", "../index.html", false},
		{"pipes/basics/index.html", "/pipes/basics/", "index.html", false},
		{"pipes/basics/index.html", "/pipes/basics/#part", "index.html#part", false},
		{"pipes/basics/index.html", "/pipes/other/?q=1&amp;r=2", "../other/index.html?q=1&amp;r=2", false},
		{"pipes/basics/index.html", "/tags/a%20b/", "../../tags/a%20b/index.html", false},
		{"pipes/basics/index.html", "/pipesx/", "../../pipesx/index.html", false},
		{"tags/a b/index.html", "/tags/a%20b/", "index.html", false},
		{"pipes/legacy.html", "/pipes/basics/", "basics/index.html", false},
		{"old/basics/index.html", "/pipes/basics/", "../../pipes/basics/index.html", false},
		// Links written in Markdown, relative already.
		{"pipes/basics/index.html", "../../io/capacity/", "../../io/capacity/index.html", false},
		{"pipes/basics/index.html", "../other/#x", "../other/index.html#x", false},
		{"pipes/basics/index.html", "..", "../index.html", false},
		{"pipes/basics/index.html", "img.png", "img.png", false},
		// Left alone.
		{"pipes/basics/index.html", "#writing", "#writing", false},
		{"pipes/basics/index.html", "https://go.dev/", "https://go.dev/", false},
		{"pipes/basics/index.html", "//cdn.example/x/", "//cdn.example/x/", false},
		{"pipes/basics/index.html", "mailto:a@example.org", "mailto:a@example.org", false},
		{"pipes/basics/index.html", "", "", false},
		// 404.html is served at any address.
		{"404.html", "/", "https://example.org/docs/", true},
		{"404.html", "/style.css", "https://example.org/docs/style.css", true},
		{"404.html", "/pipes/#x", "https://example.org/docs/pipes/#x", true},
		{"404.html", "https://go.dev/", "https://go.dev/", true},
	}
	for _, tt := range tests {
		l := linkerFor(tt.page)
		if tt.absolute {
			l.abs = &abs
		}
		if got := l.link(tt.link); got != tt.want {
			t.Errorf("%s: link(%q) = %q, want %q", tt.page, tt.link, got, tt.want)
		}
	}
}

// TestRewrite: only URL attributes of tags change; text, comments and
// the raw text of scripts and styles stay as they are.
func TestRewrite(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<a href="/x/">x</a>`, `<a href="../x/index.html">x</a>`},
		{`<A HREF='/x/' class=y>`, `<A HREF='../x/index.html' class=y>`},
		{`<img src=/i.png alt="">`, `<img src=../i.png alt="">`},
		{`<link rel="stylesheet" href="/style.css"/>`, `<link rel="stylesheet" href="../style.css"/>`},
		{`<meta http-equiv="refresh" content="0; url=/x/">`, `<meta http-equiv="refresh" content="0; url=../x/index.html">`},
		{`<meta name="description" content="url=/x/ is it">`, `<meta name="description" content="url=/x/ is it">`},
		{`<p>href="/x/" &lt;a href="/x/"&gt;</p>`, `<p>href="/x/" &lt;a href="/x/"&gt;</p>`},
		{`<!-- <a href="/x/"> --><a href="/">`, `<!-- <a href="/x/"> --><a href="../index.html">`},
		{`<script>var a = '<a href="/x/">';</script><a href="/">`, `<script>var a = '<a href="/x/">';</script><a href="../index.html">`},
		{`<style>a[href="/"]{}</style>`, `<style>a[href="/"]{}</style>`},
		{`1 < 2 <a data-href="/x/" href="/">`, `1 < 2 <a data-href="/x/" href="../index.html">`},
		{`</a><!DOCTYPE html><a href="/`, `</a><!DOCTYPE html><a href="../index.html`},
		{`<a href="/x/`, `<a href="../x/index.html`},
	}
	l := linkerFor("p/index.html")
	for _, tt := range tests {
		if got := string(l.rewrite([]byte(tt.in))); got != tt.want {
			t.Errorf("rewrite(%s)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func BenchmarkRewrite(b *testing.B) {
	page, err := os.ReadFile("testdata/golden/pipes/basics/index.html")
	if err != nil {
		b.Fatal(err)
	}
	l := linkerFor("pipes/basics/index.html")
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		l.rewrite(page)
	}
}
