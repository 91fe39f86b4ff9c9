package cache

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// Packs is a Store that keeps the entries one process writes in a single
// pack file, published when the process Closes the store, instead of one
// file per entry: a first build of a thousand pages creates one inode
// instead of a thousand (and 256 folders), and a rebuild reads each
// entry with one pread from a pack it opened once.
//
// A pack is the framing
//
//	pipedocs-pack-v1\n
//	entry…                 each exactly as a Cache entry: header line + data
//	index                  per entry: key (32 bytes), offset, length (uint64 BE)
//	trailer                index length (uint64 BE), SHA-256 of the index, "PDPACKv1"
//
// and keeps every invariant of Cache:
//
//   - atomic: a pack is written under a temporary name (TempPrefix's) and
//     renamed into place once complete, so no reader opens half of one.
//     It is not synced: a pack that a crash left torn fails its trailer
//     or its index's digest and is ignored, a miss, never wrong data;
//   - verified: an index that does not match its digest, or points
//     outside the pack, makes the whole pack a miss, and every entry read
//     is checked against the key asked for and its own SHA-256, as a
//     Cache entry is;
//   - no symlinks: a pack is opened with O_NOFOLLOW and only a regular
//     file is read;
//   - shared: each process writes its own pack under a random name, and
//     a reader keeps every pack it opened open, so a pack that another
//     process removes meanwhile still reads. The folder is shared by
//     every site of a user, with drafts and without, so no build knows
//     which entries the others need: a pack's mtime says when a build
//     last used it. Close marks each pack this process read from as used
//     (one utimensat, and only when its mtime is over touchAfter old, so
//     a warm build writes nothing else);
//   - bounded: when Close would leave more than maxPacks packs in the
//     folder, it compacts instead, as Go's build cache trims by age: the
//     new pack also takes every entry of the packs used within maxAge
//     (this process's reads first, then the packs newest first, one copy
//     per key, each verified as Get does), and the packs it opened are
//     removed, with the folders of the one-file-per-entry layout the
//     render store used before packs. What no build used for maxAge is
//     dropped, and so is what would take the pack past maxBytes (the
//     least recently used packs' entries): a later build that wants it
//     renders it again. An old entry that a pack still in use holds (a
//     page's version before an edit) lives as long as its pack does, up
//     to the size bound.
//
// Temporary packs of a process that died before Close are removed by the
// next OpenPacks. Packs is safe for concurrent use; Close must come after
// the last Get and Put.
type Packs struct {
	name     string // first in its errors: "render cache"
	dir      string
	d        *os.File // the folder, kept open: entries are opened relative to it
	dirfd    int
	maxPacks int
	maxBytes int64             // how large compaction lets the new pack's entries grow
	touch    func(name string) // marks the pack name used: utimeNow, or a test's

	opened []openPack      // the packs read at OpenPacks, in name order
	index  map[Key][]entry // their entries, every copy; read-only after OpenPacks

	mu     sync.Mutex
	used   map[Key]entry // entries of opened packs that Get returned (and so opened[].used)
	w      *packWriter   // the pack being written; nil until the first Put
	werr   error         // the write error that ended w, returned by every later Put
	closed bool
}

// DefaultMaxPacks is how many packs a Packs folder holds before Close
// compacts them.
const DefaultMaxPacks = 8

const (
	// maxAge is how long a pack no build used stays: as Go's build cache.
	maxAge = 5 * 24 * time.Hour
	// touchAfter is how old a pack's mtime must be for a read to renew
	// it: warm builds in a row renew nothing, and an hour is nothing
	// next to maxAge.
	touchAfter = time.Hour
	// DefaultMaxBytes bounds the entries compaction keeps. An article
	// body is some 10-100 KB, so 1 GiB holds tens of thousands of pages:
	// every site a user builds, in both draft modes. Compaction reads,
	// hashes and writes what it keeps (0.44 s of CPU for 195 MB on the
	// development machine, so some 2 s at the bound), once every maxPacks
	// builds that wrote something.
	DefaultMaxBytes = 1 << 30
)

