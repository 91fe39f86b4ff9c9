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

// nextWord returns the first word of s[i:] and the index after it, or
// "" at the end of s. A word is a maximal run of word runes with its dots
// trimmed from both ends, so that a sentence's full stop is not part of
// its last word. This is how the script splits a query.
func nextWord(s string, i int) (word string, next int) {
	for i < len(s) {
		j := wordEnd(s, i)
		if j == i { // not a word rune: skip it
			_, n := runeAt(s, i)
			i += n
			continue
		}
		start, end := i, j
		for start < end && s[start] == '.' {
			start++
		}
		for end > start && s[end-1] == '.' {
			end--
		}
		if start < end {
			return s[start:end], j
		}
		i = j
	}
	return "", len(s)
}

// wordEnd returns the end of the run of word runes at s[i:].
func wordEnd(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			return i
		}
		i += n
	}
	return i
}

// runeAt decodes the rune at s[i], with a fast path for ASCII.
func runeAt(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// terms calls f with the index terms of text: for each word, the word
// in lower case, then its parts (split at '.' and '_') and the parts'
// camel-case humps, so that "unix.Pipe2" is found as unix.pipe2, unix
// and pipe2, and "ReadFile" as readfile, read and file. Terms that are
// too short, too long or stop words are left out; a term may repeat.
// The bytes f is given are reused after it returns: f copies what it
// keeps (most terms are seen before, and cost no allocation at all).
func terms(text string, f func(term []byte)) {
	var buf, part []byte
	for i := 0; i < len(text); {
		var w string
		if w, i = nextWord(text, i); w == "" {
			return
		}
		buf = appendLower(buf[:0], w)
		emit(buf, f)
		if compound(w) {
			buf, part = emitParts(w, buf, part, f)
		}
	}
}

// emitParts calls f with the parts of the word w and their humps, in lower
// case, but not with a part that is w itself, nor a hump that is its
// whole part. buf and part are scratch space, returned for reuse.
func emitParts(w string, buf, part []byte, f func([]byte)) ([]byte, []byte) {
	for rest := w; rest != ""; {
		p := rest
		if i := strings.IndexAny(rest, "._"); i >= 0 {
			p, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if p == "" {
			continue
		}
		part = appendLower(part[:0], p)
		if p != w {
			emit(part, f)
		}
		for start := 0; start < len(p); {
			end := nextHump(p, start)
			buf = appendLower(buf[:0], p[start:end])
			if string(buf) != string(part) {
				emit(buf, f)
			}
			start = end
		}
	}
	return buf, part
}

func emit(t []byte, f func([]byte)) {
	if len(t) >= minToken && len(t) <= maxToken && !isStop(t) {
		f(t)
	}
}

// isStop says whether t is a stop word; none is longer than five bytes.
func isStop(t []byte) bool { return len(t) <= 5 && stop[string(t)] }

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

// nextHump returns where the camel-case hump of w that starts at start
// ends: before an upper-case letter that follows a lower-case letter or
// a digit, or that follows an upper-case letter and precedes a lower-case
// one. So "ReadFile" is read, file; "HTTPServer" http, server; "Pipe2"
// stays pipe2 (a digit does not start a hump).
func nextHump(w string, start int) int {
	prev, n := runeAt(w, start)
	for j := start + n; j < len(w); j += n {
		var cur rune
		cur, n = runeAt(w, j)
		if unicode.IsUpper(cur) {
			if unicode.IsLower(prev) || unicode.IsDigit(prev) {
				return j
			}
			if j+n < len(w) && unicode.IsUpper(prev) {
				if next, _ := runeAt(w, j+n); unicode.IsLower(next) {
					return j
				}
			}
		}
		prev = cur
	}
	return len(w)
}
