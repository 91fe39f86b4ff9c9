package cache

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
)

// An HTTP store keeps an entry as Bazel keeps an action's result: the
// data as a blob in the content-addressed store (cas/<sha256 of data>),
// and under the entry's key in the action cache (ac/<key>) a
// build.bazel.remote.execution.v2.ActionResult that names the blob as
// its stdout_digest. Servers that check what goes into ac/ (bazel-remote
// does, by default) take it as any other action result, and a reader
// trusts the blob only once its SHA-256 and size match the digest.
//
// Only the two fields pipedocs uses are written; the rest of the message
// is skipped on read, so an entry written by a later version that adds
// fields still reads.

const (
	fieldStdoutDigest = 6 // ActionResult.stdout_digest (Digest)
	fieldDigestHash   = 1 // Digest.hash (string, lowercase hex)
	fieldDigestSize   = 2 // Digest.size_bytes (int64)

	wireVarint = 0
	wireI64    = 1
	wireLen    = 2
	wireI32    = 5
)

// A digest names a blob of the content-addressed store.
type digest struct {
	hash string // lowercase hex SHA-256
	size int64
}

// encodeActionResult returns the ActionResult whose stdout is d.
func encodeActionResult(d digest) []byte {
	var dg []byte
	dg = binary.AppendUvarint(dg, fieldDigestHash<<3|wireLen)
	dg = binary.AppendUvarint(dg, uint64(len(d.hash)))
	dg = append(dg, d.hash...)
	dg = binary.AppendUvarint(dg, fieldDigestSize<<3|wireVarint)
	dg = binary.AppendUvarint(dg, uint64(d.size))

	var ar []byte
	ar = binary.AppendUvarint(ar, fieldStdoutDigest<<3|wireLen)
	ar = binary.AppendUvarint(ar, uint64(len(dg)))
	return append(ar, dg...)
}

var errNoDigest = errors.New("action result names no stdout blob")

// decodeActionResult returns the stdout digest of an ActionResult.
func decodeActionResult(b []byte) (digest, error) {
	var d digest
	found := false
	err := eachField(b, func(num uint64, wire int, v uint64, sub []byte) error {
		if num != fieldStdoutDigest || wire != wireLen {
			return nil
		}
		found = true
		d = digest{}
		return eachField(sub, func(num uint64, wire int, v uint64, sub []byte) error {
			switch {
			case num == fieldDigestHash && wire == wireLen:
				d.hash = string(sub)
			case num == fieldDigestSize && wire == wireVarint:
				d.size = int64(v)
			}
			return nil
		})
	})
	if err != nil {
		return digest{}, err
	}
	if !found {
		return digest{}, errNoDigest
	}
	if raw, err := hex.DecodeString(d.hash); err != nil || len(raw) != 32 || hex.EncodeToString(raw) != d.hash || d.size < 0 {
		return digest{}, errors.New("action result's stdout digest is not a sha256 digest")
	}
	return d, nil
}

var errProto = errors.New("not a protocol buffer")

// eachField calls f for each field of the protobuf message b: a varint's
// value in v, a length-delimited field's bytes in sub.
func eachField(b []byte, f func(num uint64, wire int, v uint64, sub []byte) error) error {
	for len(b) > 0 {
		tag, n := binary.Uvarint(b)
		if n <= 0 || tag>>3 == 0 {
			return errProto
		}
		b = b[n:]
		num, wire := tag>>3, int(tag&7)
		var v uint64
		var sub []byte
		switch wire {
		case wireVarint:
			v, n = binary.Uvarint(b)
			if n <= 0 {
				return errProto
			}
			b = b[n:]
		case wireI64, wireI32:
			size := 8
			if wire == wireI32 {
				size = 4
			}
			if len(b) < size {
				return errProto
			}
			b = b[size:]
		case wireLen:
			l, n := binary.Uvarint(b)
			if n <= 0 || l > uint64(len(b)-n) {
				return errProto
			}
			sub, b = b[n:n+int(l)], b[n+int(l):]
		default:
			return errProto
		}
		if err := f(num, wire, v, sub); err != nil {
			return err
		}
	}
	return nil
}
