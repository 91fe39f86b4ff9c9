package highlight

import (
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

var goSamples = []string{
	goProgram(1),
	"package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello, pipe\") }\n",
	`//go:build linux

// Package p shows every kind of token.
package p

import (
	"errors"
	"os"
)

/* A block
   comment. */
type T[K comparable, V any] struct {
	m   map[K]V
	ch  chan<- int
	fn  func(int) (string, error)
	arr [3]float64
}

const (
	a = iota
	b = 0x1F + 0b101 - 017 + 1_000
	c = 1.5e3 + .25 + 2i
	d = 'x' + '\n' + '\''
)

var errX = errors.New("x \"quoted\" \\")

func (t *T[K, V]) Get(k K) (v V, ok bool) {
	if t == nil || len(t.m) == 0 {
		return v, false
	}
	v, ok = t.m[k]
	return
}

func main() {
	x := []any{nil, true, false, int64(3), string(rune(65)), any(1)}
	for i, v := range x {
		switch v.(type) {
		case int:
			x[i] = v.(int) << 2 &^ 1
		default:
			goto end
		}
	}
	s := make([]byte, 0, 8)
	s = append(s, "ab"...)
	select {
	case <-make(chan struct{}):
	default:
	}
	defer os.Exit(0)
	go func() { panic(recover()) }()
	x = x[:len(x):cap(x)]
	n := ^1 | 2 ^ 3 % 4 / 5 * 6
	n++; n--; n += 1; n -= 1; n *= 2; n /= 2; n %= 3; n &= 1; n |= 1; n ^= 1; n <<= 1; n >>= 1; n &^= 1
	_ = n != 0 && n >= 1 || n <= 2 && n > 3 && n < 4 && !(n == 5)
	print(float32(1), max(1, 2), min(1, 2), clear, new(int))
end:
	println()
}
`,
	"", "package", "x := 1 // trailing comment", "//\n// \n//x", "a\tb  c\n\n\n",
}

// TestGoTokensMatchChroma holds goTokens to chroma's Go lexer: the same
// tokens (coalesced), so a page does not change with the path its code took.
func TestGoTokensMatchChroma(t *testing.T) {
	lexer := chroma.Coalesce(lexers.Get("go"))
	for _, src := range goSamples {
		it, err := lexer.Tokenise(nil, src)
		if err != nil {
			t.Fatal(err)
		}
		want := it.Tokens()
		got := goTokens(src)
		if len(got) != len(want) {
			t.Errorf("%q: %d tokens, chroma has %d", firstLine(src), len(got), len(want))
		}
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Errorf("%q: token %d = %v %q, chroma has %v %q", firstLine(src), i, got[i].Type, got[i].Value, want[i].Type, want[i].Value)
				break
			}
		}
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// FuzzGoTokens checks that goTokens never panics and loses no byte,
// whatever it is given: snippets are not always valid Go.
func FuzzGoTokens(f *testing.F) {
	for _, s := range goSamples {
		f.Add(s)
	}
	f.Add("\"unterminated\n`raw\x00\xff 'c")
	f.Fuzz(func(t *testing.T, src string) {
		var b strings.Builder
		for _, tok := range goTokens(src) {
			if tok.Value == "" {
				t.Fatalf("empty token %v", tok.Type)
			}
			b.WriteString(tok.Value)
		}
		if b.String() != src {
			t.Fatalf("tokens concatenate to %q, want %q", b.String(), src)
		}
	})
}
