package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/pipedocs/pipedocs/cmd/pipedocs/internal/devserver"
	"github.com/pipedocs/pipedocs/cmd/pipedocs/internal/pipeline"
	"github.com/pipedocs/pipedocs/cmd/pipedocs/internal/watch"
	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/site"
)

var serveCmd = &command{
	name:    "serve",
	summary: "build the site, serve it locally, rebuild and reload on change",
	usage:   "[flags]",
	help: `
Serve builds the site into a temporary directory (public/ is never
touched) and serves it on http://127.0.0.1:1313 under the path of the
config's baseURL, so a site published at https://example.org/docs/ is
previewed at http://127.0.0.1:1313/docs/.

It watches content/, themes/, static/ and pipedocs.toml. A change
rebuilds the site (snippets whose source did not change come from the
results cache) and reloads the pages open in a browser. A snippet that
fails or drifts does not stop the preview: its output panel shows the
failure and the terminal prints the report that check would. Bad input
(an article that does not parse, a bad config) is printed, and the last
good build stays on the page, with the errors shown in a banner.

Serve listens on the loopback interface only unless --bind says
otherwise, and answers only requests addressed to it (a Host of
localhost or the address it listens on), so a web page cannot reach it
through a name of its own (DNS rebinding). It runs until interrupted; then it stops every snippet still
running and removes its temporary files.
`,
	flags: flagsFor("site", "run", "serve"),
	run:   runServe,
}

// rebuildQuiet is how long the sources must be left alone before a
// rebuild starts: an editor's save is a burst of events well within it,
// and a person does not notice it.
const rebuildQuiet = 100 * time.Millisecond

// shutdownGrace is how long requests still being answered at Ctrl-C get.
const shutdownGrace = 5 * time.Second

func runServe(ctx context.Context, o *options, env *cliEnv) error {
	ln, err := net.Listen("tcp", net.JoinHostPort(o.bind, strconv.Itoa(o.port)))
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer ln.Close()
	tmp, err := pipeline.MkdirTemp("serve-*")
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer os.RemoveAll(tmp)

	// Watch before the first build, so that an edit made while it runs
	// is not lost.
	w, err := watch.New(rebuildQuiet, watchedSources(o.source)...)
	if err != nil {
		return err
	}
	defer w.Close()

	s := &session{o: o, env: env, addr: servedHost(ln.Addr()), tmp: tmp, dev: devserver.New("/")}
	if err := s.rebuild(ctx); err != nil {
		// Bad usage (no such --source, no content/) will not fix
		// itself; bad input in a file the author is editing may.
		var use usageError
		switch {
		case ctx.Err() != nil:
			return nil // interrupted: the way serve always ends
		case errors.As(err, &use):
			return err
		}
	}

	return s.serve(ctx, ln, w)
}

// watchedSources are the files and folders of the site at root whose
// change rebuilds it: its content, theme and static files, pipedocs.toml
// and a Hugo site's own config (SPEC §1.1), wherever Hugo reads it from.
func watchedSources(root string) []string {
	names := append([]string{"content", "themes", "static", "pipedocs.toml", "config"}, config.HugoFiles...)
	sources := make([]string, len(names))
	for i, name := range names {
		sources[i] = filepath.Join(root, name)
	}
	return sources
}

// serve serves the site on ln and rebuilds it on every change w sees,
// until ctx is done, the server fails or the watcher does.
func (s *session) serve(ctx context.Context, ln net.Listener, w *watch.Watcher) error {
	srv := &http.Server{Handler: devserver.OnlyHost(ln.Addr(), s.dev), ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(s.dev.Close) // event streams never go idle by themselves
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(s.env.stdout, "serving %s (Ctrl-C to stop)\n", s.url)

	wctx, stop := context.WithCancel(ctx)
	defer stop()
	changes := make(chan []string)
	watched := make(chan error, 1)
	go func() {
		watched <- w.Run(wctx, func(paths []string) {
			select {
			case changes <- paths:
			case <-wctx.Done():
			}
		})
	}()
	looped := make(chan struct{})
	go func() {
		defer close(looped)
		s.loop(wctx, changes)
	}()

	var err error
	watching := true
	select {
	case <-ctx.Done():
	case err = <-served:
		err = fmt.Errorf("serve: %w", err)
	case err = <-watched:
		watching = false
	}
	stop()
	<-looped // no build left running, so no snippet either
	if watching {
		<-watched
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if serr := srv.Shutdown(sctx); serr != nil && err == nil {
		err = fmt.Errorf("serve: %w", serr)
	}
	return err
}

// servedHost is the host:port pages link to. A server listening on all
// interfaces is reached as localhost from the machine it runs on.
func servedHost(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return addr.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, strconv.Itoa(tcp.Port))
}

// servedBase moves a config's baseURL to the served address and keeps its
// path, so a site is previewed under the path it will be published at.
// It returns the new baseURL and its path, decoded.
func servedBase(baseURL, host string) (abs, basePath string) {
	u, err := url.Parse(baseURL)
	if err != nil { // the config has checked it: only a bug gets here
		u = &url.URL{}
	}
	u.Scheme, u.Host, u.User, u.RawQuery, u.Fragment = "http", host, nil, "", ""
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	return u.String(), u.Path
}

// A session is one run of serve: a sequence of builds, each in a
// directory of its own under tmp, the latest good one served by dev.
// Builds run one at a time, so its fields need no lock.
type session struct {
	o    *options
	env  *cliEnv
	addr string // host:port the site is served at
	tmp  string
	dev  *devserver.Server

	builds  uint64 // builds started, to tell pages which one they show
	current string // the directory dev serves; "" before the first good build
	url     string // the site's served URL, for the terminal
}

// loop rebuilds the site after each batch of changes until ctx ends. A
// batch arriving while a build runs cancels that build, which stops its
// snippets, and starts a new one: the sources it read are stale already.
func (s *session) loop(ctx context.Context, changes <-chan []string) {
	stop := func() {}
	for {
		select {
		case <-ctx.Done():
			stop()
			return
		case paths := <-changes:
			stop()
			fmt.Fprintf(s.env.stdout, "changed: %s\n", s.describeChanges(paths))
			stop = s.start(ctx)
		}
	}
}

// start rebuilds in the background. The func it returns cancels the
// build and waits until it is over, its snippets killed and its files
// removed.
func (s *session) start(ctx context.Context) (stop func()) {
	bctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.rebuild(bctx)
	}()
	return func() {
		cancel()
		<-done
	}
}

