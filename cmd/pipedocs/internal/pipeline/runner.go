package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/runner"
	"github.com/pipedocs/pipedocs/runner/cache"
)

// RunOptions are the command line's say in how snippets run.
type RunOptions struct {
	CacheDir string // --cache-dir; "" = the user's cache folder (see CacheDir)
	NoCache  bool   // --no-cache: run every snippet, keep no result
	Jobs     int    // --jobs; -1 = the config's jobs

	// Remote, when set, is a shared results store behind the disk cache
	// (--remote-cache); it needs the disk cache.
	Remote cache.Store
	// CachedOnly serves every result from the cache and runs nothing
	// (build --no-run): a snippet without one fails.
	CachedOnly bool
}

// NewRunner makes the runner for this project: the site's configured
// runners, its Go module, and the results cache and kept Go builds of
// o's cache folder.
func (p *Project) NewRunner(o RunOptions) (*runner.Runner, error) {
	cfg := runner.Config{
		Runners: make(map[string]runner.Definition, len(p.Config.Runners)),
	}
	for name, def := range p.Config.Runners {
		cfg.Runners[name] = runner.Definition{Command: def.Command, Extension: def.Extension, Version: def.Version}
	}
	dir, err := CacheDir(o.CacheDir)
	if err != nil && !o.NoCache {
		return nil, err
	}
	if err == nil {
		// Kept Go builds are binaries, not results, so --no-cache keeps
		// them: every snippet still runs, but none is linked again.
		cfg.BuildDir = filepath.Join(dir, "gobuild")
		if !o.NoCache {
			cfg.CacheDir = filepath.Join(dir, "results")
		}
	}
	if o.Remote != nil && cfg.CacheDir != "" {
		cfg.Remote = o.Remote
	}
	cfg.CachedOnly = o.CachedOnly
	for _, b := range p.Config.Bin {
		cfg.Programs = append(cfg.Programs, runner.Program{Name: b.Name, Package: b.Package, Dir: p.ConfigDir, Where: b.Where})
	}
	return runner.New(cfg)
}

// CacheDir is flagDir (--cache-dir), else $XDG_CACHE_HOME/pipedocs or
// ~/.cache/pipedocs. It holds three stores, each in its own folder:
// results/ (run results), render/ (rendered articles) and gobuild/ (kept
// Go binaries).
func CacheDir(flagDir string) (string, error) {
	if flagDir != "" {
		return flagDir, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("cache dir: %w (set --cache-dir or --no-cache)", err)
	}
	return filepath.Join(base, "pipedocs"), nil
}

// Jobs is the number of snippets run at once: o.Jobs when set, else the
// config's, where 0 means one per CPU.
func (p *Project) Jobs(o RunOptions) int {
	n := p.Config.Jobs
	if o.Jobs >= 0 {
		n = o.Jobs
	}
	if n <= 0 {
		n = runtime.NumCPU()
	}
	return n
}

// A RenderStore keeps rendered article bodies between builds in
// <cache dir>/render. It adapts a cache.Cache, keyed by cache.Key, to
// markdown.Store, keyed by the plain array (render declares its own
// interface so as not to import runner), and counts the writes that
// failed, which markdown ignores.
type RenderStore struct {
	c *cache.Cache

	mu     sync.Mutex
	failed int
	first  error
}

// OpenRenderStore opens the render store of o's cache folder; nil with
// --no-cache.
func OpenRenderStore(o RunOptions) (*RenderStore, error) {
	if o.NoCache {
		return nil, nil
	}
	dir, err := CacheDir(o.CacheDir)
	if err != nil {
		return nil, err
	}
	c, err := cache.OpenNamed("render cache", filepath.Join(dir, "render"))
	if err != nil {
		return nil, fmt.Errorf("render store: %w", err)
	}
	return &RenderStore{c: c}, nil
}

// Get implements markdown.Store.
func (s *RenderStore) Get(key [32]byte) ([]byte, bool) { return s.c.Get(cache.Key(key)) }

// NewKey implements markdown.Store: article keys are framed by
// cache.Hash, the one key encoder of pipedocs.
func (s *RenderStore) NewKey(tag string) markdown.KeyHash { return renderKey{cache.NewHash(tag)} }

// renderKey is a cache.Hash whose Sum is the plain array markdown uses.
type renderKey struct{ *cache.Hash }

func (k renderKey) Sum() [32]byte { return k.Hash.Sum() }

// Put implements markdown.Store.
func (s *RenderStore) Put(key [32]byte, data []byte) error {
	err := s.c.Put(cache.Key(key), data)
	if err != nil {
		s.mu.Lock()
		if s.failed == 0 {
			s.first = err
		}
		s.failed++
		s.mu.Unlock()
	}
	return err
}

// Errors returns how many articles the store failed to keep, and the
// first error.
func (s *RenderStore) Errors() (int, error) {
	if s == nil {
		return 0, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failed, s.first
}

// store is s as a markdown.Store: a nil *RenderStore must become a nil
// interface, which markdown reads as "no store".
func (s *RenderStore) store() markdown.Store {
	if s == nil {
		return nil
	}
	return s
}

// CacheWarnings describes, once each, the stores that failed to keep
// entries during a command: results (from r) and rendered articles
// (from st). Either may be nil.
func CacheWarnings(r *runner.Runner, st *RenderStore) []string {
	var out []string
	if r != nil {
		if n, err := r.CacheErrors(); n > 0 {
			out = append(out, fmt.Sprintf("warning: %d %s could not be cached (the next run repeats them): %v", n, plural(n, "result", "results"), err))
		}
	}
	if n, err := st.Errors(); n > 0 {
		out = append(out, fmt.Sprintf("warning: %d rendered %s could not be cached: %v", n, plural(n, "page", "pages"), err))
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
