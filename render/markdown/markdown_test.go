package markdown

import (
	"strings"
	"testing"

	"github.com/pipedocs/pipedocs/render/snippet"
)

// TestRenderMismatch checks that Render refuses arguments that do not
// belong together instead of rendering a page that silently drops a panel.
func TestRenderMismatch(t *testing.T) {
	src := []byte("+++\ntitle = \"t\"\n+++\n```sh\necho hi\n```\n")
	start := bodyStart(src)
	body := src[start:]
	r := New(Options{})
	doc := mustParse(t, r, body)
	snippets, diags := snippet.Find("t.md", src, start, doc)
	if len(diags) > 0 || len(snippets) != 1 {
		t.Fatalf("Find: %d snippets, %v", len(snippets), diags)
	}

	if _, err := r.Render(body, start, doc, snippets, make([]snippet.Outcome, 2)); err == nil || !strings.Contains(err.Error(), "2 outcomes for 1 snippets") {
		t.Errorf("two outcomes for one snippet: err = %v", err)
	}
	// Offsets measured from the wrong origin name no block of doc.
	if _, err := r.Render(body, start+1, doc, snippets, nil); err == nil || !strings.Contains(err.Error(), "snippet 1 (line 4)") {
		t.Errorf("wrong bodyStart: err = %v", err)
	}
	a, err := r.Render(body, start, doc, snippets, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(a.Body), `<figure class="snippet" id="snippet-1">`) {
		t.Errorf("no figure in %s", a.Body)
	}
}

// TestRenderWithoutSnippets renders language blocks as plain highlighted
// code when the caller has no snippets for them.
func TestRenderWithoutSnippets(t *testing.T) {
	body := []byte("```go\npackage main\n```\n")
	r := New(Options{})
	a, err := r.Render(body, 0, mustParse(t, r, body), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := `<div class="highlight"><pre class="chroma"><code><span class="kn">package</span><span class="w"> </span><span class="nx">main</span><span class="w">` + "\n</span></code></pre></div>\n"
	if string(a.Body) != want {
		t.Errorf("got  %q\nwant %q", a.Body, want)
	}
}
