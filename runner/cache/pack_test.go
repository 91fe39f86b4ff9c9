package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func openPacks(t *testing.T, dir string) *Packs {
	t.Helper()
	p, err := OpenPacks("render cache", dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func closePacks(t *testing.T, p *Packs) {
	t.Helper()
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
}

// files lists dir's entries, hidden ones too, sorted.
func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func packsIn(t *testing.T, dir string) []string {
	var out []string
	for _, n := range files(t, dir) {
		if strings.HasSuffix(n, packSuffix) && !strings.HasPrefix(n, ".") {
			out = append(out, n)
		}
	}
	return out
}

func TestPacksPutGet(t *testing.T) {
	values := [][]byte{nil, []byte("x"), []byte("line\n\x00\xff binary"), bytes.Repeat([]byte("ab\n"), 1<<16)}
	dir := filepath.Join(t.TempDir(), "nested", "render")
	p := openPacks(t, dir)
	for _, v := range values {
		k := key(string(v))
		if _, ok := p.Get(k); ok {
			t.Fatal("Get before Put: hit")
		}
		if err := p.Put(k, v); err != nil {
			t.Fatal(err)
		}
		if got, ok := p.Get(k); !ok || !bytes.Equal(got, v) { // before Close: this process's own pack
			t.Fatalf("Get before Close = %q, %v; want %q", got, ok, v)
		}
	}
	if len(files(t, dir)) != 1 || len(packsIn(t, dir)) != 0 {
		t.Fatalf("before Close the folder holds %q, want only the temporary pack", files(t, dir))
	}
	closePacks(t, p)
	if got := files(t, dir); len(got) != 1 || len(packsIn(t, dir)) != 1 {
		t.Fatalf("after Close the folder holds %q, want one pack", got)
	}
	p = openPacks(t, dir)
	defer closePacks(t, p)
	for _, v := range values {
		if got, ok := p.Get(key(string(v))); !ok || !bytes.Equal(got, v) {
			t.Fatalf("Get after reopening = %q, %v; want %q", got, ok, v)
		}
	}
	if _, ok := p.Get(key("never put")); ok {
		t.Fatal("Get of a key never put: hit")
	}
}

// A process that reads and writes nothing leaves the folder as it was.
func TestPacksCloseWithoutPut(t *testing.T) {
	dir := t.TempDir()
	p := openPacks(t, dir)
	p.Get(key("k"))
	closePacks(t, p)
	if got := files(t, dir); len(got) != 0 {
		t.Fatalf("folder holds %q, want nothing", got)
	}
	if err := p.Put(key("k"), nil); err == nil {
		t.Fatal("Put after Close succeeded")
	}
}

// packOf writes one pack holding the given entries and returns its path.
func packOf(t *testing.T, dir string, entries map[string]string) string {
	t.Helper()
	p := openPacks(t, dir)
	for k, v := range entries {
		if err := p.Put(key(k), []byte(v)); err != nil {
			t.Fatal(err)
		}
	}
	closePacks(t, p)
	names := packsIn(t, dir)
	if len(names) != 1 {
		t.Fatalf("want one pack, have %q", names)
	}
	return filepath.Join(dir, names[0])
}

// reindex replaces a pack's index by edit's, with a matching digest, so
// that only the checks behind the digest can refuse it.
func reindex(b []byte, edit func(index []byte)) []byte {
	tr := b[len(b)-trailerSize:]
	n := int(binary.BigEndian.Uint64(tr))
	index := b[len(b)-trailerSize-n : len(b)-trailerSize]
	edit(index)
	sum := sha256.Sum256(index)
	copy(tr[8:], sum[:])
	return b
}

// A damaged pack must read as a miss, whatever the damage, and open
// without an error; the next build's pack replaces what it lost.
func TestCorruptPackIsMiss(t *testing.T) {
	value := "the article <b>body</b>\n"
	tests := []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"empty file", func([]byte) []byte { return nil }},
		{"truncated trailer", func(b []byte) []byte { return b[:len(b)-3] }},
		{"truncated to its entries", func(b []byte) []byte { return b[:len(packMagic)+10] }},
		{"extra bytes", func(b []byte) []byte { return append(b, '!') }},
		{"flipped data byte", func(b []byte) []byte { b[len(packMagic)+60] ^= 1; return b }},
		{"flipped index byte", func(b []byte) []byte { b[len(b)-trailerSize-1] ^= 1; return b }},
		{"flipped digest", func(b []byte) []byte { b[len(b)-10] ^= 1; return b }},
		{"other format version", func(b []byte) []byte { b[len(packMagic)-2] = '0'; return b }},
		{"index length too big", func(b []byte) []byte {
			binary.BigEndian.PutUint64(b[len(b)-trailerSize:], uint64(len(b)))
			return b
		}},
		{"index points past the entries", func(b []byte) []byte {
			return reindex(b, func(ix []byte) { binary.BigEndian.PutUint64(ix[32:], uint64(len(b))) })
		}},
		{"index length too long", func(b []byte) []byte {
			return reindex(b, func(ix []byte) { binary.BigEndian.PutUint64(ix[40:], 1<<62) })
		}},
		{"entry under another key", func(b []byte) []byte {
			return reindex(b, func(ix []byte) { k := key("k"); copy(ix, k[:]) })
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			k := key("k")
			entries := map[string]string{"k": value}
			if tt.name == "entry under another key" {
				entries = map[string]string{"other": value}
			}
			name := packOf(t, dir, entries)
			raw, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, name, tt.damage(raw))
			p := openPacks(t, dir)
			if got, ok := p.Get(k); ok {
				t.Fatalf("damaged pack read as a hit: %q", got)
			}
			if err := p.Put(k, []byte(value)); err != nil {
				t.Fatal(err)
			}
			closePacks(t, p)
			p = openPacks(t, dir)
			defer closePacks(t, p)
			if got, ok := p.Get(k); !ok || string(got) != value {
				t.Fatalf("after a new pack Get = %q, %v", got, ok)
			}
		})
	}
}

