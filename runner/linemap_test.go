package runner

import "testing"

func TestSnippetPositions(t *testing.T) {
	const dir = "/tmp/pipedocs-build-1"
	tests := []struct{ in, want string }{
		{"# pipedocs.invalid/snippet/s3\ns3/main.go:5:2: undefined: x\n", "main.go:5:2: undefined: x\n"},
		{"./s3/main.go:5:2: a\n\t./s3/main.go:4:2: other declaration of a\n", "main.go:5:2: a\n\tmain.go:4:2: other declaration of a\n"},
		{dir + "/s3/main.go:7: x\n", "main.go:7: x\n"},
		// The physical position a //line directive makes the compiler add.
		{"main.go:5:6: a redeclared\n\tmain.go:4:6[" + dir + "/s3/main.go:5:6]: other declaration of a\n", "main.go:5:6: a redeclared\n\tmain.go:4:6: other declaration of a\n"},
		// Another snippet's file, a file of the same name elsewhere and a
		// name that merely ends like ours stay as they are.
		{"s4/main.go:1:1: x\n", "s4/main.go:1:1: x\n"},
		{"/usr/local/go/src/s3/main.go:1:1: x\n", "/usr/local/go/src/s3/main.go:1:1: x\n"},
		{"s3/domain.go:1:1: x\n", "s3/domain.go:1:1: x\n"},
		{"go: something went wrong\n", "go: something went wrong\n"},
	}
	for _, tt := range tests {
		if got := string(snippetPositions([]byte(tt.in), dir, "s3", "main.go")); got != tt.want {
			t.Errorf("snippetPositions(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestArticlePositions(t *testing.T) {
	tests := []struct {
		in, path string
		first    int
		want     string
	}{
		{"main.go:5:2: undefined: x\n", "content/pipes/basics.md", 23, "content/pipes/basics.md:27:2: undefined: x\n"},
		{"main.go:1: x\n\tmain.go:3:4: y (see main.go:2)\n", "a.md", 10, "a.md:10: x\n\ta.md:12:4: y (see a.md:11)\n"},
		{"main.go:5:2: x\n", "", 0, "main.go:5:2: x\n"},
		{"domain.go:5:2: x\n/src/main.go:1:1: y\n", "a.md", 10, "domain.go:5:2: x\n/src/main.go:1:1: y\n"},
		{"main.go:99999999999999999999: x\n", "a.md", 10, "main.go:99999999999999999999: x\n"},
	}
	for _, tt := range tests {
		if got := string(articlePositions([]byte(tt.in), "main.go", tt.path, tt.first)); got != tt.want {
			t.Errorf("articlePositions(%q, %q, %d) = %q, want %q", tt.in, tt.path, tt.first, got, tt.want)
		}
	}
}
