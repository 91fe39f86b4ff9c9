package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token lengths the index keeps, in bytes: one letter says nothing, and a
// run longer than maxToken is a hash or an encoded blob, not a word.
const (
	minToken = 2
	maxToken = 40
)

// stopWords are left out of the index and out of queries: words so
// common in English prose that they would match every page. The list is
// written into the index, so the script drops the same words.
var stopWords = []string{
	"a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from",
	"has", "have", "in", "into", "is", "it", "its", "not", "of", "on", "or",
	"so", "that", "the", "their", "then", "there", "these", "this", "to",
	"was", "were", "which", "will", "with",
}

var stop = func() map[string]bool {
	m := make(map[string]bool, len(stopWords))
	for _, w := range stopWords {
		m[w] = true
	}
	return m
}()

// isWordRune says whether r belongs to a word: letters, digits, '_' and
// '.', so that "unix.Pipe2" and "os.ReadFile" are one word. The script's
// /[\p{L}\p{N}_.]+/u is the same set.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = c == '_' || c == '.' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// words calls f with each word of s: a maximal run of word runes with
// its dots trimmed from both ends, so that a sentence's full stop is not
// part of its last word. This is how the script splits a query.
func words(s string, f func(word string)) {
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			emitWord(s[start:i], f)
			start = -1
		}
	}
	if start >= 0 {
		emitWord(s[start:], f)
	}
}

func emitWord(w string, f func(string)) {
	if w = strings.Trim(w, "."); w != "" {
		f(w)
	}
}

// terms calls f with the index terms of text: for each word, the word
// in lower case, then its parts (split at '.' and '_') and the parts'
// camel-case humps, so that "unix.Pipe2" is found as unix.pipe2, unix
// and pipe2, and "ReadFile" as readfile, read and file. Terms that are
// too short, too long or stop words are left out; a term may repeat.
// The bytes f is given are reused after it returns: f copies what it
// keeps (most terms are seen before, and cost no allocation at all).
func terms(text string, f func(term []byte)) {
	var buf []byte
	words(text, func(w string) {
		buf = appendLower(buf[:0], w)
		emit(buf, f)
		if !compound(w) {
			return
		}
		for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '.' || r == '_' }) {
			lower := strings.ToLower(part)
			if part != w {
				buf = append(buf[:0], lower...)
				emit(buf, f)
			}
			if hasHumps(part) {
				for _, h := range humps(part) {
					if h != lower {
						buf = append(buf[:0], h...)
						emit(buf, f)
					}
				}
			}
		}
	})
}

func emit(t []byte, f func([]byte)) {
	if len(t) >= minToken && len(t) <= maxToken && !stop[string(t)] {
		f(t)
	}
}

// appendLower appends w in lower case to b, as strings.ToLower would
// write it, without a new string for the ASCII words that most are.
func appendLower(b []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return append(b[:len(b)-i], strings.ToLower(w)...)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// compound says whether w has parts or humps: a '.' or '_', or an
// upper-case letter after its first rune.
func compound(w string) bool {
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= utf8.RuneSelf:
			return strings.ContainsAny(w, "._") || hasHumps(w)
		case c == '.' || c == '_' || i > 0 && 'A' <= c && c <= 'Z':
			return true
		}
	}
	return false
}

// hasHumps says whether w has an upper-case letter after its first rune.
func hasHumps(w string) bool {
	_, size := utf8.DecodeRuneInString(w)
	return strings.IndexFunc(w[size:], unicode.IsUpper) >= 0
}

// humps splits a camel-case word into lower-case parts: "ReadFile" →
// read, file; "HTTPServer" → http, server; "Pipe2" stays pipe2 (a digit
// does not start a hump).
func humps(w string) []string {
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
