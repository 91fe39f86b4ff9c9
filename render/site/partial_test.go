package site

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pipedocs/pipedocs/themes"
)

// TestPartialCachedSiteLayout: a site's own header may show what differs
// from page to page, so a theme with a layout of its own gets no page's
// header on another page, though baseof.html keeps one per section.
func TestPartialCachedSiteLayout(t *testing.T) {
	siteTheme := fstest.MapFS{
		"layouts/partials/header.html": {Data: []byte(`<header class="mine">{{.Title}}</header>`)},
	}
	dir := renderSite(t, sampleSite, sampleConfig("https://example.org/"), RenderOptions{Theme: OverlayTheme(siteTheme, themes.Default)})
	files := readTree(t, dir)
	title := regexp.MustCompile(`<h1>([^<]*)</h1>`)
	checked := 0
	for name, b := range files {
		if !strings.HasSuffix(name, ".html") || !strings.Contains(string(b), `class="mine"`) {
			continue
		}
		m := title.FindSubmatch(b)
		if m == nil {
			continue
		}
		if want := `<header class="mine">` + string(m[1]) + `</header>`; !strings.Contains(string(b), want) {
			t.Errorf("%s: no %s", name, want)
		}
		checked++
	}
	if checked < 5 {
		t.Errorf("only %d pages with the site's header and a title", checked)
	}
}

// TestBuiltinLayouts: only a theme whose layouts are all the built-in
// ones, and no more, keeps what partialCached gave.
func TestBuiltinLayouts(t *testing.T) {
	tests := []struct {
		name  string
		files fstest.MapFS
		want  bool
	}{
		{"built-in", nil, true},
		{"a style sheet of its own", fstest.MapFS{"static/style.css": {Data: []byte("body{}")}}, true},
		{"a partial of its own", fstest.MapFS{"layouts/partials/footer.html": {Data: []byte("<footer></footer>")}}, false},
		{"an extra partial", fstest.MapFS{"layouts/partials/x.html": {Data: []byte(`{{define "partials/footer.html"}}{{end}}`)}}, false},
		{"a layout of its own", fstest.MapFS{"layouts/article.html": {Data: []byte(`{{define "main"}}{{end}}`)}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, err := loadTheme(OverlayTheme(tt.files, themes.Default), themes.Default, templateFuncs())
			if err != nil {
				t.Fatal(err)
			}
			if th.partials.memo != tt.want {
				t.Errorf("memo = %v, want %v", th.partials.memo, tt.want)
			}
		})
	}
}

// TestTemplateFuncErrors: partialCached and dict refuse what they cannot
// use, with the error naming the page.
func TestTemplateFuncErrors(t *testing.T) {
	tests := []struct{ home, want string }{
		{`{{partialCached "footer.html" . .Pages}}`, "variant 1 is a []*site.Entry"},
		{`{{partialCached "footer.html" . 1 2 3 4}}`, "more than 3 variants"},
		{`{{partialCached "nope.html" .}}`, `no template "partials/nope.html"`},
		{`{{dict "a"}}`, "dict: a key without a value"},
		{`{{dict 1 2}}`, "dict: key 1 is a int"},
	}
	for _, tt := range tests {
		theme := OverlayTheme(fstest.MapFS{"layouts/home.html": {Data: []byte(`{{define "main"}}` + tt.home + `{{end}}`)}}, themes.Default)
		s, md := parseSite(t, sampleSite, sampleConfig("https://example.org/"))
		err := Render(context.Background(), s, nil, md, RenderOptions{Theme: theme}, t.TempDir())
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "index.html") {
			t.Errorf("%s: err = %v, want one naming index.html and saying %q", tt.home, err, tt.want)
		}
	}
}
