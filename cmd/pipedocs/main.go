// Command pipedocs builds a static documentation site whose code examples
// have been run and verified. See README.md and SPEC.md for the contract.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/pipedocs/pipedocs/cmd/pipedocs/internal/pipeline"
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
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	// os.Exit runs no deferred call: the scratch folder goes here.
	if err := pipeline.Cleanup(); err != nil {
		fmt.Fprintf(os.Stderr, "pipedocs: warning: removing temporary files: %v\n", err)
	}
	return code
}
