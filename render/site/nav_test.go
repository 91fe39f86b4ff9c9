package site

import (
	"fmt"
	"slices"
	"testing"
)

// TestNav: a page's tree opens the sections holding it, and only those;
// an open section of more than navPages pages lists none of them.
func TestNav(t *testing.T) {
	a := &SectionData{Title: "A", LinkTitle: "A", URL: "/a/", Depth: 1}
	b := &SectionData{Title: "B", LinkTitle: "B", URL: "/a/b/", Depth: 2, Parent: a}
	c := &SectionData{Title: "C", LinkTitle: "C", URL: "/c/", Depth: 1}
	a.Sections = []*SectionData{b}
	for i := range navPages + 1 {
		c.Pages = append(c.Pages, &Entry{LinkTitle: fmt.Sprint(i), URL: fmt.Sprintf("/c/%d/", i)})
	}
	here := &Entry{LinkTitle: "Here", URL: "/a/b/here/", Section: b}
	b.Pages = []*Entry{{LinkTitle: "Other", URL: "/a/b/other/"}, here}
	site := &SiteData{Sections: []*SectionData{a, c}}

	d := &PageData{Site: site, Kind: "article", URL: here.URL, Section: b}
	nav := d.Nav()
	if len(nav) != 2 || !nav[0].Open || nav[1].Open {
		t.Fatalf("top level: %+v", nav)
	}
	sub := nav[0].Sections()
	if len(sub) != 1 || !sub[0].Open || sub[0].Current {
		t.Fatalf("a's sections: %+v", sub)
	}
	var marked []string
	for _, l := range sub[0].Pages() {
		if l.Current {
			marked = append(marked, l.Title)
		}
	}
	if !slices.Equal(marked, []string{"Here"}) {
		t.Errorf("current pages %q, want [Here]", marked)
	}
	if got := d.Breadcrumbs(); !slices.Equal(got, []*SectionData{a, b}) {
		t.Errorf("breadcrumbs %v", got)
	}
	if got := (&PageData{Site: site, Kind: "section", URL: b.URL, Section: b}).Breadcrumbs(); !slices.Equal(got, []*SectionData{a}) {
		t.Errorf("a section's breadcrumbs %v, want its parent only", got)
	}

	// NavCurrent: the page when the tree links to it, else nothing, so
	// that every page of a big section has the same tree.
	for _, tt := range []struct {
		d    *PageData
		want string
	}{
		{d, here.URL},
		{&PageData{Site: site, Kind: "section", URL: b.URL, Section: b}, b.URL},
		{&PageData{Site: site, Kind: "section", URL: c.URL, Section: c}, c.URL},
		{&PageData{Site: site, Kind: "article", URL: c.Pages[3].URL, Section: c}, ""},
		{&PageData{Site: site, Kind: "article", URL: "/about/"}, ""},
	} {
		if got := tt.d.NavCurrent(); got != tt.want {
			t.Errorf("NavCurrent of %s = %q, want %q", tt.d.URL, got, tt.want)
		}
	}
	site.pages = []*Entry{{LinkTitle: "About", URL: "/about/"}}
	if got := (&PageData{Site: site, Kind: "article", URL: "/about/"}).NavCurrent(); got != "/about/" {
		t.Errorf("NavCurrent of a page of the first level = %q", got)
	}

	big := (&PageData{Site: site, Kind: "section", URL: c.URL, Section: c}).Nav()[1]
	if !big.Open || !big.Current || big.Pages() != nil || big.More() != navPages+1 {
		t.Errorf("a section of %d pages: open %v current %v pages %d more %d", navPages+1, big.Open, big.Current, len(big.Pages()), big.More())
	}
}
