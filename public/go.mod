// The guide's Go snippets build in this module (SPEC §4.2), not in the
// tool's beside it, so a dependency bump of pipedocs never changes their
// cache keys. They import golang.org/x/sys/unix from the Markdown, where
// `go mod tidy` cannot see it: do not tidy this file.
module pipedocs.dev/guide

go 1.26.0

require golang.org/x/sys v0.50.0
