package search

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// refTerms is terms written the plain way, rune by rune with a string
// per part and hump: the definition the fast terms must keep to.
func refTerms(text string, f func(term string)) {
	var words []string
	start := -1
	for i, r := range text + " " {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if w := strings.Trim(text[start:i], "."); w != "" {
				words = append(words, w)
			}
			start = -1
		}
	}
	keep := func(t string) {
		if len(t) >= minToken && len(t) <= maxToken && !stop[t] {
			f(t)
		}
	}
	for _, w := range words {
		keep(strings.ToLower(w))
		for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '.' || r == '_' }) {
			lower := strings.ToLower(part)
			if part != w {
				keep(lower)
			}
			for _, h := range refHumps(part) {
				if h != lower {
					keep(h)
				}
			}
		}
	}
}

func refHumps(w string) []string {
	rs := []rune(w)
	var parts []string
	start := 0
	for i := 1; i < len(rs); i++ {
		lowerBefore := unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1])
		acronymEnd := unicode.IsUpper(rs[i-1]) && i+1 < len(rs) && unicode.IsLower(rs[i+1])
		if unicode.IsUpper(rs[i]) && (lowerBefore || acronymEnd) {
			parts = append(parts, strings.ToLower(string(rs[start:i])))
			start = i
		}
	}
	return append(parts, strings.ToLower(string(rs[start:])))
}

func FuzzTermsAsReference(f *testing.F) {
	for _, s := range []string{
		"unix.Pipe2 os.ReadFile(name) HTTPServer pipe_fork", "The end. Of it.",
		"Grüße, naïve café Über.Straße ÉtéFort", "...dots... 1.5 v1.26 a__B..cD_", "ǅungla ÀÉÎ xΣσ",
		"\xff\xfeab\xc3 İstanbul KΩhm", strings.Repeat("z", 41) + " ok",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var got, want []string
		terms(text, func(b []byte) { got = append(got, string(b)) })
		refTerms(text, func(s string) { want = append(want, s) })
		if !slices.Equal(got, want) {
			t.Fatalf("terms(%q) = %q, want %q", text, got, want)
		}
	})
}
