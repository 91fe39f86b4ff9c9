package page

import (
	"time"

	"github.com/pipedocs/pipedocs/render/diag"
)

// Kind tells what a content file stands for.
type Kind int

const (
	Article Kind = iota // content/<section>/<slug>.md, or content/<slug>.md
	Section             // content/<section>/_index.md
	Home                // content/_index.md
)

func (k Kind) String() string {
	switch k {
	case Article:
		return "article"
	case Section:
		return "section"
	case Home:
		return "home"
	}
	return "Kind(?)"
}

// FrontMatter holds the keys of SPEC §2 under Hugo's names.
type FrontMatter struct {
	Title       string
	Description string
	Summary     string
	Date        time.Time // zero when not set
	Lastmod     time.Time // zero when not set
	Draft       bool
	Categories  []string // a single string is taken as a list of one
	Tags        []string
	Authors     []string
	Weight      int
	Slug        string
	Aliases     []string       // as written: "/old/url/" from the site root, "old" relative to the section, as in Hugo
	Params      map[string]any // every other key, lower-cased as Hugo's .Params; nil when there is none
}

// A Page is one content file with its front matter decoded.
type Page struct {
	Path      string // slash-separated and relative to the site root: "content/pipes/basics.md"
	File      string // Path with its symlinks resolved (the file to rewrite in place); Path when it has none
	Kind      Kind
	Section   string // first directory under content/; "" for the home page and for content/<slug>.md
	Slug      string // Meta.Slug, else the file name without ".md"; "" for Section and Home
	Meta      FrontMatter
	Src       []byte          // the whole file
	BodyStart int             // offset in Src where the Markdown body starts, after the front matter
	Lines     *diag.LineIndex // over Src

	slugAt int // offset of the slug's value in Src, or of the file's start when it has none
}

// Body returns the Markdown after the front matter.
func (p *Page) Body() []byte { return p.Src[p.BodyStart:] }
