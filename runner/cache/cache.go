package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
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
// or corrupted entry is a miss, and so is one reached through a symlink,
// neither the entry's nor its folder's: the cache never makes one, so a
// link in the cache was planted, and the entry it leads to, whatever its
// header says, is not ours. (The cache directory itself may be a link:
// that is the user's own choice of where the cache lives.) Only a
// regular file is an entry; a FIFO or device would block or never end.
// The caller recomputes and Puts again, which replaces the bad entry.
func (c *Cache) Get(key Key) ([]byte, bool) {
	name := key.String()
	sub, err := c.openSub(name[:2], false)
	if err != nil {
		return nil, false
	}
	defer unix.Close(sub)
	raw, err := readEntry(sub, name)
	if err != nil {
		return nil, false
	}
	return decode(key, raw)
}

// Put stores data under key, replacing any previous entry atomically
// (not synced, see writeEntryAt). A symlink in its place, or in place of
// its folder, is replaced, never written through.
func (c *Cache) Put(key Key, data []byte) error {
	name := key.String()
	sub, err := c.openSub(name[:2], true)
	if err != nil {
		return fmt.Errorf("%s: %w", c.name, err)
	}
	defer unix.Close(sub)
	if err := writeEntryAt(sub, name, encode(key, data)); err != nil {
		return fmt.Errorf("%s: writing entry: %w", c.name, &os.PathError{Op: "write", Path: c.path(key), Err: err})
	}
	return nil
}

// encode frames data as one entry: a header line
//
//	pipedocs-cache-v1 <key hex> <data length> <sha256(data) hex>\n
//
// followed by the data itself.
func encode(key Key, data []byte) []byte {
	return append(entryHeader(key, data), data...)
}

// entryHeader is the header line of data's entry under key.
func entryHeader(key Key, data []byte) []byte {
	sum := sha256.Sum256(data)
	return fmt.Appendf(nil, "%s %s %d %x\n", magic, key, len(data), sum)
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
