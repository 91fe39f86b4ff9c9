package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeServer is an in-memory Bazel HTTP cache: GET and PUT of /ac/<key>
// and /cas/<key>, and a log of what it was asked.
type fakeServer struct {
	mu       sync.Mutex
	blobs    map[string][]byte // by path, "/ac/…" or "/cas/…"
	requests []string          // "GET /ac/…"
	auth     []string          // Authorization headers seen
}

func newFakeServer(t *testing.T) (*fakeServer, *httptest.Server) {
	f := &fakeServer{blobs: map[string][]byte{}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r.Method+" "+r.URL.Path)
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	switch r.Method {
	case http.MethodGet:
		data, ok := f.blobs[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(data)
	case http.MethodPut:
		data, _ := io.ReadAll(r.Body)
		f.blobs[r.URL.Path] = data
		w.WriteHeader(http.StatusCreated)
	default:
		w.WriteHeader(http.StatusMethodNotAllowed)
	}
}

func (f *fakeServer) set(path string, data []byte) {
	f.mu.Lock()
	f.blobs[path] = data
	f.mu.Unlock()
}

func (f *fakeServer) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.requests)
}

// skips collects what a store reports through HTTPOptions.Skipped.
type skips struct {
	mu   sync.Mutex
	errs []error
}

func (s *skips) add(err error) {
	s.mu.Lock()
	s.errs = append(s.errs, err)
	s.mu.Unlock()
}

func (s *skips) list() []error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]error(nil), s.errs...)
}

func openTest(t *testing.T, url string, opts HTTPOptions) (*HTTP, *skips) {
	t.Helper()
	s := &skips{}
	opts.Skipped = s.add
	h, err := OpenHTTP(url, opts)
	if err != nil {
		t.Fatal(err)
	}
	return h, s
}

func TestHTTPRoundTrip(t *testing.T) {
	f, srv := newFakeServer(t)
	h, skipped := openTest(t, srv.URL+"/pool/", HTTPOptions{})
	k := key("k")
	if _, ok := h.Get(k); ok {
		t.Fatal("Get before Put: hit")
	}
	data := []byte("{\"Output\":\"hello\\n\"}")
	if err := h.Put(k, data); err != nil {
		t.Fatal(err)
	}
	got, ok := h.Get(k)
	if !ok || !bytes.Equal(got, data) {
		t.Fatalf("Get = %q, %v; want %q", got, ok, data)
	}
	sum := sha256.Sum256(data)
	cas := "/pool/cas/" + hex.EncodeToString(sum[:])
	if !bytes.Equal(f.blobs[cas], data) {
		t.Errorf("server's %s = %q, want the data", cas, f.blobs[cas])
	}
	want := []string{
		"GET /pool/ac/" + k.String(),
		"PUT " + cas, "PUT /pool/ac/" + k.String(), // the blob before the action naming it
		"GET /pool/ac/" + k.String(), "GET " + cas,
	}
	if fmt.Sprint(f.requests) != fmt.Sprint(want) {
		t.Errorf("requests\n%q\nwant\n%q", f.requests, want)
	}
	if errs := skipped.list(); len(errs) != 0 {
		t.Errorf("a 404 was reported as a problem: %v", errs)
	}
}

