// Package expect decides whether a program's output matches the expected
// output an article claims for it (SPEC §3.1), shows how they differ, and
// merges them for `pipedocs update`.
//
// Both sides are compared line by line after normalising: "\r\n" becomes
// "\n", spaces, tabs and a stray "\r" at the end of each line are dropped,
// and so are blank lines at the end. An expected line then matches an
// actual line equal to it, and otherwise:
//
//   - literally, except that each `[..]` in it matches any run of
//     characters within the line (a PID, an address, a duration), and
//     each placeholder of Options.Redactions (`[CWD]`, `[HOME]`,
//     `[TMPDIR]`, `[EXE]`, a site's `[NAME]`) matches its value; the
//     blanks dropped from an actual line's end count as there, so
//     "took: [..]" matches a program's "took: ";
//   - as an RE2 regular expression that must match the whole actual line,
//     when it ends with " (re)" (the suffix is not part of it), as in cram;
//     an expected line whose expression does not compile is literal, and
//     Check reports it;
//   - zero or more whole lines, when it is exactly "...".
//
// With Options.Unordered the two sides match when their lines can be
// paired one to one, whatever the order; a "..." line then takes up any
// lines left unpaired. Arrange shows such an output in the expected
// order, so that a page does not change with the order of a race.
//
// The package is pure: bytes in, bytes out. Matching in order costs at
// most the product of the two line counts, however many "..." lines there
// are; Diff and Merge fill a table of that size, trimmed of what matches
// at both ends and bounded (past the bound, the middle shows as replaced).
package expect

// Options are an output block's matching options.
type Options struct {
	// Unordered lets the lines come in any order: for programs whose
	// processes race, such as a parent and a child both printing.
	Unordered bool

	// Redactions are the placeholders expected lines may use, with the
	// values of this run; nil for none.
	Redactions *Redactions
}
