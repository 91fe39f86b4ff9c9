// Package shard splits a site's pages into N balanced parts, so that N
// CI jobs can check one part each (SPEC §8, `--shard I/N`).
//
// Invariants:
//
//   - a page is never split: its snippets are one session (SPEC §4.3);
//   - the split is a function of the pages' names and costs only, and
//     the costs of the pages' content only (how many runnable snippets,
//     in which language), never of what this machine has cached or how
//     long a run took here: every job of a pipeline computes the same
//     split on its own, so together they run each page exactly once;
//   - every page goes to exactly one part, also pages with nothing to
//     run, so the parts' reports add up to the whole site's.
//
// Parts are numbered from 1, as `--shard 1/4` … `--shard 4/4` (Jest and
// Playwright count the same way); Auto reads the CI system's own
// numbering and converts it.
package shard
