package pipeline

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"

	"github.com/pipedocs/pipedocs/cmd/pipedocs/internal/shard"
	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/expect"
	"github.com/pipedocs/pipedocs/render/site"
	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/pipedocs/pipedocs/render/transcript"
	"github.com/pipedocs/pipedocs/runner"
)

// A Job is one snippet of the plan: stage 3's input when it runs, a
// line of the report when it is skipped.
type Job struct {
	Article *site.Article
	Snippet *snippet.Snippet
	Path    string // the article's path as the user sees it
	File    string // the article's path on disk, absolute
	Title   string // the snippet's file name, e.g. "main.go"
	Spec    runner.Spec

	redactions *expect.SiteRedactions // the site's [redactions]

	// For a console transcript (transcript.go): its commands; and for
	// the job of one of its commands in a Verdict, that command's line
	// and the block's own job.
	transcript *transcriptJob
	line       int
	block      *Job

	// The job's step in its page's session (session.go): Spec is
	// page.steps[step].
	page *pageSession
	step int
}

// matchOptions are the options for matching r's output against the
// snippet's output block: its redactions are the folders of r's own run
// (SPEC §3.1), which a cached result carries with it.
func (j *Job) matchOptions(r runner.Result) expect.Options {
	return expect.Options{
		Unordered: j.Snippet.Unordered,
		Redactions: &expect.Redactions{
			CWD: r.Dir, Home: r.Home, TmpDir: r.TmpDir, Exe: r.Exe,
			Site: j.redactions,
		},
	}
}

// Line is the 1-based line of the snippet's opening fence; for a
// transcript's command, of the command.
func (j *Job) Line() int {
	if j.line > 0 {
		return j.line
	}
	return j.Snippet.Code.Line
}

// A Selection narrows a plan to what the command line asks for.
type Selection struct {
	// Paths, when given, limit the plan to these articles, named as the
	// user names files (relative to the working directory or absolute).
	Paths []string
	// Run, when not nil, limits it to snippets whose article path (as the
	// user sees it) or title matches.
	Run *regexp.Regexp
	// Shard, when it has more than one part, limits it to the pages of
	// its part (--shard; SPEC §8).
	Shard shard.Spec
}

// A Plan is the snippets a command runs, in article and snippet order,
// and the ones it leaves out although they have a runner.
type Plan struct {
	Jobs []*Job
	// Skipped are snippets that have a runner but do not run: norun, a
	// site in opt-in mode and no `run`, or in claimed mode neither `run`
	// nor an output block. Their Spec is zero.
	Skipped []*Job
}

// Plan chooses the snippets to run (stage 3's input): every snippet of
// the selected articles that r has a runner for, that runs under the
// site's config and that sel.Run matches.
func (p *Project) Plan(r *runner.Runner, sel Selection) (*Plan, error) {
	only, err := p.articleFilter(sel.Paths)
	if err != nil {
		return nil, err
	}
	only = p.shardFilter(r, sel.Shard, only)
	root, err := filepath.Abs(p.Root)
	if err != nil {
		return nil, fmt.Errorf("site root: %w", err)
	}
	plan := &Plan{}
	for _, a := range p.Site.Pages {
		if only != nil && !only[a.Page.Path] {
			continue
		}
		p.planPage(plan, r, a, filepath.Join(root, filepath.FromSlash(a.Page.Path)), sel)
	}
	return plan, nil
}

// planPage adds the jobs of article a, on disk at file, to plan, each
// a step of the page's session (see session.go).
func (p *Project) planPage(plan *Plan, r *runner.Runner, a *site.Article, file string, sel Selection) {
	display := p.Display(a.Page.Path)
	ps := &pageSession{article: a, path: display}
	isPart := func(s *snippet.Snippet) bool { return r.Has(s.Lang) && !s.Attrs.File && !s.Attrs.NoRun }
	parts := programParts(a, isPart)
	for i := range a.Snippets {
		s := &a.Snippets[i]
		if s.Attrs.File {
			ps.add(s, fileStep(s))
			continue
		}
		if transcript.Is(s.Lang) {
			p.planTranscript(plan, ps, s, file, sel)
			continue
		}
		if !r.Has(s.Lang) {
			ps.save(s)
			continue
		}
		last, inParts := parts[i]
		if inParts && last != i {
			// It runs with its last part; a program that does not run is
			// saved part by part, as a reader following along saves it.
			if !p.runs(&a.Snippets[last]) {
				ps.save(s)
			}
			continue
		}
		title := s.Attrs.Title
		if title == "" {
			title = "main" + r.Extension(s.Lang)
		}
		j := &Job{
			Article: a,
			Snippet: s,
			Path:    display,
			File:    file,
			Title:   title,

			redactions: p.redactions,
		}
		if !p.runs(s) {
			plan.Skipped = append(plan.Skipped, j)
			ps.save(s)
			continue
		}
		spec := p.spec(s, display, title, p.Modules[path.Dir(a.Page.Path)])
		if inParts {
			joinParts(&spec, a, parts, i)
		}
		j.page, j.step = ps, ps.add(s, spec)
		// A step the selection leaves out still runs when a later one
		// is selected, for what it leaves in the folder; it has no job.
		if sel.Run != nil && !sel.Run.MatchString(display) && !sel.Run.MatchString(title) {
			continue
		}
		j.Spec = spec
		plan.Jobs = append(plan.Jobs, j)
	}
}

