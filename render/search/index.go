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

// A Doc is a page ready for the index: its Page and the scored terms of
// each of its parts. It holds no HTML, so a site's Docs are small next
// to its pages.
type Doc struct {
	page  Page
	parts []docPart
}

type docPart struct {
	id, heading string
	terms       []scored // by term
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
	d := Doc{page: p, parts: make([]docPart, len(parts))}
	for i, pt := range parts {
		scores := map[string]int{}
		add := func(f field, text string) {
			terms(text, func(t string) { scores[t] = min(scores[t]+weights[f], maxScore) })
		}
		if i == 0 {
			add(fieldTitle, p.Title)
		}
		for f := range numFields {
			add(f, pt.text[f].String())
		}
		ts := make([]scored, 0, len(scores))
		for t, s := range scores {
			ts = append(ts, scored{t, s})
		}
		slices.SortFunc(ts, func(a, b scored) int { return strings.Compare(a.term, b.term) })
		d.parts[i] = docPart{id: pt.id, heading: pt.heading, terms: ts}
	}
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
	Posts   [][]int  `json:"posts"`
}

// Build returns the search index of docs, in their order, as a script
// that sets window.pipedocsSearch. The bytes depend only on docs: terms
// are sorted, nothing records the time, so the same site gives the same
// index.
func Build(docs []Doc) []byte {
	x := index{Version: 1, Stop: stopWords, Pages: make([][]any, len(docs))}
	type posting struct{ part, score int }
	postings := map[string][]posting{}
	part := 0
	for i, d := range docs {
		p := d.page
		heads := make([]string, 0, 2*(len(d.parts)-1))
		for j, pt := range d.parts {
			if j > 0 {
				heads = append(heads, pt.id, pt.heading)
			}
			for _, t := range pt.terms {
				postings[t.term] = append(postings[t.term], posting{part, t.score})
			}
			part++
		}
		x.Pages[i] = []any{p.URL, p.Title, p.Section, p.Summary, heads}
	}
	x.Words = make([]string, 0, len(postings))
	for w := range postings {
		x.Words = append(x.Words, w)
	}
	slices.Sort(x.Words)
	x.Posts = make([][]int, len(x.Words))
	for i, w := range x.Words {
		ps := postings[w] // in part order: parts were numbered in order
		flat := make([]int, 0, 2*len(ps))
		prev := 0
		for _, p := range ps {
			flat = append(flat, p.part-prev, p.score)
			prev = p.part
		}
		x.Posts[i] = flat
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