// Whatever the server answers that is not the entry is a miss, reported
// once; a damaged entry leaves the store on, a failing server turns it off.
func TestHTTPGarbageIsMiss(t *testing.T) {
	data := []byte("the result")
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	k := key("k")
	tests := []struct {
		name     string
		ac, cas  []byte
		status   int // the server's answer to everything, when not 0
		stopsAsk bool
	}{
		{name: "blob flipped", ac: encodeActionResult(digest{hash, int64(len(data))}), cas: []byte("the resulT")},
		{name: "blob truncated", ac: encodeActionResult(digest{hash, int64(len(data))}), cas: data[:4]},
		{name: "size disagrees", ac: encodeActionResult(digest{hash, 3}), cas: data},
		{name: "ac not protobuf", ac: []byte("<html>oops</html>\xff\xff")},
		{name: "ac without digest", ac: []byte{0x20, 0x01}}, // exit_code = 1 only
		{name: "ac digest not hex", ac: encodeActionResult(digest{strings.Repeat("zz", 32), 1})},
		{name: "server error", status: http.StatusInternalServerError, stopsAsk: true},
		{name: "unauthorized", status: http.StatusUnauthorized, stopsAsk: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, srv := newFakeServer(t)
			url := srv.URL
			if tt.status != 0 {
				bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					f.ServeHTTP(httptest.NewRecorder(), r) // count it
					w.WriteHeader(tt.status)
				}))
				defer bad.Close()
				url = bad.URL
			}
			f.set("/ac/"+k.String(), tt.ac)
			if tt.cas != nil {
				f.set("/cas/"+hash, tt.cas)
			}
			h, skipped := openTest(t, url, HTTPOptions{})
			for range 3 {
				if got, ok := h.Get(k); ok {
					t.Fatalf("Get = %q: garbage taken for an entry", got)
				}
			}
			if errs := skipped.list(); len(errs) != 1 {
				t.Fatalf("reported %d times (%v), want once", len(errs), errs)
			}
			if n := f.count(); tt.stopsAsk != (n == 1) {
				t.Errorf("server asked %d times; want it skipped after a server problem only", n)
			}
		})
	}
}

func TestHTTPServerDown(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	h, skipped := openTest(t, url, HTTPOptions{Timeout: time.Second})
	k := key("k")
	if _, ok := h.Get(k); ok {
		t.Fatal("hit from a stopped server")
	}
	if err := h.Put(k, []byte("x")); err == nil {
		t.Fatal("Put to a stopped server succeeded")
	}
	errs := skipped.list()
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "remote cache "+url) {
		t.Fatalf("reported %v, want one problem naming the store", errs)
	}
}

func TestHTTPSlowServer(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
	}))
	defer srv.Close()
	defer close(release)
	h, skipped := openTest(t, srv.URL, HTTPOptions{Timeout: 100 * time.Millisecond})
	start := time.Now()
	for range 5 {
		if _, ok := h.Get(key("k")); ok {
			t.Fatal("hit from a server that never answers")
		}
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("5 reads took %v: the store kept waiting for a slow server", d)
	}
	if len(skipped.list()) != 1 {
		t.Errorf("reported %d times, want once", len(skipped.list()))
	}
}

// Credentials go in headers, from the options, the URL or a netrc, and
// never into a message.
func TestHTTPCredentials(t *testing.T) {
	netrc := filepath.Join(t.TempDir(), "netrc")
	os.WriteFile(netrc, []byte("machine other login x password y\nmachine 127.0.0.1 login nina password s3cret-netrc\n"), 0o600)
	tests := []struct {
		name string
		url  func(base string) string
		opts HTTPOptions
		want string
	}{
		{"header", func(b string) string { return b }, HTTPOptions{Header: http.Header{"Authorization": {"Bearer s3cret-token"}}, Netrc: netrc}, "Bearer s3cret-token"},
		{"url userinfo", func(b string) string { return strings.Replace(b, "://", "://ann:s3cret-url@", 1) }, HTTPOptions{Netrc: netrc}, "Basic YW5uOnMzY3JldC11cmw="},
		{"netrc", func(b string) string { return b }, HTTPOptions{Netrc: netrc}, "Basic bmluYTpzM2NyZXQtbmV0cmM="},
		{"none", func(b string) string { return b }, HTTPOptions{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, srv := newFakeServer(t)
			h, _ := openTest(t, tt.url(srv.URL), tt.opts)
			h.Get(key("k"))
			if f.auth[0] != tt.want {
				t.Errorf("Authorization = %q, want %q", f.auth[0], tt.want)
			}
			if strings.Contains(h.String(), "s3cret") {
				t.Errorf("String() = %q shows the credentials", h.String())
			}
			// A failing server's message holds no credentials either.
			srv.Close()
			s := &skips{}
			opts := tt.opts
			opts.Skipped = s.add
			h2, err := OpenHTTP(tt.url(srv.URL), opts)
			if err != nil {
				t.Fatal(err)
			}
			h2.Get(key("k"))
			if errs := s.list(); len(errs) != 1 || strings.Contains(errs[0].Error(), "s3cret") || strings.Contains(errs[0].Error(), "ann") {
				t.Errorf("problem = %v: want one, without credentials", errs)
			}
		})
	}
}

