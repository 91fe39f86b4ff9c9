package main

// Browser tests: the built site as a real browser (Debian's chromium,
// driven by chromedp) shows it. They skip when chromium is missing; CI
// (.ci/run) installs it, so there they always run.

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/pipedocs/pipedocs/cmd/pipedocs/internal/devserver"
	"github.com/pipedocs/pipedocs/render/config"
)

var screenshots = flag.Bool("screenshots", false, "write the README's screenshots of the demo site into docs/screenshots (TestScreenshots)")

// repoRoot is the demo site: the repository's content/ and pipedocs.toml.
const repoRoot = "../.."

// actionTimeout bounds one browser step, so a hung page fails the test
// rather than the whole run.
const actionTimeout = 20 * time.Second

// startBrowser starts a headless chromium for the test, or skips it.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		t.Skip("chromium not found: install it (apt-get install chromium) to run the browser tests; CI always does")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1600),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("force-color-profile", "srgb"),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil { // starts the browser, without a timeout: it would end the browser
		t.Fatalf("starting %s: %v", path, err)
	}
	return ctx
}

// openTab opens a tab and collects what its pages print to the console;
// any error or uncaught exception fails the test when the tab closes.
func openTab(t *testing.T, browser context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		t.Fatal(err)
	}
	messages := chromedp.Console(ctx)
	var (
		mu     sync.Mutex
		errs   []string
		closed = make(chan struct{})
	)
	go func() {
		defer close(closed)
		for m, err := range messages {
			if err != nil {
				return
			}
			// A browser asks for /favicon.ico by itself, at a moment of
			// its choosing, when a page declares no icon: not an error
			// of the page, and not one a test can wait for reliably.
			if strings.HasSuffix(m.URL, "/favicon.ico") {
				continue
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				mu.Lock()
				errs = append(errs, fmt.Sprintf("%s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line+1))
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		<-closed
		mu.Lock()
		defer mu.Unlock()
		for _, e := range errs {
			t.Errorf("console %s", e)
		}
	})
	return ctx
}

// do runs browser steps, each bounded by actionTimeout.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	for _, step := range steps {
		sctx, cancel := context.WithTimeout(ctx, actionTimeout)
		err := chromedp.Do(sctx, step)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
	}
}

