package content

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/pipedocs/pipedocs/render/diag"
	"github.com/pipedocs/pipedocs/render/page"
)

// Options are the site config's keys that shape the tree.
type Options struct {
	DisablePathToLower bool
	// Permalinks maps a top-level section's name to Hugo's pattern for
	// its pages' URLs: posts = "/:year/:month/:slug/".
	Permalinks map[string]string
	// DefaultLanguage is the language built; "" means "en".
	DefaultLanguage string
}

// A Tree is the content of a site, placed.
type Tree struct {
	Home      *Section   // content/ itself; its Page is content/_index.md, or nil
	Sections  []*Section // every other section, in path order
	Pages     []*Node    // every regular page, leaf bundles included, in path order
	Resources []Resource // the files copied beside the pages, in path order
	// Left are the Markdown files that are no page: translations and the
	// Markdown resources of leaf bundles. They are not rendered, and
	// their snippets do not run.
	Left []*page.Page
}

// A Section is a folder of content/ that lists its pages: the home page,
// a folder with an _index.md, or a top-level folder.
type Section struct {
	Dir      string     // below content/, as written: "docs/Guide"; "" for the home page
	Out      string     // its output folder, site-relative: "docs/guide"; "" for the home page
	Page     *page.Page // its _index.md; nil when it has none
	Parent   *Section   // nil for the home page
	Sections []*Section // its sections, in path order
	Pages    []*Node    // its pages, in path order, those of folders below it that are no section included
	Depth    int        // 0 for the home page, 1 for a top-level section
}

// A Node is one regular page, placed.
type Node struct {
	Page    *page.Page
	Section *Section // the nearest section holding it; Tree.Home for content/<name>.md
	File    string   // the output file, site-relative: "docs/guide/install/index.html", or "plain.html" from url
	Bundle  bool     // a leaf bundle's index.md
	// Value is the front matter value the URL came from (url, slug or
	// the permalink's section), for messages; "" when it came from the path.
	Value string
	// Render and List are Hugo's build options, cascade and headless
	// applied: Render "always" or "never" (then no page is written, but
	// its bundle's files are, as Hugo 0.111 does); List "always", "local"
	// (only in its own section's listing) or "never".
	Render, List string

	resources bool // build.publishResources: the bundle's files are copied
}

// Dir is the folder of the node's output file: its URL's folder.
func (n *Node) Dir() string {
	if d := path.Dir(n.File); d != "." {
		return d
	}
	return ""
}

// A Resource is a file of content/ that is not Markdown, copied beside the
// page or section whose bundle holds it.
type Resource struct {
	Path  string     // as the user knows it: "content/docs/img.png"
	Real  string     // the file to read, its symlinks resolved
	File  string     // the output file, site-relative: "docs/img.png"
	Owner *page.Page // the page of the bundle holding it; nil for the home page without _index.md
}

// New places the content c: it drops translations and the Markdown
// resources of leaf bundles into Tree.Left, makes the sections, and gives
// every page and file its output path. The diagnostics are a URL that
// would leave the site, and one warning counting translation files.
func New(c page.Content, o Options) (*Tree, diag.List) {
	b := &builder{o: o, t: &Tree{}, leaves: map[string]*page.Page{}, sections: map[string]*Section{}, nodes: map[string]*Node{}}
	b.t.Home = &Section{}
	b.sections[""] = b.t.Home
	pages := b.languages(c.Pages)
	b.bundles(pages, c.Hidden)
	b.makeSections(pages)
	b.cascade(pages)
	for _, p := range pages {
		b.place(p)
	}
	for _, f := range c.Files {
		b.resource(f)
	}
	return b.t, b.diags
}

type builder struct {
	o        Options
	t        *Tree
	diags    diag.List
	leaves   map[string]*page.Page // leaf bundle folder (below content/) → its index.md
	sections map[string]*Section   // folder below content/ → its section
	names    map[*page.Page]string // a page's name without its language suffix, where it had one
	nodes    map[string]*Node      // leaf bundle folder → its placed page
}

// rel returns p's path below content/.
func rel(p string) string { return strings.TrimPrefix(p, "content/") }

// languages keeps the pages of the default language, drops the others
// into Left and warns once about them.
func (b *builder) languages(pages []*page.Page) []*page.Page {
	def := b.o.DefaultLanguage
	if def == "" {
		def = "en"
	}
	b.names = map[*page.Page]string{}
	kept := make([]*page.Page, 0, len(pages))
	var left []*page.Page
	for _, p := range pages {
		name, lang := splitLang(strings.TrimSuffix(path.Base(p.Path), ".md"))
		switch {
		case lang == "":
			kept = append(kept, p)
		case strings.EqualFold(lang, def):
			b.names[p] = name
			kept = append(kept, p)
		default:
			left = append(left, p)
		}
	}
	if len(left) > 0 {
		b.t.Left = append(b.t.Left, left...)
		b.diags = append(b.diags, diag.Diagnostic{Path: left[0].Path, Severity: diag.Warning,
			Msg: fmt.Sprintf("%d translation file%s (name.LANG.md) left out, this one first: pipedocs builds the default language (%q) only", len(left), plural(len(left)), def)})
	}
	return kept
}

// splitLang splits "name.fr" into "name" and "fr" when the suffix looks
// like a language tag (two letters, an optional region: "fr", "pt-br"),
// as Hugo's file names for translations are. Hugo knows its languages
// from the config; three-letter codes are left alone here, so that
// "img.png.md" stays a page.
func splitLang(name string) (string, string) {
	i := strings.LastIndexByte(name, '.')
	if i <= 0 {
		return name, ""
	}
	lang := name[i+1:]
	code, region, hasRegion := strings.Cut(lang, "-")
	if !isLetters(code, 2, 2) || hasRegion && !isLetters(region, 2, 4) {
		return name, ""
	}
	return name[:i], lang
}