const (
	packMagic   = "pipedocs-pack-v1\n"
	packEnd     = "PDPACKv1"
	packSuffix  = ".pack"
	indexRecord = 32 + 8 + 8
	trailerSize = 8 + sha256.Size + 8 // index length, digest, packEnd
)

type openPack struct {
	name    string
	fd      int
	mtime   time.Time    // when a build last used it, as OpenPacks found it
	entries []indexEntry // its index
	used    bool         // by this process: Get returned one of its entries; p.mu
}

// An entry is where one encoded entry (header line and data) lies.
type entry struct {
	fd       int
	pack     int // its pack in Packs.opened; -1 for the pack being written
	off, len int64
}

type packWriter struct {
	fd    int
	tmp   string // its temporary name
	final string // the name Close gives it
	off   int64  // where the next entry goes
	keys  map[Key]entry
	order []Key // the index in write order
}

// OpenPacks opens the pack store in dir, creating dir if needed, and
// reads the index of every pack in it; a pack that cannot be read or
// fails its checks is passed over. name ("render cache") starts each of
// its errors.
func OpenPacks(name, dir string) (*Packs, error) {
	if dir == "" {
		return nil, fmt.Errorf("%s: no directory given", name)
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	d, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	names, err := d.Readdirnames(-1)
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	p := &Packs{name: name, dir: dir, d: d, dirfd: int(d.Fd()),
		maxPacks: DefaultMaxPacks, maxBytes: DefaultMaxBytes,
		index: make(map[Key][]entry), used: make(map[Key]entry)}
	p.touch = func(name string) { utimeNow(p.dirfd, name) }
	slices.Sort(names)
	for _, n := range names {
		switch {
		case strings.HasSuffix(n, packSuffix) && !strings.HasPrefix(n, "."):
			p.openPack(n)
		case isTempPack(n):
			sweepTemp(p.dirfd, n)
		}
	}
	return p, nil
}

// openPack adds the entries of the pack name to p's index, unless the
// pack is not a regular file or fails a check.
func (p *Packs) openPack(name string) {
	fd, err := retry(func() (int, error) {
		return unix.Openat(p.dirfd, name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return
	}
	entries, mtime, err := readIndex(fd)
	if err != nil {
		unix.Close(fd)
		return
	}
	i := len(p.opened)
	p.opened = append(p.opened, openPack{name: name, fd: fd, mtime: mtime, entries: entries})
	for _, e := range entries {
		p.index[e.key] = append(p.index[e.key], entry{fd: fd, pack: i, off: e.off, len: e.len})
	}
}

type indexEntry struct {
	key      Key
	off, len int64
}

// readIndex returns the index of the pack open as fd, checked against
// its digest and the pack's bounds, and the pack's mtime.
func readIndex(fd int) ([]indexEntry, time.Time, error) {
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, time.Time{}, err
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, time.Time{}, errors.New("not a regular file")
	}
	entries, err := readIndexOf(fd, st.Size)
	return entries, time.Unix(st.Mtim.Unix()), err
}

// readIndexOf returns the index of the pack of size bytes open as fd.
func readIndexOf(fd int, size int64) ([]indexEntry, error) {
	if size < int64(len(packMagic)+trailerSize) {
		return nil, errors.New("too short")
	}
	head := make([]byte, len(packMagic))
	trailer := make([]byte, trailerSize)
	if err := preadFull(fd, head, 0); err != nil || string(head) != packMagic {
		return nil, errors.New("not a pack")
	}
	if err := preadFull(fd, trailer, size-trailerSize); err != nil || string(trailer[8+sha256.Size:]) != packEnd {
		return nil, errors.New("no trailer")
	}
	n := binary.BigEndian.Uint64(trailer)
	end := uint64(size - trailerSize) // where the index ends
	if n%indexRecord != 0 || n > end-uint64(len(packMagic)) {
		return nil, errors.New("bad index length")
	}
	raw := make([]byte, n)
	start := int64(end - n) // where the index starts, and the entries end
	if err := preadFull(fd, raw, start); err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(raw); !bytes.Equal(sum[:], trailer[8:8+sha256.Size]) {
		return nil, errors.New("index digest mismatch")
	}
	entries := make([]indexEntry, 0, n/indexRecord)
	for b := raw; len(b) > 0; b = b[indexRecord:] {
		var e indexEntry
		copy(e.key[:], b)
		off, l := binary.BigEndian.Uint64(b[32:]), binary.BigEndian.Uint64(b[40:])
		if off < uint64(len(packMagic)) || off > uint64(start) || l > uint64(start)-off {
			return nil, errors.New("index entry out of bounds")
		}
		e.off, e.len = int64(off), int64(l)
		entries = append(entries, e)
	}
	return entries, nil
}

// Get returns the data stored under key in one of the packs open, or
// written by this process, verified as a Cache entry is: a copy that
// fails its checks is passed over for the next.
func (p *Packs) Get(key Key) ([]byte, bool) {
	for _, e := range p.index[key] {
		if data, ok := readPacked(key, e); ok {
			p.mu.Lock()
			p.used[key] = e
			p.opened[e.pack].used = true
			p.mu.Unlock()
			return data, true
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.w == nil || p.closed {
		return nil, false
	}
	e, ok := p.w.keys[key]
	if !ok {
		return nil, false
	}
	return readPacked(key, e)
}

func readPacked(key Key, e entry) ([]byte, bool) {
	raw := make([]byte, e.len)
	if err := preadFull(e.fd, raw, e.off); err != nil {
		return nil, false
	}
	return decode(key, raw)
}

// Put adds data under key to this process's pack, which Close publishes:
// until then no other process sees it. A key already written by this
// process is not written again.
func (p *Packs) Put(key Key, data []byte) error {
	header := entryHeader(key, data) // the digest, outside the lock
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.writer(); err != nil {
		return err
	}
	if _, ok := p.w.keys[key]; ok {
		return nil
	}
	if err := p.w.add(key, header, data); err != nil {
		return p.fail(err)
	}
	return nil
}

// writer makes sure p.w is open, creating the temporary pack on the
// first call. p.mu is held.
func (p *Packs) writer() error {
	switch {
	case p.closed:
		return fmt.Errorf("%s: Put after Close", p.name)
	case p.werr != nil:
		return p.werr
	case p.w != nil:
		return nil
	}
	var id [16]byte
	rand.Read(id[:])
	final := hex.EncodeToString(id[:]) + packSuffix
	w := &packWriter{final: final, keys: make(map[Key]entry)}
	var err error
	for {
		w.tmp = "." + final + ".tmp-" + pid + "-" + strconv.FormatUint(tempSeq.Add(1), 36)
		w.fd, err = retry(func() (int, error) {
			return unix.Openat(p.dirfd, w.tmp, unix.O_RDWR|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o644)
		})
		if err != unix.EEXIST {
			break
		}
	}
	if err != nil {
		p.werr = fmt.Errorf("%s: %w", p.name, &os.PathError{Op: "create", Path: filepath.Join(p.dir, w.tmp), Err: err})
		return p.werr
	}
	p.w = w
	if err := pwriteAll(w.fd, 0, []byte(packMagic)); err != nil {
		return p.fail(err)
	}
	w.off = int64(len(packMagic))
	return nil
}

// fail ends the pack being written after err: it is removed, and every
// later Put returns the error. p.mu is held.
func (p *Packs) fail(err error) error {
	p.werr = fmt.Errorf("%s: writing %s: %w", p.name, filepath.Join(p.dir, p.w.final), err)
	unix.Close(p.w.fd)
	unix.Unlinkat(p.dirfd, p.w.tmp, 0)
	p.w = nil
	return p.werr
}

// add appends one entry to the pack: its header line and its data
// (written as they are, not copied into one buffer first).
func (w *packWriter) add(key Key, header, data []byte) error {
	if err := pwriteAll(w.fd, w.off, header, data); err != nil {
		return err
	}
	n := int64(len(header) + len(data))
	w.keys[key] = entry{fd: w.fd, pack: -1, off: w.off, len: n}
	w.order = append(w.order, key)
	w.off += n
	return nil
}

// Close publishes the pack this process wrote, if any, compacting the
// folder when it holds too many packs (see Packs), and closes every pack
// open. A Close that fails loses this process's entries, nothing else.
func (p *Packs) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil
	}
	defer p.closeFiles()
	now := time.Now()
	// Only a process that adds a pack can push the folder past maxPacks.
	compact := p.w != nil && len(p.opened)+1 > p.maxPacks
	err := p.publish(compact, now)
	if compact && err == nil {
		p.removeOld() // what they held that is in use is in the new pack
	} else {
		p.touchUsed(now)
	}
	return err
}

// publish writes out the pack this process wrote, if any, with the
// entries compaction carries over, and returns the error that lost it.
// p.mu is held.
func (p *Packs) publish(compact bool, now time.Time) error {
	if p.w == nil {
		return p.werr
	}
	if compact {
		if err := p.carry(now); err != nil {
			return p.fail(err)
		}
	}
	if err := p.finish(); err != nil {
		return p.fail(err)
	}
	return nil
}

// finish writes the index and trailer of the pack and renames it into
// place. p.mu is held.
func (p *Packs) finish() error {
	w := p.w
	index := make([]byte, 0, len(w.order)*indexRecord+trailerSize)
	for _, k := range w.order {
		e := w.keys[k]
		index = append(index, k[:]...)
		index = binary.BigEndian.AppendUint64(index, uint64(e.off))
		index = binary.BigEndian.AppendUint64(index, uint64(e.len))
	}
	sum := sha256.Sum256(index)
	n := len(index)
	index = binary.BigEndian.AppendUint64(index, uint64(n))
	index = append(index, sum[:]...)
	index = append(index, packEnd...)
	if err := pwriteAll(w.fd, w.off, index); err != nil {
		return err
	}
	if err := unix.Close(w.fd); err != nil {
		w.fd = -1
		return err
	}
	w.fd = -1
	if err := unix.Renameat(p.dirfd, w.tmp, p.dirfd, w.final); err != nil {
		return err
	}
	p.w = nil
	return nil
}

func (p *Packs) closeFiles() {
	p.closed = true
	for _, o := range p.opened {
		unix.Close(o.fd)
	}
	if p.w != nil && p.w.fd >= 0 {
		unix.Close(p.w.fd)
	}
	p.d.Close()
}

// isTempPack reports whether name is a temporary pack: ".ID.pack.tmp-PID-SEQ".
func isTempPack(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, packSuffix+".tmp-")
}

// sweepTemp removes the temporary pack name if the process that wrote it
// is gone: it died before Close, so no one will ever publish it.
func sweepTemp(dirfd int, name string) {
	rest := name[strings.Index(name, packSuffix+".tmp-")+len(packSuffix+".tmp-"):]
	pidText, _, ok := strings.Cut(rest, "-")
	writer, err := strconv.Atoi(pidText)
	if !ok || err != nil || writer <= 0 || writer == os.Getpid() {
		return
	}
	if err := unix.Kill(writer, 0); err == nil || err == unix.EPERM {
		return // alive, or another user's
	}
	unix.Unlinkat(dirfd, name, 0)
}

func isHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil
}

func preadFull(fd int, b []byte, off int64) error {
	for len(b) > 0 {
		n, err := unix.Pread(fd, b, off)
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return err
		case n == 0:
			return errors.New("unexpected end of pack")
		}
		b, off = b[n:], off+int64(n)
	}
	return nil
}

// pwriteAll writes bufs one after the other at off, with as few
// system calls as the kernel allows.
func pwriteAll(fd int, off int64, bufs ...[]byte) error {
	for {
		for len(bufs) > 0 && len(bufs[0]) == 0 {
			bufs = bufs[1:]
		}
		if len(bufs) == 0 {
			return nil
		}
		n, err := unix.Pwritev(fd, bufs, off)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return err
		}
		for off += int64(n); n > 0; {
			m := min(n, len(bufs[0]))
			bufs[0], n = bufs[0][m:], n-m
			if len(bufs[0]) == 0 {
				bufs = bufs[1:]
			}
		}
	}
}
