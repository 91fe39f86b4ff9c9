package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/pipedocs/pipedocs/cmd/pipedocs/internal/pipeline"
	"github.com/pipedocs/pipedocs/render/diag"
)

// Exit statuses (SPEC §6).
const (
	exitOK       = 0
	exitFailed   = 1 // a snippet failed or drifted
	exitBadInput = 2 // bad input, config or usage
)

// A command is one verb of the CLI.
type command struct {
	name    string
	summary string
	usage   string // the text after "pipedocs NAME"
	help    string // what it does, for --help
	flags   func(fs *flag.FlagSet) *options
	run     func(ctx context.Context, o *options, env *cliEnv) error
}

// cliEnv is what a command may touch of the outside world.
type cliEnv struct {
	stdout, stderr io.Writer
}

var commands []*command

func init() {
	commands = []*command{buildCmd, checkCmd, updateCmd, serveCmd, versionCmd}
}

// errFailed reports that snippets failed or drifted; the report has
// already been printed.
var errFailed = errors.New("snippets failed")

// usageError is a mistake on the command line.
type usageError = pipeline.UsageError

// run is the whole CLI behind main, so tests drive the same code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	env := &cliEnv{stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		printUsage(stderr)
		return exitBadInput
	}
	name := args[0]
	switch name {
	case "-h", "--help", "-help", "help":
		if len(args) > 1 {
			if c := lookup(args[1]); c != nil {
				fs := newFlagSet(c)
				c.flags(fs)
				printCommandHelp(stdout, c, fs)
				return exitOK
			}
		}
		printUsage(stdout)
		return exitOK
	case "--version", "-version":
		name = "version"
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(stderr, "pipedocs: unknown command %q\n", name)
		printUsage(stderr)
		return exitBadInput
	}
	fs := newFlagSet(c)
	o := c.flags(fs)
	positional, err := parseArgs(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printCommandHelp(stdout, c, fs)
			return exitOK
		}
		fmt.Fprintf(stderr, "pipedocs %s: %v\nRun 'pipedocs %s --help' for usage.\n", c.name, err, c.name)
		return exitBadInput
	}
	o.args = positional
	if err := o.validate(c); err != nil {
		fmt.Fprintf(stderr, "pipedocs %s: %v\nRun 'pipedocs %s --help' for usage.\n", c.name, err, c.name)
		return exitBadInput
	}
	// What a pipedocs killed with SIGKILL left behind (run folders, its
	// snippets' processes) goes before any command starts; update sweeps
	// its own temp files beside the articles.
	if err := pipeline.SweepLeftovers(); err != nil {
		fmt.Fprintf(stderr, "pipedocs: warning: sweeping what an earlier run left: %v\n", err)
	}
	return exitStatus(c.run(ctx, o, env), stderr)
}

// exitStatus prints err, if it has not been reported yet, and maps it to
// the exit status of SPEC §6.
func exitStatus(err error, stderr io.Writer) int {
	var (
		list diag.List
		one  diag.Diagnostic
		use  usageError
	)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFailed):
		return exitFailed
	case errors.As(err, &list):
		list.Sort()
		fmt.Fprintln(stderr, list.Error())
		return exitBadInput
	case errors.As(err, &one):
		fmt.Fprintln(stderr, one.Error())
		return exitBadInput
	case errors.As(err, &use):
		fmt.Fprintf(stderr, "pipedocs: %v\n", err)
		return exitBadInput
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "pipedocs: interrupted")
		return exitFailed
	default:
		fmt.Fprintf(stderr, "pipedocs: %v\n", err)
		return exitFailed
	}
}

// parseArgs parses flags anywhere on the command line, as Hugo and most
// CLIs do: `check content/a.md --no-cache` is `check --no-cache
// content/a.md`. The flag package stops at the first argument that is not
// a flag; parseArgs takes that one as positional and goes on. After "--"
// everything is positional.
func parseArgs(fs *flag.FlagSet, args []string) (positional []string, err error) {
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(positional, rest...), nil
		}
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func newFlagSet(c *command) *flag.FlagSet {
	fs := flag.NewFlagSet("pipedocs "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are printed by run, help by printCommandHelp
	return fs
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `pipedocs builds documentation sites whose code examples are run and verified.

Usage:

	pipedocs <command> [flags]

Commands:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "\t%-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run 'pipedocs <command> --help' for a command's flags.
`)
}

func printCommandHelp(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: pipedocs %s %s\n\n%s\n", c.name, c.usage, strings.TrimSpace(c.help))
	var flags strings.Builder
	fs.VisitAll(func(f *flag.Flag) {
		if f.Usage == "" { // short aliases are documented with their long form
			return
		}
		name, usage := flag.UnquoteUsage(f)
		fmt.Fprintf(&flags, "  --%s", f.Name)
		if name != "" {
			fmt.Fprintf(&flags, " %s", name)
		}
		fmt.Fprintf(&flags, "\n    \t%s", strings.ReplaceAll(usage, "\n", "\n    \t"))
		// A usage that explains its default itself (--jobs: "default:
		// config jobs") must not get the flag's placeholder value too.
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && !strings.Contains(usage, "(default") {
			fmt.Fprintf(&flags, " (default %s)", f.DefValue)
		}
		flags.WriteString("\n")
	})
	if flags.Len() > 0 {
		fmt.Fprintf(w, "\nFlags:\n%s", flags.String())
	}
}
