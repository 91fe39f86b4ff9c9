package config

import "time"

// Run modes: which snippets run (SPEC §5).
const (
	RunAuto  = "auto"   // every snippet whose language has a runner
	RunOptIn = "opt-in" // only snippets marked `run`
	// RunClaimed runs the snippets followed by an output block,
	// transcripts that show output or "? N", and those marked `run`: the
	// default for plain Markdown (SPEC §1.2).
	RunClaimed = "claimed"
)

// What a broken internal link does (SPEC §2.1).
const (
	BrokenLinksError = "error" // a failure, like a drifted snippet
	BrokenLinksWarn  = "warn"  // reported only
)

// Config is a site's settings, defaults filled in and values checked.
type Config struct {
	Title        string
	BaseURL      string // an http(s) URL or a path from the host's root, always ending in "/"
	Theme        string // a folder name under themes/, or the built-in "default"
	PublishDir   string // relative to the site root unless absolute
	Run          string // RunAuto, RunOptIn or RunClaimed
	BrokenLinks  string // BrokenLinksError or BrokenLinksWarn
	Timeout      time.Duration
	OutputLimit  int64 // bytes a snippet may print
	Jobs         int   // parallel runs; 0 means one per CPU
	Unsafe       bool  // keep raw HTML found in Markdown
	LanguageCode string
	Params       map[string]any    // the [params] table, keys lower-cased as Hugo's .Site.Params; nil when absent
	Runners      map[string]Runner // [runners.NAME], keyed by language word; they add to or replace the built-in ones
	Menu         []MenuEntry       // the theme's navigation: [[menu]], else Menus["main"]; sorted by weight, then as written
	// Menus are Hugo's menus by name ([[menus.main]], also [[menu.main]]),
	// each sorted by weight, then as written; pipedocs.toml's [[menu]] is
	// "main". Nil when there is none.
	Menus map[string][]MenuEntry
	// Taxonomies are Hugo's [taxonomies], singular to plural: by default
	// category to categories and tag to tags. Setting it replaces the
	// defaults, as in Hugo; an empty table means no taxonomies.
	Taxonomies map[string]string
	// DisableKinds is Hugo's disableKinds, lower-cased: of its kinds the
	// site leaves out "taxonomy" (the taxonomies' list pages), "term"
	// (the term pages) and "rss" (the feeds), as Hugo 0.111 does.
	DisableKinds []string
	// Permalinks are Hugo's [permalinks]: a section (or taxonomy) to its
	// URL pattern, as written (":year/:month/:slug/"). Nil when absent.
	Permalinks map[string]string
	// DisablePathToLower is Hugo's disablePathToLower: URLs keep the case
	// of the file names.
	DisablePathToLower bool
	// DefaultLanguage is Hugo's defaultContentLanguage ("en" by default):
	// the language a build renders.
	DefaultLanguage string
	// Redactions is [redactions]: a placeholder name ("VERSION", matched
	// by "[VERSION]" in expected output) to the RE2 source of what it
	// stands for. Every name is [A-Z][A-Z0-9_]* and none is a built-in
	// one (BuiltinRedactions); every expression compiles. Nil when absent.
	Redactions map[string]string
	// Bin is [bin]: the Go commands of the module built once per run and
	// put on every snippet's PATH, sorted by name. Nil when absent.
	Bin []Bin
}

// BuiltinRedactions are the placeholder names pipedocs defines itself
// (SPEC §3.1), which [redactions] may not redefine.
var BuiltinRedactions = []string{"CWD", "HOME", "TMPDIR", "EXE"}

// A Runner says how to run the snippets of one language.
type Runner struct {
	Command   []string // argv; the element(s) holding "{file}" get the snippet's file
	Extension string   // of the snippet's file, with its dot: ".py"
	Version   []string // optional argv printing the toolchain version, for the results cache key
}

// A MenuEntry is one link of a menu.
type MenuEntry struct {
	Name       string
	URL        string // as written: absolute, or relative to baseURL
	Weight     int
	Identifier string // Hugo's identifier: what children name as their Parent; "" when not set
	Parent     string // the Identifier (or Name) of the entry this one is below; "" at the top
	PageRef    string // Hugo's pageRef: a content path ("/about", "docs/_index.md"), for the site to resolve; "" when not set
}

// Default returns the settings of a site with no pipedocs.toml.
func Default() Config {
	return Config{
		BaseURL:         "/",
		Theme:           "default",
		PublishDir:      "public",
		Run:             RunAuto,
		BrokenLinks:     BrokenLinksError,
		Timeout:         10 * time.Second,
		OutputLimit:     1 << 20,
		LanguageCode:    "en",
		Taxonomies:      map[string]string{"category": "categories", "tag": "tags"},
		DefaultLanguage: "en",
	}
}

// Plain returns the settings of Markdown that belongs to no site (SPEC
// §1.2) when its pipedocs.toml does not say otherwise: Default's, in run
// mode RunClaimed.
func Plain() Config {
	c := Default()
	c.Run = RunClaimed
	return c
}
