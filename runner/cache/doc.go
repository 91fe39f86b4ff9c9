// Package cache is a small content-addressed store for run results and
// rendered articles, and the key encoder and atomic writes they share.
//
// A Key is the SHA-256 of a complete description of a computation, built
// field by field with a Hash; the value is whatever bytes the caller
// chose to remember about its result. The cache never interprets either:
// deciding what goes into a key, and therefore when an entry is valid,
// is the caller's job.
//
// Three invariants make the store safe to share between processes and to
// save and restore between CI jobs:
//
//   - writes are atomic: an entry is written to a temporary file in its
//     final directory, synced and renamed into place (WriteFile), so a
//     reader sees the old entry, the new one, or none, never half of one;
//   - reads are verified: every entry starts with a header naming its key,
//     its length and the SHA-256 of its data, and an entry that does not
//     match its header (truncated, corrupted, copied under the wrong name)
//     is a miss. A bad entry costs a rerun, never a wrong result;
//   - nothing is followed through a symlink inside the cache directory:
//     an entry, or an entry's folder, that is a link is a miss, and Put
//     replaces it, so a planted link can neither choose what is read nor
//     redirect what is written.
//
// Cache is the disk store of run results, one file per entry; Packs is
// the disk store of rendered articles, one pack file per build that
// wrote any (see Packs for how the same invariants hold there, and how
// Close compacts the folder so it stays bounded). HTTP is a shared one
// on a server speaking Bazel's HTTP remote-cache protocol, verified by
// hash on read and skipped, never failed on, when the server is down,
// slow or wrong.
// All three are a Store; Layered puts the disk in front of the server.
package cache
