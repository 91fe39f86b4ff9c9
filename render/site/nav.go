package site

import (
	"cmp"
	"slices"

	"github.com/pipedocs/pipedocs/render/config"
	"github.com/pipedocs/pipedocs/render/page"
)

// The navigation a docs site needs, without JavaScript (SPEC §7): the
// section tree, opened along the path to the page shown, and the page's
// breadcrumbs. Each page computes only its own view of the tree, from
// the index's sorted lists: the sections on its path list their pages,
// every other section is one link, so a page's navigation grows with the
// depth of the tree, not with the size of the site.

// navPages is the most pages an open section lists in the navigation; a
// larger section lists its sections and links to its own page, which
// lists every page.
const navPages = 60

// A NavNode is one section of the navigation tree as one page sees it.
type NavNode struct {
	Section *SectionData
	Open    bool // the section holds the page shown: its sections and pages are listed
	Current bool // the section's own page is the page shown

	view navView
}

// A navView is the page a navigation is made for.
type navView struct {
	here string       // its URL
	at   *SectionData // its section (a section page's is itself); nil for the home page
}

// A NavLink is one page in the navigation.
type NavLink struct {
	Title   string // the linkTitle, else the title
	URL     string
	Current bool // the page shown
}

func (d *PageData) view() navView { return navView{here: d.URL, at: d.Section} }

// Nav is the navigation tree of the page: the top-level sections, with
// those on the page's path opened.
func (d *PageData) Nav() []NavNode { return d.view().nodes(d.Site.Sections) }

// NavPages are the pages right under content/ (content/about.md), as the
// tree's first level lists them; nil when there are more than the
// navigation lists.
func (d *PageData) NavPages() []NavLink { return d.view().links(d.Site.pages) }

// NavCurrent is the page's URL when its navigation marks a link as the
// page shown, else "": pages whose Section and NavCurrent are the same
// have the same navigation.
func (d *PageData) NavCurrent() string {
	v := d.view()
	if v.marks(d.Site.Sections) || v.marksOne(d.Site.pages) {
		return d.URL
	}
	return ""
}

// marks reports whether the navigation of sections, as v sees it, holds
// a link to v's page: the nodes' own links, and the sections and pages
// listed in those that are open.
func (v navView) marks(sections []*SectionData) bool {
	for _, sec := range sections {
		if sec.URL == v.here {
			return true
		}
		if sec.Holds(v.at) && (v.marksOne(sec.Pages) || v.marks(sec.Sections)) {
			return true
		}
	}
	return false
}

// marksOne reports whether the navigation lists entries with a link to
// v's page.
func (v navView) marksOne(entries []*Entry) bool {
	if len(entries) > navPages {
		return false
	}
	for _, e := range entries {
		if e.URL == v.here {
			return true
		}
	}
	return false
}

// Breadcrumbs are the sections holding the page shown, outermost first;
// a section's own page is not among its breadcrumbs.
func (d *PageData) Breadcrumbs() []*SectionData {
	list := d.Section.Ancestors()
	if d.Kind == "section" && len(list) > 0 {
		list = list[:len(list)-1]
	}
	return list
}

// Sections are the node's sections, when it is open.
func (n NavNode) Sections() []NavNode {
	if !n.Open {
		return nil
	}
	return n.view.nodes(n.Section.Sections)
}

// Pages are the node's pages, when it is open and has no more than the
// navigation lists.
func (n NavNode) Pages() []NavLink {
	if !n.Open {
		return nil
	}
	return n.view.links(n.Section.Pages)
}

// More is how many pages the node holds that Pages does not list.
func (n NavNode) More() int {
	if n.Open && len(n.Section.Pages) > navPages {
		return len(n.Section.Pages)
	}
	return 0
}

func (v navView) nodes(sections []*SectionData) []NavNode {
	nodes := make([]NavNode, len(sections))
	for i, sec := range sections {
		nodes[i] = NavNode{Section: sec, Open: sec.Holds(v.at), Current: sec.URL == v.here, view: v}
	}
	return nodes
}

func (v navView) links(entries []*Entry) []NavLink {
	if len(entries) > navPages {
		return nil
	}
	links := make([]NavLink, len(entries))
	for i, e := range entries {
		links[i] = NavLink{Title: e.LinkTitle, URL: e.URL, Current: e.URL == v.here}
	}
	return links
}

// A pageMenuEntry is a page's entry in the main menu, from its front matter.
type pageMenuEntry struct {
	e *Entry
	m page.MenuEntry
}

// finishMenu makes the site's menu: the config's entries and those the
// pages put in the main menu (named by their linkTitle unless the entry
// has a name), by weight, the config's first among equals, as Hugo orders
// a menu.
func (ix *indexer) finishMenu(cfg []config.MenuEntry) {
	type item struct {
		weight int
		link   Link
	}
	items := make([]item, 0, len(cfg)+len(ix.pageMenu))
	for _, m := range cfg {
		items = append(items, item{m.Weight, Link{Name: m.Name, URL: menuURL(m.URL)}})
	}
	for _, pm := range ix.pageMenu {
		items = append(items, item{cmp.Or(pm.m.Weight, pm.e.Weight), Link{Name: cmp.Or(pm.m.Name, pm.e.LinkTitle), URL: pm.e.URL}})
	}
	slices.SortStableFunc(items, func(a, b item) int { return weightOrder(a.weight, b.weight) })
	menu := make([]Link, len(items))
	for i, it := range items {
		menu[i] = it.link
	}
	ix.x.site.Menu = menu
}
