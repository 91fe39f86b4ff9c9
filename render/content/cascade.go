package content

import (
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/pipedocs/pipedocs/render/page"
)

// cascade applies to every page the cascades of the sections above it,
// nearest first, as Hugo does: a page's own value wins, then its
// section's cascade, then the one above. As in Hugo 0.111, a section's
// cascade applies to its own page too (a cascade of build.render =
// "never" leaves out the section's page with its pages); the home page's
// reaches every page.
func (b *builder) cascade(pages []*page.Page) {
	for _, p := range pages {
		dir := path.Dir(rel(p.Path))
		for sec := b.sectionOf(dir); sec != nil; sec = sec.Parent {
			if sec.Page == nil {
				continue
			}
			for _, c := range sec.Page.Meta.Cascade {
				if b.targets(c.Target, p) {
					_ = p.Meta.ApplyCascade(c.Values) // Parse checked the values where they are written
				}
			}
		}
	}
}

// targets reports whether a cascade's _target matches p: its path glob
// (Hugo's, "*" within a part, "**" across, "{a,b}"), kind, language and
// environment, each when set.
func (b *builder) targets(t map[string]string, p *page.Page) bool {
	for k, v := range t {
		switch strings.ToLower(k) {
		case "path":
			name := "/" + strings.TrimSuffix(rel(p.Path), ".md")
			if p.Kind == page.Section {
				name = path.Dir(name)
			}
			if !globMatch(v, strings.ToLower(name)) && !globMatch(v, strings.ToLower("/"+rel(p.Path))) {
				return false
			}
		case "kind":
			kind := map[page.Kind]string{page.Article: "page", page.Section: "section", page.Home: "home"}[p.Kind]
			if !strings.EqualFold(v, kind) {
				return false
			}
		case "lang":
			if v != "" && !strings.EqualFold(v, b.lang()) {
				return false
			}
		case "environment":
			if v != "" && !strings.EqualFold(v, "production") {
				return false
			}
		}
	}
	return true
}

func (b *builder) lang() string {
	if b.o.DefaultLanguage == "" {
		return "en"
	}
	return b.o.DefaultLanguage
}

var globs sync.Map // pattern → *regexp.Regexp, or nil for a bad one

// globMatch matches name against a glob with '/' as separator.
func globMatch(pattern, name string) bool {
	re, ok := globs.Load(pattern)
	if !ok {
		re, _ = regexp.Compile("^" + globRegexp(strings.ToLower(pattern)) + "$")
		globs.Store(pattern, re)
	}
	r, _ := re.(*regexp.Regexp)
	return r != nil && r.MatchString(name)
}

func globRegexp(g string) string {
	var b strings.Builder
	depth := 0
	for i := 0; i < len(g); i++ {
		switch c := g[i]; {
		case c == '*' && i+1 < len(g) && g[i+1] == '*':
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '{':
			b.WriteString("(?:")
			depth++
		case c == '}' && depth > 0:
			b.WriteString(")")
			depth--
		case c == ',' && depth > 0:
			b.WriteString("|")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	return b.String()
}

// buildOptions returns Hugo's build options of p, headless included.
func buildOptions(p *page.Page) (render, list string, resources bool) {
	bo := p.Meta.Build
	if p.Meta.Headless {
		return page.BuildNever, page.BuildNever, bo.PublishResources
	}
	return bo.Render, bo.List, bo.PublishResources
}
