package devserver

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeTree writes files (slash-separated names) under a new directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// rawGet sends path exactly as written, which net/http's client would
// not do for every path below, and returns the status, Location and body.
func rawGet(t *testing.T, addr, path string) (int, string, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Location"), string(body)
}

func TestServe(t *testing.T) {
	parent := writeTree(t, map[string]string{
		"secret.txt":                  "SECRET",
		"site/index.html":             "home page",
		"site/404.html":               "the 404 page",
		"site/style.css":              "body{}",
		"site/guide/pipes/index.html": "pipes article",
		"site/guide/empty/.keep":      "",
		"site/sp ace/index.html":      "spaced",
		"site/__pipedocs-ish/x.txt":   "a site file",
	})
	if err := os.Symlink(filepath.Join(parent, "secret.txt"), filepath.Join(parent, "site", "link.txt")); err != nil {
		t.Fatal(err)
	}
	s := New("/docs/")
	if err := s.Swap(filepath.Join(parent, "site"), "/docs/", 1); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	addr := ts.Listener.Addr().String()

	tests := []struct {
		path     string
		status   int
		body     string // a substring of the body
		location string
	}{
		{"/docs/", 200, "home page", ""},
		{"/docs/index.html", 200, "home page", ""},
		{"/docs/style.css", 200, "body{}", ""},
		{"/docs/guide/pipes/", 200, "pipes article", ""},
		{"/docs/guide/pipes", 301, "", "/docs/guide/pipes/"},
		{"/docs/guide/pipes?x=1", 301, "", "/docs/guide/pipes/?x=1"},
		{"/docs/sp%20ace/", 200, "spaced", ""},
		{"/docs/sp%20ace", 301, "", "/docs/sp%20ace/"},
		{"/docs/__pipedocs-ish/x.txt", 200, "a site file", ""},
		{"/", 302, "", "/docs/"},
		{"/docs", 302, "", "/docs/"},

		{"/docs/nowhere/", 404, "the 404 page", ""},
		{"/docs/guide/empty/", 404, "the 404 page", ""},
		{"/elsewhere/index.html", 404, "the 404 page", ""},

		// Traversal, plain and encoded; none may reach secret.txt, and
		// none is cleaned into a redirect.
		{"/docs/../secret.txt", 404, "the 404 page", ""},
		{"/docs/%2e%2e/secret.txt", 404, "the 404 page", ""},
		{"/docs/%2E%2E/secret.txt", 404, "the 404 page", ""},
		{"/docs/..%2fsecret.txt", 404, "the 404 page", ""},
		{"/docs/guide/..%2f..%2fsecret.txt", 404, "the 404 page", ""},
		{"/docs/guide/%2e%2e%2f%2e%2e%2fsecret.txt", 404, "the 404 page", ""},
		{"/docs/..%5csecret.txt", 404, "the 404 page", ""},
		{"/docs/./index.html", 404, "the 404 page", ""},
		{"/docs//index.html", 404, "the 404 page", ""},
		{"/docs/index.html%00", 404, "the 404 page", ""},
		{"/docs/link.txt", 404, "the 404 page", ""}, // a symlink out of the tree

		{"/docs/__pipedocs/reload.js", 200, "EventSource", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			status, location, body := rawGet(t, addr, tt.path)
			if status != tt.status {
				t.Errorf("status %d, want %d", status, tt.status)
			}
			if !strings.Contains(body, tt.body) {
				t.Errorf("body %q does not contain %q", body, tt.body)
			}
			if location != tt.location {
				t.Errorf("Location %q, want %q", location, tt.location)
			}
			if strings.Contains(body, "SECRET") {
				t.Errorf("served a file outside the site: %q", body)
			}
		})
	}
}

func TestNotFoundWithout404Page(t *testing.T) {
	s := New("/")
	if err := s.Swap(writeTree(t, map[string]string{"index.html": "home"}), "/", 1); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	status, _, body := rawGet(t, ts.Listener.Addr().String(), "/missing")
	if status != 404 || !strings.Contains(body, "not found") {
		t.Errorf("got %d %q, want net/http's 404", status, body)
	}
}

