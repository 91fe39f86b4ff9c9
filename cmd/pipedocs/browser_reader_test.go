package main

// Browser tests of what the default theme gives readers on top of the
// pages: search, copy buttons, alerts, print. Like TestBrowser they run
// the demo site in Debian's chromium and skip when it is missing.

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// readerArticle is the demo article with an alert holding a console
// transcript.
const readerArticle = "basics/first-pipe/"

func TestBrowserReader(t *testing.T) {
	browser := startBrowser(t)
	base, _ := buildDemo(t)
	t.Run("search", func(t *testing.T) { checkSearch(t, browser, base) })
	t.Run("no javascript", func(t *testing.T) { checkNoScriptExtras(t, browser, base+readerArticle) })
	t.Run("copy", func(t *testing.T) { checkCopy(t, browser, base+readerArticle) })
	t.Run("alerts phone dark", func(t *testing.T) { checkAlerts(t, browser, base+readerArticle) })
	t.Run("print", func(t *testing.T) { checkPrint(t, browser, base+readerArticle) })
}

// checkSearch types the name of a function that only a snippet's code and
// the page's prose call (unix.Pipe2) into the box, and opens the first
// result with the keyboard.
func checkSearch(t *testing.T, browser context.Context, base string) {
	for _, query := range []string{"unix.Pipe2", "Pipe2", "pipe2"} {
		t.Run(query, func(t *testing.T) {
			tab := openTab(t, browser)
			do(t, tab, chromedp.Navigate(base))
			waitPage(t, tab, `!!document.querySelector(".search input")`)
			// "/" from anywhere on the page focuses the box.
			do(t, tab, chromedp.KeyEvent("/"))
			if !eval[bool](t, tab, `document.activeElement === document.querySelector(".search input")`) {
				t.Fatal(`"/" did not focus the search box`)
			}
			// DevTools sends the key's character as an event of its own,
			// which the page's preventDefault on keydown cannot stop (a
			// real keyboard's can): take it out again.
			eval[bool](t, tab, `(document.querySelector(".search input").value = "", true)`)
			do(t, tab, chromedp.SendKeys(chromedp.CSS(".search input"), query))
			waitPage(t, tab, `document.querySelectorAll(".search-results [role=option]").length > 0`)
			res := eval[struct {
				First string
				Marks []string
				Shown bool
			}](t, tab, `({
				First: document.querySelector(".search-results [role=option] a").href,
				Marks: [...document.querySelectorAll(".search-results li:first-child mark")].map(m => m.textContent),
				Shown: !document.querySelector(".search-results").hidden,
			})`)
			if !strings.Contains(res.First, "basics/file-descriptors/") || !res.Shown {
				t.Errorf("first result %q (list shown: %v), want basics/file-descriptors/", res.First, res.Shown)
			}
			if len(res.Marks) == 0 || !strings.EqualFold(res.Marks[0], query) {
				t.Errorf("marked words %q, want %q first", res.Marks, query)
			}
			// Down, down, up: back on the first result; Enter opens it.
			do(t, tab, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowUp))
			if sel := eval[string](t, tab, `document.querySelector(".search-results [aria-selected=true] a").href`); sel != res.First {
				t.Errorf("after down, down, up: %q selected, want %q", sel, res.First)
			}
			if query == "unix.Pipe2" {
				shoot(t, tab, "search.png", `document.querySelector(".site-header")`)
			}
			do(t, tab, chromedp.KeyEvent(kb.Enter))
			waitPage(t, tab, `location.pathname.includes("basics/file-descriptors/") && document.readyState === "complete"`)
			if !eval[bool](t, tab, `[...document.querySelectorAll(".chroma")].some(c => c.textContent.includes("unix.Pipe2"))`) {
				t.Error("the page opened has no code calling unix.Pipe2")
			}
		})
	}
	t.Run("no results", func(t *testing.T) {
		tab := openTab(t, browser)
		do(t, tab, chromedp.Navigate(base))
		waitPage(t, tab, `!!document.querySelector(".search input")`)
		do(t, tab, chromedp.SendKeys(chromedp.CSS(".search input"), "zzqxwv"))
		waitPage(t, tab, `!!document.querySelector(".search-empty")`)
	})
}

// checkNoScriptExtras opens an article with JavaScript off: no search box,
// no copy buttons, and the alert still reads as one.
func checkNoScriptExtras(t *testing.T, browser context.Context, article string) {
	tab := openTab(t, browser)
	if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	do(t, tab, chromedp.Navigate(article))
	got := eval[map[string]float64](t, tab, `({
		inputs: document.querySelectorAll("input, .search, .search-results").length,
		copy: document.querySelectorAll("button.copy").length,
		code: document.querySelectorAll(".highlight pre").length,
		alert: document.querySelector("blockquote.alert .alert-heading").getBoundingClientRect().height,
	})`)
	if got["inputs"] != 0 || got["copy"] != 0 || got["code"] == 0 || got["alert"] == 0 {
		t.Errorf("without JavaScript: %v; want no inputs or copy buttons, code and a visible alert heading", got)
	}
}

