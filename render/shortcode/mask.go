package shortcode

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// maxCalls is how many calls (and escapes) a body may have: the
// shortest tag, `{{<x>}}`, holds a placeholder of four hex digits.
const maxCalls = 0x10000

// placeholder returns the letters standing for a tag of n bytes: "ZQ",
// the number in hex, a kind letter (Q opening, R closing, X escape),
// then 'q' up to n bytes. No kind letter is a hex digit, so a placeholder
// is still one, and no other, once lower-cased into a heading's id.
func placeholder(id int, kind byte, n int) string {
	s := fmt.Sprintf("ZQ%x%c", id, kind)
	if len(s) > n {
		return "" // Parse refuses more than maxCalls
	}
	return s + strings.Repeat("q", n-len(s))
}

// placeholders finds placeholders in plain text made of a masked body.
var placeholders = regexp.MustCompile(`ZQ[0-9a-f]+[QRX]q*`)

// Clean removes placeholders from plain text made of a masked body, where
// no Result is at hand to give each call's text (Result.Text): the
// search index's parts, kept with a rendered article, and a link's
// destination, which tells a ref or relref call apart.
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
			open, _ := tagMask(body, c, 'Q')
			closing, _ := tagMask(body, c, 'R')
			put(c.Start, c.End, open)
			put(c.CloseStart, c.CloseEnd, closing)
		default:
			put(c.Start, c.End, placeholder(c.id, 'Q', c.End-c.Start))
		}
	}
	for j, e := range d.Escapes {
		if inside(raw, e.Start) || !code && d.inCode(e.Start) {
			continue
		}
		put(e.Start, e.End, placeholder(j, 'X', e.End-e.Start))
	}
	return out
}

// tagMask returns what masks the opening (kind Q) or closing (R) tag of
// c, a call whose inner content is Markdown, and the placeholder that
// stands for it in the HTML. A tag alone on its line is masked as an
// HTML comment of the letters, `<!--ZQ1Rqq-->`, which render/markdown
// renders as a paragraph of them: so Markdown sees a block boundary
// there, where a line of letters would be a lazy continuation of the
// paragraph, list item or quote above it, and the call's inner content
// ends with its closing tag.
func tagMask(body []byte, c *Call, kind byte) (mask, ph string) {
	start, end := c.Start, c.End
	if kind == 'R' {
		if !c.HasInner() {
			return "", ""
		}
		start, end = c.CloseStart, c.CloseEnd
	}
	if alone(body, start, end) {
		if ph := placeholder(c.id, kind, end-start-7); ph != "" {
			return "<!--" + ph + "-->", ph
		}
	}
	ph = placeholder(c.id, kind, end-start)
	return ph, ph
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
