package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	"github.com/pipedocs/pipedocs/render/expect"
	"github.com/pipedocs/pipedocs/render/site"
	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/pipedocs/pipedocs/render/transcript"
	"github.com/pipedocs/pipedocs/runner"
)

// A transcriptEdit is one console block as update rewrites it: the steps
// its commands' output is rewritten to (transcript.Rewrite).
type transcriptEdit struct {
	job     *Job // the block's
	steps   []transcript.Step
	opts    expect.Options // of the first run
	changed int            // commands whose output changes
}

// transcriptEdits is update's verify stage for the transcripts among
// verdicts: per article, the blocks whose commands drifted, each run a
// second time on fresh so that what differs between two runs is written
// as wildcards (expect.Stabilize). A block with a failed command, or
// whose second run fails, is left alone and its verdicts go to
// rw.Failed; a command whose two runs differ goes to rw.Unstable.
func (p *Project) transcriptEdits(ctx context.Context, fresh *runner.Runner, verdicts []Verdict, n int, rw *Rewrites) (map[*site.Article][]transcriptEdit, error) {
	var blocks []*Job
	byBlock := map[*Job][]Verdict{}
	for _, v := range verdicts {
		if b := v.Job.block; b != nil {
			if byBlock[b] == nil {
				blocks = append(blocks, b)
			}
			byBlock[b] = append(byBlock[b], v)
		}
	}
	var todo []*Job
	first := map[*Job]runner.Result{}
	for _, b := range blocks {
		vs := byBlock[b]
		failed, drifted := false, false
		for _, v := range vs {
			failed = failed || v.Outcome.Status == snippet.Failed
			drifted = drifted || v.Outcome.Status == snippet.Drifted
		}
		switch {
		case failed:
			for _, v := range vs {
				if v.Outcome.Status == snippet.Failed {
					rw.Failed = append(rw.Failed, v)
				}
			}
		case drifted && !b.transcript.inPlace:
			v := vs[0]
			v.Outcome.Status, v.Outcome.Problem = snippet.Failed, "a transcript inside a blockquote: update cannot rewrite it in place"
			rw.Failed = append(rw.Failed, v)
		case drifted:
			todo = append(todo, b)
			first[b] = vs[0].Result
		}
	}
	again, err := runBatch(ctx, fresh, todo, n, nil)
	if err != nil {
		return nil, err
	}
	edits := map[*site.Article][]transcriptEdit{}
	for i, b := range todo {
		e, bad := stableEdit(b, first[b], again[i], rw)
		if bad != nil {
			rw.Failed = append(rw.Failed, *bad)
			continue
		}
		edits[b.Article] = append(edits[b.Article], e)
	}
	return edits, nil
}

// stableEdit is the edit of transcript b given two runs of it, or, when
// the second run failed or its commands did not all run, the verdict
// saying so. Commands whose runs differ are added to rw.Unstable.
func stableEdit(b *Job, r1, r2 runner.Result, rw *Rewrites) (transcriptEdit, *Verdict) {
	t := &b.transcript.t
	if problem := Failure(b, r2); problem != "" || len(r2.Steps) < len(r1.Steps) {
		if problem == "" {
			problem = fmt.Sprintf("the shell exited with status %d before its last command", r2.Exit)
		}
		v := transcriptVerdicts(b, r2)[0]
		v.Outcome.Status, v.Outcome.Problem = snippet.Failed, "second run: "+problem
		return transcriptEdit{}, &v
	}
	o1, o2 := b.matchOptions(r1), b.matchOptions(r2)
	e := transcriptEdit{job: b, steps: make([]transcript.Step, len(r1.Steps)), opts: o1}
	for i, s := range r1.Steps {
		e.steps[i] = transcript.Step{Output: s.Output, Exit: s.Exit}
		c := &t.Commands[i]
		if c.Matches(e.steps[i], o1) {
			continue
		}
		e.changed++
		if fence := b.Snippet.Code.Fence; closesFence(s.Output, fence) {
			v := Verdict{Job: commandJob(b, i), Result: r1, Outcome: judgeCommand(b, c, r1, i)}
			v.Outcome.Status = snippet.Failed
			v.Outcome.Problem = fmt.Sprintf("prints a line that would close the block's %s fence: write the block's fences longer", fence)
			return transcriptEdit{}, &v
		}
		a := expect.Merge(nil, s.Output, o1)
		stable, _, differ := expect.Stabilize(a, expect.Merge(nil, r2.Steps[i].Output, o2))
		if differ || s.Exit != r2.Steps[i].Exit {
			// In order: a transcript has no `unordered`, so lines that
			// only changed places are wildcards too.
			if differ {
				e.steps[i].Expected = stable
				if !expect.Match(stable, s.Output, o1) {
					e.steps[i].Expected = nil
				}
			}
			rw.Unstable = append(rw.Unstable, commandJob(b, i))
		}
	}
	return e, nil
}

// rewriteTranscripts applies edits, transcripts of article a, to src, the
// text Load read: last block first, so that each edit's offsets, which
// are src's, still hold.
func rewriteTranscripts(src []byte, edits []transcriptEdit) []byte {
	edits = slices.Clone(edits)
	slices.SortFunc(edits, func(x, y transcriptEdit) int { return y.job.Snippet.Code.Start - x.job.Snippet.Code.Start })
	for _, e := range edits {
		src = transcript.Rewrite(src, e.job.transcript.t, e.steps, e.opts)
	}
	return src
}

// closesFence reports whether a line of output, written into a block
// opened by fence, could end the block: it starts (after blanks) with as
// many of the fence's characters.
func closesFence(output []byte, fence string) bool {
	if fence == "" {
		return false
	}
	for line := range bytes.Lines(output) {
		if bytes.HasPrefix(bytes.TrimLeft(line, " \t"), []byte(fence)) {
			return true
		}
	}
	return false
}
