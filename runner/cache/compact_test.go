package cache

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

// setAge sets the modification time of the pack at path to age ago.
func setAge(t *testing.T, path string, age time.Duration) time.Time {
	t.Helper()
	when := time.Now().Add(-age)
	if err := os.Chtimes(path, when, when); err != nil {
		t.Fatal(err)
	}
	return when
}

func mtime(t *testing.T, path string) time.Time {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.ModTime()
}

// entrySize is how many bytes the entry of k and value(k) takes in a pack.
func entrySize(k string) int64 {
	return int64(len(entryHeader(key(k), value(k))) + len(value(k)))
}

// Two sites share the cache folder, as every site of a user does in
// ~/.cache/pipedocs: building them in turn, each editing one page a
// build, far past the compaction threshold, neither loses an entry to the
// other's compactions.
func TestPacksTwoSites(t *testing.T) {
	dir := t.TempDir()
	const max, pages = 3, 6
	version := map[string][]int{"a": make([]int, pages), "b": make([]int, pages)}
	page := func(site string, i int) string { return fmt.Sprintf("%s%d.%d", site, i, version[site][i]) }
	compactions := 0
	for build := 0; build < 20; build++ {
		site := []string{"a", "b"}[build%2]
		edited := (build / 2) % pages
		if build >= 2 {
			version[site][edited]++
		}
		before := len(packsIn(t, dir))
		p := openPacks(t, dir)
		p.maxPacks = max
		for i := 0; i < pages; i++ {
			k := page(site, i)
			if got, ok := p.Get(key(k)); ok {
				if !bytes.Equal(got, value(k)) {
					t.Fatalf("build %d: %s reads %q", build, k, got)
				}
				continue
			}
			if build >= 2 && i != edited {
				t.Fatalf("build %d of site %s: unchanged page %d missed", build, site, i)
			}
			if err := p.Put(key(k), value(k)); err != nil {
				t.Fatal(err)
			}
		}
		closePacks(t, p)
		if n := len(packsIn(t, dir)); n > max {
			t.Fatalf("build %d: %d packs, want at most %d", build, n, max)
		} else if n < before {
			compactions++
		}
	}
	if compactions < 3 {
		t.Fatalf("%d compactions, want at least 3", compactions)
	}
}

// A compaction drops the packs no build used for longer than maxAge and
// keeps the others, whether used recently by another build or read by
// this one, however old their mtime says they are.
func TestPacksCompactionDropsUnused(t *testing.T) {
	dir := t.TempDir()
	packs := []struct {
		key  string
		age  time.Duration
		read bool // by the compacting build
		kept bool
	}{
		{"six days unused", 6 * 24 * time.Hour, false, false},
		{"one day unused", 24 * time.Hour, false, true},
		{"six days, read now", 6 * 24 * time.Hour, true, true},
	}
	for _, pk := range packs {
		p := openPacks(t, dir)
		if err := p.Put(key(pk.key), value(pk.key)); err != nil {
			t.Fatal(err)
		}
		before := packsIn(t, dir)
		closePacks(t, p)
		for _, n := range packsIn(t, dir) {
			if !slices.Contains(before, n) {
				setAge(t, filepath.Join(dir, n), pk.age)
			}
		}
	}
	p := openPacks(t, dir)
	p.maxPacks = len(packs)
	for _, pk := range packs {
		if pk.read {
			if _, ok := p.Get(key(pk.key)); !ok {
				t.Fatalf("%s: miss before compaction", pk.key)
			}
		}
	}
	if err := p.Put(key("new"), value("new")); err != nil {
		t.Fatal(err)
	}
	closePacks(t, p)
	if got := files(t, dir); len(got) != 1 {
		t.Fatalf("after compaction the folder holds %q, want one pack", got)
	}
	p = openPacks(t, dir)
	defer closePacks(t, p)
	for _, pk := range packs {
		if _, ok := p.Get(key(pk.key)); ok != pk.kept {
			t.Errorf("%s: hit %v after compaction, want %v", pk.key, ok, pk.kept)
		}
	}
	if _, ok := p.Get(key("new")); !ok {
		t.Error("the compacting build's own entry is missing")
	}
}

