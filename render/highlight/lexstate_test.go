package highlight

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// chromaTokens is what chroma's own lexer for the language gives,
// coalesced as highlight has it.
//
// chroma gives each regexp match 250 ms, on a clock that ticks every
// 100 ms, and takes a match that runs out as no match: on a loaded
// machine (the race detector, other builds) its tokens can come out
// wrong. So the reference is what two runs in a row agree on.
func chromaTokens(t testing.TB, lexer, src string) []chroma.Token {
	t.Helper()
	var last []chroma.Token
	for try := 0; try < 5; try++ {
		it, err := chroma.Coalesce(lexers.Get(lexer)).Tokenise(nil, src)
		if err != nil {
			t.Fatal(err)
		}
		toks := it.Tokens()
		if try > 0 && slices.Equal(toks, last) {
			break
		}
		last = toks
	}
	return last
}

// diffTokens describes the first difference between two token lists, ""
// when they are the same.
func diffTokens(got, want []chroma.Token) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return formatTokenDiff(i, got, want)
		}
	}
	if len(got) != len(want) {
		return formatTokenDiff(min(len(got), len(want)), got, want)
	}
	return ""
}

func formatTokenDiff(i int, got, want []chroma.Token) string {
	var b strings.Builder
	fmt.Fprintf(&b, "token %d differs", i)
	for _, side := range []struct {
		name string
		toks []chroma.Token
	}{{"fast", got}, {"chroma", want}} {
		fmt.Fprintf(&b, "\n%s:", side.name)
		for j := max(0, i-2); j < min(len(side.toks), i+3); j++ {
			mark := " "
			if j == i {
				mark = ">"
			}
			fmt.Fprintf(&b, "\n  %s %v %q", mark, side.toks[j].Type, side.toks[j].Value)
		}
	}
	return b.String()
}

// lexSample is one input for a fast lexer: the code, and whether the
// lexer must leave it to chroma.
type lexSample struct {
	name     string
	src      string
	fallback bool
}

// corpus reads the samples in testdata/lex with the extension ext: code
// of the kinds a docs site shows, none of which may fall back.
func corpus(t testing.TB, ext string) []lexSample {
	paths, err := filepath.Glob(filepath.Join("testdata", "lex", "*"+ext))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no testdata/lex/*%s: %v", ext, err)
	}
	var samples []lexSample
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		samples = append(samples, lexSample{name: filepath.Base(p), src: string(src)})
	}
	return samples
}

// testFastLexer holds a fast lexer, through fastTokens as highlight calls
// it, to chroma's lexer of that name on each sample.
func testFastLexer(t *testing.T, lexer string, samples []lexSample) {
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			got, ok := fastTokens(lexer, []byte(s.src))
			if ok == s.fallback {
				t.Fatalf("fast lexer vouched for the code: %v, want %v", ok, !s.fallback)
			}
			if !ok {
				return
			}
			if d := diffTokens(got, chromaTokens(t, lexer, s.src)); d != "" {
				t.Errorf("%q: %s", firstLine(s.src), d)
			}
		})
	}
}

// fuzzFastLexer checks, on any input, that a fast lexer either leaves the
// code to chroma or gives exactly chroma's tokens, which then hold every
// byte of the code (with LF line ends) in order.
func fuzzFastLexer(f *testing.F, lexer string, seeds []lexSample) {
	for _, s := range seeds {
		f.Add(s.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4<<10 {
			// Chroma is quadratic in places (a docstring or heredoc rule
			// scans to the end at every line): the fuzzer's big inputs would
			// take it minutes.
			t.Skip()
		}
		got, ok := fastTokens(lexer, []byte(src))
		if !ok {
			return
		}
		var b strings.Builder
		for _, tok := range got {
			if tok.Value == "" {
				t.Fatalf("empty %v token", tok.Type)
			}
			b.WriteString(tok.Value)
		}
		if b.String() != toLF.Replace(src) {
			t.Fatalf("tokens concatenate to %q, want %q", b.String(), src)
		}
		if d := diffTokens(got, chromaTokens(t, lexer, src)); d != "" {
			t.Fatalf("%q: %s", src, d)
		}
	})
}

// TestFastHighlightMatchesChroma checks the whole path, HTML's result,
// against chroma's lexer feeding writeTokens (itself held to chroma's
// formatter by TestWriteTokensMatchesChroma).
func TestFastHighlightMatchesChroma(t *testing.T) {
	h := New(0)
	for _, c := range []struct {
		lang string
		ext  string
	}{{"python", ".py"}, {"sh", ".sh"}, {"bash", ".sh"}, {"py", ".py"}} {
		for _, s := range corpus(t, c.ext) {
			got, err := h.HTML(c.lang, []byte(s.src))
			if err != nil {
				t.Fatal(err)
			}
			// chroma gives each regexp match 250 ms and takes a match
			// that runs out as no match, so on a loaded machine (the race
			// detector, other builds) its tokens can come out wrong: a
			// difference counts only when chroma gives it three times.
			same := false
			for try := 0; try < 3 && !same; try++ {
				it, err := lexerFor(c.lang).Tokenise(nil, s.src)
				if err != nil {
					t.Fatal(err)
				}
				var want strings.Builder
				writeTokens(&want, it)
				same = got == want.String()
			}
			if !same {
				t.Errorf("%s as %s: HTML differs from chroma's", s.name, c.lang)
			}
		}
	}
}

// TestFastLexersOnMutations runs, in every `go test`, a fixed sample of
// what the fuzzers do: samples with random edits, and random strings of
// the characters that matter to each lexer. A fast lexer must match chroma
// on each input it accepts.
func TestFastLexersOnMutations(t *testing.T) {
	n := 400
	if testing.Short() {
		n = 50
	}
	for _, c := range []struct {
		lexer    string
		samples  []lexSample
		alphabet string
	}{
		{"Python", append(corpus(t, ".py"), pySamples...), "abfrux_019 .'\"{}[]()!=:#\\\n\t%@<>-+*é"},
		{"Bash", append(corpus(t, ".sh"), shSamples...), "aifdone_019 .'\"{}[]()!=:#\\\n\t%@$<>-+*é`;&|"},
	} {
		rng := rand.New(rand.NewPCG(1, 2))
		alphabet := []rune(c.alphabet)
		accepted := 0
		for i := range n {
			var src []rune
			if i%2 == 0 {
				src = []rune(c.samples[rng.IntN(len(c.samples))].src)
				for range rng.IntN(6) + 1 {
					at := rng.IntN(len(src) + 1)
					switch end := min(len(src), at+rng.IntN(8)); rng.IntN(2) {
					case 0:
						src = slices.Insert(src, at, alphabet[rng.IntN(len(alphabet))])
					case 1:
						src = slices.Delete(src, at, end)
					}
				}
			} else {
				for range rng.IntN(40) {
					src = append(src, alphabet[rng.IntN(len(alphabet))])
				}
			}
			got, ok := fastTokens(c.lexer, []byte(string(src)))
			if !ok {
				continue
			}
			accepted++
			if d := diffTokens(got, chromaTokens(t, c.lexer, string(src))); d != "" {
				t.Fatalf("%s: %q: %s", c.lexer, string(src), d)
			}
		}
		// Most of these are not valid code, but chroma errs on few.
		if accepted < n/3 {
			t.Errorf("%s: accepted %d of %d inputs, want at least a third", c.lexer, accepted, n)
		}
	}
}
