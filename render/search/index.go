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
// pages, and its terms are packed in one slice: a site's Docs wait in
// memory until the last page is rendered.
type Doc struct {
	page     Page
	headings []string // id, text, id, text, …
	terms    []byte   // sorted by term: each term, a 0 byte, its score as a byte (terms hold no 0)
}

// each calls f with each term of d and its score, in term order.
func (d *Doc) each(f func(term []byte, score int)) {
	for b := d.terms; len(b) > 0; {
		i := bytes.IndexByte(b, 0)
		f(b[:i], int(b[i+1]))
		b = b[i+2:]
	}
}

type scored struct {
	term  string
	score int
}

// A Part is a stretch of a page's text under one heading, as
// render/markdown's Part gathers it while it renders: the first, the
// page's opening, has no heading; each h2 and h3 with an id starts
// another. Text is prose, Code the page's code; words are separated by
// spaces and nothing is escaped.
type Part struct {
	ID, Heading string
	Text, Code  string
}

// field is where a piece of a page's text stands, which sets its weight.
type field int

const (
	fieldText field = iota
	fieldCode
	fieldSummary
	fieldHeading
	fieldTitle
	numFields
)

// weights are a term's score per occurrence in each field: a word in the
// title says far more about a page than one in its prose.
var weights = [numFields]int{fieldText: 1, fieldCode: 3, fieldSummary: 4, fieldHeading: 6, fieldTitle: 10}

// NewDoc makes the index's document of a page from its parts. It is safe
// to call for many pages at once.
func NewDoc(p Page, parts []Part) Doc {
	p.Summary = cut(strings.Join(strings.Fields(p.Summary), " "), maxSummary)
	d := Doc{page: p, headings: make([]string, 0, 2*len(parts))}
	var list []scored
	at := make(map[string]int, 256) // a term's place in list
	add := func(f field, text string) {
		w := weights[f]
		terms(text, func(b []byte) {
			if i, ok := at[string(b)]; ok {
				list[i].score = min(list[i].score+w, maxScore)
				return
			}
			t := string(b)
			at[t] = len(list)
			list = append(list, scored{t, min(w, maxScore)})
		})
	}
	add(fieldTitle, p.Title)
	add(fieldSummary, p.Summary)
	for i, pt := range parts {
		if i > 0 {
			d.headings = append(d.headings, pt.ID, strings.Join(strings.Fields(pt.Heading), " "))
		}
		add(fieldHeading, pt.Heading)
		add(fieldText, pt.Text)
		add(fieldCode, pt.Code)
	}
	slices.SortFunc(list, func(a, b scored) int { return strings.Compare(a.term, b.term) })
	n := 0
	for _, t := range list {
		n += len(t.term) + 2
	}
	d.terms = make([]byte, 0, n)
	for _, t := range list {
		d.terms = append(append(d.terms, t.term...), 0, byte(t.score))
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
	type posting struct {
		b    []byte
		last int // the page of the term's last posting
	}
	postings := map[string]*posting{}
	for i, d := range docs {
		p := d.page
		x.Pages[i] = []any{p.URL, p.Title, p.Section, p.Summary, d.headings}
		d.each(func(t []byte, score int) {
			ps := postings[string(t)]
			if ps == nil {
				ps = &posting{}
				postings[string(t)] = ps
			}
			ps.b = append(appendNumber(ps.b, i-ps.last), digits[score])
			ps.last = i
		})
	}
	x.Words = make([]string, 0, len(postings))
	for w := range postings {
		x.Words = append(x.Words, w)
	}
	slices.Sort(x.Words)
	x.Posts = make([]string, len(x.Words))
	for i, w := range x.Words {
		x.Posts[i] = string(postings[w].b)
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
