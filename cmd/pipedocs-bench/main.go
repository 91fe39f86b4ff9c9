package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case errors.As(err, new(usageError)):
		fmt.Fprintln(os.Stderr, "pipedocs-bench:", err)
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "pipedocs-bench:", err)
		os.Exit(1)
	}
}

const usage = `usage:
  pipedocs-bench gen docs -n N -o DIR [-seed S]
  pipedocs-bench gen programs -n N -o DIR [-seed S]
  pipedocs-bench run [-only render,runs,warm,overhead,scaling] [-sizes 1000,5000]
                     [-programs 30,200] [-count 5] [-count-large 3] [-work DIR]
                     [-repo DIR] [-pipedocs PATH] [-hugo PATH] [-seed S]`

// A usageError is a mistake in the command line (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg + "\n" + usage }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	switch {
	case len(args) >= 2 && args[0] == "gen" && (args[1] == "docs" || args[1] == "programs"):
		return gen(args[1], args[2:], stderr)
	case len(args) >= 1 && args[0] == "run":
		cfg, err := parseRun(args[1:], stderr)
		if err != nil {
			return err
		}
		return runBench(ctx, cfg, stdout, stderr)
	case len(args) >= 1 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help"):
		fmt.Fprintln(stdout, usage)
		return nil
	}
	return usageError{"unknown command " + strconv.Quote(strings.Join(args, " "))}
}

// gen is `gen docs` and `gen programs`.
func gen(kind string, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen "+kind, flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 0, "how many articles or programs")
	out := fs.String("o", "", "the output `folder` (replaced if it holds an earlier corpus)")
	seed := fs.Uint64("seed", 1, "random seed; the same seed writes the same bytes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usageError{"unexpected argument " + strconv.Quote(fs.Arg(0))}
	case *n <= 0:
		return usageError{"-n must be a positive count"}
	case *out == "":
		return usageError{"-o is required"}
	}
	if kind == "docs" {
		return genDocs(*out, *n, *seed)
	}
	return genPrograms(*out, *n, *seed)
}

// parseRun reads the flags of `run`.
func parseRun(args []string, stderr io.Writer) (runConfig, error) {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	only := fs.String("only", strings.Join(benchmarks, ","), "comma-separated `benchmarks` to run: "+strings.Join(benchmarks, ", "))
	sizes := fs.String("sizes", "1000,5000", "comma-separated docs corpus `sizes` in pages")
	cfg := runConfig{}
	programs := fs.String("programs", "30,200", "comma-separated `sizes` of the programs corpus (cold and warm runs)")
	fs.IntVar(&cfg.count, "count", 5, "timed runs of each command (after one warm-up)")
	fs.IntVar(&cfg.countLarge, "count-large", 3, fmt.Sprintf("timed runs on corpora of %d pages or more", largeCorpus))
	fs.Uint64Var(&cfg.seed, "seed", 1, "generator seed")
	fs.StringVar(&cfg.work, "work", filepath.Join(os.TempDir(), "pipedocs-bench"), "`folder` for corpora and outputs")
	fs.StringVar(&cfg.repo, "repo", ".", "the pipedocs repository `folder`")
	fs.StringVar(&cfg.pipedocs, "pipedocs", "", "pipedocs `binary` (default: build ./cmd/pipedocs of -repo)")
	fs.StringVar(&cfg.hugo, "hugo", "", "hugo `binary` (default: hugo on PATH, installed with apt-get if missing)")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, usageError{"unexpected argument " + strconv.Quote(fs.Arg(0))}
	}
	cfg.only = map[string]bool{}
	for _, name := range strings.Split(*only, ",") {
		if !slices.Contains(benchmarks, name) {
			return cfg, usageError{fmt.Sprintf("-only: unknown benchmark %q (want some of %s)", name, strings.Join(benchmarks, ","))}
		}
		cfg.only[name] = true
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			return cfg, usageError{fmt.Sprintf("-sizes: %q is not a page count", s)}
		}
		cfg.sizes = append(cfg.sizes, n)
	}
	slices.Sort(cfg.sizes)
	cfg.sizes = slices.Compact(cfg.sizes)
	for _, s := range strings.Split(*programs, ",") {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			return cfg, usageError{fmt.Sprintf("-programs: %q is not a program count", s)}
		}
		cfg.programs = append(cfg.programs, n)
	}
	slices.Sort(cfg.programs)
	cfg.programs = slices.Compact(cfg.programs)
	if cfg.count <= 0 || cfg.countLarge <= 0 {
		return cfg, usageError{"-count and -count-large must be positive"}
	}
	// Jobs run in other folders: every path they get must be absolute.
	for _, p := range []*string{&cfg.work, &cfg.repo, &cfg.pipedocs} {
		if *p == "" {
			continue
		}
		abs, err := filepath.Abs(*p)
		if err != nil {
			return cfg, err
		}
		*p = abs
	}
	return cfg, nil
}
