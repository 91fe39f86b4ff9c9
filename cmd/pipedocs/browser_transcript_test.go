package main

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pipedocs/pipedocs/cmd/pipedocs/internal/devserver"
)

// transcriptPage is a site page with a transcript that runs: commands
// with a continuation, output lines (one of them looking like a
// continuation) and a `? N` line.
const transcriptPage = "---\ntitle: t\n---\n" +
	"```console\n" +
	"$ for w in a '> b'; do\n>   echo \"$w\"\n> done\n" +
	"a\n> b\n" +
	"$ echo out; false\nout\n? 1\n" +
	"```\n"

// TestBrowserTranscriptCopy builds a page whose transcript ran and
// clicks its copy button: the reader gets the commands as they would
// type them, without prompts and without any output.
func TestBrowserTranscriptCopy(t *testing.T) {
	browser := startBrowser(t)
	src := t.TempDir()
	for name, data := range map[string]string{
		"pipedocs.toml":     "title = \"t\"\n",
		"content/_index.md": "---\ntitle: home\n---\n",
		"content/t.md":      transcriptPage,
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(src, name)), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, name), []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	dest := t.TempDir()
	var stdout, stderr syncBuffer
	if code := run(context.Background(), []string{"build", "--source", src, "--dest", dest, "--cache-dir", t.TempDir(), "--quiet"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("build: exit status %d\n%s%s", code, stdout.String(), stderr.String())
	}
	dev := devserver.New("/")
	if err := dev.Swap(dest, "/", 1); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(dev)
	t.Cleanup(srv.Close)

	tab := openTab(t, browser)
	do(t, tab, chromedp.Navigate(srv.URL+"/t/"))
	waitPage(t, tab, `document.querySelectorAll("figure.snippet button.copy").length === 1`)
	if !eval[bool](t, tab, `!!document.querySelector("figure.snippet .output-verified")`) {
		t.Fatal("the transcript is not shown as verified")
	}
	eval[bool](t, tab, `(() => {
		window.copied = [];
		navigator.clipboard.writeText = text => { window.copied.push(text); return Promise.resolve(); };
		return true;
	})()`)
	do(t, tab, chromedp.Click(chromedp.CSS(`figure.snippet button.copy`)))
	waitPage(t, tab, `window.copied.length === 1`)
	want := "for w in a '> b'; do\n  echo \"$w\"\ndone\necho out; false"
	if got := eval[string](t, tab, `window.copied[0]`); got != want {
		t.Errorf("the transcript copies %q, want its commands alone: %q", got, want)
	}
	// Selected by hand, the block gives no prompts.
	selected := eval[string](t, tab, `(() => {
		const r = document.createRange();
		r.selectNodeContents(document.querySelector("figure.snippet code"));
		getSelection().removeAllRanges();
		getSelection().addRange(r);
		return getSelection().toString();
	})()`)
	if strings.Contains(selected, "$ ") || !strings.Contains(selected, "echo out; false") {
		t.Errorf("selecting the transcript gives %q, want its text without prompts", selected)
	}
}
