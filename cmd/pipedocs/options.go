package main

import (
	"flag"
	"fmt"
	"regexp"

	"github.com/pipedocs/pipedocs/cmd/pipedocs/internal/pipeline"
)

// options are the flags of SPEC §6; each command registers the ones it takes.
type options struct {
	source   string
	dest     string
	filter   pipeline.Filter // --drafts, --buildFuture, --buildExpired
	jobs     int
	noCache  bool
	cacheDir string
	strict   bool
	failFast bool
	format   string
	quiet    bool
	runExpr  string
	run      *regexp.Regexp // compiled runExpr; nil matches everything

	// serve only
	bind string
	port int

	args []string // positional arguments: article paths for check and update

	scale scaleOptions // --shard, --remote-cache, --no-run (scale.go)
}

// flagsFor returns a flag registrar for a command taking the named groups:
// "site" (source, drafts, future, expired), "run" (jobs, cache, fail-fast, run filter),
// "report" (format, strict, quiet), "dest", "serve".
func flagsFor(groups ...string) func(fs *flag.FlagSet) *options {
	return func(fs *flag.FlagSet) *options {
		o := &options{format: "text"}
		for _, g := range groups {
			switch g {
			case "site":
				fs.StringVar(&o.source, "source", ".", "site root `dir` (holds content/ and pipedocs.toml)")
				fs.BoolVar(&o.filter.Drafts, "drafts", false, "include pages marked draft (also -D, --buildDrafts, as in Hugo)")
				fs.BoolVar(&o.filter.Drafts, "D", false, "")
				fs.BoolVar(&o.filter.Drafts, "buildDrafts", false, "")
				fs.BoolVar(&o.filter.Future, "buildFuture", false, "include pages whose publishDate (else date) is in the future (also -F)")
				fs.BoolVar(&o.filter.Future, "F", false, "")
				fs.BoolVar(&o.filter.Expired, "buildExpired", false, "include pages whose expiryDate has passed (also -E)")
				fs.BoolVar(&o.filter.Expired, "E", false, "")
			case "dest":
				fs.StringVar(&o.dest, "dest", "", "output `dir` (default: config publishDir, \"public\")")
			case "run":
				fs.IntVar(&o.jobs, "jobs", -1, "snippets run at once `n` (default: config jobs, 0 = number of CPUs)")
				fs.BoolVar(&o.noCache, "no-cache", false, "run every snippet, ignoring the results cache")
				fs.StringVar(&o.cacheDir, "cache-dir", "", "`dir` of the results and render caches and of kept Go builds (default $XDG_CACHE_HOME/pipedocs)")
				fs.BoolVar(&o.failFast, "fail-fast", false, "stop at the first failing snippet")
				fs.StringVar(&o.runExpr, "run", "", "only snippets whose article path or title matches `regexp`")
			case "report":
				fs.StringVar(&o.format, "format", "text", "report `format`: text, json, github or junit")
				fs.BoolVar(&o.strict, "strict", false, "treat unverified snippets (no output block) as failures")
				fs.BoolVar(&o.quiet, "quiet", false, "print only failures")
				fs.BoolVar(&o.quiet, "q", false, "")
			case "scale", "norun":
				o.scale.register(fs, g)
			case "serve":
				fs.StringVar(&o.bind, "bind", "127.0.0.1", "`address` to listen on")
				fs.IntVar(&o.port, "port", 1313, "`port` to listen on")
			}
		}
		return o
	}
}

func (o *options) validate(c *command) error {
	switch o.format {
	case "text", "json", "github", "junit":
	default:
		return fmt.Errorf("--format %q: want text, json, github or junit", o.format)
	}
	if o.runExpr != "" {
		re, err := regexp.Compile(o.runExpr)
		if err != nil {
			return fmt.Errorf("--run: %v", err)
		}
		o.run = re
	}
	if o.jobs < -1 {
		return fmt.Errorf("--jobs %d: want 0 or more", o.jobs)
	}
	if err := o.scale.validate(o.noCache); err != nil {
		return err
	}
	if len(o.args) > 0 && c != checkCmd && c != updateCmd {
		return fmt.Errorf("unexpected argument %q", o.args[0])
	}
	return nil
}
