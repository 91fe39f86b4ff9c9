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

// FrontMatter holds the keys of SPEC §2 under Hugo's names. Dates are as
// written (zero when not set): Hugo's fallbacks (a page's publish date is
// its date when it has no publishDate) are applied by Visible.
type FrontMatter struct {
	Title       string // "" when not set: title is optional, as in Hugo
	LinkTitle   string // Hugo's linkTitle: the title in navigation
	Description string
	Summary     string
	Date        time.Time // zero when not set
	Lastmod     time.Time // zero when not set; also Hugo's "modified"
	PublishDate time.Time // zero when not set; also Hugo's "pubdate" and "published"
	ExpiryDate  time.Time // zero when not set; also Hugo's "unpublishdate"
	Draft       bool
	Headless    bool
	Build       Build    // Hugo's build options ("build" or "_build"); DefaultBuild when not set
	Categories  []string // a single string is taken as a list of one
	Tags        []string
	Authors     []string
	Weight      int
	Slug        string
	URL         string         // Hugo's url, as written: the page's whole path
	Aliases     []string       // as written: "/old/url/" from the site root, "old" relative to the section, as in Hugo
	Cascade     []Cascade      // what this page hands down to its descendants, in the order written
	Menus       []MenuEntry    // the menus this page is in, sorted by menu name
	Params      map[string]any // every other key, lower-cased as Hugo's .Params; nil when there is none

	own map[string]bool // the keys set, by their canonical names: set by the page itself or a nearer cascade
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
