package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/pipedocs/pipedocs/render/expect"
	"github.com/pipedocs/pipedocs/render/site"
	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/pipedocs/pipedocs/runner"
)

// A Verdict is stage 4's output for one run snippet: what the page shows
// and what the report says.
type Verdict struct {
	Job     *Job
	Outcome snippet.Outcome
	Result  runner.Result

	// shown, for a transcript's command, is what the page shows of the
	// whole block (transcript.go).
	shown *snippet.Outcome
}

// Progress is told, as runs end, how many are done, how many running
// and how many there are; calls never overlap.
type Progress func(done, running, total int)

// Execute runs the jobs (stage 3) on at most n at a time and judges each
// result (stage 4): one verdict per job, in order, a transcript's one
// per command. With failFast it runs
// them in rounds of n and starts no new round once a snippet has failed
// or drifted; the verdicts then cover what ran. A cancelled ctx stops
// every run and returns ctx.Err().
func Execute(ctx context.Context, r *runner.Runner, jobs []*Job, n int, failFast bool, progress Progress) ([]Verdict, error) {
	specs := make([]runner.Spec, len(jobs))
	for i, j := range jobs {
		specs[i] = j.Spec
	}
	if r.NamesPrograms(specs) {
		// A [bin] program that does not build is one error, at its
		// config line, not one per snippet.
		if err := r.BuildPrograms(ctx); err != nil {
			return nil, err
		}
	}
	round := len(jobs)
	if failFast {
		round = n
	}
	verdicts := make([]Verdict, 0, len(jobs))
	for start := 0; start < len(jobs); start += round {
		batch := jobs[start:min(start+round, len(jobs))]
		results, err := runBatch(ctx, r, batch, n, func(done, running, _ int) {
			if progress != nil {
				progress(start+done, running, len(jobs))
			}
		})
		if err != nil {
			return nil, err
		}
		stop := false
		for i, j := range batch {
			for _, v := range judged(j, results[i]) {
				stop = stop || Failing(v, false)
				verdicts = append(verdicts, v)
			}
		}
		if failFast && stop {
			break
		}
	}
	return verdicts, nil
}

// runBatch runs the specs of jobs; an error that kept a job from running
// at all is returned at that job's place.
func runBatch(ctx context.Context, r *runner.Runner, jobs []*Job, n int, progress Progress) ([]runner.Result, error) {
	specs := make([]runner.Spec, len(jobs))
	for i, j := range jobs {
		specs[i] = j.Spec
	}
	results, errs := r.RunAll(ctx, specs, n, progress)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, j := range jobs {
		if errs[i] != nil {
			return nil, fmt.Errorf("%s:%d: %s: %w", j.Path, j.Line(), j.Title, errs[i])
		}
	}
	return results, nil
}

// judged is the verdicts on j's run: one, or a transcript's one per
// command.
func judged(j *Job, r runner.Result) []Verdict {
	if j.transcript != nil {
		return transcriptVerdicts(j, r)
	}
	return []Verdict{{Job: j, Result: r, Outcome: Judge(j, r)}}
}

// Judge compares what a snippet did with what its article declares.
func Judge(j *Job, r runner.Result) snippet.Outcome {
	s := j.Snippet
	o := snippet.Outcome{
		Output:    r.Output,
		Exit:      r.Exit,
		Signal:    r.Signal,
		Toolchain: r.Toolchain,
	}
	if problem := Failure(j, r); problem != "" {
		o.Status, o.Problem = snippet.Failed, problem
		return o
	}
	if s.Output == nil {
		o.Status = snippet.Unverified
		return o
	}
	opts := j.matchOptions(r)
	if expect.Match(s.Output.Content, r.Output, opts) {
		o.Status = snippet.Verified
		// In the author's order, so that a race does not change the page.
		o.Output = expect.Arrange(s.Output.Content, r.Output, opts)
		return o
	}
	o.Status = snippet.Drifted
	o.Diff = expect.Diff(s.Output.Content, r.Output, opts, s.Output.Line+1)
	// A pattern that does not compile fails only its snippet, at its line.
	var perr *expect.PatternError
	if errors.As(expect.Check(s.Output.Content), &perr) {
		o.Problem = fmt.Sprintf("line %d: bad regular expression: %v", s.Output.Line+perr.Line, perr.Err)
	}
	return o
}

// Failure says how a run went against its declaration, or "" when it
// ran as declared (SPEC §3.2). A wrong exit status names the attribute
// that would declare the one it had.
func Failure(j *Job, r runner.Result) string {
	switch {
	case r.BuildFailed:
		return "compile error"
	case r.TimedOut:
		return fmt.Sprintf("timed out after %v", j.Spec.Timeout)
	case r.OverLimit:
		return fmt.Sprintf("output over limit of %s", formatBytes(j.Spec.OutputLimit))
	case r.Signal != "":
		return "killed by signal: " + r.Signal
	case r.Exit != j.Snippet.Attrs.Exit:
		return fmt.Sprintf("exit status %d, want %d (declare it with exit=%d)", r.Exit, j.Snippet.Attrs.Exit, r.Exit)
	}
	return ""
}

// Failing reports whether v makes a command fail: a failure or a drift,
// and with strict an unverified snippet too.
func Failing(v Verdict, strict bool) bool {
	switch v.Outcome.Status {
	case snippet.Failed, snippet.Drifted:
		return true
	case snippet.Unverified:
		return strict
	}
	return false
}

// Outcomes arranges verdicts the way the render stage wants them.
func Outcomes(verdicts []Verdict) site.Outcomes {
	out := make(site.Outcomes)
	for _, v := range verdicts {
		a := v.Job.Article
		list, ok := out[a.Page.Path]
		if !ok {
			list = make([]snippet.Outcome, len(a.Snippets))
			out[a.Page.Path] = list
		}
		if v.shown != nil {
			list[v.Job.Snippet.Index] = *v.shown
		} else {
			list[v.Job.Snippet.Index] = v.Outcome
		}
	}
	return out
}

// formatBytes prints a size the way pipedocs.toml spells it.
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
