// Package pipeline owns the stages every pipedocs command walks (SPEC §6,
// docs/architecture.md):
//
//	load     Load: pipedocs.toml and content/ into pages (render/config, render/page)
//	parse    Load: pages into a site.Site with snippets and diagnostics (render/site)
//	plan     Project.Plan: the snippets to run, as Jobs holding runner.Specs
//	run      Execute: the Jobs through a runner.Runner (bounded, results by index)
//	verify   Judge: each Result against what its article declares → snippet.Outcome
//	render   Render: the site and its outcomes into HTML (render/site)
//	publish  Publish: the rendered site swapped in at its destination
//	update   Project.Updates and WriteArticle: output blocks rewritten in place
//
// A console transcript (transcript.go) is one Job, run in one bash; its
// verdicts are one per command, each at the command's line, and update
// rewrites each command's output in place (transcript_update.go).
//
// Each stage is a function from its input to new output; none prints,
// none reads flags. Package main keeps the flags, the report formats and
// serve's loop, and calls these stages in the order its command needs, so
// build, check, update and serve cannot disagree about a snippet.
//
// This is the one package that imports both render and runner (besides
// main itself); `make imports` checks that render and runner never meet
// anywhere else.
package pipeline
