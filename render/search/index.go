package search

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
)

// A Page is what a search result shows of a page.
type Page struct {
	URL     string // site-relative, e.g. "pipes/basics/"; the script resolves it against the site root
	Title   string
	Section string // the section's title; may be empty
	Summary string // shown under the title; cut to maxSummary bytes
}

// maxSummary bounds a result's summary: a line or two is all a result
// list shows, and summaries are much of the index's size.
const maxSummary = 160

// maxScore caps a term's score in one part, so that a word repeated a
// hundred times does not outrank one in a title.
const maxScore = 60

// A Doc is a page ready for the index: its Page, its headings and its
// scored terms. It holds no HTML, so a site's Docs are small next to its
// pages.
type Doc struct {
	page     Page
	headings []string // id, text, id, text, …
	terms    []scored // by term
}

type scored struct {
	term  string
	score int
}

// NewDoc scans the HTML of a rendered article body (render/markdown's
// output) for the index. It is safe to call for many pages at once.
func NewDoc(p Page, body string) Doc {
	p.Summary = cut(strings.Join(strings.Fields(p.Summary), " "), maxSummary)
	parts := extract(body)
	d := Doc{page: p, headings: make([]string, 0, 2*(len(parts)-1))}
	scores := map[string]int{}
	add := func(f field, text string) {
		terms(text, func(t string) {
			s, seen := scores[t]
			if !seen {
				// t may be a slice of the page's whole text: keep
				// only the term.
				t = strings.Clone(t)
			}
			scores[t] = min(s+weights[f], maxScore)
		})
	}
	add(fieldTitle, p.Title)
	add(fieldSummary, p.Summary)
	for i, pt := range parts {
		if i > 0 {
			// Clones: an id is a slice of the body, which must not
			// be kept alive with the Doc.
			d.headings = append(d.headings, strings.Clone(pt.id), strings.Clone(pt.heading))
		}
		for f := range numFields {
			add(f, pt.text[f].String())
		}
	}
	d.terms = make([]scored, 0, len(scores))
	for t, s := range scores {
		d.terms = append(d.terms, scored{t, s})
	}
	slices.SortFunc(d.terms, func(a, b scored) int { return strings.Compare(a.term, b.term) })
	return d
}

// cut shortens s to at most n bytes at a word boundary, with an ellipsis.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	if i := strings.LastIndexByte(s, ' '); i > n/2 {
		s = s[:i]
	}
	return strings.TrimRight(s, " ,.;:") + "…"
}

// The index, as the script reads it (see doc.go for the format).
type index struct {
	Version int      `json:"v"`
	Stop    []string `json:"stop"`
	Pages   [][]any  `json:"pages"`
	Words   []string `json:"words"`
	Posts   []string `json:"posts"`
}

// digits are the 64 characters of the postings' number encoding; none
// needs escaping in JSON.
const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// appendNumber appends n in 5-bit groups, lowest first: digits 32–63
// carry a group and say that more follow, digits 0–31 end the number.
func appendNumber(b []byte, n int) []byte {
	for n >= 32 {
		b = append(b, digits[32+n&31])
		n >>= 5
	}
	return append(b, digits[n])
}

// Build returns the search index of docs, in their order, as a script
// that sets window.pipedocsSearch. The bytes depend only on docs: terms
// are sorted, nothing records the time, so the same site gives the same
// index.
func Build(docs []Doc) []byte {
	x := index{Version: 1, Stop: stopWords, Pages: make([][]any, len(docs))}
	postings := map[string][]byte{}
	last := map[string]int{} // the page of each term's last posting
	for i, d := range docs {
		p := d.page
		x.Pages[i] = []any{p.URL, p.Title, p.Section, p.Summary, d.headings}
		for _, t := range d.terms {
			prev, seen := last[t.term]
			if !seen {
				prev = 0
			}
			postings[t.term] = append(appendNumber(postings[t.term], i-prev), digits[t.score])
			last[t.term] = i
		}
	}
	x.Words = make([]string, 0, len(postings))
	for w := range postings {
		x.Words = append(x.Words, w)
	}
	slices.Sort(x.Words)
	x.Posts = make([]string, len(x.Words))
	for i, w := range x.Words {
		x.Posts[i] = string(postings[w])
	}
	var buf bytes.Buffer
	buf.WriteString("window.pipedocsSearch=")
	enc := json.NewEncoder(&buf) // escapes <, > and &, and U+2028/9: safe in a script
	if err := enc.Encode(x); err != nil {
		panic(err) // strings, ints and slices of them always encode
	}
	buf.Truncate(buf.Len() - 1) // Encode's newline
	buf.WriteString(";\n")
	return buf.Bytes()
}
