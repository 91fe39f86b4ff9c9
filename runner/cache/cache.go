package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// A Key names an entry: the SHA-256 of everything that determines the
// cached result.
type Key [32]byte

func (k Key) String() string { return hex.EncodeToString(k[:]) }

// magic starts every entry's header. Changing the entry format means
// changing magic, so an old entry reads as a miss instead of as garbage.
const magic = "pipedocs-cache-v1"

// A Cache is a directory of entries, one file per key, spread over 256
// subdirectories (by the key's first byte) so no directory grows huge.
// It is safe for concurrent use, also by several processes.
type Cache struct {
	dir  string
	name string // what the cache holds, first in its errors: "results cache"
}

// Open returns the results cache stored in dir, creating dir if needed.
func Open(dir string) (*Cache, error) { return OpenNamed("results cache", dir) }

// OpenNamed is Open for a cache of something else than run results; name
// ("render cache") starts each of its errors.
func OpenNamed(name, dir string) (*Cache, error) {
	if dir == "" {
		return nil, fmt.Errorf("%s: no directory given", name)
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &Cache{dir: dir, name: name}, nil
}

// Dir is the directory the cache lives in.
func (c *Cache) Dir() string { return c.dir }

func (c *Cache) path(key Key) string {
	name := key.String()
	return filepath.Join(c.dir, name[:2], name)
}

// Get returns the data stored under key. A missing, unreadable, truncated
// or corrupted entry is a miss: the caller recomputes and Puts again,
// which replaces the bad entry.
func (c *Cache) Get(key Key) ([]byte, bool) {
	raw, err := os.ReadFile(c.path(key))
	if err != nil {
		return nil, false
	}
	data, ok := decode(key, raw)
	return data, ok
}

// Put stores data under key, replacing any previous entry atomically.
func (c *Cache) Put(key Key, data []byte) error {
	final := c.path(key)
	dir := filepath.Dir(final)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return fmt.Errorf("%s: %w", c.name, err)
	}
	// The temporary file lives in the entry's own directory so the rename
	// never crosses a file system. It is not fsynced: a crash may leave a
	// torn entry behind the rename, but Get verifies every entry, so the
	// worst case is a rerun.
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("%s: %w", c.name, err)
	}
	_, werr := f.Write(encode(key, data))
	cerr := f.Close()
	if err := errors.Join(werr, cerr, os.Chmod(f.Name(), 0o644)); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("%s: writing entry: %w", c.name, err)
	}
	if err := os.Rename(f.Name(), final); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("%s: %w", c.name, err)
	}
	return nil
}

// encode frames data as one entry: a header line
//
//	pipedocs-cache-v1 <key hex> <data length> <sha256(data) hex>\n
//
// followed by the data itself.
func encode(key Key, data []byte) []byte {
	sum := sha256.Sum256(data)
	header := fmt.Sprintf("%s %s %d %x\n", magic, key, len(data), sum)
	return append([]byte(header), data...)
}

// decode returns the data of an entry read from disk, or false when any
// part of the header disagrees with the key asked for or with the data.
func decode(key Key, raw []byte) ([]byte, bool) {
	header, data, ok := bytes.Cut(raw, []byte("\n"))
	if !ok {
		return nil, false
	}
	fields := bytes.Fields(header)
	if len(fields) != 4 || string(fields[0]) != magic || string(fields[1]) != key.String() {
		return nil, false
	}
	n, err := strconv.Atoi(string(fields[2]))
	if err != nil || n != len(data) {
		return nil, false
	}
	sum := sha256.Sum256(data)
	if string(fields[3]) != hex.EncodeToString(sum[:]) {
		return nil, false
	}
	return data, true
}
