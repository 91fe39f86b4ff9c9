package page

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// hugoPages are front matters whose reading Hugo decides: each date
// layout, in the past and in the future, Hugo's other names of the dates,
// JSON, drafts and expiry.
func hugoPages() map[string]string {
	pages := map[string]string{
		"draft":           "---\ntitle: D\ndraft: true\n---\n",
		"json":            "{\n  \"title\": \"J\",\n  \"publishDate\": \"2999-01-01\"\n}\nBody\n",
		"json-past":       "  {\"title\": \"J } {\", \"expiryDate\": \"2999-01-01\", \"date\": \"2001-02-03T04:05:06-0700\"}\nBody\n",
		"json-expired":    "{\"expirydate\": \"2001-01-01\"}\n",
		"pubdate":         "---\npubdate: 2999-01-01\n---\n",
		"published":       "---\npublished: 2999-01-01\n---\n",
		"unpublish":       "---\nunpublishdate: 2001-01-01\n---\n",
		"pub-over-date":   "+++\ndate = 2999-01-01\npublishDate = 2001-01-01\n+++\n",
		"lastmod":         "+++\nlastmod = 2999-01-01\n+++\n",
		"toml-local":      "+++\npublishDate = 2999-01-01T10:00:00\n+++\n",
		"no-front-matter": "Just text.\n",
	}
	// 2068: a two-digit year ("68") reads as 20xx up to 68. A layout with
	// a zone name and no offset loses the offset, in Hugo as here.
	eet := time.FixedZone("EET", 2*3600)
	past := time.Date(2001, 2, 3, 4, 5, 6, 0, eet)
	future := time.Date(2068, 2, 3, 4, 5, 6, 0, eet)
	for i, l := range dateLayouts {
		if l.layout == time.Kitchen || strings.HasPrefix(l.layout, "Jan _2") { // times of day: year 0
			pages[fmt.Sprintf("layout%02d", i)] = fmt.Sprintf("---\ndate: %q\n---\n", past.Format(l.layout))
			continue
		}
		pages[fmt.Sprintf("layout%02d-past", i)] = fmt.Sprintf("---\ndate: %q\n---\n", past.Format(l.layout))
		pages[fmt.Sprintf("layout%02d-future", i)] = fmt.Sprintf("---\npublishDate: %q\n---\n", future.Format(l.layout))
		pages[fmt.Sprintf("layout%02d-expired", i)] = fmt.Sprintf("---\nexpiryDate: %q\n---\n", past.Format(l.layout))
	}
	return pages
}

// TestVisibleAsHugo builds hugoPages with Debian's hugo (0.111, as CI
// installs it) and requires that it publishes exactly the pages Visible
// keeps, under each of Hugo's flags, and reads the same dates.
func TestVisibleAsHugo(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not installed (apt-get install hugo): not compared with Hugo")
	}
	if testing.Short() {
		t.Skip("builds a site with hugo")
	}
	dir := t.TempDir()
	layout := "{{ .PublishDate.UTC.Format \"2006-01-02T15:04:05Z\" }}|{{ .ExpiryDate.UTC.Format \"2006-01-02T15:04:05Z\" }}"
	files := map[string]string{
		"hugo.toml":                    "baseURL = \"/\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n",
		"layouts/_default/single.html": layout,
		"layouts/_default/list.html":   layout,
	}
	pages := hugoPages()
	for name, src := range pages {
		files["content/"+name+".md"] = src
	}
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []struct {
		flags  []string
		filter Filter
	}{
		{nil, Filter{}},
		{[]string{"-F"}, Filter{Future: true}},
		{[]string{"-E", "-D"}, Filter{Expired: true, Drafts: true}},
	} {
		out := filepath.Join(dir, "public"+strings.Join(f.flags, ""))
		cmd := exec.Command(hugo, append([]string{"--quiet", "-s", dir, "-d", out}, f.flags...)...)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("hugo %v: %v\n%s", f.flags, err, msg)
		}
		var hugoBuilt, ours []string
		for name := range pages {
			html, err := os.ReadFile(filepath.Join(out, name, "index.html"))
			if err == nil {
				hugoBuilt = append(hugoBuilt, name)
			}
			p, errs := Parse("content/"+name+".md", name+".md", []byte(pages[name]))
			if len(errs) > 0 {
				t.Errorf("%s: %v", name, errs)
			}
			if Visible(&p.Meta, f.filter) {
				ours = append(ours, name)
			}
			if err == nil {
				publish := p.Meta.PublishDate
				if publish.IsZero() {
					publish = p.Meta.Date
				}
				want := publish.UTC().Format("2006-01-02T15:04:05Z") + "|" + p.Meta.ExpiryDate.UTC().Format("2006-01-02T15:04:05Z")
				if string(html) != want {
					t.Errorf("%s: Hugo reads the dates as %s, pipedocs as %s", name, html, want)
				}
			}
		}
		slices.Sort(hugoBuilt)
		slices.Sort(ours)
		if !slices.Equal(hugoBuilt, ours) {
			t.Errorf("hugo %v builds\n%v\nVisible keeps\n%v", f.flags, hugoBuilt, ours)
		}
	}
}