// A pack reached through a symlink is a miss, even a well-formed one
// holding the key asked for, and a FIFO named like a pack does not block
// OpenPacks. The folder itself may be a link: the user's choice.
func TestPackSymlinkIsMiss(t *testing.T) {
	elsewhere := t.TempDir()
	forged := packOf(t, elsewhere, map[string]string{"k": "forged <script>"})
	dir := t.TempDir()
	symlink(t, forged, filepath.Join(dir, filepath.Base(forged)))
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"+packSuffix), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "render")
	symlink(t, dir, link)
	p := openPacks(t, link)
	if got, ok := p.Get(key("k")); ok {
		t.Fatalf("pack through a symlink read as a hit: %q", got)
	}
	if err := p.Put(key("k"), []byte("real")); err != nil {
		t.Fatal(err)
	}
	closePacks(t, p)
	p = openPacks(t, link)
	defer closePacks(t, p)
	if got, ok := p.Get(key("k")); !ok || string(got) != "real" {
		t.Fatalf("Get = %q, %v; want the real entry", got, ok)
	}
	if raw, _ := os.ReadFile(forged); bytes.Contains(raw, []byte("real")) {
		t.Fatal("Put wrote through the symlink")
	}
}

// Entries of the one-file-per-entry layout are misses, not errors.
func TestPacksIgnoreOldLayout(t *testing.T) {
	dir := t.TempDir()
	c, err := OpenNamed("render cache", dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Put(key("k"), []byte("old")); err != nil {
		t.Fatal(err)
	}
	p := openPacks(t, dir)
	defer closePacks(t, p)
	if got, ok := p.Get(key("k")); ok {
		t.Fatalf("old-layout entry read as a hit: %q", got)
	}
}

// packHelperEnv makes the test binary a writer of a shared pack folder:
// "DIR PREFIX N MODE" puts N entries PREFIX0… (four goroutines), then
// closes the store (MODE "close") or kills itself before (MODE "crash").
const packHelperEnv = "PIPEDOCS_PACK_HELPER"

func TestPackHelperProcess(t *testing.T) {
	args := strings.Fields(os.Getenv(packHelperEnv))
	if len(args) != 4 {
		return
	}
	n, _ := strconv.Atoi(args[2])
	p, err := OpenPacks("render cache", args[0])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	putMany(p, args[1], n)
	if args[3] == "crash" {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
	}
	if err := p.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

func value(k string) []byte { return bytes.Repeat([]byte(k+"\n"), 500) }

func putMany(p *Packs, prefix string, n int) {
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < n; i += 4 {
				k := prefix + strconv.Itoa(i)
				if err := p.Put(key(k), value(k)); err != nil {
					panic(err)
				}
			}
		}()
	}
	wg.Wait()
}

