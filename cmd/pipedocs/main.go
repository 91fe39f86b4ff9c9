// Command pipedocs builds a static documentation site whose code examples
// have been run and verified. See README.md and SPEC.md for the contract.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	os.Exit(cliMain())
}

// cliMain is the process around run: SIGINT and SIGTERM cancel the
// context every stage runs under, so pipedocs stops its snippets, removes
// its temporary files and exits within a second; a second signal, once
// stop has run, ends it at once.
func cliMain() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, os.Args[1:], os.Stdout, os.Stderr)
}
