package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/pipedocs/pipedocs/cmd/pipedocs/internal/shard"
	"github.com/pipedocs/pipedocs/runner/cache"
)

// Past one machine (SPEC §8): --shard, --remote-cache and build's
// --no-run. The flags arrive through options.scale; the rest of the
// pipeline sees them through the four hooks below (shardFilter,
// configure, finish, shardBuilt), each called from one place.

// Environment variables of the remote cache. Credentials come only from
// here or from a netrc, never from pipedocs.toml or a flag, so they stay
// out of the repository, process listings and CI logs.
const (
	envRemoteCache  = "PIPEDOCS_REMOTE_CACHE"        // the URL, when --remote-cache is not given; may hold user:password@
	envRemoteHeader = "PIPEDOCS_REMOTE_CACHE_HEADER" // "Name: value", e.g. "Authorization: Bearer …"
)

// scaleOptions are the scale-out flags of check and build.
type scaleOptions struct {
	registered bool   // the command takes --shard and --remote-cache
	shardText  string // --shard as given
	remoteURL  string // --remote-cache as given
	noRun      bool   // build --no-run

	shard  shard.Spec // parsed --shard; zero when not given
	remote *remoteUse // nil: no remote cache
	getenv func(string) string
}

// register adds the flags of group "scale" (--shard, --remote-cache) or
// "norun" (--no-run) to fs.
func (s *scaleOptions) register(fs *flag.FlagSet, group string) {
	switch group {
	case "scale":
		s.registered = true
		fs.StringVar(&s.shardText, "shard", "", "run only part `I/N` of the pages (1 ≤ I ≤ N), or \"auto\" from the CI system's variables")
		fs.StringVar(&s.remoteURL, "remote-cache", "", "`url` of a shared results cache speaking Bazel's HTTP protocol (default $"+envRemoteCache+")")
	case "norun":
		fs.BoolVar(&s.noRun, "no-run", false, "run nothing: render from cached results only; a snippet without one fails")
	}
}

// validate parses the flags; noCache is --no-cache.
func (s *scaleOptions) validate(noCache bool) error {
	if s.getenv == nil {
		s.getenv = os.Getenv
	}
	if s.shardText != "" {
		sp, err := shard.Parse(s.shardText, s.getenv)
		if err != nil {
			return err
		}
		s.shard = sp
	}
	if s.noRun && noCache {
		return errors.New("--no-run renders from the results cache; it cannot go with --no-cache")
	}
	if s.noRun && s.sharded() {
		return errors.New("--no-run renders the whole site; it cannot go with --shard")
	}
	if !s.registered {
		return nil
	}
	raw, fromEnv := s.remoteURL, false
	if raw == "" {
		raw, fromEnv = s.getenv(envRemoteCache), true
	}
	if raw == "" {
		return nil
	}
	if noCache {
		return errors.New("--remote-cache is a results cache; it cannot go with --no-cache")
	}
	if u, err := url.Parse(raw); err == nil && u.User != nil && !fromEnv {
		return fmt.Errorf("--remote-cache %s: credentials in a flag show in logs; put the URL in $%s, a header in $%s, or a login in ~/.netrc", cache.Redact(raw), envRemoteCache, envRemoteHeader)
	}
	use, err := s.openRemote(raw)
	if err != nil {
		return err
	}
	s.remote = use
	return nil
}

func (s *scaleOptions) openRemote(raw string) (*remoteUse, error) {
	use := &remoteUse{}
	opts := cache.HTTPOptions{Skipped: use.skipped, Netrc: s.getenv("NETRC")}
	if opts.Netrc == "" {
		if home, err := os.UserHomeDir(); err == nil {
			opts.Netrc = filepath.Join(home, ".netrc")
		}
	}
	if h := s.getenv(envRemoteHeader); h != "" {
		name, value, ok := strings.Cut(h, ":")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \t\r\n") || strings.ContainsAny(value, "\r\n") {
			return nil, fmt.Errorf("$%s: want \"Name: value\"", envRemoteHeader) // the value is a secret: not shown
		}
		opts.Header = http.Header{http.CanonicalHeaderKey(name): {strings.TrimSpace(value)}}
	}
	store, err := cache.OpenHTTP(raw, opts)
	if err != nil {
		return nil, err
	}
	use.store = store
	return use, nil
}

// sharded reports whether only a part of the pages runs.
func (s *scaleOptions) sharded() bool { return s.shard.Total > 1 }

// A remoteUse is the remote cache of one command, and the first problem
// it met, which finish reports.
type remoteUse struct {
	store *cache.HTTP
	mu    sync.Mutex
	first error
}

func (u *remoteUse) skipped(err error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.first == nil {
		u.first = err
	}
}

// finish says, once, that the remote cache was skipped, if it was.
func (s *scaleOptions) finish(stderr io.Writer) {
	if s.remote == nil {
		return
	}
	s.remote.mu.Lock()
	defer s.remote.mu.Unlock()
	if s.remote.first != nil {
		fmt.Fprintf(stderr, "pipedocs: %v\npipedocs: remote cache skipped: the snippets it could not serve ran here\n", s.remote.first)
	}
}

// shardBuilt ends a sharded build: its part is run, verified and cached,
// and the site is rendered by a final build --no-run over all parts.
func (s *scaleOptions) shardBuilt(o *options, env *cliEnv) error {
	if !o.quiet && o.format == "text" {
		fmt.Fprintf(env.stdout, "shard %s checked; nothing rendered: render the site with 'pipedocs build --no-run' once every shard is done\n", s.shard)
	}
	return nil
}