func helper(dir, prefix string, n int, mode string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestPackHelperProcess$")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s %s %d %s", packHelperEnv, dir, prefix, n, mode))
	cmd.Stderr = os.Stderr
	return cmd
}

// Two processes and this one write the same folder at once, while a
// fourth crashes mid-build: every entry of the three that closed reads
// back, the crashed one's are misses, and its temporary pack is swept.
func TestPacksConcurrentProcesses(t *testing.T) {
	dir := t.TempDir()
	const n = 200
	crash := helper(dir, "crash", n, "crash")
	if err := crash.Run(); err == nil {
		t.Fatal("the crashing helper exited cleanly")
	}
	if len(files(t, dir)) != 1 {
		t.Fatalf("after a crash the folder holds %q, want one temporary pack", files(t, dir))
	}
	a, b := helper(dir, "a", n, "close"), helper(dir, "b", n, "close")
	for _, c := range []*exec.Cmd{a, b} {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	p := openPacks(t, dir) // sweeps the dead helper's temporary pack
	putMany(p, "self", n)
	closePacks(t, p)
	for _, c := range []*exec.Cmd{a, b} {
		if err := c.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	if got := files(t, dir); len(got) != 3 || len(packsIn(t, dir)) != 3 {
		t.Fatalf("folder holds %q, want the three packs only", got)
	}
	p = openPacks(t, dir)
	defer closePacks(t, p)
	for _, prefix := range []string{"a", "b", "self", "crash"} {
		for i := 0; i < n; i++ {
			k := prefix + strconv.Itoa(i)
			got, ok := p.Get(key(k))
			if want := prefix != "crash"; ok != want || ok && !bytes.Equal(got, value(k)) {
				t.Fatalf("Get(%s) = %d bytes, %v; want hit %v", k, len(got), ok, want)
			}
		}
	}
}

// Builds that each change some pages add a pack each; once the folder
// would hold more than maxPacks, a build compacts: one pack holds every
// page, and the old layout's folders are gone. (A page's version before
// an edit stays while its pack is in use: compact_test.go.)
func TestPacksCompaction(t *testing.T) {
	dir := t.TempDir()
	old, err := OpenNamed("render cache", dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := old.Put(key("old"), []byte("old layout")); err != nil {
		t.Fatal(err)
	}
	const max, pages = 3, 10
	version := make([]int, pages) // page i's current entry is "i.version"
	page := func(i int) string { return fmt.Sprintf("%d.%d", i, version[i]) }
	for build := 1; build <= 13; build++ {
		version[build%pages]++ // one page edited per build
		p := openPacks(t, dir)
		p.maxPacks = max
		for i := 0; i < pages; i++ {
			if got, ok := p.Get(key(page(i))); ok {
				if !bytes.Equal(got, value(page(i))) {
					t.Fatalf("build %d: page %d reads %q", build, i, got)
				}
				continue
			}
			if build > 1 && i != build%pages {
				t.Fatalf("build %d: unchanged page %d missed", build, i)
			}
			if err := p.Put(key(page(i)), value(page(i))); err != nil {
				t.Fatal(err)
			}
		}
		closePacks(t, p)
		if n := len(packsIn(t, dir)); n > max {
			t.Fatalf("build %d: %d packs, want at most %d", build, n, max)
		}
	}
	// Builds 4, 7, 10 and 13 compacted (three packs open plus their own).
	if got := files(t, dir); len(got) != 1 {
		t.Fatalf("after compaction the folder holds %q, want one pack", got)
	}
	p := openPacks(t, dir)
	defer closePacks(t, p)
	for i := 0; i < pages; i++ {
		if _, ok := p.Get(key(page(i))); !ok {
			t.Errorf("page %d lost by compaction", i)
		}
	}
}

// The render store of a first build and of a rebuild of a thousand pages
// of 50 KB, one file per entry (Cache) against one pack (Packs); cpu-ns/op
// is user+system CPU, steadier than wall time on a shared machine.
func BenchmarkRenderStore(b *testing.B) {
	const pages = 1000
	data := bytes.Repeat([]byte("<p>article body</p>\n"), 50<<10/20)
	keys := make([]Key, pages)
	for i := range keys {
		keys[i] = key(strconv.Itoa(i))
	}
	layouts := []struct {
		name string
		open func(dir string) (benchStore, error)
	}{
		{"files", func(dir string) (benchStore, error) {
			c, err := OpenNamed("render cache", dir)
			return filesStore{c}, err
		}},
		{"flat", openFlat},
		{"packs", func(dir string) (benchStore, error) { return OpenPacks("render cache", dir) }},
	}
	for _, l := range layouts {
		for _, phase := range []string{"cold", "warm"} {
			b.Run(l.name+"/"+phase, func(b *testing.B) {
				var cpu time.Duration
				for i := 0; i < b.N; i++ {
					dir := filepath.Join(b.TempDir(), "render")
					if phase == "warm" {
						s, _ := l.open(dir)
						for _, k := range keys {
							s.Put(k, data)
						}
						s.Close()
					}
					start := cpuTime()
					s, err := l.open(dir)
					if err != nil {
						b.Fatal(err)
					}
					for _, k := range keys {
						if _, ok := s.Get(k); !ok {
							s.Put(k, data)
						}
					}
					if err := s.Close(); err != nil {
						b.Fatal(err)
					}
					cpu += cpuTime() - start
				}
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

type filesStore struct{ *Cache }

// flatStore is Cache without its 256 folders: every entry file in one.
type flatStore struct{ d *os.File }

type benchStore interface {
	Store
	Close() error
}

func openFlat(dir string) (benchStore, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, err
	}
	d, err := os.Open(dir)
	return flatStore{d}, err
}

func (s flatStore) Get(k Key) ([]byte, bool) {
	raw, err := readEntry(int(s.d.Fd()), k.String())
	if err != nil {
		return nil, false
	}
	return decode(k, raw)
}

func (s flatStore) Put(k Key, data []byte) error {
	return writeEntryAt(int(s.d.Fd()), k.String(), encode(k, data))
}

func (s flatStore) Close() error { return s.d.Close() }

func (filesStore) Close() error { return nil }

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// A store whose folder is gone cannot write: Put and Close say so, with
// the store's name first, and nothing is published anywhere.
func TestPacksWriteErrors(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "render")
	p := openPacks(t, dir)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ { // the second Put returns the first's error
		if err := p.Put(key("k"), []byte("v")); err == nil || !strings.HasPrefix(err.Error(), "render cache: ") {
			t.Fatalf("Put %d: err = %v, want one starting \"render cache: \"", i, err)
		}
	}
	if err := p.Close(); err == nil {
		t.Fatal("Close after failed Puts succeeded")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("the removed folder came back: %v", err)
	}
}
