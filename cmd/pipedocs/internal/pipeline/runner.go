package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"

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
