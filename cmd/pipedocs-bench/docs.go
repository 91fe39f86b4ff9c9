package main

import (
	"embed"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// skeleton is the Hugo site around the generated content (hugo.toml and one
// template per page kind) and the pipedocs.toml that puts the same site in
// opt-in mode. "all:" because Hugo's layouts/_default starts with "_".
//
//go:embed all:skeleton
var skeleton embed.FS

// articleWords is the length of an article's prose, code not counted.
const articleWords = 1100

// genDocs writes the docs corpus: n articles under content/ and the site
// skeleton, into dir.
func genDocs(dir string, n int, seed uint64) error {
	t, err := newTree(dir)
	if err != nil {
		return err
	}
	sub, err := fs.Sub(skeleton, "skeleton")
	if err != nil {
		return err
	}
	if err := t.copyFS(sub); err != nil {
		return err
	}
	for i := range n {
		a := genArticle(seed, i)
		if err := t.write(a.path, a.text); err != nil {
			return err
		}
	}
	return nil
}

// A doc is one generated file: its path under the corpus root and its bytes.
type doc struct {
	path string
	text []byte
}

// epoch is the date of article 0; article i is dated i×7h later, so the
// home page's newest-first order is the reverse of the index order.
var epoch = time.Date(2020, 1, 6, 9, 0, 0, 0, time.UTC)

// genArticle generates article i. Its random source is seeded by (seed, i)
// alone, so article i is the same whatever the size of the corpus.
func genArticle(seed uint64, i int) doc {
	p := &prose{r: rand.New(rand.NewPCG(seed, uint64(i)))}
	section := p.pick(sections)
	slug := fmt.Sprintf("%s-%s-%04d", strings.ReplaceAll(p.pick(adjectives), "-", ""), strings.ReplaceAll(p.pick(nouns), " ", "-"), i)
	noun := p.pick(nouns)

	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\n", strconv.Quote(fmt.Sprintf("%s: %s %s, part %d", title(section), p.pick(adjectives), noun, i)))
	fmt.Fprintf(&b, "date = %s\n", epoch.Add(time.Duration(i)*7*time.Hour+time.Duration(p.r.IntN(3600))*time.Second).Format(time.RFC3339))
	fmt.Fprintf(&b, "categories = [%s]\n", quoteList(p.distinct(sections, p.between(1, 2))))
	fmt.Fprintf(&b, "tags = [%s]\n", quoteList(p.distinct(tagWords, p.between(2, 4))))
	fmt.Fprintf(&b, "description = %s\n", strconv.Quote(fmt.Sprintf("How %s %s %s, with %s examples.", p.phrase(), p.pick(verbs), p.phrase(), p.pick(adjectives))))
	b.WriteString("+++\n\n")
	p.words = 0

	nsec := p.between(6, 8)
	heads := p.distinct(headings, nsec)
	// Which section holds what: one table, two lists, and 4–6 code blocks
	// at most one a section, spread by a shuffle.
	order := p.r.Perm(nsec)
	blocks := make([]bool, nsec)
	for _, s := range order[:p.between(4, 6)] {
		blocks[s] = true
	}
	table := p.r.IntN(nsec)
	lists := p.r.Perm(nsec)[:2]

	b.WriteString(p.paragraph())
	for s, h := range heads {
		fmt.Fprintf(&b, "\n## %s\n\n", h)
		b.WriteString(p.paragraph())
		if blocks[s] {
			b.WriteByte('\n')
			p.codeBlock(s).fence(&b)
		}
		if s == table {
			b.WriteByte('\n')
			b.WriteString(p.table())
		}
		if s == lists[0] || s == lists[1] {
			b.WriteByte('\n')
			b.WriteString(p.list())
		}
		// Fill each section to its share of the article's length.
		for p.words < articleWords*(s+1)/nsec {
			b.WriteByte('\n')
			b.WriteString(p.paragraph())
		}
	}
	return doc{path: fmt.Sprintf("content/%s/%s.md", section, slug), text: []byte(b.String())}
}

// distinct picks k different entries of list, in list order.
func (p *prose) distinct(list []string, k int) []string {
	idx := p.r.Perm(len(list))[:k]
	out := make([]string, 0, k)
	for j := range list {
		for _, x := range idx {
			if x == j {
				out = append(out, list[j])
			}
		}
	}
	return out
}

// quoteList formats strings as the inside of a TOML array.
func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