// describeChanges names the changed paths relative to the site root,
// the first few of them.
func (s *session) describeChanges(paths []string) string {
	root, _ := filepath.Abs(s.o.source)
	const most = 3
	names := make([]string, 0, most)
	for _, p := range paths[:min(len(paths), most)] {
		if rel, err := filepath.Rel(root, p); err == nil {
			p = rel
		}
		names = append(names, filepath.ToSlash(p))
	}
	line := strings.Join(names, ", ")
	if len(paths) > most {
		line += fmt.Sprintf(" and %d more", len(paths)-most)
	}
	return line
}

// rebuild builds the site and serves it. Bad input is printed and shown
// on the open pages, which keep the last good build. A cancelled build
// says nothing: another one replaces it, or serve is stopping.
func (s *session) rebuild(ctx context.Context) error {
	s.builds++
	start := time.Now()
	dir, base, pages, err := s.build(ctx, s.builds)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if s.url == "" {
		// Until a build succeeds, the base path comes from the config as
		// far as it could be read.
		s.url = "http://" + s.addr + base
	}
	if err != nil {
		msg := describeError(err)
		fmt.Fprintln(s.env.stderr, msg)
		s.dev.Fail(msg)
		return err
	}
	if err := s.dev.Swap(dir, base, s.builds); err != nil {
		os.RemoveAll(dir)
		fmt.Fprintln(s.env.stderr, describeError(err))
		return err
	}
	if s.current != "" {
		os.RemoveAll(s.current)
	}
	s.current = dir
	s.url = "http://" + s.addr + base
	fmt.Fprintf(s.env.stdout, "built %d pages in %v\n", pages, time.Since(start).Round(time.Millisecond))
	return nil
}

// build runs stages 1 to 5 for serve: like build, except that a failed
// or drifted snippet is rendered rather than stopping it (the page shows
// the failure where it happened), the site's absolute URLs are moved to the
// served address, every page gets the reload script, and the output goes to a
// new directory under s.tmp. It returns that directory, the base path and
// the number of pages.
func (s *session) build(ctx context.Context, n uint64) (dir, base string, pages int, err error) {
	base = "/"
	p, err := loadProject(ctx, s.o.source, s.o.filter)
	if err != nil {
		return "", base, 0, err
	}
	opts, err := p.renderOptions(s.o)
	if err != nil {
		return "", base, 0, err
	}
	defer p.store.Close() // publishes the articles rendered for the next build
	opts.BaseURL, base = servedBase(p.cfg.BaseURL, s.addr)
	opts.LiveReload = devserver.ScriptURL(base, n)
	verdicts, skipped, err := p.verify(ctx, s.o, s.env)
	if err != nil {
		return "", base, 0, err
	}
	report(s.env.stdout, s.o, verdicts, skipped)

	dir, err = os.MkdirTemp(s.tmp, "build-")
	if err != nil {
		return "", base, 0, fmt.Errorf("serve: %w", err)
	}
	if err := site.Render(ctx, p.site, outcomes(verdicts), p.md, opts, dir); err != nil {
		os.RemoveAll(dir)
		return "", base, 0, err
	}
	return dir, base, len(p.site.Pages), nil
}

// describeError is how an error of a build reads in the terminal and in
// the page's banner: diagnostics one per line, as build prints them.
func describeError(err error) string {
	var (
		list diag.List
		one  diag.Diagnostic
	)
	switch {
	case errors.As(err, &list):
		list = append(diag.List(nil), list...)
		list.Sort()
		return list.Error()
	case errors.As(err, &one):
		return one.Error()
	}
	return "pipedocs: " + err.Error()
}
