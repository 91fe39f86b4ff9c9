package highlight

import (
	"crypto/sha256"
	"encoding/binary"
	"sync"
)

// A highlightCache remembers highlighted HTML by a hash of what produced it.
// Sites repeat themselves: the same program appears in a tutorial and in its
// index page, `pipedocs serve` re-renders every page on each change, and a
// build renders many pages with identical shell one-liners. Lexing is most
// of a build's time, so a hit is the cheapest highlight there is.
//
// The key is sha256(lexer name, NUL, code): the formatter's options are fixed
// for the process, so the lexer and the code decide the HTML completely.
//
// The cache is bounded by the bytes of HTML it holds, with two generations
// instead of an LRU list: entries go into the young map; when it is full, the
// old map is dropped and the young one takes its place. A hit in the old map
// is promoted. Every entry in use survives at least one rotation, lookups need
// no list surgery, and memory never exceeds the budget (plus one entry).
//
// HTML stores code only the second time it sees it (admit): most blocks of
// a site appear once, and a first build that kept each one's HTML held it
// all to its end (34 MB of 1,000 benchmark pages, not one of them read
// again). What is remembered of code seen once is 8 bytes of its key, in
// a set that starts again when it reaches seenMax entries.
type highlightCache struct {
	mu         sync.Mutex
	young, old map[[sha256.Size]byte]string
	youngBytes int
	budget     int // bytes per generation
	seen       map[uint64]struct{}
}

// seenMax bounds the keys of code seen once: about 1 MB of them.
const seenMax = 1 << 15

func newHighlightCache(maxBytes int) *highlightCache {
	return &highlightCache{
		young:  make(map[[sha256.Size]byte]string),
		budget: maxBytes / 2,
		seen:   make(map[uint64]struct{}),
	}
}

// admit reports whether the HTML of the code with key k is worth storing:
// whether k was seen before. A false positive of the 8-byte prefix stores
// an entry early, never a wrong one (the map holds full keys).
func (c *highlightCache) admit(k [sha256.Size]byte) bool {
	if c.budget == 0 {
		return false
	}
	p := binary.LittleEndian.Uint64(k[:8])
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.seen[p]; ok {
		return true
	}
	if len(c.seen) >= seenMax {
		clear(c.seen)
	}
	c.seen[p] = struct{}{}
	return false
}

// highlightKey is the cache key of code highlighted by the named lexer. The
// NUL keeps ("go", "x") and ("gox", "") apart: no lexer name contains one.
func highlightKey(lexer string, code []byte) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(lexer))
	h.Write([]byte{0})
	h.Write(code)
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k
}

func (c *highlightCache) get(k [sha256.Size]byte) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.young[k]; ok {
		return v, true
	}
	if v, ok := c.old[k]; ok {
		delete(c.old, k)
		c.putLocked(k, v)
		return v, true
	}
	return "", false
}

func (c *highlightCache) put(k [sha256.Size]byte, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.young[k]; ok {
		return // another goroutine highlighted the same code meanwhile
	}
	c.putLocked(k, v)
}

func (c *highlightCache) putLocked(k [sha256.Size]byte, v string) {
	if len(v) > c.budget {
		return // would evict everything else for one block
	}
	if c.youngBytes+len(v) > c.budget {
		c.old = c.young
		c.young = make(map[[sha256.Size]byte]string, len(c.old))
		c.youngBytes = 0
	}
	c.young[k] = v
	c.youngBytes += len(v)
}
