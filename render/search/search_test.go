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
		{"...dots... 1.5 v1.26", []string{"dots", "1.5", "v1.26", "v1", "26"}},
		{strings.Repeat("z", 41) + " ok", []string{"ok"}},
	}
	for _, tt := range tests {
		var got []string
		terms(tt.text, func(s string) { got = append(got, s) })
		if !slices.Equal(got, tt.want) {
			t.Errorf("terms(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

const body = `<p>Make a pipe with <code>unix.Pipe2</code> &amp; flags.</p>
<h2 id="closing">Closing the <em>write</em> end <a class="anchor" href="#closing">#</a></h2>
<figure class="snippet" id="snippet-1">
<figcaption class="snippet-title">main.go</figcaption>
<div class="highlight"><pre class="chroma"><code><span class="nx">w</span><span class="p">.</span><span class="nf">Close</span>()</code></pre></div>
<div class="output output-verified">
<div class="output-status"><span class="badge">verified</span> <span class="exit">exit 0</span></div>
<pre class="output-text">printedword</pre>
</div>
</figure>
<p>Then<br>reads see EOF.</p>
<h3>No id, so no part</h3>
<h3 id="last">Last</h3><p>tail</p>`

func TestExtract(t *testing.T) {
	parts := extract(body)
	type got struct{ id, heading, text, code string }
	var have []got
	for _, p := range parts {
		have = append(have, got{p.id, p.heading,
			strings.Join(strings.Fields(p.text[fieldText].String()), " "),
			strings.Join(strings.Fields(p.text[fieldCode].String()), " ")})
	}
	want := []got{
		{"", "", "Make a pipe with & flags.", "unix.Pipe2"},
		{"closing", "Closing the write end", "main.go Then reads see EOF. No id, so no part", "w.Close()"},
		{"last", "Last", "tail", ""},
	}
	if !slices.Equal(have, want) {
		t.Errorf("extract:\n got %q\nwant %q", have, want)
	}
}

func TestNewDocScores(t *testing.T) {
	d := NewDoc(Page{URL: "pipes/", Title: "Pipes in Go"}, body)
	score := func(part int, term string) int {
		for _, s := range d.parts[part].terms {
			if s.term == term {
				return s.score
			}
		}
		return 0
	}
	for _, c := range []struct {
		part int
		term string
		want int
	}{
		{0, "pipes", 10}, {0, "pipe2", 3}, {0, "pipe", 1}, {0, "unix.pipe2", 3},
		{1, "closing", 6}, {1, "close", 3}, {1, "eof", 1},
		{1, "printedword", 0}, {1, "verified", 0}, {0, "the", 0},
	} {
		if got := score(c.part, c.term); got != c.want {
			t.Errorf("part %d, %q: score %d, want %d", c.part, c.term, got, c.want)
		}
	}
}

var testPages = []Page{
	{URL: "pipes/", Title: "Pipes in Go", Section: "Basics", Summary: "How <pipes> work."},
	{URL: "fork/", Title: "Fork", Summary: strings.Repeat("word ", 50)},
}

var testBodies = []string{body, "<p>fork and exec, then <code>syscall.ForkExec</code></p>"}

func testDocs() []Doc {
	docs := make([]Doc, len(testPages))
	for i, p := range testPages {
		docs[i] = NewDoc(p, testBodies[i])
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
			wg.Go(func() { docs[i] = NewDoc(p, testBodies[i]) })
		}
		wg.Wait()
		if again := Build(docs); !bytes.Equal(first, again) {
			t.Fatalf("two builds differ:\n%s\n%s", first, again)
		}
	}
}

// The index says where each term is: decoding the postings of "pipe2"
// leads to the opening of the first page, and of "forkexec" to the
// second page's opening (part 3: page 1 has parts 0, 1 and 2).
func TestBuildPostings(t *testing.T) {
	b := Build(testDocs())
	js, ok := bytes.CutPrefix(b, []byte("window.pipedocsSearch="))
	if !ok || !bytes.HasSuffix(js, []byte(";\n")) {
		t.Fatalf("not a script setting window.pipedocsSearch: %.40s…", b)
	}
	var x struct {
		Pages [][]any  `json:"pages"`
		Words []string `json:"words"`
		Posts [][]int  `json:"posts"`
	}
	if err := json.Unmarshal(bytes.TrimSuffix(js, []byte(";\n")), &x); err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(x.Words) || len(x.Words) != len(x.Posts) {
		t.Fatalf("%d words (sorted: %v), %d posting lists", len(x.Words), slices.IsSorted(x.Words), len(x.Posts))
	}
	parts := func(w string) []int {
		i, found := slices.BinarySearch(x.Words, w)
		if !found {
			return nil
		}
		var ps []int
		part := 0
		for j := 0; j < len(x.Posts[i]); j += 2 {
			part += x.Posts[i][j]
			ps = append(ps, part)
		}
		return ps
	}
	for w, want := range map[string][]int{"pipe2": {0}, "forkexec": {3}, "fork": {3}, "close": {1}, "tail": {2}, "the": nil} {
		if got := parts(w); !slices.Equal(got, want) {
			t.Errorf("%q in parts %v, want %v", w, got, want)
		}
	}
	if got := x.Pages[1][3].(string); len(got) > maxSummary+len("…") || !strings.HasSuffix(got, "…") {
		t.Errorf("long summary not cut: %q", got)
	}
}
