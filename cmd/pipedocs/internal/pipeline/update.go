package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/pipedocs/pipedocs/render/expect"
	"github.com/pipedocs/pipedocs/render/site"
	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/pipedocs/pipedocs/runner"
	"github.com/pipedocs/pipedocs/runner/cache"
)

// An Update is one article as update rewrites it.
type Update struct {
	Path   string // as the user sees it
	File   string // on disk
	Old    []byte // the bytes Load read: the file must still hold them
	New    []byte
	Blocks int // output blocks written
}

// Rewrites are the outcome of update's verify stage.
type Rewrites struct {
	Updates []Update
	// Unstable are the snippets whose two runs printed different output;
	// their blocks hold wildcards where the runs differed.
	Unstable []*Job
	// Failed ran, once or twice, but not as declared: their blocks are
	// left alone. A Verdict of a second run says so in its Problem.
	Failed []Verdict
}

// Rewrite is update's verify stage: the new text of every article whose
// output blocks no longer say what its snippets print. Each snippet whose
// block changes (drifted, or unverified: none yet) runs a second time on
// fresh, which must not serve results from a cache; where the two runs
// differ, the block gets what expect.Stabilize makes of them, and
// `unordered` when only the order of lines changed (SPEC §6). n bounds
// the runs at once.
func (p *Project) Rewrite(ctx context.Context, fresh *runner.Runner, verdicts []Verdict, n int) (*Rewrites, error) {
	rw := &Rewrites{}
	edits, err := p.transcriptEdits(ctx, fresh, verdicts, n, rw)
	if err != nil {
		return nil, err
	}
	var todo []Verdict
	for _, v := range verdicts {
		if v.Job.block != nil {
			continue // a transcript's command: in edits
		}
		switch v.Outcome.Status {
		case snippet.Failed:
			rw.Failed = append(rw.Failed, v)
		case snippet.Drifted, snippet.Unverified:
			todo = append(todo, v)
		}
	}
	jobs := make([]*Job, len(todo))
	for i, v := range todo {
		jobs[i] = v.Job
	}
	again, err := runBatch(ctx, fresh, jobs, n, nil)
	if err != nil {
		return nil, err
	}
	blocks := make(map[*site.Article]map[int]block)
	for i, v := range todo {
		b, failed := newBlock(v, again[i])
		if failed != nil {
			rw.Failed = append(rw.Failed, *failed)
			continue
		}
		if b.unstable {
			rw.Unstable = append(rw.Unstable, v.Job)
		}
		a := v.Job.Article
		if blocks[a] == nil {
			blocks[a] = make(map[int]block)
		}
		blocks[a][v.Job.Snippet.Index] = b
	}
	for _, a := range p.Site.Pages {
		if u, ok := p.update(a, blocks[a], edits[a]); ok {
			rw.Updates = append(rw.Updates, u)
		}
	}
	return rw, nil
}

// A block is the new output block of one snippet.
type block struct {
	content   []byte
	unordered bool // mark the block `unordered`
	unstable  bool
}

// newBlock is what v's output block becomes, given a second run of its
// snippet; or, when that run failed, the verdict saying so.
func newBlock(v Verdict, second runner.Result) (block, *Verdict) {
	j := v.Job
	if problem := Failure(j, second); problem != "" {
		out := Verdict{Job: j, Result: second, Outcome: Judge(j, second)}
		out.Outcome.Problem = "second run: " + problem
		return block{}, &out
	}
	s := j.Snippet
	opts := j.matchOptions(v.Result)
	// Each run's own folders written as placeholders first, so that a
	// path that differs between the runs is [CWD], not [..].
	first := expect.Merge(nil, v.Result.Output, opts)
	stable, unordered, differ := expect.Stabilize(first, expect.Merge(nil, second.Output, j.matchOptions(second)))
	if !differ || unordered && s.Unordered {
		if s.Output == nil {
			return block{content: first}, nil
		}
		return block{content: expect.Merge(s.Output.Content, v.Result.Output, opts)}, nil
	}
	return block{content: stable, unordered: unordered && !s.Unordered, unstable: true}, nil
}