// runs reports whether s, which has a runner, runs under the site's
// config (SPEC §3, §5): unless norun, always in auto mode; when marked
// `run` in opt-in mode; and in claimed mode when marked `run` or when it
// claims an output (an output block follows it), so a README's
// `go install` block is shown and never run.
func (p *Project) runs(s *snippet.Snippet) bool {
	switch {
	case s.Attrs.NoRun:
		return false
	case s.Attrs.Run:
		return true
	case p.Config.Run == config.RunOptIn:
		return false
	case p.Config.Run == config.RunClaimed:
		return s.Output != nil
	}
	return true
}

func (p *Project) spec(s *snippet.Snippet, display, title, moduleDir string) runner.Spec {
	spec := runner.Spec{
		ModuleDir:   moduleDir,
		Lang:        s.Lang,
		File:        title,
		Source:      snippet.Runnable(s.Code.Content),
		Args:        s.Attrs.Args,
		Env:         s.Attrs.Env,
		Timeout:     p.Config.Timeout,
		OutputLimit: p.Config.OutputLimit,
		SourcePath:  display,
		SourceLine:  s.Code.Line + 1,
	}
	if s.Attrs.Timeout > 0 {
		spec.Timeout = s.Attrs.Timeout
	}
	if s.Stdin != nil {
		spec.Stdin = append([]byte{}, s.Stdin.Content...) // non-nil even when empty: an empty stdin, not /dev/null
	}
	sessionAttrs(&spec, s)
	return spec
}

// articleFilter turns path arguments into the set of article paths (site
// relative) they name; nil means every article.
func (p *Project) articleFilter(args []string) (map[string]bool, error) {
	if len(args) == 0 || p.Plain { // LoadPlain loaded only what args name
		return nil, nil
	}
	root, err := filepath.Abs(p.Root)
	if err != nil {
		return nil, err
	}
	byAbs := make(map[string]string, len(p.Site.Pages))
	for _, a := range p.Site.Pages {
		byAbs[filepath.Join(root, filepath.FromSlash(a.Page.Path))] = a.Page.Path
	}
	only := make(map[string]bool, len(args))
	for _, arg := range args {
		abs, err := filepath.Abs(arg)
		if err != nil {
			return nil, err
		}
		rel, ok := byAbs[abs]
		if !ok {
			if _, err := os.Stat(arg); err != nil {
				return nil, UsageError{fmt.Sprintf("%s: no such article", arg)}
			}
			return nil, UsageError{fmt.Sprintf("%s: not an article of the site in %s", arg, p.Root)}
		}
		only[rel] = true
	}
	return only, nil
}

// shardFilter narrows only (nil: every page) to the pages of part sp.
// The split is over every page of the site whatever the command's other
// filters, with costs from the runnable snippets' languages, so each job
// of a pipeline computes the same split.
func (p *Project) shardFilter(r *runner.Runner, sp shard.Spec, only map[string]bool) map[string]bool {
	if sp.Total <= 1 {
		return only
	}
	pages := make([]shard.Page, len(p.Site.Pages))
	for i, a := range p.Site.Pages {
		var langs []string
		for j := range a.Snippets {
			if s := &a.Snippets[j]; r.Has(s.Lang) && p.runs(s) {
				langs = append(langs, s.Lang)
			}
		}
		pages[i] = shard.Page{Name: a.Page.Path, Cost: shard.Cost(langs)}
	}
	mine := shard.Select(pages, sp)
	if only == nil {
		return mine
	}
	both := make(map[string]bool)
	for name := range only {
		if mine[name] {
			both[name] = true
		}
	}
	return both
}