// checkCopy clicks the copy buttons of the console transcript and of a Go
// block, with the clipboard replaced by a recorder.
func checkCopy(t *testing.T, browser context.Context, article string) {
	tab := openTab(t, browser)
	do(t, tab, chromedp.Navigate(article))
	waitPage(t, tab, `document.querySelectorAll("button.copy").length > 0`)
	n := eval[map[string]int](t, tab, `({buttons: document.querySelectorAll("button.copy").length, blocks: document.querySelectorAll("div.highlight").length})`)
	if n["buttons"] != n["blocks"] {
		t.Errorf("%d copy buttons for %d code blocks", n["buttons"], n["blocks"])
	}
	eval[bool](t, tab, `(() => {
		window.copied = [];
		navigator.clipboard.writeText = text => { window.copied.push(text); return Promise.resolve(); };
		return true;
	})()`)
	do(t, tab,
		chromedp.Click(chromedp.CSS(`div.highlight:has(.gp) button.copy`)),
		chromedp.Click(chromedp.CSS(`figure.snippet:has(.output-verified) div.highlight button.copy`)))
	waitPage(t, tab, `window.copied.length === 2`)
	copied := eval[[]string](t, tab, `window.copied`)
	goCode := eval[string](t, tab, `document.querySelector("figure.snippet:has(.output-verified) div.highlight code").textContent.replace(/\n$/, "")`)
	if copied[0] != "go run simple_pipe.go" {
		t.Errorf("the console block copies %q, want the command alone: %q", copied[0], "go run simple_pipe.go")
	}
	if copied[1] != goCode || !strings.HasPrefix(goCode, "package main") {
		t.Errorf("the Go block copies %q, want its code %q", copied[1], goCode)
	}
	if label := eval[string](t, tab, `document.querySelector("div.highlight:has(.gp) button.copy").textContent`); label != "Copied" {
		t.Errorf("button says %q after a copy, want Copied", label)
	}
}

// checkAlerts looks at the demo's alert on a phone in the dark scheme.
func checkAlerts(t *testing.T, browser context.Context, article string) {
	tab := openTab(t, browser)
	colorScheme(t, tab, "dark")
	do(t, tab, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(article))
	got := eval[struct {
		Width, View, Page     int
		Heading, Border, Body string
		Background, PageBg    string
	}](t, tab, `(() => {
		const a = document.querySelector("blockquote.alert"), s = getComputedStyle(a);
		return {
			Width: Math.ceil(a.getBoundingClientRect().right), View: document.scrollingElement.clientWidth,
			Page: document.scrollingElement.scrollWidth,
			Heading: getComputedStyle(a.querySelector(".alert-heading")).color,
			Border: s.borderLeftColor, Body: s.color, Background: s.backgroundColor,
			PageBg: getComputedStyle(document.body).backgroundColor,
		};
	})()`)
	if got.Width > got.View || got.Page > got.View {
		t.Errorf("alert reaches %d px, page %d px, in a %d px viewport", got.Width, got.Page, got.View)
	}
	if got.Heading != got.Border || got.Heading == got.Body || got.Background == got.PageBg {
		t.Errorf("alert colours in the dark: %+v", got)
	}
	if !eval[bool](t, tab, `matchMedia("(prefers-color-scheme: dark)").matches`) {
		t.Error("dark scheme not emulated")
	}
	shoot(t, tab, "alert-phone-dark.png", `document.querySelector("blockquote.alert")`)
}

// checkPrint renders the article for print: no navigation or search, code
// unboxed, each snippet kept with its output panel.
func checkPrint(t *testing.T, browser context.Context, article string) {
	tab := openTab(t, browser)
	do(t, tab, chromedp.Navigate(article))
	waitPage(t, tab, `!!document.querySelector(".search input") && !!document.querySelector("button.copy")`)
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	got := eval[map[string]string](t, tab, `(() => {
		const css = (sel, prop) => { const e = document.querySelector(sel); return e ? getComputedStyle(e)[prop] : "missing"; };
		return {
			header: css(".site-header", "display"), search: css(".search", "display"), toc: css("nav.toc", "display"),
			copy: css("button.copy", "display"), footer: css(".site-footer", "display"),
			pre: css(".highlight pre", "overflowX"), wrap: css(".highlight pre", "whiteSpace"),
			snippet: css("figure.snippet", "breakInside"),
			scrolling: String([...document.querySelectorAll("pre")].filter(p => p.scrollWidth > p.clientWidth + 1).length),
		};
	})()`)
	want := map[string]string{"header": "none", "search": "none", "toc": "none", "copy": "none", "footer": "none",
		"pre": "visible", "wrap": "pre-wrap", "snippet": "avoid", "scrolling": "0"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("print: %s is %q, want %q", k, got[k], v)
		}
	}
	shoot(t, tab, "print.png", `document.querySelector(".output-verified")`)
}

// shoot saves a screenshot of the tab under docs/screenshots, with
// -screenshots only, scrolled so that the element of js is in view.
func shoot(t *testing.T, tab context.Context, file, js string) {
	t.Helper()
	if !*screenshots {
		return
	}
	eval[bool](t, tab, `(() => { const e = `+js+`; if (e) e.scrollIntoView({block: "center"}); return true; })()`)
	time.Sleep(300 * time.Millisecond) // let the scroll and any transition settle
	sctx, cancel := context.WithTimeout(tab, actionTimeout)
	png, err := chromedp.Run(sctx, chromedp.CaptureScreenshot())
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(repoRoot, "docs", "screenshots", file)
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", out)
}
