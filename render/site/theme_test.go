package site

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

func TestOverlayTheme(t *testing.T) {
	top := fstest.MapFS{
		"layouts/home.html":       {Data: []byte("site home")},
		"static/extra.css":        {Data: []byte("extra")},
		"static/img/logo.svg":     {Data: []byte("logo")},
		"layouts/partials/x.html": {Data: []byte("x")},
	}
	bottom := fstest.MapFS{
		"layouts/home.html":    {Data: []byte("builtin home")},
		"layouts/article.html": {Data: []byte("builtin article")},
		"static/style.css":     {Data: []byte("style")},
	}
	o := OverlayTheme(top, bottom)
	// fstest.TestFS checks Open, ReadDir, Stat and directory reads agree,
	// including on the merged directories.
	if err := fstest.TestFS(o, "layouts/home.html", "layouts/article.html", "layouts/partials/x.html",
		"static/extra.css", "static/img/logo.svg", "static/style.css"); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"layouts/home.html":    "site home",
		"layouts/article.html": "builtin article",
		"static/style.css":     "style",
	} {
		b, err := fs.ReadFile(o, name)
		if err != nil || string(b) != want {
			t.Errorf("%s = %q, %v; want %q", name, b, err, want)
		}
	}
	if _, err := fs.ReadFile(o, "nope.html"); err == nil {
		t.Error("a file in neither layer opened")
	}
}
