package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserNavigation opens a page three sections deep of the Hugo
// fixture (testdata/hugosite) and checks the navigation without
// JavaScript: the section tree open down to the page, the page marked
// with aria-current, breadcrumbs, previous/next; beside the page on a wide
// screen, below it on a phone, without sideways scrolling, and in colours
// of its own in the dark scheme.
func TestBrowserNavigation(t *testing.T) {
	browser := startBrowser(t)
	src := filepath.Join(t.TempDir(), "site")
	copyDir(t, "testdata/hugosite", src)
	dest := t.TempDir()
	var stdout, stderr syncBuffer
	if code := run(context.Background(), []string{"build", "--source", src, "--dest", dest, "--quiet"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("build: exit status %d\n%s%s", code, stdout.String(), stderr.String())
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	t.Cleanup(srv.Close)
	page := srv.URL + "/docs/guide/advanced/tuning/"

	type nav struct {
		Crumbs  []string // breadcrumb texts
		Open    []string // open sections of the tree, outermost first
		Current []string // texts of the links marked aria-current in the tree
		Pager   int      // previous/next links
		NavX    float64  // the tree's left edge
		MainX   float64  // the article's left edge
		NavY    float64  // the tree's top
		MainY   float64  // the article's bottom
		Scroll  int      // how far the page scrolls sideways
		Visible bool     // the tree has a size
	}
	const probe = `(() => {
		const side = document.querySelector("nav.sidebar"), art = document.querySelector("main article");
		const s = side.getBoundingClientRect(), a = art.getBoundingClientRect(), el = document.scrollingElement;
		return {
			Crumbs: [...document.querySelectorAll("nav.breadcrumbs li")].map(li => li.textContent.trim()),
			Open: [...side.querySelectorAll("li.open > a")].map(a => a.textContent.trim()),
			Current: [...side.querySelectorAll("a[aria-current=page]")].map(a => a.textContent.trim()),
			Pager: document.querySelectorAll("nav.pager a").length,
			NavX: s.left, MainX: a.left, NavY: s.top, MainY: a.bottom,
			Scroll: el.scrollWidth - el.clientWidth,
			Visible: s.width > 0 && s.height > 0,
		};
	})()`
	check := func(t *testing.T, n nav) {
		t.Helper()
		if want := []string{"Home", "Docs", "Guide", "Advanced"}; !slices.Equal(n.Crumbs, want) {
			t.Errorf("breadcrumbs %q, want %q", n.Crumbs, want)
		}
		if want := []string{"Docs", "Guide", "Advanced"}; !slices.Equal(n.Open, want) {
			t.Errorf("open sections %q, want %q", n.Open, want)
		}
		if want := []string{"Tuning"}; !slices.Equal(n.Current, want) {
			t.Errorf("current page in the tree %q, want %q", n.Current, want)
		}
		if n.Pager == 0 {
			t.Error("no previous/next link within the section")
		}
		if !n.Visible || n.Scroll > 0 {
			t.Errorf("tree visible %v, page scrolls sideways by %d px", n.Visible, n.Scroll)
		}
	}

	t.Run("wide", func(t *testing.T) {
		tab := openTab(t, browser)
		if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		do(t, tab, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(page))
		n := eval[nav](t, tab, probe)
		check(t, n)
		if n.NavX >= n.MainX {
			t.Errorf("on a wide screen the tree (x %.0f) is not left of the article (x %.0f)", n.NavX, n.MainX)
		}
	})

	t.Run("phone", func(t *testing.T) {
		tab := openTab(t, browser)
		do(t, tab, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(page))
		n := eval[nav](t, tab, probe)
		check(t, n)
		if n.NavY < n.MainY {
			t.Errorf("on a phone the tree (top %.0f) comes before the article ends (%.0f)", n.NavY, n.MainY)
		}
	})

	t.Run("dark scheme", func(t *testing.T) {
		tab := openTab(t, browser)
		do(t, tab, chromedp.Navigate(page))
		const colors = `(() => {
			const a = document.querySelector("nav.sidebar a[aria-current]"), c = document.querySelector("nav.breadcrumbs a");
			return [getComputedStyle(a).color, getComputedStyle(c).color, getComputedStyle(document.body).backgroundColor];
		})()`
		colorScheme(t, tab, "light")
		light := eval[[]string](t, tab, colors)
		colorScheme(t, tab, "dark")
		dark := eval[[]string](t, tab, colors)
		for i, what := range []string{"current page link", "breadcrumb link", "background"} {
			if light[i] == dark[i] {
				t.Errorf("%s is %s in both schemes", what, light[i])
			}
		}
	})
}
