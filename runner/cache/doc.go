// Package cache is a small content-addressed store for run results.
//
// A Key is the SHA-256 of a complete description of a computation; the
// value is whatever bytes the caller chose to remember about its result.
// The cache never interprets either: deciding what goes into a key, and
// therefore when an entry is valid, is the caller's job.
//
// Two invariants make the store safe to share between processes and to
// save and restore between CI jobs:
//
//   - writes are atomic: an entry is written to a temporary file in its
//     final directory and renamed into place, so a reader sees the old
//     entry, the new one, or none, never half of one;
//   - reads are verified: every entry starts with a header naming its key,
//     its length and the SHA-256 of its data, and an entry that does not
//     match its header (truncated, corrupted, copied under the wrong name)
//     is a miss. A bad entry costs a rerun, never a wrong result.
//
// Cache is the disk store; HTTP is a shared one on a server speaking
// Bazel's HTTP remote-cache protocol, verified by hash on read and
// skipped, never failed on, when the server is down, slow or wrong.
// Both are a Store; Layered puts the disk in front of the server.
package cache
