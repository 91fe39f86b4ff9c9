package shortcode

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"
)

// maxCalls is how many calls (and escapes) a body may have: the
// shortest tag, `{{<x>}}`, holds a placeholder of four hex digits.
const maxCalls = 0x10000

// placeholder returns the letters standing for a tag of n bytes: "ZQ",
// the number in hex, a kind letter (Q opening, R closing, E escape),
// then 'q' up to n bytes.
func placeholder(id int, kind byte, n int) string {
	s := fmt.Sprintf("ZQ%x%c", id, kind)
	if len(s) > n {
		return "" // Parse refuses more than maxCalls
	}
	return s + strings.Repeat("q", n-len(s))
}

// placeholders finds what is left of placeholders in text (a heading's
// plain text, a summary).
var placeholders = regexp.MustCompile(`ZQ[0-9a-f]+[QRE]q*`)

// Clean removes placeholders from plain text made of a masked body.
func Clean(s string) string {
	if !strings.Contains(s, "ZQ") {
		return s
	}
	return placeholders.ReplaceAllString(s, "")
}

// rawInner reports whether c's whole call, inner content included, is
// replaced by one placeholder: a call with inner content that is not
// Markdown. lib may be nil (built-ins only).
func (lib *Library) rawInner(c *Call) bool {
	return c.HasInner() && !lib.markdownInner(c)
}

// Mask returns a copy of body of the same length with each call's tags
// replaced by placeholders (see the package documentation). With code
// false the escapes inside code are left as written, so that a snippet
// found in the masked body runs the code as written; with code true
// they are masked too, for rendering.
func (d *Doc) Mask(body []byte, lib *Library, code bool) []byte {
	out := bytes.Clone(body)
	put := func(start, end int, s string) { copy(out[start:end], s) }
	var raw []*Call
	for _, c := range d.Calls {
		if inside(raw, c.Start) {
			continue
		}
		switch {
		case lib.rawInner(c):
			put(c.Start, c.CloseEnd, placeholder(c.id, 'Q', c.CloseEnd-c.Start))
			raw = append(raw, c)
		case c.HasInner():
			put(c.Start, c.End, placeholder(c.id, 'Q', c.End-c.Start))
			put(c.CloseStart, c.CloseEnd, placeholder(c.id, 'R', c.CloseEnd-c.CloseStart))
		default:
			put(c.Start, c.End, placeholder(c.id, 'Q', c.End-c.Start))
		}
	}
	for j, e := range d.Escapes {
		if inside(raw, e.Start) || !code && d.inCode(e.Start) {
			continue
		}
		put(e.Start, e.End, placeholder(j, 'E', e.End-e.Start))
	}
	return out
}

func inside(raw []*Call, off int) bool {
	for _, c := range raw {
		if c.Start <= off && off < c.CloseEnd {
			return true
		}
	}
	return false
}

func (d *Doc) inCode(off int) bool {
	for _, r := range d.Code {
		if r[0] <= off && off < r[1] {
			return true
		}
	}
	return false
}

// Expand replaces the placeholders in h, the HTML rendered from
// d.Mask(body, lib, true), by the escapes' text and the calls' output,
// innermost call first.
func (d *Doc) Expand(h string, body []byte, lib *Library, env *Env) (string, error) {
	for j, e := range d.Escapes {
		h = strings.Replace(h, placeholder(j, 'E', e.End-e.Start), html.EscapeString(e.Text), 1)
	}
	x := &expander{d: d, body: body, lib: lib, env: env, h: h, out: make([]string, len(d.Calls))}
	for _, c := range d.Top {
		if err := x.call(c, false); err != nil {
			return "", err
		}
	}
	return x.h, nil
}

type expander struct {
	d    *Doc
	body []byte
	lib  *Library
	env  *Env
	h    string
	out  []string // each call's output, by id
}

