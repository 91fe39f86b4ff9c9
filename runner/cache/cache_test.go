package cache

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func key(s string) Key { return sha256.Sum256([]byte(s)) }

func TestPutGet(t *testing.T) {
	c, err := Open(filepath.Join(t.TempDir(), "nested", "cache"))
	if err != nil {
		t.Fatal(err)
	}
	for _, data := range [][]byte{nil, []byte("x"), []byte("line\n\x00\xff binary"), bytes.Repeat([]byte("ab\n"), 1<<16)} {
		k := key(string(data))
		if _, ok := c.Get(k); ok {
			t.Fatalf("Get before Put: hit")
		}
		if err := c.Put(k, data); err != nil {
			t.Fatal(err)
		}
		got, ok := c.Get(k)
		if !ok || !bytes.Equal(got, data) {
			t.Fatalf("Get = %q, %v; want %q, true", got, ok, data)
		}
	}
}

func TestPutReplaces(t *testing.T) {
	c, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	k := key("k")
	for _, v := range []string{"first", "second"} {
		if err := c.Put(k, []byte(v)); err != nil {
			t.Fatal(err)
		}
		if got, _ := c.Get(k); string(got) != v {
			t.Fatalf("Get = %q, want %q", got, v)
		}
	}
}

// A damaged entry must read as a miss, whatever the damage.
func TestCorruptEntryIsMiss(t *testing.T) {
	data := []byte("the output\nof a program\n")
	tests := []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"empty file", func([]byte) []byte { return nil }},
		{"truncated data", func(b []byte) []byte { return b[:len(b)-3] }},
		{"truncated header", func(b []byte) []byte { return b[:20] }},
		{"extra data", func(b []byte) []byte { return append(b, '!') }},
		{"flipped data byte", func(b []byte) []byte { b[len(b)-2] ^= 1; return b }},
		{"flipped checksum", func(b []byte) []byte {
			i := bytes.IndexByte(b, '\n') - 1
			b[i] ^= 1
			return b
		}},
		{"other format version", func(b []byte) []byte {
			return []byte(strings.Replace(string(b), magic, "pipedocs-cache-v0", 1))
		}},
		{"entry of another key", func([]byte) []byte { return encode(key("other"), data) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			k := key("k")
			if err := c.Put(k, data); err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(c.path(k))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(c.path(k), tt.damage(raw), 0o644); err != nil {
				t.Fatal(err)
			}
			if got, ok := c.Get(k); ok {
				t.Fatalf("damaged entry read as a hit: %q", got)
			}
			// The next Put repairs the entry.
			if err := c.Put(k, data); err != nil {
				t.Fatal(err)
			}
			if got, ok := c.Get(k); !ok || !bytes.Equal(got, data) {
				t.Fatalf("after repair Get = %q, %v", got, ok)
			}
		})
	}
}

// Concurrent writers and readers of one key: every read is a miss or one
// of the complete values, and no temporary file is left behind.
func TestAtomicWrite(t *testing.T) {
	c, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	k := key("k")
	values := [][]byte{bytes.Repeat([]byte("a"), 1<<20), bytes.Repeat([]byte("b"), 3<<20)}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				if err := c.Put(k, values[(w+i)%2]); err != nil {
					t.Error(err)
				}
			}
		}()
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				got, ok := c.Get(k)
				if ok && !bytes.Equal(got, values[0]) && !bytes.Equal(got, values[1]) {
					t.Errorf("read a mixed entry of %d bytes", len(got))
				}
			}
		}()
	}
	wg.Wait()
	names, err := os.ReadDir(filepath.Dir(c.path(k)))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 1 {
		t.Errorf("entry directory holds %d files, want 1 (temporary files left behind?)", len(names))
	}
}

func TestOpenEmptyDir(t *testing.T) {
	if _, err := Open(""); err == nil {
		t.Fatal("Open(\"\") succeeded")
	}
}

// An entry reached through a symlink is a miss, even one whose header
// names the key asked for: whoever can plant a link in the cache must
// not choose what a page shows. The next Put replaces the link.
func TestSymlinkIsMiss(t *testing.T) {
	data := []byte("forged output <script>\n")
	tests := []struct {
		name  string
		plant func(t *testing.T, c *Cache, k Key, elsewhere string)
	}{
		{"entry is a symlink", func(t *testing.T, c *Cache, k Key, elsewhere string) {
			forged := filepath.Join(elsewhere, "entry")
			writeFile(t, forged, encode(k, data))
			mkdir(t, filepath.Dir(c.path(k)))
			symlink(t, forged, c.path(k))
		}},
		{"entry's folder is a symlink", func(t *testing.T, c *Cache, k Key, elsewhere string) {
			writeFile(t, filepath.Join(elsewhere, filepath.Base(c.path(k))), encode(k, data))
			symlink(t, elsewhere, filepath.Dir(c.path(k)))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			k := key("k")
			elsewhere := t.TempDir()
			tt.plant(t, c, k, elsewhere)
			if raw, err := os.ReadFile(c.path(k)); err != nil || !bytes.Equal(raw, encode(k, data)) {
				t.Fatalf("the forged entry is not where a plain open would find it: %v", err)
			}
			if got, ok := c.Get(k); ok {
				t.Fatalf("entry through a symlink read as a hit: %q", got)
			}
			if err := c.Put(k, []byte("real")); err != nil {
				t.Fatal(err)
			}
			if got, ok := c.Get(k); !ok || string(got) != "real" {
				t.Fatalf("after Put, Get = %q, %v; want the real entry", got, ok)
			}
			if raw, _ := os.ReadFile(filepath.Join(elsewhere, filepath.Base(c.path(k)))); bytes.Contains(raw, []byte("real")) {
				t.Fatal("Put wrote through the symlink")
			}
		})
	}
}

// The cache folder itself may be a symlink: that is the user's choice,
// not something planted inside it.
func TestCacheDirSymlink(t *testing.T) {
	real := t.TempDir()
	link := filepath.Join(t.TempDir(), "cache")
	symlink(t, real, link)
	c, err := Open(link)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Put(key("k"), []byte("x")); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Get(key("k")); !ok || string(got) != "x" {
		t.Fatalf("Get = %q, %v", got, ok)
	}
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o777); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}

// TestOpenNamedLabelsErrors: a cache opened for something other than run
// results says so in its errors (the render store is one).
func TestOpenNamedLabelsErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenNamed("render cache", filepath.Join(file, "sub")); err == nil || !strings.HasPrefix(err.Error(), "render cache: ") {
		t.Errorf("OpenNamed under a file: err = %v, want one starting \"render cache: \"", err)
	}
	dir := filepath.Join(t.TempDir(), "render")
	c, err := OpenNamed("render cache", dir)
	if err != nil {
		t.Fatal(err)
	}
	// The directory becomes a file: no entry can be written.
	if err := os.Remove(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	if err := c.Put(key("k"), []byte("v")); err == nil || !strings.HasPrefix(err.Error(), "render cache: ") {
		t.Errorf("Put: err = %v, want one starting \"render cache: \"", err)
	}
}
