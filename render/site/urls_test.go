package site

import "testing"

func TestURLize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Go", "go"},
		{"Go Basics", "go-basics"},
		{"  Unix   IPC  ", "unix-ipc"},
		{"a - b", "a-b"},
		{"os.Pipe", "os.pipe"},
		{"C++", "c++"},
		{"snake_case", "snake_case"},
		{"Ünïcödé Straße", "ünïcödé-straße"},
		{"日本語", "日本語"},
		{"what? why!", "what-why"},
		{"a/b\\c#d", "abcd"},
		{"<b>bold</b>", "bboldb"},
		{"100%", "100"},
		{"!!!", ""},
		{"..", ""},
		{".", ""},
	}
	for _, tt := range tests {
		if got := urlize(tt.in); got != tt.want {
			t.Errorf("urlize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAliasFile(t *testing.T) {
	tests := []struct{ section, alias, want string }{
		{"pipes", "/old/basics/", "old/basics/index.html"},
		{"pipes", "/old/basics", "old/basics/index.html"},
		{"pipes", "/2010/01/post.html", "2010/01/post.html"},
		{"pipes", "legacy", "pipes/legacy/index.html"},
		{"pipes", "legacy.html", "pipes/legacy.html"},
		{"", "legacy", "legacy/index.html"},
		{"pipes", "../top", "top/index.html"},
		{"pipes", "/a/./b//c/", "a/b/c/index.html"},
		{"pipes", "/../etc/passwd", ""},
		{"pipes", "../../x", ""},
		{"pipes", "/", ""},
		{"pipes", "", "pipes/index.html"},
		{"pipes", "/a?b", ""},
		{"pipes", "/a#b", ""},
		{"pipes", `\a`, ""},
	}
	for _, tt := range tests {
		if got := aliasFile(tt.section, tt.alias); got != tt.want {
			t.Errorf("aliasFile(%q, %q) = %q, want %q", tt.section, tt.alias, got, tt.want)
		}
	}
}

func TestURLs(t *testing.T) {
	tests := []struct {
		baseURL, basePath, abs string
	}{
		{"https://example.org/", "/", "https://example.org/"},
		{"https://example.org", "/", "https://example.org/"},
		{"https://example.org/docs/", "/docs/", "https://example.org/docs/"},
		{"https://example.org/docs", "/docs/", "https://example.org/docs/"},
		{"https://example.org/my docs/", "/my%20docs/", "https://example.org/my%20docs/"},
		{"/", "/", "/"},
		{"", "/", "/"},
	}
	for _, tt := range tests {
		u := newURLs(tt.baseURL)
		if u.basePath != tt.basePath || u.baseURL != tt.abs {
			t.Errorf("newURLs(%q) = {%q, %q}, want {%q, %q}", tt.baseURL, u.basePath, u.baseURL, tt.basePath, tt.abs)
		}
	}

	u := newURLs("https://example.org/docs/")
	for _, tt := range []struct{ got, want string }{
		{u.dir(""), "/docs/"},
		{u.dir("pipes/basics"), "/docs/pipes/basics/"},
		{u.dir("tags/ünï"), "/docs/tags/%C3%BCn%C3%AF/"},
		{u.dir("tags/a b"), "/docs/tags/a%20b/"},
		{u.file("index.xml"), "/docs/index.xml"},
		{u.abs(u.dir("pipes")), "https://example.org/docs/pipes/"},
		{u.link("/about/"), "/docs/about/"},
		{u.link("about/"), "/docs/about/"},
		{u.link("https://go.dev/"), "https://go.dev/"},
		{u.link("//cdn.example/x"), "//cdn.example/x"},
		{u.link("#top"), "#top"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
