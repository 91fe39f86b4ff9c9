package highlight

import (
	"bytes"
	"html"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// TestWriteTokensMatchesChroma holds writeTokens to the output of chroma's
// own HTML formatter with the options it stands in for.
func TestWriteTokensMatchesChroma(t *testing.T) {
	formatter := chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))
	samples := []struct{ lang, code string }{
		{"go", goSamples[2]},
		{"python", pyProgram(1)},
		{"sh", shProgram()},
		{"text", "<b> & \"q\" 'a'\n\n\ttab\n"},
		{"python", "no trailing newline = 'x'"},
	}
	for _, s := range samples {
		lexer := lexerFor(s.lang)
		tokens := func() chroma.Iterator {
			it, err := lexer.Tokenise(nil, s.code)
			if err != nil {
				t.Fatal(err)
			}
			return it
		}
		var want bytes.Buffer
		if err := formatter.Format(&want, styles.Fallback, tokens()); err != nil {
			t.Fatal(err)
		}
		var got strings.Builder
		writeTokens(&got, tokens())
		if got.String() != want.String() {
			t.Errorf("%s: writeTokens differs from chroma's formatter\n got %q\nwant %q", s.lang, got.String(), want.String())
		}
	}
}

// writeEscaped writes what html.EscapeString returns.
func TestWriteEscaped(t *testing.T) {
	for _, s := range []string{"", "plain", "<", `a<b>&c'd"e`, "&&", "x\n", "ünï<cödé>", `"'"'`, "end&"} {
		var b strings.Builder
		writeEscaped(&b, s)
		if want := html.EscapeString(s); b.String() != want {
			t.Errorf("writeEscaped(%q) = %q, want %q", s, b.String(), want)
		}
	}
}
