package site

import "testing"

// TestURLize holds urlize to what Hugo 0.111 writes for each term
// (compared with the real hugo: the folder of the term's page).
func TestURLize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Go", "go"},
		{"Go Basics", "go-basics"},
		{"  Unix   IPC  ", "unix-ipc"},
		{"a - b", "a-b"},
		{"g- -h", "g--h"},
		{"a--b", "a--b"},
		{"tr /sl", "tr-/sl"},
		{"os.Pipe", "os.pipe"},
		{"C++", "c++"},
		{"snake_case", "snake_case"},
		{"Ünïcödé Straße", "ünïcödé-straße"},
		{"ǅ", "ǆ"},
		{"日本語", "日本語"},
		{"emoji😀", "emoji"},
		{"what? why!", "what-why"},
		{"it's a&b (x)", "its-ab-x"},
		{"tab\tsep", "tab-sep"},
		{"a/b\\c#d", "a/bc#d"},
		{"<b>bold</b>", "bbold/b"},
		{"p%20q", "p%20q"},
		{"x%zz", "xzz"},
		{"100%", "100"},
		{"i@j~k", "i@j~k"},
		{"!!!", ""},
		{"Ⅻ", ""}, // a letter number: neither letter nor digit to Go and Hugo
	}
	for _, tt := range tests {
		if got := urlize(tt.in); got != tt.want {
			t.Errorf("urlize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTermKey(t *testing.T) {
	tests := []struct{ in, want, problem string }{
		{"Go Basics", "go-basics", ""},
		{"a/b", "a/b", ""},
		{"a//b", "a/b", ""},
		{"/lead", "lead", ""},
		{"x/./z", "x/z", ""},
		{"x#y", "x#y", ""},
		{"$", "", "has no letter or digit to make a URL of"},
		{".", "", "has no letter or digit to make a URL of"},
		{"./", "", "has no letter or digit to make a URL of"},
		{"..", "", `has a ".." part: its page would be written outside the taxonomy's folder`},
		{"../up", "", `has a ".." part: its page would be written outside the taxonomy's folder`},
	}
	for _, tt := range tests {
		if got, problem := termKey(tt.in); got != tt.want || problem != tt.problem {
			t.Errorf("termKey(%q) = %q, %q; want %q, %q", tt.in, got, problem, tt.want, tt.problem)
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
		b := newBase(tt.baseURL)
		if b.path != tt.basePath || b.url != tt.abs {
			t.Errorf("newBase(%q) = {%q, %q}, want {%q, %q}", tt.baseURL, b.path, b.url, tt.basePath, tt.abs)
		}
	}

	b := newBase("https://example.org/docs/")
	for _, tt := range []struct{ got, want string }{
		{dirURL(""), "/"},
		{dirURL("pipes/basics"), "/pipes/basics/"},
		{dirURL("tags/ünï"), "/tags/%C3%BCn%C3%AF/"},
		{dirURL("tags/a b"), "/tags/a%20b/"},
		{fileURL("index.xml"), "/index.xml"},
		{b.abs(dirURL("pipes")), "https://example.org/docs/pipes/"},
		{b.abs(dirURL("")), "https://example.org/docs/"},
		{menuURL("/about/"), "/about/"},
		{menuURL("about/"), "/about/"},
		{menuURL("https://go.dev/"), "https://go.dev/"},
		{menuURL("//cdn.example/x"), "//cdn.example/x"},
		{menuURL("#top"), "#top"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
