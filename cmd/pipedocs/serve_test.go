package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

// syncBuffer is a writer that the serve goroutines and a test can share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// writeFixture unpacks testdata/serve/site.txtar into a new directory.
func writeFixture(t testing.TB) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "serve", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(f.Name)), string(f.Data))
	}
	return dir
}

func writeFile(t testing.TB, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// editFile rewrites a file in one write, replacing each old string of
// the old, new pairs with its new one; an old string that is absent
// fails the test.
func editFile(t testing.TB, name string, oldnew ...string) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for i := 0; i+1 < len(oldnew); i += 2 {
		if !strings.Contains(text, oldnew[i]) {
			t.Fatalf("%s does not contain %q", name, oldnew[i])
		}
		text = strings.Replace(text, oldnew[i], oldnew[i+1], 1)
	}
	writeFile(t, name, text)
}

// A serving is one pipedocs serve run by a test.
type serving struct {
	t              testing.TB
	dir            string // the site root
	url            string // the site's URL, with the base path: http://127.0.0.1:PORT/docs/
	addr           string // 127.0.0.1:PORT
	stdout, stderr *syncBuffer
	cancel         context.CancelFunc
	done           chan int // the exit status
}

var servingLine = regexp.MustCompile(`serving (http://(\S+?)/\S*)`)

