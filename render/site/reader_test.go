package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestRobots(t *testing.T) {
	tests := []struct {
		name, baseURL string
		static        fstest.MapFS
		want          string
	}{
		{"absolute", "https://example.org/docs/", nil,
			"User-agent: *\nDisallow:\n\nSitemap: https://example.org/docs/sitemap.xml\n"},
		{"no host, no sitemap line", "/docs/", nil, "User-agent: *\nDisallow:\n"},
		{"the site's own", "https://example.org/", fstest.MapFS{"robots.txt": {Data: []byte("User-agent: *\nDisallow: /\n")}},
			"User-agent: *\nDisallow: /\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := RenderOptions{}
			if tt.static != nil {
				o.Static = tt.static
			}
			files := readTree(t, renderSite(t, sampleSite, sampleConfig(tt.baseURL), o))
			if got := string(files["robots.txt"]); got != tt.want {
				t.Errorf("robots.txt = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestShareImages(t *testing.T) {
	site := fstest.MapFS{
		"content/card.md":  {Data: []byte("+++\ntitle = \"Card\"\ndescription = \"With images.\"\nimages = [\"/img/card.png\", \"https://cdn.example/x.png\"]\n+++\nBody.\n")},
		"content/plain.md": {Data: []byte("+++\ntitle = \"Plain\"\n+++\nBody.\n")},
	}
	files := readTree(t, renderSite(t, site, sampleConfig("https://example.org/docs/"), RenderOptions{}))
	card, plain := string(files["card/index.html"]), string(files["plain/index.html"])
	for _, want := range []string{
		`<meta property="og:title" content="Card">`,
		`<meta property="og:description" content="With images.">`,
		`<meta property="og:url" content="https://example.org/docs/card/">`,
		`<meta property="og:image" content="https://example.org/docs/img/card.png">`,
		`<meta property="og:image" content="https://cdn.example/x.png">`,
		`<meta name="twitter:card" content="summary_large_image">`,
		`<meta name="twitter:image" content="https://example.org/docs/img/card.png">`,
	} {
		if !strings.Contains(card, want) {
			t.Errorf("card/index.html lacks %s", want)
		}
	}
	if strings.Contains(plain, "og:image") || !strings.Contains(plain, `<meta name="twitter:card" content="summary">`) {
		t.Errorf("plain/index.html: want a summary card without images")
	}
}

func TestSearchIndexFile(t *testing.T) {
	files := readTree(t, renderSite(t, sampleSite, sampleConfig("https://example.org/docs/"), RenderOptions{}))
	idx := string(files["search-index.js"])
	if !strings.HasPrefix(idx, "window.pipedocsSearch={") {
		t.Fatalf("search-index.js: %.60q", idx)
	}
	// Every article, in the site's order, with site-relative URLs and
	// its headings; the front matter's markup is escaped for a script.
	last := 0
	for _, want := range []string{`["pipes/basics/","Pipe basics","Pipes",`, `["writing","Writing","reading","Reading"]`,
		`["pipes/first/",`, `["pipes/xss/","\u003cscript\u003ealert(1)\u003c/script\u003e"`, `["processes/fork/",`} {
		i := strings.Index(idx[last:], want)
		if i < 0 {
			t.Fatalf("search-index.js lacks %s after offset %d", want, last)
		}
		last += i
	}
	// Linked relative to each page, as every asset is; 404.html may be
	// served at any path, so its links are absolute.
	for page, src := range map[string]string{
		"index.html":              "search.js",
		"pipes/basics/index.html": "../../search.js",
		"404.html":                "https://example.org/docs/search.js",
	} {
		if !strings.Contains(string(files[page]), `<script defer src="`+src+`"></script>`) {
			t.Errorf("%s does not load search.js as %s", page, src)
		}
	}
}