func isLetters(s string, lo, hi int) bool {
	if len(s) < lo || len(s) > hi {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return true
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// baseName is p's file name without ".md" and its language suffix.
func (b *builder) baseName(p *page.Page) string {
	if n, ok := b.names[p]; ok {
		return n
	}
	return strings.TrimSuffix(path.Base(p.Path), ".md")
}

// bundles finds the leaf bundles: folders with an index.md that no other
// leaf bundle holds. The bundles of hidden pages (drafts left out) are
// found too, so that their files are not published either.
func (b *builder) bundles(pages, hidden []*page.Page) {
	all := append(slices.Clip(pages), hidden...)
	slices.SortFunc(all, func(x, y *page.Page) int { return strings.Compare(x.Path, y.Path) })
	for _, p := range all { // in path order: an outer bundle comes first
		if p.Kind != page.Article || b.baseName(p) != "index" {
			continue
		}
		dir := path.Dir(rel(p.Path))
		if dir == "." || b.leafOf(dir) != "" {
			continue // content/index.md is a page named index; a bundle in a bundle is a resource
		}
		b.leaves[dir] = p
	}
}

// leafOf returns the leaf bundle folder holding dir (dir itself
// included), or "".
func (b *builder) leafOf(dir string) string {
	for d := dir; d != "." && d != ""; d = path.Dir(d) {
		if _, ok := b.leaves[d]; ok {
			return d
		}
	}
	return ""
}

// makeSections makes a section of every folder with an _index.md, and of
// every top-level folder that holds a page, outside leaf bundles.
func (b *builder) makeSections(pages []*page.Page) {
	var dirs []string
	for _, p := range pages {
		dir := path.Dir(rel(p.Path))
		if dir == "." || b.leafOf(dir) != "" && b.leaves[dir] != p {
			continue
		}
		top, _, _ := strings.Cut(dir, "/")
		if b.leaves[top] != nil {
			continue // a top-level leaf bundle is one page, no section
		}
		if _, ok := b.sections[top]; !ok {
			b.sections[top] = &Section{Dir: top}
			dirs = append(dirs, top)
		}
		if p.Kind == page.Section {
			sec := b.sections[dir]
			if sec == nil {
				sec = &Section{Dir: dir}
				b.sections[dir] = sec
				dirs = append(dirs, dir)
			}
			sec.Page = p
		}
	}
	if p := b.homePage(pages); p != nil {
		b.t.Home.Page = p
	}
	// Parents before children: a folder sorts before what it holds when
	// compared part by part.
	sortDirs(dirs)
	for _, d := range dirs {
		sec := b.sections[d]
		sec.Parent = b.sectionOf(path.Dir(d))
		sec.Depth = sec.Parent.Depth + 1
		sec.Out = b.sanitize(d)
		sec.Parent.Sections = append(sec.Parent.Sections, sec)
		b.t.Sections = append(b.t.Sections, sec)
	}
}

func (b *builder) homePage(pages []*page.Page) *page.Page {
	for _, p := range pages {
		if p.Kind == page.Home {
			return p
		}
	}
	return nil
}

// sectionOf returns the section of dir (below content/, "." or "" for
// content/ itself): the nearest section folder at or above it.
func (b *builder) sectionOf(dir string) *Section {
	for d := dir; d != "." && d != ""; d = path.Dir(d) {
		if sec := b.sections[d]; sec != nil {
			return sec
		}
	}
	return b.t.Home
}

// place gives a regular page its output file and files it in its section.
func (b *builder) place(p *page.Page) {
	if p.Kind != page.Article {
		return
	}
	r := rel(p.Path)
	dir := path.Dir(r)
	leaf := b.leafOf(dir)
	bundle := leaf != "" && b.leaves[leaf] == p
	if leaf != "" && !bundle {
		b.t.Left = append(b.t.Left, p) // a Markdown resource of a leaf bundle
		return
	}
	name := b.baseName(p)
	if bundle {
		dir, name = path.Dir(dir), path.Base(dir)
	}
	if dir == "." {
		dir = ""
	}
	n := &Node{Page: p, Bundle: bundle, Section: b.sectionOf(dir)}
	n.Render, n.List, n.resources = buildOptions(p)
	file, value, err := b.output(p, dir, name)
	if err != "" {
		b.diags = append(b.diags, At(p, value, "%s", err))
		return
	}
	n.File, n.Value = file, value
	if bundle {
		b.nodes[leaf] = n
	}
	if n.List != "never" {
		n.Section.Pages = append(n.Section.Pages, n)
	}
	b.t.Pages = append(b.t.Pages, n)
}

// resource files f under the bundle that holds it.
func (b *builder) resource(f page.File) {
	r := rel(f.Path)
	res := Resource{Path: f.Path, Real: f.Real}
	if leaf := b.leafOf(path.Dir(r)); leaf != "" {
		n := b.nodes[leaf]
		if n == nil || !n.resources {
			return // the bundle's page has no output (New has reported why), or publishes no files
		}
		res.Owner, res.File = n.Page, join(n.Dir(), strings.TrimPrefix(r, leaf+"/"))
		b.t.Resources = append(b.t.Resources, res)
		return
	}
	// A branch bundle holds the files of its own folder only; any other
	// file is copied to its path as written, as Hugo 0.111 does.
	res.Owner, res.File = b.t.Home.Page, r
	if sec := b.sections[path.Dir(r)]; sec != nil && sec.Page != nil {
		if !sec.Page.Meta.Build.PublishResources {
			return
		}
		res.Owner, res.File = sec.Page, join(sec.Out, path.Base(r))
	}
	b.t.Resources = append(b.t.Resources, res)
}

func join(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}