// A warm build that reads every entry, some twice, marks each pack it
// read as used with one utimensat, and only when its mtime is more than
// touchAfter old; it writes nothing else, and the next warm build
// touches nothing.
func TestPacksWarmBuildTouches(t *testing.T) {
	dir := t.TempDir()
	ages := map[string]time.Duration{"stale": 2 * time.Hour, "fresh": 10 * time.Minute, "unread": 3 * 24 * time.Hour}
	paths := map[string]string{}
	set := map[string]time.Time{}
	for _, name := range []string{"stale", "fresh", "unread"} {
		before := packsIn(t, dir)
		p := openPacks(t, dir)
		for i := 0; i < 3; i++ {
			k := name + strconv.Itoa(i)
			if err := p.Put(key(k), value(k)); err != nil {
				t.Fatal(err)
			}
		}
		closePacks(t, p)
		for _, n := range packsIn(t, dir) {
			if !slices.Contains(before, n) {
				paths[name] = filepath.Join(dir, n)
				set[name] = setAge(t, paths[name], ages[name])
			}
		}
	}
	listing := files(t, dir)
	for build := 0; build < 2; build++ {
		var touched []string
		p := openPacks(t, dir)
		real := p.touch
		p.touch = func(name string) {
			touched = append(touched, name)
			real(name)
		}
		for pass := 0; pass < 2; pass++ {
			for _, name := range []string{"stale", "fresh"} {
				for i := 0; i < 3; i++ {
					if _, ok := p.Get(key(name + strconv.Itoa(i))); !ok {
						t.Fatalf("build %d: %s%d missed", build, name, i)
					}
				}
			}
		}
		closePacks(t, p)
		want := []string{filepath.Base(paths["stale"])}
		if build == 1 {
			want = nil // touched by the first build: fresh now
		}
		if !slices.Equal(touched, want) {
			t.Fatalf("build %d touched %q, want %q", build, touched, want)
		}
		if got := files(t, dir); !slices.Equal(got, listing) {
			t.Fatalf("build %d: folder holds %q, want %q as before", build, got, listing)
		}
	}
	if m := mtime(t, paths["stale"]); time.Since(m) > time.Minute {
		t.Errorf("the stale pack read was not marked used: mtime %v", m)
	}
	for _, name := range []string{"fresh", "unread"} {
		if m := mtime(t, paths[name]); !m.Equal(set[name]) {
			t.Errorf("the %s pack's mtime changed from %v to %v", name, set[name], m)
		}
	}
}

// When what compaction would keep exceeds maxBytes, the entries of the
// most recently used packs come first and the rest is dropped.
func TestPacksCompactionSizeBound(t *testing.T) {
	dir := t.TempDir()
	var keys [2][]string // keys[0]: the older pack's
	for gen, age := range []time.Duration{3 * 24 * time.Hour, 24 * time.Hour} {
		before := packsIn(t, dir)
		p := openPacks(t, dir)
		for i := 0; i < 5; i++ {
			k := fmt.Sprintf("p%d-%d", gen, i)
			keys[gen] = append(keys[gen], k)
			if err := p.Put(key(k), value(k)); err != nil {
				t.Fatal(err)
			}
		}
		closePacks(t, p)
		for _, n := range packsIn(t, dir) {
			if !slices.Contains(before, n) {
				setAge(t, filepath.Join(dir, n), age)
			}
		}
	}
	size := entrySize("p0-0") // every entry has the same size
	p := openPacks(t, dir)
	p.maxPacks = 2
	// The new entry, the newer pack's five and two of the older's fit.
	p.maxBytes = int64(len(packMagic)) + 8*size + size/2
	if err := p.Put(key("new-"), value("new-")); err != nil {
		t.Fatal(err)
	}
	closePacks(t, p)
	names := packsIn(t, dir)
	if len(names) != 1 {
		t.Fatalf("after compaction the folder holds %q, want one pack", files(t, dir))
	}
	if st, err := os.Stat(filepath.Join(dir, names[0])); err != nil {
		t.Fatal(err)
	} else if entries := st.Size() - trailerSize - 8*indexRecord; entries > p.maxBytes {
		t.Errorf("the compacted pack's entries take %d bytes, over the bound %d", entries, p.maxBytes)
	}
	p = openPacks(t, dir)
	defer closePacks(t, p)
	hits := func(keys []string) (n int) {
		for _, k := range keys {
			if _, ok := p.Get(key(k)); ok {
				n++
			}
		}
		return n
	}
	if n := hits([]string{"new-"}); n != 1 {
		t.Error("the compacting build's own entry is missing")
	}
	if n := hits(keys[1]); n != 5 {
		t.Errorf("%d of the newer pack's 5 entries kept, want all", n)
	}
	if n := hits(keys[0]); n != 2 {
		t.Errorf("%d of the older pack's 5 entries kept, want the 2 that fit", n)
	}
}
