package shortcode

import (
	"bytes"
	"fmt"
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
		put(e.Start, e.End, placeholder(j, 'X', e.End-e.Start))
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