// call expands c's children, then c. In a raw call, nothing is in the
// HTML: the outputs go into the parent's inner text.
func (x *expander) call(c *Call, inRaw bool) error {
	raw := inRaw || x.lib.rawInner(c)
	for _, k := range c.Children {
		if err := x.call(k, raw); err != nil {
			return err
		}
	}
	var inner string
	if c.HasInner() && x.lib.rawInner(c) {
		inner = x.rawText(c)
	}
	openPH := placeholder(c.id, 'Q', c.End-c.Start)
	if c.HasInner() && !x.lib.rawInner(c) && !inRaw {
		return x.markdownCall(c, openPH)
	}
	if x.lib.rawInner(c) {
		openPH = placeholder(c.id, 'Q', c.CloseEnd-c.Start)
	}
	out, err := x.lib.render(c, inner, x.env)
	if err != nil {
		return err
	}
	x.out[c.id] = out
	if !inRaw {
		x.replace(openPH, out)
	}
	return nil
}

// replace puts out in the place of placeholder ph, and of the paragraph
// that holds nothing else.
func (x *expander) replace(ph, out string) {
	if p := "<p>" + ph + "</p>"; strings.Contains(x.h, p) {
		x.h = strings.Replace(x.h, p, out, 1)
		return
	}
	x.h = strings.Replace(x.h, ph, out, 1)
}

// markdownCall expands c, whose inner content was rendered as Markdown
// between its two placeholders.
func (x *expander) markdownCall(c *Call, openPH string) error {
	closePH := placeholder(c.id, 'R', c.CloseEnd-c.CloseStart)
	i := strings.Index(x.h, openPH)
	j := strings.Index(x.h, closePH)
	if i < 0 || j < i {
		// Raw HTML the Markdown renderer left out held it: nothing to place.
		_, err := x.lib.render(c, "", x.env)
		return err
	}
	start, innerStart := i, i+len(openPH)
	innerEnd, end := j, j+len(closePH)
	var pre, post string
	if alone(x.body, c.Start, c.End) && strings.HasSuffix(x.h[:i], "<p>") {
		start -= 3
		if strings.HasPrefix(x.h[innerStart:], "</p>") {
			innerStart += 4
		} else {
			pre = "<p>"
		}
	}
	if alone(x.body, c.CloseStart, c.CloseEnd) && strings.HasPrefix(x.h[end:], "</p>") {
		end += 4
		if strings.HasSuffix(x.h[:innerEnd], "<p>") {
			innerEnd -= 3
		} else {
			post = "</p>"
		}
	}
	if innerEnd < innerStart {
		innerEnd = innerStart
	}
	inner := pre + strings.TrimLeft(x.h[innerStart:innerEnd], "\n") + post
	out, err := x.lib.render(c, inner, x.env)
	if err != nil {
		return err
	}
	x.out[c.id] = out
	x.h = x.h[:start] + out + x.h[end:]
	return nil
}

// alone reports whether only spaces share the lines of body[start:end].
func alone(body []byte, start, end int) bool {
	ls := bytes.LastIndexByte(body[:start], '\n') + 1
	le := bytes.IndexByte(body[end:], '\n')
	if le < 0 {
		le = len(body) - end
	}
	return len(bytes.TrimSpace(body[ls:start])) == 0 && len(bytes.TrimSpace(body[end:end+le])) == 0
}

// rawText is c's inner source with its children's calls replaced by
// their output and escapes by their text.
func (x *expander) rawText(c *Call) string {
	var b strings.Builder
	at := c.End
	type piece struct {
		start, end int
		text       string
	}
	var pieces []piece
	for _, k := range c.Children {
		end := k.End
		if k.HasInner() {
			end = k.CloseEnd
		}
		pieces = append(pieces, piece{k.Start, end, x.out[k.id]})
	}
	for _, e := range x.d.Escapes {
		if c.End <= e.Start && e.End <= c.CloseStart && !x.inChild(c, e.Start) {
			pieces = append(pieces, piece{e.Start, e.End, e.Text})
		}
	}
	sortPieces := func() {
		for i := 1; i < len(pieces); i++ {
			for j := i; j > 0 && pieces[j].start < pieces[j-1].start; j-- {
				pieces[j], pieces[j-1] = pieces[j-1], pieces[j]
			}
		}
	}
	sortPieces()
	for _, p := range pieces {
		b.Write(x.body[at:p.start])
		b.WriteString(p.text)
		at = p.end
	}
	b.Write(x.body[at:c.CloseStart])
	return b.String()
}

func (x *expander) inChild(c *Call, off int) bool {
	for _, k := range c.Children {
		if k.Start <= off && off < max(k.End, k.CloseEnd) {
			return true
		}
	}
	return false
}
