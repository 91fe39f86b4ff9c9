package devserver

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"strings"
	"sync"
)

// Prefix is the path, under the site's base path, of the server's own
// files. Its underscores keep it clear of any URL a site can produce.
const Prefix = "__pipedocs/"

// ScriptURL is the URL of the reload script for pages of build number
// build of a site under basePath (decoded, as url.URL.Path).
func ScriptURL(basePath string, build uint64) string {
	return fmt.Sprintf("%s%sreload.js?build=%d", escape(basePath), Prefix, build)
}

// escape turns a decoded path into one fit for a URL.
func escape(p string) string { return (&url.URL{Path: p}).EscapedPath() }

// A Server serves the current build of a site. Its zero value is not
// usable; call New.
type Server struct {
	mu    sync.RWMutex
	root  *os.Root // the current build; nil until the first Swap
	base  string   // the base path of the current build, decoded: "/" or "/my docs/"
	build uint64   // its number
	fault string   // why the latest rebuild failed; "" when it did not

	events hub
}

// New returns a Server with no site yet: until the first Swap, it
// answers every page with a 503 that reloads once a build is ready.
// basePath is where that page is served from. Base paths, here and in
// Swap, are decoded (url.URL.Path), start and end with "/".
func New(basePath string) *Server {
	s := &Server{base: basePath}
	s.events.init()
	return s
}

// Swap makes dir, the tree of build number build under basePath, the site
// served, and tells open pages to reload. It returns once no request
// can open a file of the previous tree.
func (s *Server) Swap(dir, basePath string, build uint64) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("serving %s: %w", dir, err)
	}
	s.mu.Lock()
	old := s.root
	s.root, s.base, s.build, s.fault = root, basePath, build, ""
	s.mu.Unlock()
	if old != nil {
		old.Close()
	}
	s.events.send(message{event: "reload", data: fmt.Sprint(build)})
	return nil
}

// Fail tells open pages that a rebuild failed and why; they keep showing
// the last good build with msg in a banner, until the next Swap.
func (s *Server) Fail(msg string) {
	s.mu.Lock()
	s.fault = msg
	s.mu.Unlock()
	s.events.send(message{event: "fault", data: msg})
}

// Close ends every event stream, so that http.Server.Shutdown, which
// waits for requests to finish, need not wait for pages to close. Register
// it with http.Server.RegisterOnShutdown. The served tree stays open:
// requests still being answered may read it.
func (s *Server) Close() { s.events.close() }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// A preview must never show a stale stylesheet or page.
	w.Header().Set("Cache-Control", "no-cache")

	s.mu.RLock()
	base := s.base
	s.mu.RUnlock()
	rel, ok := strings.CutPrefix(r.URL.Path, base)
	if !ok {
		if r.URL.Path == "/" || r.URL.Path+"/" == base {
			http.Redirect(w, r, escape(base), http.StatusFound)
			return
		}
		s.notFound(w, r)
		return
	}
	switch rel {
	case Prefix + "reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, reloadScript)
		return
	case Prefix + "events":
		s.stream(w, r)
		return
	}
	s.serveFile(w, r, rel)
}

// clean checks a decoded path relative to the base: no empty, "." or
// ".." segment inside it, no backslash or NUL anywhere. It does not
// clean a bad path into a good one: a request that tries to climb is a
// 404, not a redirect.
func clean(rel string) (string, bool) {
	if strings.ContainsAny(rel, "\\\x00") {
		return "", false
	}
	name := strings.TrimSuffix(rel, "/")
	if name == "" {
		return ".", true
	}
	for seg := range strings.SplitSeq(name, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", false
		}
	}
	return name, true
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, rel string) {
	name, ok := clean(rel)
	if !ok {
		s.notFound(w, r)
		return
	}
	f, info, err := s.open(name)
	switch {
	case errors.Is(err, errNoSite):
		s.noSite(w, r)
		return
	case err != nil:
		s.notFound(w, r)
		return
	}
	defer f.Close()
	if info.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			// Pages link to directories with a trailing slash; relative
			// links inside index.html need it too.
			target := r.URL.EscapedPath() + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		f.Close()
		f, info, err = s.open(path.Join(name, "index.html"))
		if err != nil || info.IsDir() {
			s.notFound(w, r)
			return
		}
		defer f.Close()
	}
	http.ServeContent(w, r, info.Name(), info.ModTime(), f)
}

var errNoSite = errors.New("no site built yet")

// open opens a file of the current build. It holds the read lock only
// while it opens: once open, the file stays readable whatever Swap does.
func (s *Server) open(name string) (*os.File, fs.FileInfo, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.root == nil {
		return nil, nil, errNoSite
	}
	f, err := s.root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// notFound answers with the site's 404.html, or a plain 404 when the
// site has none.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	f, info, err := s.open("404.html")
	if err != nil || info.IsDir() {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		io.Copy(w, f)
	}
}

// noSite answers while the first build has not succeeded: a page that
// reloads itself when one has.
func (s *Server) noSite(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	base, fault := s.base, s.fault
	s.mu.RUnlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Retry-After", "1")
	w.WriteHeader(http.StatusServiceUnavailable)
	noSitePage.Execute(w, noSiteData{Script: ScriptURL(base, 0), Fault: fault})
}
