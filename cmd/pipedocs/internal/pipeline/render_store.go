package pipeline

import (
	"fmt"
	"path/filepath"
	"sync"

	"github.com/pipedocs/pipedocs/render/markdown"
	"github.com/pipedocs/pipedocs/runner/cache"
)

// A RenderStore keeps rendered article bodies between builds in
// <cache dir>/render. It adapts a cache.Packs, keyed by cache.Key, to
// markdown.Store, keyed by the plain array (render declares its own
// interface so as not to import runner), and counts the writes that
// failed, which markdown ignores. The articles a command renders are
// kept in one pack that Close publishes. The folder is shared by every
// site built with the same cache folder; cache.Packs says what its
// compaction keeps (what any build used within five days).
type RenderStore struct {
	p *cache.Packs

	mu     sync.Mutex
	puts   int // articles written, lost all together if Close fails
	failed int
	first  error
}

// OpenRenderStore opens the render store of o's cache folder; nil with
// --no-cache. Close it once the site is rendered.
func OpenRenderStore(o RunOptions) (*RenderStore, error) {
	if o.NoCache {
		return nil, nil
	}
	dir, err := CacheDir(o.CacheDir)
	if err != nil {
		return nil, err
	}
	p, err := cache.OpenPacks("render cache", filepath.Join(dir, "render"))
	if err != nil {
		return nil, fmt.Errorf("render store: %w", err)
	}
	return &RenderStore{p: p}, nil
}

// Get implements markdown.Store.
func (s *RenderStore) Get(key [32]byte) ([]byte, bool) { return s.p.Get(cache.Key(key)) }

// NewKey implements markdown.Store: article keys are framed by
// cache.Hash, the one key encoder of pipedocs.
func (s *RenderStore) NewKey(tag string) markdown.KeyHash { return renderKey{cache.NewHash(tag)} }

// renderKey is a cache.Hash whose Sum is the plain array markdown uses.
type renderKey struct{ *cache.Hash }

func (k renderKey) Sum() [32]byte { return k.Hash.Sum() }

// Put implements markdown.Store.
func (s *RenderStore) Put(key [32]byte, data []byte) error {
	err := s.p.Put(cache.Key(key), data)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.fail(1, err)
	} else {
		s.puts++
	}
	return err
}

// Close publishes the articles written since OpenRenderStore, for the
// next command to read; a failure counts them all as not kept (Errors).
// A nil store, or one already closed, has nothing to do.
func (s *RenderStore) Close() {
	if s == nil {
		return
	}
	err := s.p.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil && s.puts > 0 {
		s.fail(s.puts, err)
	}
	s.puts = 0
}

// fail counts n articles lost to err. s.mu is held.
func (s *RenderStore) fail(n int, err error) {
	if s.failed == 0 {
		s.first = err
	}
	s.failed += n
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
