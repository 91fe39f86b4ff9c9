package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
)

// A Hash builds a Key from the description of a computation, one field
// at a time. Every variable-length field is written with its length
// first, so two different descriptions never hash the same bytes: the
// fields ("ab", "c") and ("a", "bc") give different keys.
//
// It is the one key encoder of pipedocs: run results, kept Go builds and
// rendered articles are all keyed through it, so an ambiguity fixed here
// is fixed for each of them.
type Hash struct{ h hash.Hash }

// NewHash starts a key whose description is versioned by tag. Change a
// tag whenever what its keys describe changes shape, so that an entry of
// an older pipedocs is never taken for a current one.
func NewHash(tag string) *Hash {
	h := &Hash{h: sha256.New()}
	h.Str(tag)
	return h
}

// Num writes a number.
func (h *Hash) Num(n uint64) {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	h.h.Write(b[:])
}

// Bool writes a flag.
func (h *Hash) Bool(b bool) {
	if b {
		h.Num(1)
	} else {
		h.Num(0)
	}
}

// Bytes writes b.
func (h *Hash) Bytes(b []byte) {
	h.Num(uint64(len(b)))
	h.h.Write(b)
}

// Str writes s.
func (h *Hash) Str(s string) {
	h.Num(uint64(len(s)))
	h.h.Write([]byte(s))
}

// List writes l, each element as by Str.
func (h *Hash) List(l []string) {
	h.Num(uint64(len(l)))
	for _, s := range l {
		h.Str(s)
	}
}

// Opt writes b, telling nil apart from every other value, the empty one
// included.
func (h *Hash) Opt(b []byte) {
	h.Bool(b != nil)
	if b != nil {
		h.Bytes(b)
	}
}

// Sum returns the key of what was written so far.
func (h *Hash) Sum() Key {
	var k Key
	h.h.Sum(k[:0])
	return k
}
