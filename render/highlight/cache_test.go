package highlight

import (
	"crypto/sha256"
	"strconv"
	"strings"
	"testing"
)

func key(s string) [sha256.Size]byte { return highlightKey("lexer", []byte(s)) }

func (c *highlightCache) bytes() int {
	n := 0
	for _, m := range []map[[sha256.Size]byte]string{c.young, c.old} {
		for _, v := range m {
			n += len(v)
		}
	}
	return n
}

func TestHighlightCacheBounded(t *testing.T) {
	c := newHighlightCache(1000)
	for i := range 1000 {
		c.put(key(strconv.Itoa(i)), strings.Repeat("x", 30))
		if n := c.bytes(); n > 1000 {
			t.Fatalf("after %d puts the cache holds %d bytes, over its 1000", i+1, n)
		}
	}
	if _, ok := c.get(key("999")); !ok {
		t.Error("the newest entry was evicted")
	}
	if _, ok := c.get(key("0")); ok {
		t.Error("the oldest entry survived 1000 puts into a 1000-byte cache")
	}
}

func TestHighlightCacheKeepsEntriesInUse(t *testing.T) {
	c := newHighlightCache(1000) // 500 bytes a generation
	c.put(key("hot"), strings.Repeat("h", 100))
	for i := range 100 {
		// Each round puts 400 bytes, most of a generation, so rounds
		// rotate the generations; a lookup of "hot" in between keeps it.
		for j := range 4 {
			c.put(key(strconv.Itoa(i*10+j)), strings.Repeat("x", 100))
		}
		if v, ok := c.get(key("hot")); !ok || v != strings.Repeat("h", 100) {
			t.Fatalf("round %d: an entry in use was evicted", i)
		}
	}
}

func TestHighlightCacheOversize(t *testing.T) {
	c := newHighlightCache(100)
	c.put(key("small"), "s")
	c.put(key("big"), strings.Repeat("b", 51))
	if _, ok := c.get(key("big")); ok {
		t.Error("an entry larger than a generation was stored")
	}
	if _, ok := c.get(key("small")); !ok {
		t.Error("storing an oversize entry evicted the others")
	}
}

func TestHighlightKey(t *testing.T) {
	if highlightKey("go", []byte("x")) == highlightKey("gox", nil) {
		t.Error(`("go", "x") and ("gox", "") share a key`)
	}
	if highlightKey("Go", []byte("x")) == highlightKey("Go", []byte("y")) {
		t.Error("different code shares a key")
	}
	if highlightKey("Go", []byte("x")) == highlightKey("Python", []byte("x")) {
		t.Error("different lexers share a key")
	}
}

// TestHighlightCachedEqualsFresh checks that a cache hit gives the bytes a
// fresh highlight gives, for each path (go/scanner, chroma, plain text).
func TestHighlightCachedEqualsFresh(t *testing.T) {
	for _, c := range []struct{ lang, code string }{
		{"go", goProgram(1)}, {"python", pyProgram(1)}, {"sh", shProgram()}, {"no-such-language", "<b>&</b>\n"},
	} {
		fresh, err := New(0).HTML(c.lang, []byte(c.code))
		if err != nil {
			t.Fatal(err)
		}
		h := New(1 << 20)
		first, _ := h.HTML(c.lang, []byte(c.code))
		hit, _ := h.HTML(c.lang, []byte(c.code))
		if first != fresh || hit != fresh {
			t.Errorf("%s: cached highlight differs from a fresh one", c.lang)
		}
		if c.lang == "no-such-language" && fresh != "&lt;b&gt;&amp;&lt;/b&gt;\n" {
			t.Errorf("unknown language: got %q, want the code escaped", fresh)
		}
	}
}

// TestHighlightCacheAdmitsOnSecondSight checks that code highlighted once
// keeps nothing: a first build of a site whose blocks are all different
// would otherwise hold every block's HTML to its end (34 MB of 1,000
// benchmark pages, none of it ever read again).
func TestHighlightCacheAdmitsOnSecondSight(t *testing.T) {
	h := New(1 << 20)
	for i := range 100 {
		if _, err := h.HTML("go", []byte(goProgram(i))); err != nil {
			t.Fatal(err)
		}
	}
	if n := h.cache.bytes(); n != 0 {
		t.Errorf("100 blocks seen once: the cache holds %d bytes, want 0", n)
	}
	code := []byte(goProgram(1))
	first, _ := h.HTML("go", code) // the second sight: cached now
	if h.cache.bytes() == 0 {
		t.Fatal("a block seen twice was not cached")
	}
	if hit, _ := h.HTML("go", code); hit != first {
		t.Error("the cache hit differs from the highlight it stored")
	}
}
