package pipeline

import (
	"bytes"
	"cmp"
	"fmt"

	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/site"
	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/pipedocs/pipedocs/runner"
)

// Pages are sessions (SPEC §4.3): the plan stage makes the runnable
// blocks of each page the steps of one runner.Session, in document
// order — file blocks (runner.WriteFile), programs (a program in parts
// as one step, at its last part), background programs — and the run
// stage gives the runner one session per page. A Job is the step of its
// block; a file block, and every part of a program but the last, is a
// step without a Job or is in none: it has no verdict of its own.
//
// A batch of jobs (a round of --fail-fast, update's second runs) runs
// each page's steps from its first to the last one a job of the batch
// needs, so a job sees what the steps before it left in the folder
// whether or not they are in the batch themselves.

// A pageSession is the steps of one page, in document order, and the
// block of each.
type pageSession struct {
	article *site.Article
	path    string // the article's path as the user sees it
	steps   []runner.Spec
	blocks  []*snippet.Snippet // the block of each step: a program in parts, its last part
}

// add appends step, the block s's, and returns its index.
func (ps *pageSession) add(s *snippet.Snippet, step runner.Spec) int {
	ps.steps = append(ps.steps, step)
	ps.blocks = append(ps.blocks, s)
	return len(ps.steps) - 1
}

// save makes a titled block that does not run a file of the page's
// folder all the same, as a reader following along saves it (a
// `text title=names.txt` block a transcript sorts). A later block of
// the same title adds to that file: its step writes the file anew with
// every part so far, so a step between the two sees the first part only.
func (ps *pageSession) save(s *snippet.Snippet) {
	name := s.Attrs.Title
	if name == "" {
		return
	}
	step := fileStep(s)
	step.FolderOnly = true
	for k := len(ps.steps) - 1; k >= 0; k-- {
		if st := &ps.steps[k]; st.Kind == runner.WriteFile && st.File == name && !ps.blocks[k].Attrs.File {
			step.Source = append(bytes.Clone(st.Source), snippet.Runnable(s.Code.Content)...)
			break
		}
	}
	ps.add(s, step)
}

// fileStep is the step of file block s: its content written to its
// title in the page's folder. Its SourceLine is where compiler messages
// about it point, when a Go program builds with it.
func fileStep(s *snippet.Snippet) runner.Spec {
	return runner.Spec{Kind: runner.WriteFile, File: s.Attrs.Title, Source: snippet.Runnable(s.Code.Content), SourceLine: s.Code.Line + 1}
}

// sessionAttrs sets the session attributes of s on spec.
func sessionAttrs(spec *runner.Spec, s *snippet.Snippet) {
	if s.Attrs.Background {
		spec.Kind, spec.Ready = runner.Background, s.Attrs.Ready
	}
	spec.Interrupt = s.Attrs.Interrupt
}

// programParts finds the programs in parts of article a (SPEC §3): the
// blocks that would run with the same title, for which isPart says yes.
// It returns, for each part, the index of its program's last part; a
// block alone under its title is in none.
func programParts(a *site.Article, isPart func(*snippet.Snippet) bool) map[int]int {
	byTitle := make(map[string][]int)
	var titles []string
	for i := range a.Snippets {
		s := &a.Snippets[i]
		if s.Attrs.Title == "" || !isPart(s) {
			continue
		}
		if byTitle[s.Attrs.Title] == nil {
			titles = append(titles, s.Attrs.Title)
		}
		byTitle[s.Attrs.Title] = append(byTitle[s.Attrs.Title], i)
	}
	last := make(map[int]int)
	for _, t := range titles {
		idx := byTitle[t]
		if len(idx) < 2 {
			continue
		}
		for _, i := range idx {
			last[i] = idx[len(idx)-1]
		}
	}
	return last
}

// joinParts sets on spec, the step of the last part of a program, the
// source of all its parts, in order, and the article line of each of its
// lines, so that compiler messages point at the part they are about.
func joinParts(spec *runner.Spec, a *site.Article, parts map[int]int, last int) {
	var src []byte
	var lines []int
	for i := range a.Snippets {
		if l, ok := parts[i]; !ok || l != last {
			continue
		}
		s := &a.Snippets[i]
		code := snippet.Runnable(s.Code.Content)
		src = append(src, code...)
		n := bytes.Count(code, []byte("\n"))
		for k := range n {
			lines = append(lines, s.Code.Line+1+k)
		}
	}
	spec.Source, spec.SourceLines = src, lines
}

// partProblems are the errors of programs in parts: only the last part
// may have stdin and output blocks or attributes that change the run,
// and every part must be in the same language.
func partProblems(a *site.Article, isPart func(*snippet.Snippet) bool) diag.List {
	parts := programParts(a, isPart)
	var diags diag.List
	lines := a.Page.Lines
	if lines == nil && len(parts) > 0 {
		lines = diag.NewLineIndex(a.Page.Src)
	}
	for i := range a.Snippets {
		last, ok := parts[i]
		if !ok || last == i {
			continue
		}
		s, l := &a.Snippets[i], &a.Snippets[last]
		at := func(format string, args ...any) {
			diags = append(diags, lines.At(a.Page.Path, s.Code.Start, format, args...))
		}
		switch {
		case s.Lang != l.Lang:
			at("part of %s in %s, but its last part, at line %d, is %s", s.Attrs.Title, s.Lang, l.Code.Line, l.Lang)
		case s.Stdin != nil || s.Output != nil:
			at("part of %s with a stdin or output block: the program runs at its last part, line %d, where they go", s.Attrs.Title, l.Code.Line)
		case runAttrs(&s.Attrs):
			at("part of %s with run attributes: they go on its last part, line %d, where the program runs", s.Attrs.Title, l.Code.Line)
		}
	}
	return diags
}

// runAttrs reports whether a has attributes that change how a program
// runs.
func runAttrs(a *snippet.Attrs) bool {
	return a.Exit != 0 || a.Timeout != 0 || a.Args != nil || a.Env != nil || a.Background || a.Interrupt != 0
}

// A stepAt is where a job's step is: its session and its index there.
type stepAt struct{ session, step int }

// sessionsOf are the sessions that jobs need, one per page, in the order
// their pages first appear: each page's steps from its first to the
// last one a job names. at[i] is where jobs[i]'s step is.
func sessionsOf(jobs []*Job) (sessions []runner.Session, pages []*pageSession, at []stepAt) {
	index := make(map[*pageSession]int)
	at = make([]stepAt, len(jobs))
	for i, j := range jobs {
		k, ok := index[j.page]
		if !ok {
			k = len(sessions)
			index[j.page] = k
			sessions = append(sessions, runner.Session{Name: j.page.path})
			pages = append(pages, j.page)
		}
		at[i] = stepAt{k, j.step}
		if n := j.step + 1; n > len(sessions[k].Steps) {
			sessions[k].Steps = j.page.steps[:n:n]
		}
	}
	return sessions, pages, at
}

// stepError names the block of step j of page ps in an error that kept
// it from running.
func stepError(ps *pageSession, j int, err error) error {
	s := ps.blocks[j]
	title := cmp.Or(ps.steps[j].File, s.Attrs.Title, s.Lang)
	return fmt.Errorf("%s:%d: %s: %w", ps.path, s.Code.Line, title, err)
}
