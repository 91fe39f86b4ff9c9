package cache

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// What is not a regular file in an entry's place, or a real folder in its
// folder's, is a miss, read without blocking; Put replaces a file in the
// folder's place and leaves no temporary file.
func TestOddEntryIsMiss(t *testing.T) {
	tests := []struct {
		name  string
		plant func(t *testing.T, c *Cache, k Key)
	}{
		{"entry is a FIFO", func(t *testing.T, c *Cache, k Key) {
			mkdir(t, filepath.Dir(c.path(k)))
			if err := unix.Mkfifo(c.path(k), 0o644); err != nil {
				t.Skip("no FIFO here:", err)
			}
		}},
		{"entry is a folder", func(t *testing.T, c *Cache, k Key) { mkdir(t, c.path(k)) }},
		{"entry's folder is a file", func(t *testing.T, c *Cache, k Key) {
			writeFile(t, filepath.Dir(c.path(k)), encode(k, []byte("x")))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			k := key("k")
			tt.plant(t, c, k)
			if got, ok := c.Get(k); ok {
				t.Fatalf("Get = %q, a hit", got)
			}
			err = c.Put(k, []byte("real"))
			if tt.name == "entry is a folder" {
				if err == nil {
					t.Fatal("Put over a folder succeeded")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got, ok := c.Get(k); !ok || string(got) != "real" {
				t.Fatalf("after Put, Get = %q, %v", got, ok)
			}
			names, _ := os.ReadDir(filepath.Dir(c.path(k)))
			if len(names) != 1 {
				t.Errorf("entry folder holds %d files, want 1", len(names))
			}
		})
	}
}
