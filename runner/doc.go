// Package runner turns a snippet's description (a Spec) into what the
// program printed and how it ended (a Result).
//
// It owns the languages (built-in runners go, python, sh, bash and the
// ones a site configures), Go builds inside the module of each
// snippet's article (downloading its dependencies first when needed), the
// toolchain versions, and the results cache. The process mechanics live
// in runner/proc; the entries' storage in runner/cache. The package
// knows nothing of Markdown or HTML.
//
// The contract of a run (SPEC §4):
//
//   - every run is a real child process in a fresh temporary folder,
//     which is its working directory, HOME and TMPDIR, holds the
//     snippet's file (and a Go snippet's binary, run as ./NAME), and is
//     removed afterwards; the steps of a Session (a page: programs,
//     files, transcripts, background servers) share one such folder and
//     run in order, sessions in parallel (see session.go);
//   - its environment is an allow-list (PATH, HOME, TMPDIR, LANG=C.UTF-8,
//     TZ=UTC, then the snippet's env=), never a filtered copy of ours;
//   - Go snippets are built first, with the go command on PATH, in a
//     workspace of our own next to the article's module, sharing the user's
//     Go build cache; the snippets that can share a binary are linked
//     into one (see gomerged.go and runner/internal/gomerge), the others
//     alone, and each runs as ./NAME from a copy in its run's folder, as
//     if it had a binary of its own; compiler messages and stack traces
//     name the snippet's file, compiler messages point into the article;
//   - with Config.BuildDir, that workspace is kept between runs, so an
//     unchanged snippet is neither compiled nor linked again; it holds
//     binaries, never results, and several processes may share it (see
//     buildarea.go);
//   - a result is cached under a key that covers everything the run
//     depends on (see key.go), unless the run timed out.
//
// RunSessions is the stage the CLI uses: plan (cache lookups, keys
// chained along each session), build (one go build for every Go
// snippet), run (a bounded pool of sessions), with results in the order
// of the steps. RunAll is RunSessions with one spec per session.
package runner