// eval evaluates a JavaScript expression in the tab's page.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, actionTimeout)
	defer cancel()
	v, err := chromedp.Run(sctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// colorScheme makes the tab's pages match prefers-color-scheme: scheme.
func colorScheme(t *testing.T, ctx context.Context, scheme string) {
	t.Helper()
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestBrowser(t *testing.T) {
	browser := startBrowser(t)

	t.Run("fixture", func(t *testing.T) {
		s := startServe(t, writeFixture(t), "--cache-dir", t.TempDir())
		checkSite(t, browser, s.url, s.url+"guide/hello/", true)
		t.Run("live reload", func(t *testing.T) { checkLiveReload(t, browser, s) })
	})

	t.Run("demo", func(t *testing.T) {
		base, dest := buildDemo(t)
		article := ""
		for _, page := range crawl(t, base) {
			if strings.Count(strings.TrimPrefix(page.url, base), "/") == 2 && strings.Contains(page.body, "output-verified") {
				article = page.url // the first article, in sorted order, with a verified snippet
				break
			}
		}
		if article == "" {
			t.Fatalf("no article of the demo site in %s has a verified snippet", dest)
		}
		t.Logf("demo article: %s", article)
		checkSite(t, browser, base, article, false)
	})
}

// buildDemo builds the demo site and serves it; it returns the site's
// URL and the built tree.
func buildDemo(t *testing.T) (base, dest string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(repoRoot, "content")); err != nil {
		t.Skip("no demo site: content/ is missing at the repository root")
	}
	dest = t.TempDir()
	var stdout, stderr syncBuffer
	if code := run(context.Background(), []string{"build", "--source", repoRoot, "--dest", dest, "--quiet"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("building the demo site: exit status %d\n%s%s", code, stdout.String(), stderr.String())
	}
	cfg, err := config.Load(os.DirFS(repoRoot), "pipedocs.toml")
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil {
		t.Fatal(err)
	}
	dev := devserver.New(u.Path)
	if err := dev.Swap(dest, u.Path, 1); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(dev)
	t.Cleanup(srv.Close)
	return srv.URL + u.EscapedPath(), dest
}

// checkSite runs the browser checks on a served site; article is the URL
// of an article page with highlighted code and a verified output panel.
// wideCode says the article has a code line wider than a phone.
func checkSite(t *testing.T, browser context.Context, base, article string, wideCode bool) {
	t.Run("article", func(t *testing.T) {
		tab := openTab(t, browser)
		do(t, tab, chromedp.Navigate(article))
		counts := eval[map[string]int](t, tab, `({
			h1: document.querySelectorAll("main h1").length,
			toc: document.querySelectorAll("nav.toc a[href^='#']").length,
			chroma: document.querySelectorAll(".chroma span[class]").length,
			verified: document.querySelectorAll(".output-verified .output-text").length,
			scripts: document.querySelectorAll("script:not([src*='__pipedocs'])").length,
		})`)
		for _, name := range []string{"h1", "toc", "chroma", "verified"} {
			if counts[name] == 0 {
				t.Errorf("%s: no %s", article, name)
			}
		}
		title := eval[string](t, tab, `document.querySelector("main h1").textContent`)
		if docTitle := eval[string](t, tab, `document.title`); title == "" || !strings.HasPrefix(docTitle, title) {
			t.Errorf("h1 %q, title %q", title, docTitle)
		}
		// Every TOC entry leads to a heading of the page.
		if missing := eval[[]string](t, tab, `[...document.querySelectorAll("nav.toc a")]
			.map(a => decodeURIComponent(a.hash.slice(1)))
			.filter(id => !document.getElementById(id))`); len(missing) > 0 {
			t.Errorf("TOC entries without a heading: %q", missing)
		}
	})

	t.Run("dark scheme", func(t *testing.T) {
		tab := openTab(t, browser)
		do(t, tab, chromedp.Navigate(article))
		const colors = `(() => {
			const body = getComputedStyle(document.body), code = getComputedStyle(document.querySelector(".chroma"));
			return [body.backgroundColor, body.color, code.backgroundColor + " " + code.color];
		})()`
		colorScheme(t, tab, "light")
		light := eval[[]string](t, tab, colors)
		colorScheme(t, tab, "dark")
		dark := eval[[]string](t, tab, colors)
		for i, what := range []string{"page background", "text colour", "code colours"} {
			if light[i] == dark[i] {
				t.Errorf("%s is %s in both schemes", what, light[i])
			}
		}
		t.Logf("light %q, dark %q", light, dark)
	})

	t.Run("crawl", func(t *testing.T) {
		pages := crawl(t, base)
		if len(pages) < 3 {
			t.Errorf("crawl of %s found %d pages", base, len(pages))
		}
	})

	t.Run("phone", func(t *testing.T) {
		tab := openTab(t, browser)
		do(t, tab, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(article))
		type layout struct {
			Page, View int
			Wide       []string // classes of code or output blocks wider than their box
			Stuck      []string // ... among them, those that cannot scroll
		}
		l := eval[layout](t, tab, `(() => {
			const el = document.scrollingElement;
			const wide = [...document.querySelectorAll("pre")].filter(p => p.scrollWidth > p.clientWidth);
			const scrolls = p => ["auto", "scroll"].includes(getComputedStyle(p).overflowX);
			const name = p => p.className || p.parentElement.className;
			return {
				Page: el.scrollWidth, View: el.clientWidth,
				Wide: wide.map(name),
				Stuck: wide.filter(p => !scrolls(p)).map(name),
			};
		})()`)
		if l.View != 390 {
			t.Errorf("viewport %d px wide, want 390", l.View)
		}
		if l.Page > l.View {
			t.Errorf("the page scrolls sideways: %d px of content in %d px", l.Page, l.View)
		}
		if len(l.Stuck) > 0 {
			t.Errorf("blocks wider than the screen that do not scroll: %q", l.Stuck)
		}
		if wideCode && len(l.Wide) == 0 {
			t.Error("the wide code block fits a phone: it should scroll")
		}
	})

	t.Run("no javascript", func(t *testing.T) {
		tab := openTab(t, browser)
		if _, err := chromedp.Call(tab, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		do(t, tab, chromedp.Navigate(article))
		// DevTools can still evaluate; the page's own scripts cannot run.
		got := eval[map[string]float64](t, tab, `({
			text: document.querySelector(".prose").innerText.length,
			verified: document.querySelectorAll(".output-verified .output-text").length,
			tocVisible: document.querySelector("nav.toc ol").getBoundingClientRect().height,
		})`)
		if got["text"] < 100 || got["verified"] == 0 || got["tocVisible"] == 0 {
			t.Errorf("without JavaScript: %v", got)
		}
	})
}

// checkLiveReload opens a page of a serve session, edits its article, and
// waits for the open page to show the edit by itself.
func checkLiveReload(t *testing.T, browser context.Context, s *serving) {
	tab := openTab(t, browser)
	do(t, tab, chromedp.Navigate(s.url+"guide/hello/"))
	// Mark the document: a reload replaces it, and the mark goes.
	eval[bool](t, tab, `window.notReloaded = true`)
	// No wait for the page's event stream to open: a stream that opens
	// after the rebuild still reloads the page (see package devserver).
	article := filepath.Join(s.dir, "content", "guide", "hello.md")
	editFile(t, article, "The text of the article:", "The text of the article, LIVE EDIT:")
	waitPage(t, tab, `document.querySelector(".prose").textContent.includes("LIVE EDIT") && !window.notReloaded`)
}

// waitPage polls a JavaScript condition in the tab for a few seconds. It
// polls from Go, since a reload ends any poll running inside the page.
func waitPage(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		sctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		ok, err := chromedp.Run(sctx, chromedp.Evaluate[bool](cond))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page never satisfied %s (last error: %v)", cond, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// A crawled page.
type crawled struct {
	url  string
	body string
}

// links finds the URLs a page or stylesheet refers to. The pages are
// html/template's output, so attributes are double-quoted.
var links = regexp.MustCompile(`(?:\b(?:href|src)="([^"]*)")|(?:url\(["']?([^"')]+)["']?\))`)

// crawl fetches every page and asset reachable from base without leaving
// it, failing the test for each one that does not load with status 200
// and for each link to an anchor that its page lacks. It returns the HTML
// pages, sorted by URL.
func crawl(t *testing.T, base string) []crawled {
	t.Helper()
	client := &http.Client{Timeout: 10 * time.Second}
	type target struct{ url, from string }
	seen := map[string]bool{base: true}
	queue := []target{{base, "(start)"}}
	anchors := map[string][]target{} // page URL → fragments wanted, with the page linking
	var pages []crawled
	ids := map[string]string{} // page URL → body, for anchors
	for len(queue) > 0 {
		tg := queue[0]
		queue = queue[1:]
		resp, err := client.Get(tg.url)
		if err != nil {
			t.Errorf("%s (linked from %s): %v", tg.url, tg.from, err)
			continue
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Errorf("%s (linked from %s): status %d %v", tg.url, tg.from, resp.StatusCode, err)
			continue
		}
		ct := resp.Header.Get("Content-Type")
		if !strings.HasPrefix(ct, "text/html") && !strings.HasPrefix(ct, "text/css") {
			continue
		}
		if strings.HasPrefix(ct, "text/html") {
			pages = append(pages, crawled{tg.url, string(body)})
			ids[tg.url] = string(body)
		}
		from, _ := url.Parse(tg.url)
		for _, m := range links.FindAllStringSubmatch(string(body), -1) {
			ref := m[1] + m[2]
			u, err := from.Parse(htmlUnescape(ref))
			if err != nil {
				t.Errorf("%s: bad link %q: %v", tg.url, ref, err)
				continue
			}
			if (u.Scheme != "http" && u.Scheme != "https") || !strings.HasPrefix(u.String(), base) {
				continue // another site, or an absolute link to the real host
			}
			frag := u.Fragment
			u.Fragment, u.RawFragment = "", ""
			if frag != "" {
				anchors[u.String()] = append(anchors[u.String()], target{frag, tg.url})
			}
			if !seen[u.String()] {
				seen[u.String()] = true
				queue = append(queue, target{u.String(), tg.url})
			}
		}
	}
	for page, wanted := range anchors {
		body, ok := ids[page]
		if !ok {
			continue // not a page, or it failed already
		}
		for _, w := range wanted {
			if !strings.Contains(body, `id="`+w.url+`"`) {
				t.Errorf("%s links to %s#%s, which has no such anchor", w.from, page, w.url)
			}
		}
	}
	slices.SortFunc(pages, func(a, b crawled) int { return strings.Compare(a.url, b.url) })
	return pages
}

// htmlUnescape undoes the escaping html/template applies inside an
// attribute, which is all a URL in our pages can carry.
func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#43;", "+", "&#39;", "'", "&#34;", `"`, "&quot;", `"`).Replace(s)
}

// TestScreenshots writes the README's screenshots of a demo article,
// with -screenshots only:
//
//	go test ./cmd/pipedocs -run TestScreenshots -screenshots
//
// PIPEDOCS_SCREENSHOT_PAGE picks another page (a path under the site's
// base, "io/poll/"), PIPEDOCS_SCREENSHOT_DIR another output directory.
func TestScreenshots(t *testing.T) {
	if !*screenshots {
		t.Skip("writes docs/screenshots; run with -screenshots")
	}
	browser := startBrowser(t)
	base, _ := buildDemo(t)
	article := base + "basics/first-pipe/"
	if os.Getenv("PIPEDOCS_SCREENSHOT_PAGE") != "" {
		article = base + os.Getenv("PIPEDOCS_SCREENSHOT_PAGE")
	}
	out := cmp.Or(os.Getenv("PIPEDOCS_SCREENSHOT_DIR"), filepath.Join(repoRoot, "docs", "screenshots"))
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	shots := []struct {
		file          string
		scheme        string
		width, height int64
		scale         float64
		mobile        bool
	}{
		{"article-light.png", "light", 1280, 1600, 1, false},
		{"article-dark.png", "dark", 1280, 1600, 1, false},
		{"article-phone.png", "light", 390, 844, 2, true},
	}
	for _, shot := range shots {
		tab := openTab(t, browser)
		opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(shot.scale)}
		if shot.mobile {
			opts = append(opts, chromedp.EmulateMobile)
		}
		colorScheme(t, tab, shot.scheme)
		do(t, tab, chromedp.EmulateViewport(shot.width, shot.height, opts...), chromedp.Navigate(article))
		// Scroll the first verified output panel into view, at the
		// bottom, with the code that printed it above: what pipedocs is about.
		eval[float64](t, tab, `(() => {
			const panel = document.querySelector(".output-verified");
			if (!panel) return 0;
			const y = Math.max(0, panel.getBoundingClientRect().bottom + 48 - innerHeight);
			scrollTo(0, y);
			return y;
		})()`)
		sctx, cancel := context.WithTimeout(tab, actionTimeout)
		png, err := chromedp.Run(sctx, chromedp.CaptureScreenshot())
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, shot.file), png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%s)", filepath.Join(out, shot.file), article)
	}
}
