package site

import (
	"testing"
	"testing/fstest"

	"github.com/pipedocs/pipedocs/render/page"
)

// TestRefResolve holds what Hugo 0.111 resolved each target to, from
// content/blog/t.md (shortcode/hugo_test.go compares some with hugo).
func TestRefResolve(t *testing.T) {
	md := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\ntitle = \"" + title + "\"\n+++\n")}
	}
	s, _ := parseSite(t, fstest.MapFS{
		"content/_index.md":      md("home"),
		"content/blog/_index.md": md("blog"),
		"content/blog/post.md":   md("p"),
		"content/blog/t.md":      md("t"),
		"content/docs/x.md":      md("d"),
		"content/a/same.md":      md("s1"),
		"content/docs/same.md":   md("s2"),
	}, sampleConfig("/"))
	var from *page.Page
	for _, a := range s.Pages {
		if a.Page.Path == "content/blog/t.md" {
			from = a.Page
		}
	}
	tests := []struct{ target, want string }{
		{"/", "/"},
		{"blog", "/blog/"},
		{"/blog", "/blog/"},
		{"post", "/blog/post/"},
		{"post.md#part", "/blog/post/#part"},
		{"#frag", "#frag"},
		{"docs", "/docs/"},
		{"../docs/x.md", "/docs/x/"},
		{"_index.md", "/blog/"},
		{"/blog/_index.md", "/blog/"},
		{"./post", "/blog/post/"},
		{"x", "/docs/x/"},
		{"missing", `error: ref "missing": no page, section or home page has this path`},
		{"same", `error: ref "same": 2 pages have this name; give its path`},
		{"nope/x", `error: ref "nope/x": no page, section or home page has this path`},
	}
	for _, tt := range tests {
		got, err := s.refs.resolve(from, tt.target)
		if err != nil {
			got = "error: " + err.Error()
		}
		if got != tt.want {
			t.Errorf("ref %q = %q, want %q", tt.target, got, tt.want)
		}
	}
}
