// Command pipedocs-bench generates the benchmark corpora of issue 6 and
// measures pipedocs against Hugo and against a plain `go run` loop.
//
// Usage:
//
//	pipedocs-bench gen docs -n N -o DIR       a Hugo-compatible docs corpus
//	pipedocs-bench gen programs -n N -o DIR   N runnable Go programs, as a site and as loop/NNN.go
//	pipedocs-bench run [flags]                every benchmark, a table of figures and ratios
//
// # Corpora
//
// Both generators are deterministic: the same -seed and -n write the same
// bytes, and article i does not depend on n, so a 1,000-page corpus is the
// first 1,000 pages of the 5,000-page one. The docs corpus mirrors the one
// behind the Hugo reference figures (shared/bench/hugo-figures.md): ~1,200
// words an article, TOML front matter, 6–8 sections, a table, lists, links,
// 4–6 fenced code blocks of 15–40 lines (mostly Go, some Python and shell),
// about half followed by an output block. Beside content/ it writes a
// minimal Hugo skeleton (hugo.toml and one template per page kind) and a
// pipedocs.toml in opt-in mode, so both tools render the same Markdown and
// pipedocs runs none of it.
//
// # Measurements
//
// Each command is run once to warm the page cache and the Go build cache,
// then K times; the figures are medians. Wall time is measured around the
// child; peak memory is the ru_maxrss that wait4 reports, which on Linux is
// the largest resident set of the child or of any descendant it waited for
// (not the sum of a process tree). A command that fails is reported with its
// stderr, never timed.
package main
