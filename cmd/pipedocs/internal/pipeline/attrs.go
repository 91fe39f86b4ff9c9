package pipeline

import (
	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/site"
	"github.com/pipedocs/pipedocs/render/snippet"
	"github.com/pipedocs/pipedocs/render/transcript"
	"github.com/pipedocs/pipedocs/runner"
)

// unknownAttributes are the errors for attributes pipedocs does not know
// on snippets that run (SPEC §3): a language with a runner or a console
// transcript, not norun.
// On any other fence they are data attributes (SPEC §2.2), so whether
// one is an error depends on the runners, which the parse stage does not
// know. In claimed mode only the blocks that run count. Paths are site
// relative, as the parse's are.
func (p *Project) unknownAttributes() diag.List {
	cfg := runner.Config{Runners: make(map[string]runner.Definition, len(p.Config.Runners))}
	for name, def := range p.Config.Runners {
		cfg.Runners[name] = runner.Definition{Command: def.Command, Extension: def.Extension, Version: def.Version}
	}
	r, err := runner.New(cfg) // starts nothing; a bad runner is NewRunner's to report
	if err != nil {
		return nil
	}
	var diags diag.List
	for _, a := range p.Site.Pages {
		var lines *diag.LineIndex
		for i := range a.Snippets {
			s := &a.Snippets[i]
			if s.Attrs.NoRun || !r.Has(s.Lang) && !transcript.Is(s.Lang) {
				continue
			}
			if p.Config.Run == config.RunClaimed && !p.claimsRun(a, s) {
				continue // shown, never run: a README's `go install` block
			}
			index := func() *diag.LineIndex {
				if lines == nil {
					if lines = a.Page.Lines; lines == nil {
						lines = diag.NewLineIndex(a.Page.Src)
					}
				}
				return lines
			}
			for _, e := range s.Attrs.Unknown() {
				diags = append(diags, index().At(a.Page.Path, e.Offset, "unknown snippet attribute %q", e.Key))
			}
			if transcript.Is(s.Lang) {
				for _, m := range transcriptMisuses(s) {
					diags = append(diags, index().At(a.Page.Path, m.offset, "%s", m.msg))
				}
			}
		}
	}
	return diags
}

// claimsRun reports whether snippet s of a runs in claimed mode.
func (p *Project) claimsRun(a *site.Article, s *snippet.Snippet) bool {
	if transcript.Is(s.Lang) {
		return p.transcriptRuns(s, &parseTranscript(a.Page.Src, s).t)
	}
	return p.runs(s)
}
