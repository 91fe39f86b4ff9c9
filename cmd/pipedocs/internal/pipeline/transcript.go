package pipeline

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/expect"
	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/pipedocs/pipedocs/render/transcript"
	"github.com/pipedocs/pipedocs/runner"
)

// Console transcripts (SPEC §3.3) through the stages: a ```console block
// is one Job whose Spec runs its commands in one bash (Spec.Commands);
// its Result's Steps are judged one command at a time, so that each
// command is a Verdict of its own, reported at its own line; update
// rewrites each command's output in place (transcript.Rewrite).

// A transcriptJob is what a Job of a console block knows besides its
// Spec: the commands parsed, and whether their byte offsets are the
// file's, which update needs.
type transcriptJob struct {
	t transcript.Transcript
	// inPlace is false for a block inside a blockquote, whose content
	// lines carry "> " markers: its commands are read from the block's
	// content, and update leaves it alone.
	inPlace bool
}

// planTranscript adds the job of console block s of the page of session
// ps to plan: to its Jobs, and its step to ps, when it runs; else to
// Skipped. A block without commands is only shown. It runs in the page's
// folder (SPEC §4.3), where the steps before it left their files.
func (p *Project) planTranscript(plan *Plan, ps *pageSession, s *snippet.Snippet, file string, sel Selection) {
	a, display := ps.article, ps.path
	tj := parseTranscript(a.Page.Src, s)
	if len(tj.t.Commands) == 0 {
		return
	}
	title := s.Attrs.Title
	if title == "" {
		title = s.Lang
	}
	j := &Job{Article: a, Snippet: s, Path: display, File: file, Title: title, redactions: p.redactions, transcript: tj}
	if !p.transcriptRuns(s, &tj.t) {
		plan.Skipped = append(plan.Skipped, j)
		return
	}
	spec := runner.Spec{
		Lang:        "bash",
		ModuleDir:   p.Modules[path.Dir(a.Page.Path)], // for its go commands
		Commands:    tj.t.Texts(),
		Env:         s.Attrs.Env,
		Timeout:     p.Config.Timeout,
		OutputLimit: p.Config.OutputLimit,
		SourcePath:  display,
		SourceLine:  s.Code.Line + 1,
	}
	if s.Attrs.Timeout > 0 {
		spec.Timeout = s.Attrs.Timeout
	}
	sessionAttrs(&spec, s)
	j.page, j.step = ps, ps.add(s, spec)
	if sel.Run != nil && !sel.Run.MatchString(display) && !sel.Run.MatchString(title) {
		return
	}
	j.Spec = spec
	plan.Jobs = append(plan.Jobs, j)
}

// transcriptRuns is runs for a transcript: in claimed mode it runs when
// it shows output or a `? N` line (or is marked run).
func (p *Project) transcriptRuns(s *snippet.Snippet, t *transcript.Transcript) bool {
	switch {
	case s.Attrs.NoRun:
		return false
	case s.Attrs.Run:
		return true
	case p.Config.Run == config.RunOptIn:
		return false
	case p.Config.Run == config.RunClaimed:
		return t.Claims()
	}
	return true
}

// parseTranscript reads the commands of console block s in src, by the
// file's offsets where the block's lines are its content lines indented
// (at the top level, in a list item), else from its content.
func parseTranscript(src []byte, s *snippet.Snippet) *transcriptJob {
	b := &s.Code
	inFile := transcript.Parse(src, b.ContentStart, b.ContentEnd, b.Line+1, b.Indent)
	content := transcript.Parse(b.Content, 0, len(b.Content), b.Line+1, 0)
	if sameCommands(inFile, content) {
		return &transcriptJob{t: inFile, inPlace: true}
	}
	return &transcriptJob{t: content}
}

func sameCommands(a, b transcript.Transcript) bool {
	if len(a.Commands) != len(b.Commands) {
		return false
	}
	for i := range a.Commands {
		x, y := &a.Commands[i], &b.Commands[i]
		if x.Text != y.Text || !bytes.Equal(x.Output, y.Output) || x.Exit != y.Exit || x.HasExit != y.HasExit || x.Line != y.Line {
			return false
		}
	}
	return true
}

// A misuse is an error on a transcript that runs: what it declares
// the way a program's snippet would, which a transcript says otherwise.
type misuse struct {
	offset int // in the file
	msg    string
}

// transcriptMisuses are the attributes and blocks of console block s that
// do not apply to a transcript: a transcript's statuses are its `? N`
// lines and its output the lines under each command.
func transcriptMisuses(s *snippet.Snippet) []misuse {
	var out []misuse
	if s.Attrs.Exit != 0 {
		out = append(out, misuse{s.Code.Start, "exit= does not apply to a console transcript: write `? N` under the command"})
	}
	if len(s.Attrs.Args) > 0 {
		out = append(out, misuse{s.Code.Start, "args= does not apply to a console transcript: write them on the command"})
	}
	if s.Stdin != nil {
		out = append(out, misuse{s.Stdin.Start, "a console transcript takes no stdin block: pipe into the command instead"})
	}
	if s.Output != nil {
		out = append(out, misuse{s.Output.Start, "output block after a console transcript: its output goes under each command"})
	}
	return out
}