// update rewrites article a's output blocks (by snippet index) and the
// transcripts of edits, and reports false when its text stays as it was.
func (p *Project) update(a *site.Article, blocks map[int]block, edits []transcriptEdit) (Update, bool) {
	if len(blocks) == 0 && len(edits) == 0 {
		return Update{}, false
	}
	src := a.Page.Src
	updated, snippets := src, a.Snippets
	n := len(blocks)
	if len(edits) > 0 {
		updated = rewriteTranscripts(src, edits)
		if len(blocks) > 0 {
			snippets = p.findSnippets(a, updated)
		}
		for _, e := range edits {
			n += e.changed
		}
	}
	outputs := make(map[int][]byte, len(blocks))
	var marks []int
	for i, b := range blocks {
		outputs[i] = b.content
		if b.unordered {
			marks = append(marks, i)
		}
	}
	if len(blocks) > 0 {
		updated = snippet.Rewrite(updated, snippets, outputs)
	}
	if len(marks) > 0 {
		updated = p.markUnordered(a, updated, marks)
	}
	if bytes.Equal(updated, src) {
		return Update{}, false
	}
	return Update{
		Path:   p.Display(a.Page.Path),
		File:   p.File(a.Page.File), // behind a symlink, the file it names: the link stays
		Old:    src,
		New:    updated,
		Blocks: n,
	}, true
}

// findSnippets finds the snippets of article a again in src, its text
// after a rewrite moved them.
func (p *Project) findSnippets(a *site.Article, src []byte) []snippet.Snippet {
	doc, _ := p.Markdown.ParseBlocks(src[a.Page.BodyStart:])
	found, _ := snippet.Find(a.Page.Path, src, a.Page.BodyStart, doc)
	return found
}

// markUnordered adds the `unordered` attribute to the output blocks of
// the snippets marks names in src, article a's text after Rewrite. The
// blocks are found again in src: Rewrite moved them.
func (p *Project) markUnordered(a *site.Article, src []byte, marks []int) []byte {
	found := p.findSnippets(a, src) // src parsed before Rewrite
	var at []int                    // offsets to insert at, each where its info string ends
	for _, i := range marks {
		if i >= len(found) || found[i].Output == nil || found[i].Unordered {
			continue
		}
		at = append(at, infoEnd(src, *found[i].Output))
	}
	return insertUnordered(src, at)
}

// insertUnordered writes the word unordered at each offset of at, after
// a space unless a blank or a brace comes before it.
func insertUnordered(src []byte, at []int) []byte {
	at = slices.Sorted(slices.Values(at))
	var out []byte
	last := 0
	for _, off := range at {
		out = append(out, src[last:off]...)
		if c := src[off-1]; c != ' ' && c != '\t' && c != '{' {
			out = append(out, ' ')
		}
		out = append(out, "unordered"...)
		last = off
	}
	return append(out, src[last:]...)
}

// infoEnd is the offset in src where the attributes of b's info string
// end: before a closing brace, or after the last word.
func infoEnd(src []byte, b snippet.Block) int {
	line := src[b.Start:b.ContentStart]
	fence := bytes.Index(line, []byte(b.Fence)) + len(b.Fence)
	info := bytes.TrimRight(line[fence:], " \t\r\n")
	end := b.Start + fence + len(info)
	if bytes.HasSuffix(info, []byte("}")) {
		end--
	}
	return end
}

// WriteArticle writes u as a compare-and-swap (SPEC §6): just before the
// rename it checks that the file still holds u.Old, and if the author
// saved it meanwhile it leaves their bytes alone and returns an error
// wrapping cache.ErrChanged, "path: changed on disk while pipedocs ran;
// run update again".
func WriteArticle(u Update) error {
	err := cache.ReplaceFile(u.File, u.Old, u.New)
	if errors.Is(err, cache.ErrChanged) {
		return fmt.Errorf("%s: %w; run update again", u.Path, cache.ErrChanged)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", u.Path, err)
	}
	return nil
}
