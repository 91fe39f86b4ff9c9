package main

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserFile opens the built sites from file://, as a reader of a
// downloaded or checked-out public/ does (SPEC §7, issue 12 point 7):
// every page must be styled, and every link, stylesheet, icon and image
// must lead to a file of the site, never to a folder, which a browser
// shows as a file listing, nor out of the site.
func TestBrowserFile(t *testing.T) {
	browser := startBrowser(t)
	t.Run("fixture", func(t *testing.T) {
		dir := writeFixture(t)
		if err := os.Remove(filepath.Join(dir, "content", "guide", "drift.md")); err != nil {
			t.Fatal(err)
		}
		dest := t.TempDir()
		var stdout, stderr syncBuffer
		if code := run(context.Background(), []string{"build", "--source", dir, "--dest", dest, "--cache-dir", t.TempDir(), "--quiet"}, &stdout, &stderr); code != exitOK {
			t.Fatalf("building the fixture: exit status %d\n%s%s", code, stdout.String(), stderr.String())
		}
		checkFileSite(t, browser, dest, 5)
	})
	t.Run("demo", func(t *testing.T) {
		_, dest := buildDemo(t)
		checkFileSite(t, browser, dest, 40)
	})
}

// checkFileSite walks the site in dest from its index.html in one tab,
// page by page, and wants at least min pages.
func checkFileSite(t *testing.T, browser context.Context, dest string, min int) {
	t.Helper()
	root, err := filepath.EvalSymlinks(dest)
	if err != nil {
		t.Fatal(err)
	}
	start := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(root, "index.html"))}).String()
	tab := openTab(t, browser)
	seen := map[string]bool{start: true}
	queue := []string{start}
	type page struct {
		Measure string   // a custom property only style.css sets
		Chroma  string   // the code background, from css/chroma.css, where the page has code
		Links   []string // every reference, resolved by the browser
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		do(t, tab, chromedp.Navigate(u))
		p := eval[page](t, tab, `({
			Measure: getComputedStyle(document.documentElement).getPropertyValue("--measure").trim(),
			Chroma: (e => e ? getComputedStyle(e).backgroundColor : "")(document.querySelector(".chroma")),
			Links: [...document.querySelectorAll("a[href], link[href], img[src], script[src]")].map(e => e.href || e.src),
		})`)
		if p.Measure != "46rem" {
			t.Errorf("%s: style.css not applied (--measure = %q)", u, p.Measure)
		}
		if p.Chroma == "rgba(0, 0, 0, 0)" {
			t.Errorf("%s: css/chroma.css not applied to the code", u)
		}
		for _, link := range p.Links {
			lu, err := url.Parse(link)
			if err != nil {
				t.Errorf("%s: bad link %q", u, link)
				continue
			}
			if lu.Scheme != "file" {
				continue // another site, or an absolute link to the real host
			}
			lu.Fragment, lu.RawFragment = "", ""
			file := filepath.FromSlash(lu.Path)
			if !strings.HasPrefix(file, root+string(filepath.Separator)) {
				t.Errorf("%s: link %q leaves the site", u, link)
				continue
			}
			info, err := os.Stat(file)
			switch {
			case err != nil:
				t.Errorf("%s: link %q leads to no file", u, link)
			case info.IsDir():
				t.Errorf("%s: link %q leads to a folder, shown as a file listing", u, link)
			case strings.HasSuffix(file, ".html") && !seen[lu.String()]:
				seen[lu.String()] = true
				queue = append(queue, lu.String())
			}
		}
	}
	if len(seen) < min {
		t.Errorf("reached %d pages from %s, want at least %d", len(seen), start, min)
	}
	t.Logf("%d pages reached from file://", len(seen))
}