// transcriptVerdicts judges a transcript's run: one Verdict per command,
// at the command's line, titled by it; or, when the shell did not run to
// its end (timeout, output limit, a signal), one failed Verdict at the
// command that was running. Each carries, for the page, what the block
// as a whole shows (see blockOutcome).
func transcriptVerdicts(j *Job, r runner.Result) []Verdict {
	t := &j.transcript.t
	var out []Verdict
	if problem := Failure(j, r); problem != "" {
		at := min(max(len(r.Steps)-1, 0), len(t.Commands)-1)
		out = append(out, Verdict{Job: commandJob(j, at), Result: r, Outcome: snippet.Outcome{
			Status: snippet.Failed, Problem: problem, Output: r.Output, Exit: r.Exit, Signal: r.Signal, Toolchain: r.Toolchain,
		}})
	} else {
		for i := range t.Commands {
			out = append(out, Verdict{Job: commandJob(j, i), Result: r, Outcome: judgeCommand(j, &t.Commands[i], r, i)})
		}
	}
	shown := blockOutcome(j, r, out)
	for i := range out {
		out[i].shown = &shown
	}
	return out
}

// commandJob is j as the report names command i: at its line, titled
// by its first line.
func commandJob(j *Job, i int) *Job {
	c := &j.transcript.t.Commands[i]
	cj := *j
	cj.line = c.Line
	text, _, _ := strings.Cut(c.Text, "\n")
	cj.Title = "$ " + text
	cj.block = j
	return &cj
}

// judgeCommand compares step i of r with command c.
func judgeCommand(j *Job, c *transcript.Command, r runner.Result, i int) snippet.Outcome {
	o := snippet.Outcome{Toolchain: r.Toolchain, Exit: -1}
	if i >= len(r.Steps) {
		o.Status = snippet.Failed
		o.Problem = fmt.Sprintf("did not run: the shell exited with status %d before it", r.Exit)
		return o
	}
	s := r.Steps[i]
	o.Output, o.Exit = s.Output, s.Exit
	opts := j.matchOptions(r)
	step := transcript.Step{Output: s.Output, Exit: s.Exit}
	if c.Matches(step, opts) {
		o.Status = snippet.Verified
		return o
	}
	o.Status = snippet.Drifted
	o.Diff = expect.Diff(withExit(c.Output, c.Exit), withExit(s.Output, s.Exit), opts, c.OutputLine)
	if s.Exit != c.Exit {
		o.Problem = fmt.Sprintf("exit status %d, want %d", s.Exit, c.Exit)
	}
	return o
}

// withExit is output as a transcript writes it: with a last line `? N`
// when status is not 0.
func withExit(output []byte, status int) []byte {
	if status == 0 {
		return output
	}
	b := append([]byte{}, output...)
	if len(b) > 0 && b[len(b)-1] != '\n' {
		b = append(b, '\n')
	}
	return fmt.Appendf(b, "? %d\n", status)
}

// blockOutcome is what the page shows of transcript j: its commands with
// what they printed (Outcome.Code), highlighted as the block is, and the
// status of its worst command; the diffs of its commands when any
// drifted.
func blockOutcome(j *Job, r runner.Result, verdicts []Verdict) snippet.Outcome {
	o := snippet.Outcome{Status: snippet.Verified, Exit: r.Exit, Signal: r.Signal, Toolchain: r.Toolchain}
	var diffs []string
	for _, v := range verdicts {
		if severity(v.Outcome.Status) > severity(o.Status) {
			o.Status = v.Outcome.Status
		}
		if v.Outcome.Problem != "" && o.Problem == "" {
			o.Problem = v.Outcome.Problem
		}
		if v.Outcome.Diff != "" {
			diffs = append(diffs, v.Outcome.Diff)
		}
	}
	o.Diff = strings.Join(diffs, "")
	if o.Status == snippet.Failed {
		o.Output = r.Output
	}
	content := j.Snippet.Code.Content
	t := transcript.Parse(content, 0, len(content), 1, 0)
	steps := make([]transcript.Step, len(r.Steps))
	for i, s := range r.Steps {
		steps[i] = transcript.Step{Output: s.Output, Exit: s.Exit}
	}
	o.Code = transcript.Show(content, t, steps)
	return o
}

// severity orders statuses for a block of several commands: a failure
// over a drift over a pass.
func severity(s snippet.Status) int {
	switch s {
	case snippet.Failed:
		return 3
	case snippet.Drifted:
		return 2
	case snippet.Unverified:
		return 1
	}
	return 0
}