func TestOpenHTTPBadURL(t *testing.T) {
	for _, u := range []string{"ftp://host/x", "host:8080/cache", "http://", "http://h/c?x=1", "http://ann:s3cret@h/%zz"} {
		_, err := OpenHTTP(u, HTTPOptions{})
		if err == nil {
			t.Errorf("OpenHTTP(%q) succeeded", u)
			continue
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("OpenHTTP(%q) = %v: shows the password", u, err)
		}
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"https://ann:pw@cache.example/x": "https://cache.example/x",
		"https://tok@cache.example/x":    "https://cache.example/x",
		"http://h:8080/c":                "http://h:8080/c",
		"http://ann:pw@h/%zz":            "http://…",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLayered(t *testing.T) {
	f, srv := newFakeServer(t)
	remote, _ := openTest(t, srv.URL, HTTPOptions{})
	diskA, _ := Open(t.TempDir())
	diskB, _ := Open(t.TempDir())
	k, data := key("k"), []byte("result")

	if err := Layered(diskA, remote).Put(k, data); err != nil {
		t.Fatal(err)
	}
	if got, ok := diskA.Get(k); !ok || !bytes.Equal(got, data) {
		t.Fatalf("a Put did not reach the disk: %q, %v", got, ok)
	}
	// Another machine: its disk is empty, the remote has it, and after one
	// remote read the disk serves it.
	b := Layered(diskB, remote)
	if got, ok := b.Get(k); !ok || !bytes.Equal(got, data) {
		t.Fatalf("remote read = %q, %v", got, ok)
	}
	before := f.count()
	if got, ok := b.Get(k); !ok || !bytes.Equal(got, data) || f.count() != before {
		t.Fatalf("second read = %q, %v after %d more requests; want a disk hit", got, ok, f.count()-before)
	}
}

func TestActionResult(t *testing.T) {
	d := digest{hash: strings.Repeat("ab", 32), size: 1 << 40}
	got, err := decodeActionResult(encodeActionResult(d))
	if err != nil || got != d {
		t.Fatalf("round trip = %+v, %v; want %+v", got, err, d)
	}
	// Fields pipedocs does not write are skipped: exit_code (varint),
	// stdout_raw (bytes), a fixed64 and a fixed32 field.
	extra := append([]byte{0x20, 0x07, 0x2a, 0x02, 'h', 'i', 0x79, 1, 2, 3, 4, 5, 6, 7, 8, 0x7d, 1, 2, 3, 4}, encodeActionResult(d)...)
	if got, err := decodeActionResult(extra); err != nil || got != d {
		t.Fatalf("with other fields = %+v, %v", got, err)
	}
	for _, bad := range [][]byte{{0x32, 0x50}, {0x32}, {0x07}, {0x00}} {
		if _, err := decodeActionResult(bad); err == nil {
			t.Errorf("decodeActionResult(%x) succeeded", bad)
		}
	}
}

func TestNetrc(t *testing.T) {
	file := filepath.Join(t.TempDir(), "netrc")
	os.WriteFile(file, []byte(`machine a.example login al password pa
machine b.example
	login bo
	password pb
macdef init
	cd /pub

default login anon password pd
`), 0o600)
	tests := []struct{ host, login, pass string }{
		{"a.example", "al", "pa"},
		{"b.example", "bo", "pb"},
		{"c.example", "anon", "pd"},
	}
	for _, tt := range tests {
		l, p, ok := netrcLogin(file, tt.host)
		if !ok || l != tt.login || p != tt.pass {
			t.Errorf("netrcLogin(%s) = %q, %q, %v; want %q, %q", tt.host, l, p, ok, tt.login, tt.pass)
		}
	}
	if _, _, ok := netrcLogin(filepath.Join(t.TempDir(), "none"), "a.example"); ok {
		t.Error("a missing netrc gave a login")
	}
}
