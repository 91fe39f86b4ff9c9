package highlight

import (
	"os"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// BenchmarkFastLexers measures pyTokens and shTokens against the chroma
// lexers they stand in for, on a 30-line Python and a 20-line shell block,
// and a cold highlight of the bench programs (one Go, one Python, one
// shell) without them (as before they existed: only Go fast) and with them.
// Compare the pairs within one run: the machine is shared.
func BenchmarkFastLexers(b *testing.B) {
	for _, c := range []struct {
		name, lexer, file string
		lines             int
	}{
		{"python-30-lines", "Python", "testdata/lex/subprocess_run.py", 30},
		{"sh-20-lines", "Bash", "testdata/lex/control.sh", 20},
	} {
		src, err := os.ReadFile(c.file)
		if err != nil {
			b.Fatal(err)
		}
		lines := strings.SplitAfter(string(src), "\n")
		code := strings.Join(lines[:c.lines], "")
		b.Run(c.name+"/fast", func(b *testing.B) {
			b.SetBytes(int64(len(code)))
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := fastTokens(c.lexer, []byte(code)); !ok {
					b.Fatal("fell back to chroma")
				}
			}
		})
		b.Run(c.name+"/chroma", func(b *testing.B) {
			lexer := chroma.Coalesce(lexers.Get(c.lexer))
			b.SetBytes(int64(len(code)))
			b.ReportAllocs()
			for b.Loop() {
				it, err := lexer.Tokenise(nil, code)
				if err != nil {
					b.Fatal(err)
				}
				it.Tokens()
			}
		})
	}
	programs := func(b *testing.B) {
		h := New(0)
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range []struct{ lang, code string }{
				{"go", goProgram(1)}, {"python", pyProgram(1)}, {"sh", shProgram()},
			} {
				if _, err := h.HTML(p.lang, []byte(p.code)); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.Run("programs/go-only", func(b *testing.B) {
		saved := fastLexers
		fastLexers = map[string]func(string) ([]chroma.Token, bool){"Go": saved["Go"]}
		defer func() { fastLexers = saved }()
		programs(b)
	})
	b.Run("programs/all", programs)
}
