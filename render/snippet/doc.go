// Package snippet finds the code snippets of an article and rewrites their
// output blocks.
//
// It serves two stages of a build. Parse: Find walks goldmark's AST of an
// article and returns every snippet (a fenced code block whose info string
// starts with a language word) with its attributes (ParseInfo, SPEC §3;
// Hugo's, SPEC §2.2, in hugo.go: line options, classes, id, and the
// attributes it does not know, which only a caller that knows the runners
// can call errors: Attrs.Unknown) and the stdin and output blocks that follow it (SPEC §3.1), each located
// by byte offsets into the whole file; problems come back as positioned
// diagnostics. Update: Rewrite puts new outputs into those blocks, or adds
// blocks where there are none, and changes no other byte of the file.
//
// Invariants, checked by FuzzRewrite on arbitrary Markdown:
//   - Rewrite with each block's current content returns the file unchanged;
//   - Rewrite changes only bytes inside output blocks, or adds blocks (and
//     closes an unclosed snippet that gets one);
//   - a new block reads back, through goldmark and Find, as the output
//     given (less blanks at its lines' ends, which matching ignores); so
//     rewriting the result again with the same outputs is the identity.
//
// The package is pure: it reads bytes and a goldmark AST and returns data;
// it does no I/O and knows nothing of how a snippet runs.
package snippet
