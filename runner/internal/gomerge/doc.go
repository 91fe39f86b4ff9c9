// Package gomerge decides which Go snippets may share one executable,
// turns such a snippet into an importable package, and writes the small
// program that links them into one binary and runs the one asked for.
//
// A cold check of N Go snippets is dominated by N links; merged, it pays
// one (as rustdoc merges doctests, rust-lang/rust#126245). The merged
// binary must make no difference a snippet could see: its os.Args[0],
// exit status, flags, init order and output are what they would be in a
// binary of its own, and nothing of the other snippets runs in its
// process. So a snippet is merged only when that can be told from its
// syntax alone (go/ast, no type checking); otherwise Check says why, and
// the caller builds it alone, as before.
//
// # What a snippet needs to be merged
//
// Check refuses a snippet, with the reason, when:
//
//   - it does not parse, or is not package main with a plain func main()
//     (the compiler's own message then comes from a build of its own);
//   - it has an init function, or package-level variables whose
//     initialisers run code: only literals, names, composite literals,
//     function literals (not called), conversions to a type spelled out
//     or declared in the snippet, make/new/len/cap of those,
//     errors.New("literal"), and operators that cannot panic are allowed.
//     Anything else (a call, an index, a receive, a division by a
//     variable) might print, panic, block or register something when the
//     merged binary starts, for every snippet in it;
//   - a package-level initialiser names a global registry or os.Args
//     (flag, net/http, net/rpc, expvar, log, os.Args): registering at init
//     would leak into the other snippets' processes;
//   - it imports anything outside the standard library (the init of a
//     module's package is beyond our sight), or a blank (_) import (done
//     for its init's side effect), or import "C", or one of the standard
//     packages in Denied: packages whose init registers something others
//     may find (image formats, hash functions, time/tzdata, expvar,
//     net/http/pprof), or that let a program see its own package path,
//     function names or binary (reflect, runtime, runtime/debug, unsafe,
//     plugin; encoding/json, xml, binary, asn1 and gob, net/rpc and the
//     templates, whose messages name a type with its package, "main.T");
//   - it declares a package-level Main, uses the name main anywhere but
//     in its func main (a call of main, say), or carries a compiler
//     directive (//go:..., //line, //export, // +build): build tags,
//     //go:linkname, //go:embed, //go:debug and the like need a package
//     and a binary of its own;
//   - it could name its own type or function in its output: a format
//     string with %T or %#v, or a call of panic (or log.Panic...), whose
//     message and stack trace name the package ("main.main()").
//
// A panic the runtime raises (an index out of range) cannot be seen in
// the source; the caller recognises its stack trace after the run (see
// PanicTrace) and runs the snippet again from a binary of its own.
//
// Known and accepted: a format verb misused on a snippet's own type
// prints it as snip.T where its own binary says main.T
// ("%!d(main.T={1})", which go vet reports), and a snippet reaching a
// registry through another package (crypto.SHA256.New() with no import
// of crypto/sha256) may find there what another snippet's imports put.
//
// # The rewriting
//
// Rewrite keeps every byte of the snippet where it was: "package main"
// becomes "package snip" and "func main" becomes "func Main" (names of
// the same length, so columns stay), and a //line directive in front
// names the snippet's own file, so compiler messages and stack traces
// say "simple_pipe.go:12" however the build lays out its packages.
// LineDirective gives the same first line to a snippet built alone.
//
// # Dispatch
//
// Dispatcher writes the main package that imports the merged packages
// and calls the Main of the snippet the running executable stands for.
// Which one is written at the end of the executable file itself (Tag),
// read back through /proc/self/exe: it depends neither on the
// environment (a snippet may re-execute itself with an empty one) nor
// on os.Args[0] (two snippets may both be called main.go), and a copy of
// the executable is still the same snippet. The trailing bytes are
// outside every ELF segment, so the kernel and the Go runtime ignore
// them.
package gomerge