func TestNoSiteYet(t *testing.T) {
	s := New("/docs/")
	s.Fail("content/a.md:3:1: bad <thing>")
	ts := httptest.NewServer(s)
	defer ts.Close()
	status, _, body := rawGet(t, ts.Listener.Addr().String(), "/docs/a/")
	if status != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503", status)
	}
	for _, want := range []string{`<script src="/docs/__pipedocs/reload.js?build=0">`, "bad &lt;thing&gt;"} {
		if !strings.Contains(body, want) {
			t.Errorf("body does not contain %q:\n%s", want, body)
		}
	}
}

func TestMethods(t *testing.T) {
	s := New("/")
	if err := s.Swap(writeTree(t, map[string]string{"index.html": "home"}), "/", 1); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	resp, err := http.Post(ts.URL+"/", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d, want 405", resp.StatusCode)
	}
	resp, err = http.Head(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("HEAD: status %d, Cache-Control %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
}

func TestScriptURL(t *testing.T) {
	for _, tt := range []struct {
		base  string
		build uint64
		want  string
	}{
		{"/", 1, "/__pipedocs/reload.js?build=1"},
		{"/docs/", 42, "/docs/__pipedocs/reload.js?build=42"},
		{"/my docs/", 3, "/my%20docs/__pipedocs/reload.js?build=3"},
	} {
		if got := ScriptURL(tt.base, tt.build); got != tt.want {
			t.Errorf("ScriptURL(%q, %d) = %q, want %q", tt.base, tt.build, got, tt.want)
		}
	}
}

// events reads server-sent events from one stream.
type events struct {
	t    *testing.T
	resp *http.Response
	msgs chan message
}

func openEvents(t *testing.T, url string) *events {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	e := &events{t: t, resp: resp, msgs: make(chan message, 16)}
	go func() {
		defer close(e.msgs)
		sc := bufio.NewScanner(resp.Body)
		var m message
		var data []string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if m.event != "" {
					m.data = strings.Join(data, "\n")
					e.msgs <- m
				}
				m, data = message{}, nil
			case strings.HasPrefix(line, "event: "):
				m.event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = append(data, strings.TrimPrefix(line, "data: "))
			}
		}
	}()
	t.Cleanup(func() { resp.Body.Close() })
	return e
}

func (e *events) next() (message, bool) {
	e.t.Helper()
	select {
	case m, ok := <-e.msgs:
		return m, ok
	case <-time.After(5 * time.Second):
		e.t.Fatal("no event")
		return message{}, false
	}
}

func TestEvents(t *testing.T) {
	s := New("/")
	ts := httptest.NewServer(s)
	defer ts.Close()
	e := openEvents(t, ts.URL+"/__pipedocs/events")

	steps := []struct {
		do   func()
		want message
	}{
		{func() {}, message{"reload", "0"}},
		{func() { s.Swap(writeTree(t, nil), "/", 1) }, message{"reload", "1"}},
		{func() { s.Fail("a.md:1:1: bad\nb.md:2:1: worse") }, message{"fault", "a.md:1:1: bad\nb.md:2:1: worse"}},
		{func() { s.Swap(writeTree(t, nil), "/", 2) }, message{"reload", "2"}},
	}
	for i, st := range steps {
		st.do()
		if got, _ := e.next(); got != st.want {
			t.Errorf("step %d: got %+v, want %+v", i, got, st.want)
		}
	}

	// A page connecting after a failure learns of it at once.
	s.Fail("c.md:1:1: oops")
	late := openEvents(t, ts.URL+"/__pipedocs/events")
	for _, want := range []message{{"reload", "2"}, {"fault", "c.md:1:1: oops"}} {
		if got, _ := late.next(); got != want {
			t.Errorf("late stream: got %+v, want %+v", got, want)
		}
	}

	// Close ends the streams, so a server can shut down.
	s.Close()
	for _, st := range []*events{e, late} {
		for {
			if _, ok := st.next(); !ok {
				break
			}
		}
	}
}
