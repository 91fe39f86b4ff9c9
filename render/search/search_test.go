package search

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/index.golden")

func TestTerms(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"unix.Pipe2", []string{"unix.pipe2", "unix", "pipe2"}},
		{"os.ReadFile(name)", []string{"os.readfile", "os", "readfile", "read", "file", "name"}},
		{"HTTPServer", []string{"httpserver", "http", "server"}},
		{"pipe_fork", []string{"pipe_fork", "pipe", "fork"}},
		{"The end. Of it.", []string{"end"}},
		{"x := a + b", nil},
		{"Grüße, naïve café", []string{"grüße", "naïve", "café"}},
		{"Über.Straße ÉtéFort", []string{"über.straße", "über", "straße", "étéfort", "été", "fort"}},
		{"...dots... 1.5 v1.26", []string{"dots", "1.5", "v1.26", "v1", "26"}},
		{strings.Repeat("z", 41) + " ok", []string{"ok"}},
	}
	for _, tt := range tests {
		var got []string
		terms(tt.text, func(s []byte) { got = append(got, string(s)) })
		if !slices.Equal(got, tt.want) {
			t.Errorf("terms(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// parts are a page as render/markdown gathers it: a paragraph with code,
// a titled snippet (its output left out), a heading without an id (not
// a part of its own), and a last part.
var parts = []Part{
	{Text: "Make a pipe with  & flags. ", Code: "unix.Pipe2 "},
	{ID: "closing", Heading: "Closing the write end", Text: "main.go  Then reads see EOF.  No id, so no part ", Code: "w.Close() "},
	{ID: "last", Heading: "Last", Text: "tail "},
}

func TestNewDocScores(t *testing.T) {
	d := NewDoc(Page{URL: "pipes/", Title: "Pipes in Go"}, parts)
	score := func(term string) int {
		got := 0
		d.each(func(t []byte, s int) {
			if string(t) == term {
				got = s
			}
		})
		return got
	}
	for _, c := range []struct {
		term string
		want int
	}{
		{"pipes", 10}, {"pipe2", 3}, {"pipe", 1}, {"unix.pipe2", 3},
		{"closing", 6}, {"close", 3}, {"eof", 1}, {"main.go", 1},
		{"printedword", 0}, {"verified", 0}, {"the", 0},
	} {
		if got := score(c.term); got != c.want {
			t.Errorf("%q: score %d, want %d", c.term, got, c.want)
		}
	}
	if want := []string{"closing", "Closing the write end", "last", "Last"}; !slices.Equal(d.headings, want) {
		t.Errorf("headings %q, want %q", d.headings, want)
	}
}

func TestAppendNumber(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0"}, {31, "V"}, {32, "W1"}, {33, "X1"}, {1000, "eV"}, {1 << 20, "WWWW1"}} {
		if got := string(appendNumber(nil, c.n)); got != c.want {
			t.Errorf("appendNumber(%d) = %q, want %q", c.n, got, c.want)
		}
		if got, rest := decodeNumber(c.want); got != c.n || rest != "" {
			t.Errorf("decodeNumber(%q) = %d, %q", c.want, got, rest)
		}
	}
}

// decodeNumber is the script's decoder, for the tests.
func decodeNumber(s string) (int, string) {
	n, shift := 0, 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(digits, s[i])
		if d < 32 {
			return n | d<<shift, s[i+1:]
		}
		n |= (d - 32) << shift
		shift += 5
	}
	return n, ""
}

var testPages = []Page{
	{URL: "pipes/", Title: "Pipes in Go", Section: "Basics", Summary: "How <pipes> work."},
	{URL: "fork/", Title: "Fork", Summary: strings.Repeat("word ", 50)},
}

var testParts = [][]Part{parts, {{Text: "fork and exec, then ", Code: "syscall.ForkExec "}}}

func testDocs() []Doc {
	docs := make([]Doc, len(testPages))
	for i, p := range testPages {
		docs[i] = NewDoc(p, testParts[i])
	}
	return docs
}

func TestBuildGolden(t *testing.T) {
	got := Build(testDocs())
	if *update {
		if err := os.WriteFile("testdata/index.golden", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/index.golden")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Build:\n got %s\nwant %s", got, want)
	}
}

// The same pages give the same bytes, whichever goroutines scanned them.
func TestBuildDeterministic(t *testing.T) {
	first := Build(testDocs())
	for range 5 {
		docs := make([]Doc, len(testPages))
		var wg sync.WaitGroup
		for i, p := range testPages {
			wg.Go(func() { docs[i] = NewDoc(p, testParts[i]) })
		}
		wg.Wait()
		if again := Build(docs); !bytes.Equal(first, again) {
			t.Fatalf("two builds differ:\n%s\n%s", first, again)
		}
	}
}

// The index says where each term is: decoding the postings of a term
// gives the pages it is on, with their scores.
func TestBuildPostings(t *testing.T) {
	b := Build(testDocs())
	js, ok := bytes.CutPrefix(b, []byte("window.pipedocsSearch="))
	if !ok || !bytes.HasSuffix(js, []byte(";\n")) {
		t.Fatalf("not a script setting window.pipedocsSearch: %.40s…", b)
	}
	var x struct {
		Pages [][]any  `json:"pages"`
		Words []string `json:"words"`
		Posts []string `json:"posts"`
	}
	if err := json.Unmarshal(bytes.TrimSuffix(js, []byte(";\n")), &x); err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(x.Words) || len(x.Words) != len(x.Posts) {
		t.Fatalf("%d words (sorted: %v), %d posting lists", len(x.Words), slices.IsSorted(x.Words), len(x.Posts))
	}
	postings := func(w string) [][2]int {
		i, found := slices.BinarySearch(x.Words, w)
		if !found {
			return nil
		}
		var ps [][2]int
		page := 0
		for s := x.Posts[i]; s != ""; {
			var delta int
			delta, s = decodeNumber(s)
			page += delta
			ps = append(ps, [2]int{page, strings.IndexByte(digits, s[0])})
			s = s[1:]
		}
		return ps
	}
	for w, want := range map[string][][2]int{
		"pipe2":    {{0, 3}},
		"forkexec": {{1, 3}},
		"fork":     {{1, 14}}, // title 10, prose 1, a hump of ForkExec 3
		"exec":     {{1, 4}},
		"pipes":    {{0, 14}}, // title 10, summary 4
		"close":    {{0, 3}},
		"the":      nil,
	} {
		if got := postings(w); !slices.Equal(got, want) {
			t.Errorf("%q: postings %v, want %v", w, got, want)
		}
	}
	if got := x.Pages[1][3].(string); len(got) > maxSummary+len("…") || !strings.HasSuffix(got, "…") {
		t.Errorf("long summary not cut: %q", got)
	}
}

// BenchmarkNewDoc is one page's document: prose, code with compound
// identifiers, and headings.
func BenchmarkNewDoc(b *testing.B) {
	text := strings.Repeat("The reader blocks until the writer closes its end of the pipe, so a deadline keeps a stuck process from hanging the build. ", 40)
	code := strings.Repeat("r, w, err := os.Pipe() if err != nil { return fmt.Errorf(\"pipe: %w\", err) } defer w.Close() go io.Copy(os.Stdout, r) cmd.ExtraFiles = []*os.File{w} ", 20)
	ps := []Part{{Text: text, Code: code}, {ID: "closing", Heading: "Closing the write end", Text: text, Code: code}}
	for b.Loop() {
		NewDoc(Page{URL: "pipes/basics/", Title: "Pipes: the basics of unix.Pipe2", Summary: text[:300]}, ps)
	}
}