// startServe runs pipedocs serve on dir, on a free port, and waits until
// it serves. The server is stopped when the test ends.
func startServe(t testing.TB, dir string, args ...string) *serving {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &serving{t: t, dir: dir, stdout: &syncBuffer{}, stderr: &syncBuffer{}, cancel: cancel, done: make(chan int, 1)}
	args = append([]string{"serve", "--source", dir, "--port", "0"}, args...)
	go func() { s.done <- run(ctx, args, s.stdout, s.stderr) }()
	t.Cleanup(func() {
		if _, ok := s.stop(); !ok {
			t.Error("serve did not return after its context ended")
		}
	})

	deadline := time.After(60 * time.Second)
	for {
		if m := servingLine.FindStringSubmatch(s.stdout.String()); m != nil {
			s.url, s.addr = m[1], m[2]
			return s
		}
		select {
		case code := <-s.done:
			s.done <- code
			t.Fatalf("serve exited with status %d before serving\nstdout:\n%s\nstderr:\n%s", code, s.stdout, s.stderr)
		case <-deadline:
			t.Fatalf("serve did not start\nstdout:\n%s\nstderr:\n%s", s.stdout, s.stderr)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// stop interrupts serve and returns its exit status; ok is false when
// it did not return.
func (s *serving) stop() (code int, ok bool) {
	s.cancel()
	select {
	case code := <-s.done:
		s.done <- code
		return code, true
	case <-time.After(20 * time.Second):
		return -1, false
	}
}

// noRedirect is a client that shows redirects rather than following them.
var noRedirect = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       10 * time.Second,
}

// get fetches a path of the served host.
func (s *serving) get(path string) (*http.Response, string) {
	s.t.Helper()
	resp, err := noRedirect.Get("http://" + s.addr + path)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return resp, string(body)
}

// waitFor polls a page until its body contains text.
func (s *serving) waitFor(path, text string) {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, body := s.get(path)
		if strings.Contains(body, text) {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%s never showed %q\nstdout:\n%s\nstderr:\n%s", path, text, s.stdout, s.stderr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitOutput waits until w has printed text.
func waitOutput(t testing.TB, w *syncBuffer, text string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(w.String(), text) {
		if time.Now().After(deadline) {
			t.Fatalf("never printed %q; printed:\n%s", text, w)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// rawStatus sends a request line exactly as written (a client would
// clean or re-escape some of the paths below) and returns the status.
func rawStatus(t testing.TB, addr, path string) (int, string) {
	t.Helper()
	return rawStatusHost(t, addr, addr, path)
}

// rawStatusHost is rawStatus with the Host header host.
func rawStatusHost(t testing.TB, addr, host, path string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// An eventStream reads the live reload events of a served site.
type eventStream struct {
	t    testing.TB
	msgs chan [2]string // event, data
}

func (s *serving) events() *eventStream {
	s.t.Helper()
	req, err := http.NewRequest("GET", s.url+"__pipedocs/events", nil)
	if err != nil {
		s.t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.t.Cleanup(cancel)
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		s.t.Fatal(err)
	}
	e := &eventStream{t: s.t, msgs: make(chan [2]string, 64)}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var event, data string
		for sc.Scan() {
			switch line := sc.Text(); {
			case line == "" && event != "":
				e.msgs <- [2]string{event, data}
				event, data = "", ""
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data += strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return e
}

// next waits for the next event of the given kind, skipping others.
func (e *eventStream) next(kind string) string {
	e.t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		select {
		case m := <-e.msgs:
			if m[0] == kind {
				return m[1]
			}
		case <-deadline:
			e.t.Fatalf("no %s event", kind)
			return ""
		}
	}
}

// waitGone waits until the process pid has exited.
func waitGone(t testing.TB, pid int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for syscall.Kill(pid, 0) == nil {
		if time.Now().After(deadline) {
			t.Fatalf("snippet process %d still running", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitPID waits for a slow snippet to write its child's PID into file.
func waitPID(t testing.TB, file string) int {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		b, err := os.ReadFile(file)
		var pid int
		if err == nil {
			if _, err := fmt.Sscan(string(b), &pid); err == nil && pid > 0 {
				return pid
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the slow snippet never started (%s)", file)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// slowSnippet is an article body whose snippet starts a long sleep,
// writes its PID into pidFile, and waits for it: a build that runs it
// lasts a minute unless it is cancelled.
func slowSnippet(pidFile string) string {
	return fmt.Sprintf("```sh title=slow.sh timeout=120s\nsleep 60 &\necho $! > %s\nwait\n```\n", pidFile)
}

func TestServe(t *testing.T) {
	dir := writeFixture(t)
	cache, work := t.TempDir(), t.TempDir()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // serve's temporary trees go here, and must be gone at the end
	t.Setenv("NO_COLOR", "1")
	article := filepath.Join(dir, "content", "guide", "hello.md")

	s := startServe(t, dir, "--cache-dir", cache)
	if !strings.HasPrefix(s.url, "http://127.0.0.1:") || !strings.HasSuffix(s.url, "/docs/") {
		t.Fatalf("serving %s: want loopback, under /docs/", s.url)
	}

	t.Run("pages", func(t *testing.T) {
		s.t = t
		tests := []struct {
			path     string
			status   int
			contains []string
			location string
		}{
			{"/docs/guide/hello/", 200, []string{
				"<h1>Hello, pipes</h1>", "ORIGINAL TEXT", `class="output output-verified"`,
				`<script src="/docs/__pipedocs/reload.js?build=1"></script></body>`,
				`<link rel="canonical" href="` + s.url + `guide/hello/">`,
			}, ""},
			{"/docs/guide/drift/", 200, []string{`class="output output-drifted"`, "expected", "actual"}, ""},
			{"/docs/", 200, []string{"Hello, pipes", "Drifting"}, ""},
			{"/docs/guide/hello", 301, nil, "/docs/guide/hello/"},
			{"/", 302, nil, "/docs/"},
			{"/docs/nowhere/", 404, []string{"Page not found"}, ""},
			{"/docs/__pipedocs/reload.js", 200, []string{"EventSource"}, ""},
		}
		for _, tt := range tests {
			resp, body := s.get(tt.path)
			if resp.StatusCode != tt.status {
				t.Errorf("%s: status %d, want %d", tt.path, resp.StatusCode, tt.status)
			}
			if got := resp.Header.Get("Location"); got != tt.location {
				t.Errorf("%s: Location %q, want %q", tt.path, got, tt.location)
			}
			for _, want := range tt.contains {
				if !strings.Contains(body, want) {
					t.Errorf("%s: no %q in\n%s", tt.path, want, body)
				}
			}
		}
		// The drift is reported as check reports it, and stops nothing.
		for _, want := range []string{"guide/drift.md:", "drift.sh: output drifted from the article", "-expected", "+actual", "2 passed, 1 failed"} {
			if !strings.Contains(s.stdout.String(), want) {
				t.Errorf("stdout has no %q:\n%s", want, s.stdout)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, "public")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("serve wrote public/ (%v)", err)
		}
	})

	t.Run("traversal", func(t *testing.T) {
		writeFile(t, filepath.Join(tmp, "secret.txt"), "SECRET")
		defer os.Remove(filepath.Join(tmp, "secret.txt"))
		for _, path := range []string{
			"/docs/../secret.txt",
			"/docs/%2e%2e/secret.txt",
			"/docs/%2e%2e/%2e%2e/secret.txt",
			"/docs/..%2fsecret.txt",
			"/docs/..%2f..%2fsecret.txt",
			"/docs/guide/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.txt",
			"/docs/..%5c..%5csecret.txt",
			"/docs/%2e/guide/hello/",
			"/../../../../etc/passwd",
		} {
			status, body := rawStatus(t, s.addr, path)
			if status != 404 || strings.Contains(body, "SECRET") || strings.Contains(body, "root:") {
				t.Errorf("%s: status %d, want 404", path, status)
			}
		}
	})

	// DNS rebinding: a name of an attacker's that resolves to 127.0.0.1
	// reaches the port, but is not the address served.
	t.Run("other hosts", func(t *testing.T) {
		_, port, _ := net.SplitHostPort(s.addr)
		for _, host := range []string{"evil.example:" + port, "localhost.evil.example:" + port, "127.0.0.1:1"} {
			status, body := rawStatusHost(t, s.addr, host, "/docs/guide/hello/")
			if status != http.StatusMisdirectedRequest || strings.Contains(body, "Hello, pipes") {
				t.Errorf("Host %s: status %d, want 421", host, status)
			}
		}
		if status, _ := rawStatusHost(t, s.addr, "localhost:"+port, "/docs/guide/hello/"); status != 200 {
			t.Errorf("Host localhost:%s: status %d, want 200", port, status)
		}
	})

	t.Run("edit reloads", func(t *testing.T) {
		s.t = t
		ev := s.events()
		if got := ev.next("reload"); got != "1" {
			t.Fatalf("first event: build %q, want 1", got)
		}
		editFile(t, article, "ORIGINAL TEXT", "EDITED TEXT")
		if got := ev.next("reload"); got == "1" {
			t.Fatalf("reload event for build %q after an edit", got)
		}
		s.waitFor("/docs/guide/hello/", "EDITED TEXT")
		waitOutput(t, s.stdout, "changed: content/guide/hello.md")
	})

	// A Hugo site's own config is read on every build (SPEC §1.1), so
	// serve watches it too: here its [permalinks] move a section.
	t.Run("a Hugo config change rebuilds", func(t *testing.T) {
		s.t = t
		hugoConfig := filepath.Join(dir, "hugo.toml")
		writeFile(t, hugoConfig, "[permalinks]\n  guide = \"/moved/:filename/\"\n")
		s.waitFor("/docs/moved/hello/", "EDITED TEXT")
		waitOutput(t, s.stdout, "changed: hugo.toml")
		if err := os.Remove(hugoConfig); err != nil {
			t.Fatal(err)
		}
		s.waitFor("/docs/guide/hello/", "EDITED TEXT")
	})

	t.Run("bad input keeps the last good site", func(t *testing.T) {
		s.t = t
		ev := s.events()
		editFile(t, article, "```sh title=hello.sh", "```sh title=hello.sh bogus=1")
		fault := ev.next("fault")
		if !strings.Contains(fault, `unknown snippet attribute "bogus"`) {
			t.Errorf("fault event %q", fault)
		}
		waitOutput(t, s.stderr, `unknown snippet attribute "bogus"`)
		if !strings.Contains(s.stderr.String(), "guide/hello.md:14:") {
			t.Errorf("the error does not point at the snippet:\n%s", s.stderr)
		}
		if _, body := s.get("/docs/guide/hello/"); !strings.Contains(body, "EDITED TEXT") {
			t.Errorf("the last good page is gone:\n%s", body)
		}
		editFile(t, article, " bogus=1", "")
		ev.next("reload")
		s.waitFor("/docs/guide/hello/", `class="output output-verified"`)
	})

	t.Run("a change supersedes a running build", func(t *testing.T) {
		s.t = t
		pidFile := filepath.Join(work, "superseded.pid")
		editFile(t, article, "## A wide line", slowSnippet(pidFile)+"\n## A wide line")
		pid := waitPID(t, pidFile)
		start := time.Now()
		// The new version drops the slow snippet: only superseding the
		// running build gets it served in time.
		editFile(t, article, "EDITED TEXT", "NEWEST TEXT", slowSnippet(pidFile), "")
		s.waitFor("/docs/guide/hello/", "NEWEST TEXT")
		waitGone(t, pid)
		t.Logf("superseded in %v", time.Since(start))
	})

	t.Run("interrupt stops everything", func(t *testing.T) {
		s.t = t
		pidFile := filepath.Join(work, "interrupted.pid")
		editFile(t, article, "NEWEST TEXT", "LAST TEXT\n\n"+slowSnippet(pidFile))
		pid := waitPID(t, pidFile)
		code, ok := s.stop()
		if !ok {
			t.Fatal("serve did not return after its context ended")
		}
		if code != exitOK {
			t.Errorf("exit status %d, want 0\nstderr:\n%s", code, s.stderr)
		}
		waitGone(t, pid)
		if _, err := net.DialTimeout("tcp", s.addr, time.Second); err == nil {
			t.Error("still listening after serve returned")
		}
		for _, name := range leftInTemp(t, tmp) {
			t.Errorf("left behind in TMPDIR: %s", name)
		}
	})
}

// leftInTemp lists what is in the temporary folder tmp. This process's
// own scratch folder (pipedocs-PID-tSTART, removed at exit by
// pipeline.Cleanup) is made in it when no test before made it elsewhere;
// only what is inside it counts then.
func leftInTemp(t *testing.T, tmp string) []string {
	t.Helper()
	entries, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	own := fmt.Sprintf("pipedocs-%d-t", os.Getpid())
	var left []string
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), own) {
			left = append(left, e.Name())
			continue
		}
		inside, err := os.ReadDir(filepath.Join(tmp, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range inside {
			left = append(left, filepath.Join(e.Name(), f.Name()))
		}
	}
	return left
}

func TestServeBadStart(t *testing.T) {
	t.Run("no such source", func(t *testing.T) {
		var stdout, stderr syncBuffer
		code := run(context.Background(), []string{"serve", "--source", filepath.Join(t.TempDir(), "none"), "--port", "0"}, &stdout, &stderr)
		if code != exitBadInput || !strings.Contains(stderr.String(), "--source") {
			t.Errorf("status %d, stderr %q; want 2 and a word on --source", code, stderr.String())
		}
	})

	t.Run("bad article, then fixed", func(t *testing.T) {
		dir := writeFixture(t)
		article := filepath.Join(dir, "content", "guide", "hello.md")
		editFile(t, article, "title = ", "title = \n")
		s := startServe(t, dir, "--cache-dir", t.TempDir())
		resp, _ := s.get("/docs/guide/hello/")
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("status %d before any good build, want 503", resp.StatusCode)
		}
		if !strings.Contains(s.stderr.String(), "guide/hello.md:2:") {
			t.Errorf("stderr does not report the bad article:\n%s", s.stderr)
		}
		editFile(t, article, "title = \n", "title = ")
		s.waitFor("/docs/guide/hello/", "ORIGINAL TEXT")
	})
}

func TestServedBase(t *testing.T) {
	tests := []struct {
		baseURL, host string
		abs, path     string
	}{
		{"/", "127.0.0.1:1313", "http://127.0.0.1:1313/", "/"},
		{"https://example.org/docs/", "127.0.0.1:1313", "http://127.0.0.1:1313/docs/", "/docs/"},
		{"https://user@example.org:8443/a/b/", "[::1]:80", "http://[::1]:80/a/b/", "/a/b/"},
		{"/docs/", "localhost:1", "http://localhost:1/docs/", "/docs/"},
		{"https://example.org/my%20docs/", "h:1", "http://h:1/my%20docs/", "/my docs/"},
		{"https://example.org", "h:1", "http://h:1/", "/"},
	}
	for _, tt := range tests {
		abs, path := servedBase(tt.baseURL, tt.host)
		if abs != tt.abs || path != tt.path {
			t.Errorf("servedBase(%q, %q) = %q, %q; want %q, %q", tt.baseURL, tt.host, abs, path, tt.abs, tt.path)
		}
		if _, err := url.Parse(abs); err != nil {
			t.Errorf("servedBase(%q): %v", tt.baseURL, err)
		}
	}
}

func TestServedHost(t *testing.T) {
	tests := []struct {
		addr net.Addr
		want string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1313}, "127.0.0.1:1313"},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 80}, "localhost:80"},
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 80}, "localhost:80"},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 8080}, "[::1]:8080"},
	}
	for _, tt := range tests {
		if got := servedHost(tt.addr); got != tt.want {
			t.Errorf("servedHost(%v) = %q, want %q", tt.addr, got, tt.want)
		}
	}
}
