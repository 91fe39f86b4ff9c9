package cache

import (
	"bytes"
	"cmp"
	"os"
	"path/filepath"
	"slices"
	"time"

	"golang.org/x/sys/unix"
)

// Compaction and the use marks it reads (see Packs).

// touchUsed marks as used now each pack this process read from whose
// mtime is over touchAfter old. p.mu is held.
func (p *Packs) touchUsed(now time.Time) {
	for _, o := range p.opened {
		if o.used && now.Sub(o.mtime) > touchAfter {
			p.touch(o.name)
		}
	}
}

// utimeNow sets the mtime (and atime) of the pack name to now, never
// through a symlink. A pack that is gone (another process's compaction
// took its entries) or not this user's is left as it is.
func utimeNow(dirfd int, name string) error {
	now := []unix.Timespec{{Nsec: unix.UTIME_NOW}, {Nsec: unix.UTIME_NOW}}
	return unix.UtimesNanoAt(dirfd, name, now, unix.AT_SYMLINK_NOFOLLOW)
}

// carry adds to the new pack, before it is published, the entries of the
// opened packs still in use: first those this process read, then those
// of the packs used within maxAge, most recently used first, until the
// entries would pass maxBytes. A key the pack holds already is skipped,
// and so is a copy that fails its checks (the next pack's may pass).
// p.mu is held.
func (p *Packs) carry(now time.Time) error {
	keys := make([]Key, 0, len(p.used))
	for k := range p.used {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b Key) int { return bytes.Compare(a[:], b[:]) })
	var buf []byte
	for _, k := range keys {
		if fits, err := p.carryEntry(k, p.used[k], &buf); !fits || err != nil {
			return err
		}
	}
	for _, i := range p.livePacks(now) {
		o := p.opened[i]
		for _, ie := range o.entries {
			e := entry{fd: o.fd, pack: i, off: ie.off, len: ie.len}
			if fits, err := p.carryEntry(ie.key, e, &buf); !fits || err != nil {
				return err
			}
		}
	}
	return nil
}

// carryEntry adds the entry e of key to the new pack, unless the pack
// has the key or e fails its checks, and reports false when e would take
// the pack's entries past maxBytes. buf is reused between calls.
func (p *Packs) carryEntry(key Key, e entry, buf *[]byte) (fits bool, err error) {
	w := p.w
	if _, ok := w.keys[key]; ok {
		return true, nil
	}
	if w.off+e.len > p.maxBytes {
		return false, nil
	}
	if int64(cap(*buf)) < e.len {
		*buf = make([]byte, e.len)
	}
	raw := (*buf)[:e.len]
	if err := preadFull(e.fd, raw, e.off); err != nil {
		return true, nil // gone or damaged now: a miss for the next build
	}
	if _, ok := decode(key, raw); !ok {
		return true, nil
	}
	return true, w.add(key, raw, nil)
}

// livePacks returns the indexes in p.opened of the packs used within
// maxAge, by this process or (their mtime says) another, most recently
// used first.
func (p *Packs) livePacks(now time.Time) []int {
	lastUse := func(o openPack) time.Time {
		if o.used {
			return now
		}
		return o.mtime
	}
	var live []int
	for i, o := range p.opened {
		if now.Sub(lastUse(o)) <= maxAge {
			live = append(live, i)
		}
	}
	slices.SortStableFunc(live, func(a, b int) int {
		return cmp.Compare(lastUse(p.opened[b]).UnixNano(), lastUse(p.opened[a]).UnixNano())
	})
	return live
}

// removeOld removes the packs p opened, which a compacted pack replaces,
// and the folders of the one-file-per-entry layout. p.mu is held.
func (p *Packs) removeOld() {
	for _, o := range p.opened {
		unix.Unlinkat(p.dirfd, o.name, 0) // another process's compaction may have been first
	}
	names, err := os.ReadDir(p.dir)
	if err != nil {
		return
	}
	for _, e := range names {
		if n := e.Name(); e.IsDir() && len(n) == 2 && isHex(n) {
			os.RemoveAll(filepath.Join(p.dir, n))
		}
	}
}
