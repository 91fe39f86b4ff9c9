package markdown

import (
	"encoding/binary"
	"errors"
	"fmt"
	"html/template"

	"github.com/pipedocs/pipedocs/render/snippet"
)

// A Store keeps rendered articles between builds, so that a page whose
// inputs have not changed is neither parsed nor highlighted again.
// cmd/pipedocs backs it with the results cache's on-disk store; this
// package declares only what it needs, so render never depends on runner.
//
// Get returns the data last Put under key, or false. A Store must never
// return data other than what was Put under that key: an entry it cannot
// vouch for (truncated, corrupted) must be a miss. NewKey starts a key
// whose first field is tag (see KeyHash). Every method must be safe for
// concurrent use.
type Store interface {
	Get(key [32]byte) ([]byte, bool)
	Put(key [32]byte, data []byte) error
	NewKey(tag string) KeyHash
}

// RenderStored is Render for a caller that has not parsed body: with a
// Store, it returns the article stored under the key of its inputs (see
// articleKey), skipping goldmark and chroma altogether; otherwise it
// parses and renders body and stores the result for next time. st may be
// nil, for no store.
//
// A Put that fails is ignored: the store is an optimisation, and a page
// that could not be stored is rendered again by the next build.
func (r *Renderer) RenderStored(st Store, body []byte, bodyStart int, snippets []snippet.Snippet, outcomes []snippet.Outcome) (Article, error) {
	if st == nil {
		return r.parseAndRender(body, bodyStart, snippets, outcomes)
	}
	key := r.articleKey(st.NewKey(rendererVersion()), body, bodyStart, snippets, outcomes)
	if data, ok := st.Get(key); ok {
		if a, err := decodeArticle(data); err == nil {
			return a, nil
		}
	}
	a, err := r.parseAndRender(body, bodyStart, snippets, outcomes)
	if err != nil {
		return a, err
	}
	_ = st.Put(key, encodeArticle(a))
	return a, nil
}

func (r *Renderer) parseAndRender(body []byte, bodyStart int, snippets []snippet.Snippet, outcomes []snippet.Outcome) (Article, error) {
	doc, errs := r.Parse(body)
	if len(errs) > 0 {
		return Article{}, fmt.Errorf("markdown: %w", errs[0])
	}
	return r.Render(body, bodyStart, doc, snippets, outcomes)
}

// encodeArticle lays a out as length-prefixed fields (uvarint lengths and
// numbers): Body, Summary, the number of TOC entries, then each entry's
// Level, ID and Text, the number of Parts, then each part's ID, Heading,
// Text and Code. A change to this layout must bump articleTag.
func encodeArticle(a Article) []byte {
	n := len(a.Body) + len(a.Summary) + 3*binary.MaxVarintLen64
	for _, h := range a.TOC {
		n += len(h.ID) + len(h.Text) + 3*binary.MaxVarintLen64
	}
	for _, p := range a.Parts {
		n += len(p.ID) + len(p.Heading) + len(p.Text) + len(p.Code) + 4*binary.MaxVarintLen64
	}
	b := make([]byte, 0, n)
	b = appendString(b, string(a.Body))
	b = appendString(b, a.Summary)
	b = binary.AppendUvarint(b, uint64(len(a.TOC)))
	for _, h := range a.TOC {
		b = binary.AppendUvarint(b, uint64(h.Level))
		b = appendString(b, h.ID)
		b = appendString(b, h.Text)
	}
	b = binary.AppendUvarint(b, uint64(len(a.Parts)))
	for _, p := range a.Parts {
		b = appendString(b, p.ID)
		b = appendString(b, p.Heading)
		b = appendString(b, p.Text)
		b = appendString(b, p.Code)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// errBadEntry is any entry that encodeArticle did not write.
var errBadEntry = errors.New("markdown: malformed stored article")

// decodeArticle reverses encodeArticle. It checks every length against
// what is left, so no entry can make it allocate or read out of bounds,
// and it rejects trailing bytes.
func decodeArticle(b []byte) (Article, error) {
	d := decoder{b: b}
	var a Article
	a.Body = template.HTML(d.string())
	a.Summary = d.string()
	if n := d.uvarint(); n > 0 && n <= uint64(len(d.b)) { // every entry takes at least 3 bytes
		a.TOC = make([]Heading, n)
		for i := range a.TOC {
			a.TOC[i] = Heading{Level: int(d.uvarint()), ID: d.string(), Text: d.string()}
		}
	} else if n > 0 {
		d.err = true
	}
	if n := d.uvarint(); n > 0 && n <= uint64(len(d.b)) { // every part takes at least 4 bytes
		a.Parts = make([]Part, n)
		for i := range a.Parts {
			a.Parts[i] = Part{ID: d.string(), Heading: d.string(), Text: d.string(), Code: d.string()}
		}
	} else if n > 0 {
		d.err = true
	}
	if d.err || len(d.b) != 0 {
		return Article{}, errBadEntry
	}
	return a, nil
}

// A decoder reads encodeArticle's fields; after the first error it reads
// zeros and remembers that it failed.
type decoder struct {
	b   []byte
	err bool
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err, d.b = true, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.err, d.b = true, nil
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}
