// Package transcript reads and rewrites console transcripts (SPEC §3.3):
// a ```console, ```shell-session or ```sh-session block of `$ ` commands,
// `> ` continuation lines, each command's expected output and an
// optional last line `? N`, its expected exit status.
//
// Parse locates every part by byte offsets into the whole file, as
// render/snippet locates blocks, so Rewrite replaces exactly one
// command's output and nothing else. Both are pure: the runner, which
// runs the commands, knows nothing of this package.
package transcript
